"""Autosaved drafts offered back after a crash, a closed terminal or an auto-lock.

The line above the list names the keys as the footer does ("del", not a second key of its own),
so the two never disagree."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from journal.screens import HelpSection, host
from journal.session.drafts import Draft
from journal.widgets.footer import KeysFooter


class DraftsScreen(ModalScreen[Draft | None]):
    DEFAULT_CSS = """
    DraftsScreen { align: center middle; }
    DraftsScreen > Vertical { width: 80; max-width: 98%; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 1 2; }
    DraftsScreen OptionList { height: auto; max-height: 14; }
    """
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Later", id="drafts.later",
                tooltip="Decide later: the drafts stay kept"),
        Binding("delete", "discard", "Discard draft", id="drafts.discard",
                tooltip="Discard the highlighted draft"),
    ]
    HELP_SECTION = HelpSection("Drafts kept for you",
                               keys=(("enter", "Carry on writing the draft"),))

    def __init__(self, drafts: list[Draft]) -> None:
        super().__init__()
        self.drafts = drafts

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Unfinished writing was kept for you", classes="title")
            yield Static("Enter to carry on writing, del to discard, Escape to decide later.")
            yield OptionList(*[Option(Content(d.label), id=d.draft_id) for d in self.drafts],
                             id="draft-list")
        yield KeysFooter()

    @on(OptionList.OptionSelected)
    def resume(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(next(d for d in self.drafts if d.draft_id == event.option.id))

    @work(exclusive=True, exit_on_error=False)
    async def action_discard(self) -> None:
        app = host(self)
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        draft_id = options.get_option_at_index(options.highlighted).id
        if draft_id is None:
            return
        await app.run_store(app.session.discard_draft, draft_id)
        self.drafts = [d for d in self.drafts if d.draft_id != draft_id]
        options.remove_option(draft_id)
        if not self.drafts:
            self.dismiss(None)
