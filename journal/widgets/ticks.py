"""Tick boxes that show their state as a sign, not by colour alone.

Textual's `Checkbox` and `SelectionList` draw the same "X" whether ticked or not and change only
its colour, which a colour-blind writer, a monochrome terminal or a screenshot cannot tell apart.
Here a ticked box reads `▐X▌` and an empty one `▐ ▌`.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.widgets import Checkbox, SelectionList
from textual.widgets.selection_list import SelectionType

#: What the box holds when ticked and when not.
TICKED, EMPTY = "X", " "


class Tick(Checkbox):
    """A check box whose box is empty when off."""

    @property
    def _button(self) -> Content:
        button_style = self.get_visual_style("toggle--button")
        side_style = Style(foreground=button_style.background,
                           background=self.background_colors[1])
        return Content.assemble((self.BUTTON_LEFT, side_style),
                                (TICKED if self.value else EMPTY, button_style),
                                (self.BUTTON_RIGHT, side_style))


class TickList(SelectionList[SelectionType]):
    """A selection list whose boxes are empty for the options not chosen."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        index = self.scroll_offset.y + y
        if index >= self.option_count or self.get_option_at_index(index).value in self._selected:
            return strip
        segments = list(strip)
        if len(segments) > 1 and segments[1].text == Checkbox.BUTTON_INNER:
            segments[1] = Segment(EMPTY, segments[1].style, segments[1].control)
        return Strip(segments, strip.cell_length)
