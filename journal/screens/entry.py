"""Read one entry: its text rendered, its marks and checks, delete with undo, and history."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static

from journal.domain.framework import AREA_NAMES, Catalogue
from journal.domain.model import Entry


def entry_markdown(entry: Entry, catalogue: Catalogue) -> str:
    """The entry as Markdown: a heading, what was marked and checked, then the writer's text."""
    lines = [f"# {entry.title or '(untitled)'}", "",
             f"*{entry.when:%A %d %B %Y, %H:%M}* · {entry.kind.value}"]
    if entry.versions > 1:
        lines.append(f"\n**{entry.versions} versions** from two devices: compare them and keep "
                     "one on the Sync screen (y on the timeline), or edit to merge them.")
    if entry.deleted:
        lines.append("\n**Deleted.** Press u to bring it back.")
    if entry.flagged:
        lines.append("\n**Bring to supervision**" + (f": {entry.question}" if entry.question
                                                      else ""))
    if entry.marks:
        marks = ", ".join(f"{catalogue.value_name(v)} ({m.value})" for v, m in
                          entry.marks.items())
        lines.append(f"\n**Values:** {marks}")
    if entry.checks:
        order = {bid: n for n, bid in enumerate(catalogue.behaviours)}
        by_area: dict[str, list[str]] = {}
        for bid in sorted(entry.checks, key=lambda b: order.get(b, len(order))):
            behaviour = catalogue.behaviours.get(bid)
            area = AREA_NAMES.get(behaviour.area, "Other") if behaviour else "Other"
            by_area.setdefault(area, []).append(
                f"- **{entry.checks[bid].value}**: {catalogue.behaviour_text(bid)}")
        lines.append("\n**Did I…**")
        for area, rows in by_area.items():
            lines.extend([f"\n*{area}*\n", *rows])
    if entry.actions:
        lines.append("\n**Now what?**\n")
        lines.extend(f"- [{'x' if a.done else ' '}] {a.text}" for a in entry.actions)
    if entry.checkin:
        c = entry.checkin
        lines.append(f"\n**Check-in:** mood {c.mood or '–'}/5, energy {c.energy or '–'}/5"
                     + (f"; I need: {c.need}" if c.need else ""))
    if entry.people:
        lines.append(f"\n**People:** {', '.join(entry.people)}")
    lines.extend(["", "---", "", entry.body])
    return "\n".join(lines)


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
