"""Every saved version of an entry, oldest first; choose one to read it as it was."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Markdown, OptionList, Static
from textual.widgets.option_list import Option

from journal.domain.model import Revision
from journal.present.entry_text import entry_markdown
from journal.present.revisions import revision_actions, saved_at
from journal.screens import HelpSection, host
from journal.widgets.footer import KeysFooter


def describe(revisions: list[Revision]) -> list[str]:
    """One line per version: when it was saved (or "time unknown" for a clock that ran ahead)
    and what it did."""
    return [f"{saved_at(rev.clock, '%d %b %Y %H:%M', short=True)}  {what}"
            for rev, what in zip(revisions, revision_actions(revisions), strict=True)]


class HistoryScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HistoryScreen { align: center middle; }
    HistoryScreen > Horizontal { width: 95%; height: 90%; border: thick $accent;
        background: $surface; }
    HistoryScreen OptionList { width: 36; height: 100%; }
    HistoryScreen Markdown { width: 1fr; height: 100%; overflow-y: auto; padding: 0 1; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Close", id="history.close",
                        tooltip="Close the history")]
    HELP_SECTION = HelpSection("History",
                               keys=(("up,down", "A saved version: read it as it was"),))

    def __init__(self, entry_id: str) -> None:
        super().__init__()
        self.entry_id = entry_id
        self.revisions: list[Revision] = []

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(id="revisions")
            yield Markdown("", open_links=False)
        yield Static("", id="history-status")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True, exit_on_error=False)
    async def load(self) -> None:
        app = host(self)
        self.revisions = await app.run_store(app.session.history, self.entry_id)
        options = self.query_one(OptionList)
        options.set_options([Option(label, id=str(n))
                             for n, label in enumerate(describe(self.revisions))])
        options.highlighted = len(self.revisions) - 1
        options.focus()

    @on(OptionList.OptionHighlighted)
    async def show(self, event: OptionList.OptionHighlighted) -> None:
        rev = self.revisions[int(event.option.id or 0)]
        text = entry_markdown(rev.entry, host(self).session.catalogue) if rev.entry else \
            f"This version cannot be opened: {rev.error}"
        await self.query_one(Markdown).update(text)
