"""A one-line status that repaints without asking for a new layout.

`Static.update` re-lays-out the whole screen; a line of fixed height whose text changes on
every keystroke (the timeline's count) only needs its own row repainted.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


class StatusLine(Widget):
    DEFAULT_CSS = "StatusLine { height: 1; width: 1fr; }"

    text: reactive[str] = reactive("", layout=False)

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(StatusLine.text, text)

    def render(self) -> Content:
        return Content(self.text)  # plain: a framework's name or a behaviour is not markup

    def update(self, text: str) -> None:
        self.text = text
