"""The editor's private wellbeing check-in: mood and energy (1 to 5, or not said) and what the
writer needs, read back as one `CheckIn` (None when nothing is said).

Its own widget so the editor screen stays one screen's worth of code; the fields keep their ids
(#mood, #energy, #need) and the editor's look (a label on every field).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select

from journal.domain.model import CheckIn

#: The wellbeing levels, named so a chosen one still reads as a level: "2 of 5".
LEVELS = [(f"{n} of 5", n) for n in range(1, 6)]


class CheckInFields(Vertical):
    DEFAULT_CSS = "CheckInFields { height: auto; }"

    def __init__(self, checkin: CheckIn | None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.given = checkin or CheckIn()

    def compose(self) -> ComposeResult:
        yield Label("Wellbeing check-in (private)", classes="heading")
        for name, level in (("mood", self.given.mood), ("energy", self.given.energy)):
            with Horizontal(classes="checkin field-row"):
                yield Label(name.capitalize(), classes="field-label")
                yield Select(LEVELS, prompt="not said", value=level or Select.NULL, id=name,
                             compact=True)
        yield Label("What do I need?", classes="field-heading")
        yield Input(self.given.need, placeholder="optional", id="need", compact=True)

    @property
    def checkin(self) -> CheckIn | None:
        """The check-in as the fields show it now; None when nothing is said."""
        said = CheckIn(_level(self.query_one("#mood", Select).value),
                       _level(self.query_one("#energy", Select).value),
                       self.query_one("#need", Input).value.strip())
        return said if said.mood is not None or said.energy is not None or said.need else None


def _level(value: object) -> int | None:
    """A 1-5 choice of a Select, or None for none chosen (Select.NULL)."""
    return value if isinstance(value, int) else None
