"""More timeline filters: a behaviour of the check-list and a date range.

From and Until sit side by side, and the error line shows only with an error, so the dialog
fits a 24-row terminal whole, without scrolling.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from journal.domain.dates import DateError, parse_day
from journal.domain.framework import Framework
from journal.screens import HelpSection

#: What a date field takes, said in its label or placeholder (here and on the Export screen).
DAY_FORMATS = "YYYY-MM-DD, DD/MM/YYYY, 4w…"


@dataclass(frozen=True)
class MoreFilters:
    behaviour: str | None
    since: date | None
    until: date | None


class FiltersScreen(ModalScreen[MoreFilters | None]):
    DEFAULT_CSS = """
    FiltersScreen { align: center middle; }
    FiltersScreen > Vertical { width: 76; max-width: 98%; height: auto; padding: 1 2;
        border: thick $accent; background: $surface; }
    FiltersScreen Input, FiltersScreen Select { margin-bottom: 1; }
    FiltersScreen Horizontal { height: auto; }
    FiltersScreen #dates > Vertical { width: 1fr; height: auto; }
    FiltersScreen #from { margin-right: 2; }
    FiltersScreen #buttons { align-horizontal: right; }
    FiltersScreen Button { margin-left: 1; }
    FiltersScreen #filters-error { display: none; margin-bottom: 1; }
    FiltersScreen #filters-error.-shown { display: block; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="filters.cancel",
                        tooltip="Leave the filters as they were")]
    HELP_SECTION = HelpSection("More filters", keys=(("enter", "Apply"),))

    def __init__(self, framework: Framework, current: MoreFilters) -> None:
        super().__init__()
        self.framework, self.current = framework, current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("More filters", classes="title")
            yield Label("Answered this behaviour")
            yield Select([(b.text, b.id) for b in self.framework.behaviours],
                         value=self.current.behaviour or Select.NULL, prompt="any behaviour",
                         id="behaviour")
            with Horizontal(id="dates"):
                with Vertical(id="from"):
                    yield Label(f"From ({DAY_FORMATS})")
                    yield Input(self.current.since.isoformat() if self.current.since else "",
                                id="since")
                with Vertical(id="to"):
                    yield Label("Until (the same)")
                    yield Input(self.current.until.isoformat() if self.current.until else "",
                                id="until")
            yield Static("", id="filters-error", classes="error")
            with Horizontal(id="buttons"):
                yield Button("Clear these", id="clear")
                yield Button("Apply", id="apply", variant="primary")

    @on(Button.Pressed, "#clear")
    def clear(self) -> None:
        self.dismiss(MoreFilters(None, None, None))

    @on(Input.Submitted)
    @on(Button.Pressed, "#apply")
    def apply(self) -> None:
        try:
            since = self._day("#since")
            until = self._day("#until")
        except DateError as exc:
            error = self.query_one("#filters-error", Static)
            error.update(Content(str(exc)))
            error.add_class("-shown")
            return
        behaviour = self.query_one("#behaviour", Select).value
        self.dismiss(MoreFilters(None if behaviour is Select.NULL else str(behaviour),
                                 since, until))

    def _day(self, selector: str) -> date | None:
        text = self.query_one(selector, Input).value.strip()
        return parse_day(text) if text else None
