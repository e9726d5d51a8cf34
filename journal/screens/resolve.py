"""Two versions of one entry side by side: keep one, or edit a merge of them.

Keeping writes a new revision whose parents are every version, with the kept one's content; the
others stay in the entry's history. Editing opens the editor on the version in focus, and saving
it merges every version the same way."""

from __future__ import annotations

from dataclasses import replace

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown, Static

from journal.domain.model import Entry
from journal.present.entry_text import entry_markdown
from journal.present.revisions import saved_at
from journal.screens import HelpSection, host
from journal.widgets.footer import KeysFooter


class VersionPane(VerticalScroll, can_focus=True):
    """One version: when it was saved, then the entry as the entry screen shows it."""

    def __init__(self, entry: Entry, number: int) -> None:
        super().__init__(id=f"version-{number}", classes="version")
        self.entry = entry
        self.number = number

    def compose(self) -> ComposeResult:
        saved = saved_at(self.entry.updated, "%d %b %H:%M")
        yield Static(f"Version {self.number} · saved {saved} · {self.entry.revision_id[:8]}",
                     classes="version-head")
        alone = replace(self.entry, versions=1)  # each pane is one version: no "2 versions" note
        yield Markdown(entry_markdown(alone, host(self).session.catalogue), open_links=False)


class ResolveScreen(Screen[bool]):
    """Dismissed with True once the writer chose (or merged), False if they left."""

    BINDINGS = [
        Binding("escape", "dismiss(False)", "Back", id="resolve.back",
                tooltip="Back, choosing nothing"),
        Binding("left,right,tab", "other", "Other version", id="resolve.other",
                tooltip="The other version"),
        Binding("k", "keep", "Keep this version", id="resolve.keep",
                tooltip="Keep the version in focus (the other stays in its history)"),
        Binding("e", "edit", "Edit a merge", id="resolve.edit",
                tooltip="Edit a merge: open the version in focus; saving merges all versions"),
    ]
    HELP_SECTION = HelpSection("Two versions side by side")

    def __init__(self, entry_id: str) -> None:
        super().__init__()
        self.entry_id = entry_id
        self.versions: list[Entry] = []

    def compose(self) -> ComposeResult:
        yield Static("Loading the versions…", id="resolve-status")
        yield Horizontal(id="versions")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True, exit_on_error=False)
    async def load(self) -> None:
        app = host(self)
        self.versions = await app.run_store(app.session.versions, self.entry_id)
        row = self.query_one("#versions", Horizontal)
        await row.remove_children()
        await row.mount_all(VersionPane(v, n) for n, v in enumerate(self.versions, 1))
        self.query_one("#resolve-status", Static).update(
            f"This entry was changed on two devices before they synced: {len(self.versions)} "
            "versions. Nothing is lost whichever you keep; the others stay in its history.")
        if self.versions:
            self.query_one(VersionPane).focus()

    def _focused(self) -> VersionPane | None:
        if self.focused is not None:
            for node in self.focused.ancestors_with_self:
                if isinstance(node, VersionPane):
                    return node
        panes = list(self.query(VersionPane))
        return panes[0] if panes else None

    def action_other(self) -> None:
        panes = list(self.query(VersionPane))
        current = self._focused()
        if panes and current is not None:
            panes[(panes.index(current) + 1) % len(panes)].focus()

    @work(exclusive=True, exit_on_error=False)
    async def action_keep(self) -> None:
        app = host(self)
        pane = self._focused()
        if pane is None:
            return
        await app.run_store(app.session.resolve_conflict, self.entry_id,
                            pane.entry.revision_id)
        self.notify(f"Kept version {pane.number}.", timeout=3)
        app.refresh_lists()
        app.request_sync()
        self.dismiss(True)

    def action_edit(self) -> None:
        from journal.screens.editor import EditorScreen

        pane = self._focused()
        if pane is None:
            return

        def after(saved: str | None) -> None:
            if saved:
                host(self).refresh_lists()
                self.dismiss(True)

        self.app.push_screen(EditorScreen(pane.entry), callback=after)
