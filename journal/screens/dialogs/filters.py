"""More timeline filters: a behaviour of the check-list and a date range."""

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
    FiltersScreen Horizontal { height: auto; align-horizontal: right; }
    FiltersScreen Button { margin-left: 1; }
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
            yield Label("From (YYYY-MM-DD, DD/MM/YYYY, 4w…)")
            yield Input(self.current.since.isoformat() if self.current.since else "",
                        id="since")
            yield Label("Until")
            yield Input(self.current.until.isoformat() if self.current.until else "",
                        id="until")
            yield Static("", id="filters-error", classes="error")
            with Horizontal():
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
            self.query_one("#filters-error", Static).update(Content(str(exc)))
            return
        behaviour = self.query_one("#behaviour", Select).value
        self.dismiss(MoreFilters(None if behaviour is Select.NULL else str(behaviour),
                                 since, until))

    def _day(self, selector: str) -> date | None:
        text = self.query_one(selector, Input).value.strip()
        return parse_day(text) if text else None
