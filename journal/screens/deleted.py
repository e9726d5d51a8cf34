"""Deleted entries, the most recently deleted first: read one, or bring it back.

Deleting is one key and writes a tombstone; the entry's content stays in its history. This is
where a delete is undone long after the "u undoes" moment has passed, or after the app was
closed: each row says what the entry was and when it was deleted.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from journal.domain.model import Entry
from journal.domain.schema import preview_of
from journal.present.revisions import saved_at
from journal.screens import HelpSection, host
from journal.widgets.footer import KeysFooter

NONE_DELETED = "No deleted entries: nothing to bring back."


def named(entry: Entry) -> str:
    """The entry as the timeline names it: its title, else the start of its text."""
    return entry.title or preview_of(entry.body) or "(untitled)"


def deleted_label(entry: Entry) -> str:
    """One row: when it was deleted, then what the entry was."""
    deleted = saved_at(entry.updated, "%d %b %Y %H:%M", short=True)
    return f"deleted {deleted}  ·  {named(entry)}  ({entry.kind.value}, {entry.when:%d %b %Y})"


class DeletedScreen(Screen[str | None]):
    """Dismissed with the id of the last entry brought back, or None."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="deleted.back", tooltip="Back to the timeline"),
        Binding("r,u", "restore", "Restore", id="deleted.restore",
                tooltip="Bring the highlighted entry back"),
    ]
    HELP_SECTION = HelpSection("Deleted entries", keys=(
        ("enter", "Read the deleted entry (u there brings it back too)"),))

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Entry] = []
        self.restored: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("Deleted entries", classes="title")
        yield Static("Loading…", id="deleted-status", classes="explain")
        yield OptionList(id="deleted-list")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True, group="deleted", exit_on_error=False)
    async def load(self) -> None:
        app = host(self)
        self.entries = await app.run_store(app.session.deleted)
        options = self.query_one(OptionList)
        options.set_options([Option(Content(deleted_label(e)), id=e.id) for e in self.entries])
        self._say()
        if self.entries:
            options.highlighted = 0
        options.focus()
        self.refresh_bindings()

    def _say(self) -> None:
        n = len(self.entries)
        self.query_one("#deleted-status", Static).update(
            NONE_DELETED if not n else
            f"{n} deleted {'entry' if n == 1 else 'entries'}, kept with every version. "
            "r brings the highlighted one back; Enter reads it.")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            return bool(self.entries)
        return True

    def _highlighted(self) -> Entry | None:
        index = self.query_one(OptionList).highlighted
        return self.entries[index] if index is not None and index < len(self.entries) else None

    @work(exclusive=True, group="deleted", exit_on_error=False)
    async def action_restore(self) -> None:
        app = host(self)
        entry = self._highlighted()
        if entry is None:
            return
        await app.run_store(app.session.restore, entry.id)
        self.restored = entry.id
        self.notify(f"Restored: {named(entry)}", timeout=4, markup=False)
        app.sync_soon()
        self.entries = [e for e in self.entries if e.id != entry.id]
        self.query_one(OptionList).remove_option(entry.id)
        self._say()
        self.refresh_bindings()

    @on(OptionList.OptionSelected)
    def read(self, event: OptionList.OptionSelected) -> None:
        from journal.screens.entry import EntryScreen

        if event.option.id is not None:
            self.app.push_screen(EntryScreen(event.option.id), callback=self._back)

    def _back(self, _entry_id: str | None) -> None:
        self.load()  # it may have been brought back there

    def action_back(self) -> None:
        self.dismiss(self.restored)
