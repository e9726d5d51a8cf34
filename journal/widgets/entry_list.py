"""A virtual list of entries: renders only the rows on screen, so 20,000 entries cost nothing.

Textual's OptionList and DataTable build every row up front (seconds at 20,000); this widget
keeps a plain list of summaries and draws each visible line on demand (the Line API). Replacing
the list after a filter keystroke is one assignment and a refresh.

Value marks are badges with a letter and a sign (+ lived, ! challenging, · tagged) as well as a
colour, so nothing is told by colour alone. Each value marked anywhere in the list has its own
column, in the framework's order, so Hope's badge is always under Hope's.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from journal.domain.model import EntrySummary
from journal.present.marks import SIGN


class EntryList(ScrollView, can_focus=True):
    """Entries newest first; Enter (or a second click) opens the highlighted one."""

    DEFAULT_CSS = """
    EntryList { height: 1fr; }
    EntryList > .entry-list--cursor { background: $accent 30%; text-style: bold; }
    EntryList:focus > .entry-list--cursor { background: $accent 60%; }
    EntryList > .entry-list--date { color: $text-muted; }
    EntryList > .entry-list--kind { color: $text-muted; }
    EntryList > .entry-list--flag { color: $text-warning; text-style: bold; }
    EntryList > .entry-list--lived { background: $success 40%; color: $text; }
    EntryList > .entry-list--challenging { background: $warning 45%; color: $text; }
    EntryList > .entry-list--tagged { background: $panel-lighten-2; color: $text; }
    EntryList > .entry-list--empty { color: $text-muted; text-style: italic; }
    """

    COMPONENT_CLASSES = {
        "entry-list--cursor", "entry-list--date", "entry-list--kind", "entry-list--flag",
        "entry-list--lived", "entry-list--challenging", "entry-list--tagged",
        "entry-list--empty",
    }

    MOVE = Binding.Group("Move through the entries")
    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", id="entries.up", show=False, group=MOVE),
        Binding("down,j", "cursor(1)", "Down", id="entries.down", show=False, group=MOVE),
        Binding("pageup", "page(-1)", "Page up", id="entries.page_up", show=False, group=MOVE),
        Binding("pagedown", "page(1)", "Page down", id="entries.page_down", show=False,
                group=MOVE),
        Binding("home", "jump(0)", "First", id="entries.first", show=False, group=MOVE),
        Binding("end", "jump(-1)", "Last", id="entries.last", show=False, group=MOVE),
        Binding("enter", "open", "Open", id="timeline.open", tooltip="Read the entry"),
    ]

    cursor = reactive(0, always_update=True)

    @dataclass
    class Selected(Message):
        """An entry was chosen (Enter, or a click on the highlighted row)."""

        entry_list: EntryList
        entry_id: str

        @property
        def control(self) -> EntryList:
            return self.entry_list

    @dataclass
    class Highlighted(Message):
        entry_list: EntryList
        entry_id: str | None

        @property
        def control(self) -> EntryList:
            return self.entry_list

    def __init__(self, *, empty_text: str = "No entries.", id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[EntrySummary] = []
        self._labels: dict[str, str] = {}
        self._columns: list[str] = []  # value ids with a badge column, left to right
        self.empty_text = empty_text

    # -- data ----------------------------------------------------------------------------

    @property
    def rows(self) -> list[EntrySummary]:
        return self._rows

    def set_labels(self, labels: dict[str, str]) -> None:
        """Short badge labels by value id (a letter or two of the value's name)."""
        self._labels = labels
        self._columns = self._columns_for(self._rows)
        self.refresh()

    def _columns_for(self, rows: list[EntrySummary]) -> list[str]:
        """The values marked in any of `rows`: the framework's first, in its order."""
        marked = {value_id for row in rows for value_id in row.marks}
        known = [value_id for value_id in self._labels if value_id in marked]
        return known + sorted(marked - set(known))

    def set_rows(self, rows: list[EntrySummary], keep: str | None = None) -> None:
        """Show these rows; keep the cursor on entry `keep` if it is still there."""
        self._rows = rows
        self._columns = self._columns_for(rows)
        self._set_virtual_height(len(rows))
        index = next((n for n, r in enumerate(rows) if r.id == keep), 0) if keep else 0
        self.cursor = min(index, max(len(rows) - 1, 0))
        self._scroll_to_cursor()
        self.refresh()

    def _set_virtual_height(self, height: int) -> None:
        """Change the scrollable height without a layout pass of the whole screen.

        `virtual_size` is a layout reactive: assigning it re-lays out and repaints every widget
        on the screen, which at 20,000 rows was most of a filter keystroke. Only the scrollbar
        needs to know; it asks for a layout itself if it has to appear or disappear.
        """
        size = Size(self.size.width, height)
        if size == self.virtual_size:
            return
        self.set_reactive(ScrollView.virtual_size, size)
        self._scroll_update(size)

    @property
    def highlighted(self) -> EntrySummary | None:
        return self._rows[self.cursor] if 0 <= self.cursor < len(self._rows) else None

    # -- movement ------------------------------------------------------------------------

    def watch_cursor(self, _old: int, _new: int) -> None:
        row = self.highlighted
        self.post_message(self.Highlighted(self, row.id if row else None))
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        height = max(self.scrollable_content_region.height, 1)
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    def _move_to(self, index: int) -> None:
        if not self._rows:
            return
        self.cursor = max(0, min(index, len(self._rows) - 1))
        self._scroll_to_cursor()

    def action_cursor(self, step: int) -> None:
        self._move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(self.scrollable_content_region.height - 1,
                                                    1))

    def action_jump(self, index: int) -> None:
        self._move_to(index if index >= 0 else len(self._rows) - 1)

    def action_open(self) -> None:
        row = self.highlighted
        if row is not None:
            self.post_message(self.Selected(self, row.id))

    def on_click(self, event: events.Click) -> None:
        index = event.y + int(self.scroll_offset.y)
        if 0 <= index < len(self._rows):
            if index == self.cursor:
                self.action_open()
            else:
                self._move_to(index)

    # -- drawing -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        index = y + int(self.scroll_offset.y)
        base = self.rich_style
        if not self._rows:
            if y == 0:
                style = base + self.get_component_rich_style("entry-list--empty")
                return Strip([Segment(f" {self.empty_text}"[:width], style)]).extend_cell_length(
                    width, base)
            return Strip.blank(width, base)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        row = self._rows[index]
        cursor = self.get_component_rich_style("entry-list--cursor") \
            if index == self.cursor else None
        return self._draw(row, width, base, cursor)

    def _draw(self, row: EntrySummary, width: int, base: Style, cursor: Style | None) -> Strip:
        def part(text: str, component: str | None = None, highlight: bool = True) -> Segment:
            style = base + self.get_component_rich_style(component) if component else base
            if cursor is not None and highlight:
                style += cursor  # the whole row shows as highlighted, badges excepted
            return Segment(text, style)

        badges: list[Segment] = []
        badge_width = 0
        for value_id in self._columns:
            letters = self._labels.get(value_id, value_id[:2].title())
            mark = row.marks.get(value_id)
            if mark is None:
                badges.append(part(" " * (len(letters) + 4)))
            else:
                label = f" {letters}{SIGN[mark]} "
                badges.append(part(label, f"entry-list--{mark.value}", highlight=False))
                badges.append(part(" "))
            badge_width += len(letters) + 4
        flag = "⚑" if row.flagged else " "
        versions = f" [{row.versions} versions]" if row.versions > 1 else ""
        head = [
            part(f" {row.when:%a %d %b %Y} ", "entry-list--date"),
            part(f"{row.kind.value:<11} ", "entry-list--kind"),
            part(f"{flag} ", "entry-list--flag"),
        ]
        used = sum(len(s.text) for s in head)
        room = max(width - used - badge_width - len(versions) - 1, 8)
        title = row.label
        if len(title) > room:
            title = title[: room - 1] + "…"
        segments = [*head, part(title.ljust(room)), part(versions), part(" "), *badges]
        fill = base + cursor if cursor is not None else base
        return Strip(segments).crop(0, width).extend_cell_length(width, fill)
