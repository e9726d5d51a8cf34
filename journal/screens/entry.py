"""Read one entry: its text rendered, its marks and checks, delete with undo, and history."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static

from journal.domain.model import Entry
from journal.present.entry_text import entry_markdown


class EntryScreen(Screen[str | None]):
    """Dismissed with the entry id, so the timeline keeps its place."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="entry.back"),
        Binding("e", "edit", "Edit", id="entry.edit", tooltip="Change this entry"),
        Binding("d", "delete", "Delete", id="entry.delete", tooltip="Delete (u undoes)"),
        Binding("u", "undo", "Undo delete", id="entry.undo", show=False),
        Binding("h", "history", "History", id="entry.history",
                tooltip="Every saved version of this entry"),
    ]

    def __init__(self, entry_id: str) -> None:
        super().__init__()
        self.entry_id = entry_id
        self.entry: Entry | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="entry-view"):
            yield Static("Opening…", id="entry-status")
            yield Markdown("", id="entry-text", open_links=False)
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True, group="entry", exit_on_error=False)
    async def load(self) -> None:
        try:
            self.entry = await self.app.run_store(self.app.session.get, self.entry_id)
        except Exception as exc:  # a damaged revision: say so, keep the app running
            self.query_one("#entry-status", Static).update(f"This entry cannot be opened: {exc}")
            return
        self.query_one("#entry-status", Static).display = False
        await self.query_one(Markdown).update(
            entry_markdown(self.entry, self.app.session.catalogue))
        self.query_one("#entry-view").focus()

    def action_back(self) -> None:
        self.dismiss(self.entry_id)

    def action_edit(self) -> None:
        from journal.screens.editor import EditorScreen

        if self.entry is None or self.entry.deleted:
            return
        self.app.push_screen(EditorScreen(self.entry), callback=lambda _saved: self.load())

    @work(exclusive=True, group="entry", exit_on_error=False)
    async def action_delete(self) -> None:
        if self.entry is None or self.entry.deleted:
            return
        await self.app.run_store(self.app.session.delete, self.entry_id)
        self.notify("Entry deleted. Press u to undo.", timeout=6)
        self.app.sync_soon()
        self.load()

    @work(exclusive=True, group="entry", exit_on_error=False)
    async def action_undo(self) -> None:
        if self.entry is None or not self.entry.deleted:
            return
        await self.app.run_store(self.app.session.restore, self.entry_id)
        self.notify("Entry restored.", timeout=3)
        self.app.sync_soon()
        self.load()

    def action_history(self) -> None:
        from journal.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.entry_id))
