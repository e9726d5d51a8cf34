"""Read one entry: its text rendered, its marks and checks, delete with undo, and history."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Markdown, Static

from journal.domain.model import Entry
from journal.present.entry_text import entry_markdown
from journal.screens import HelpSection, host
from journal.widgets.footer import KeysFooter


class EntryScreen(Screen[str | None]):
    """Dismissed with the entry id, so the timeline keeps its place."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="entry.back", tooltip="Back to the timeline"),
        Binding("e", "edit", "Edit", id="entry.edit", tooltip="Change this entry"),
        Binding("d", "delete", "Delete", id="entry.delete",
                tooltip="Delete this entry (u undoes)"),
        Binding("u", "undo", "Undo delete", id="entry.undo",  # shown once there is one
                tooltip="Bring a deleted entry back"),
        Binding("h", "history", "History", id="entry.history",
                tooltip="History: every saved version of this entry"),
    ]
    HELP_SECTION = HelpSection("Reading an entry")

    def __init__(self, entry_id: str) -> None:
        super().__init__()
        self.entry_id = entry_id
        self.entry: Entry | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="entry-view"):
            yield Static("Opening…", id="entry-status")
            yield Markdown("", id="entry-text", open_links=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True, group="entry", exit_on_error=False)
    async def load(self) -> None:
        app = host(self)
        try:
            self.entry = await app.run_store(app.session.get, self.entry_id)
        except Exception as exc:  # a damaged revision: say so, keep the app running
            self.query_one("#entry-status", Static).update(
                Content(f"This entry cannot be opened: {exc}"))
            return
        self.query_one("#entry-status", Static).display = False
        await self.query_one(Markdown).update(
            entry_markdown(self.entry, app.session.catalogue))
        self.query_one("#entry-view").focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A deleted entry can be brought back; only one that is not can be edited or deleted."""
        if action in ("edit", "delete", "undo"):
            deleted = self.entry is not None and self.entry.deleted
            return deleted if action == "undo" else not deleted
        return True

    def action_back(self) -> None:
        self.dismiss(self.entry_id)

    def action_edit(self) -> None:
        from journal.screens.editor import EditorScreen

        if self.entry is None or self.entry.deleted:
            return
        self.app.push_screen(EditorScreen(self.entry), callback=self._reload)

    def _reload(self, _changed: object = None) -> None:
        self.load()

    @work(exclusive=True, group="entry", exit_on_error=False)
    async def action_delete(self) -> None:
        app = host(self)
        if self.entry is None or self.entry.deleted:
            return
        await app.run_store(app.session.delete, self.entry_id)
        self.notify("Entry deleted. u brings it back, here or on the timeline; D on the "
                    "timeline lists every deleted entry.", timeout=10)
        app.sync_soon()
        self.load()

    @work(exclusive=True, group="entry", exit_on_error=False)
    async def action_undo(self) -> None:
        app = host(self)
        if self.entry is None or not self.entry.deleted:
            return
        await app.run_store(app.session.restore, self.entry_id)
        self.notify("Entry restored.", timeout=3)
        app.sync_soon()
        self.load()

    def action_history(self) -> None:
        from journal.screens.dialogs.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.entry_id))
