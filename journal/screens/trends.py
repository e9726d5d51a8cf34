"""Trends: values over time, the check-list, change, what is hard, writing and wellbeing.

The screen only chooses a period and shows what `journal.domain.trends` computed (in a thread, so a
20,000-entry journal never freezes the screen) through the renderers the command line uses too.
"""

from __future__ import annotations

from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Select, Static, TabbedContent, TabPane

from journal.domain import trends
from journal.present.trends import SECTIONS, header, section
from journal.screens import HelpSection, host
from journal.widgets.footer import KeysFooter

PERIODS = [("4 weeks", "4w"), ("3 months", "3m"), ("12 months", "12m"), ("All", "all"),
           ("Custom…", "custom")]
TAB_TITLES = {"values": "Values", "behaviours": "Check-list", "change": "Change",
              "challenging": "Most challenging", "activity": "Writing",
              "wellbeing": "Wellbeing"}


class TrendsScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="trends.back", tooltip="Back to the timeline"),
        Binding("1", "period('4w')", "4 weeks", id="trends.4w", tooltip="The last 4 weeks"),
        Binding("2", "period('3m')", "3 months", id="trends.3m",
                tooltip="The last 3 months (13 weeks)"),
        Binding("3", "period('12m')", "12 months", id="trends.12m",
                tooltip="The last 12 months (52 weeks)"),
        Binding("4", "period('all')", "All", id="trends.all", tooltip="The whole journal"),
        Binding("5", "custom", "Custom", id="trends.custom",
                tooltip="A custom period: type FROM..TO and press Enter"),
        Binding("right_square_bracket", "tab(1)", "Next view", id="trends.next",
                tooltip="Next view: values, check-list, change, most challenging, writing, "
                        "wellbeing"),
        Binding("left_square_bracket", "tab(-1)", "Previous view", id="trends.previous",
                show=False, tooltip="Previous view"),
    ]
    HELP_SECTION = HelpSection("Trends")

    def __init__(self) -> None:
        super().__init__()
        self.points: trends.Points | None = None
        self.result: trends.Trends | None = None
        self._computed: dict[str, trends.Trends] = {}
        self._warmed = False

    def compose(self) -> ComposeResult:
        yield Static("Trends: working them out…", id="trends-header")
        with Horizontal(id="period-row"):
            yield Select(PERIODS, value="4w", allow_blank=False, id="period", compact=True)
            yield Input(placeholder="FROM..TO, e.g. 2026-01-01..2026-03-31, then Enter",
                        id="custom", classes="hidden", compact=True)
        yield Static("", id="period-error", classes="error hidden")
        with TabbedContent(id="trend-tabs"):
            for name in SECTIONS:
                with TabPane(TAB_TITLES[name], id=f"tab-{name}"), VerticalScroll():
                    yield Static("", id=f"trend-{name}", classes="trend")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.compute("4w")

    # -- choosing a period ---------------------------------------------------------------

    def action_period(self, name: str) -> None:
        self.query_one("#period", Select).value = name

    def action_custom(self) -> None:
        period = self.query_one("#period", Select)
        if period.value == "custom":  # chosen before: no change to hear, so open it here
            self._open_custom()
        period.value = "custom"

    def _open_custom(self) -> None:
        custom = self.query_one("#custom", Input)
        custom.remove_class("hidden")
        custom.focus()

    @on(Select.Changed, "#period")
    def period_chosen(self, event: Select.Changed) -> None:
        custom = self.query_one("#custom", Input)
        if event.value == "custom":
            self._open_custom()
            return
        custom.add_class("hidden")
        self._error("")
        self.compute(str(event.value))

    @on(Input.Submitted, "#custom")
    def custom_chosen(self, event: Input.Submitted) -> None:
        try:
            trends.parse_period(event.value, date.today())
        except trends.PeriodError as exc:
            self._error(str(exc))
            return
        self._error("")
        self.compute(event.value)
        self._focus_view()

    def _focus_view(self) -> None:
        """Keys go back to the screen (periods, views, scrolling) once a period is chosen."""
        tabs = self.query_one(TabbedContent)
        tabs.query_one(f"#{tabs.active} VerticalScroll", VerticalScroll).focus()

    def _error(self, text: str) -> None:
        error = self.query_one("#period-error", Static)
        error.update(Content(text))
        error.set_class(not text, "hidden")

    def action_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        names = [f"tab-{name}" for name in SECTIONS]
        current = names.index(tabs.active) if tabs.active in names else 0
        tabs.active = names[(current + step) % len(names)]
        self._focus_view()

    def action_back(self) -> None:
        self.dismiss(None)

    # -- computing and showing -----------------------------------------------------------

    @work(thread=True, exclusive=True, group="trends", exit_on_error=False)
    def compute(self, period_text: str) -> None:
        """Prepare the entries once, then compute every view for the period."""
        app = host(self)
        session = app.session
        if self.points is None:
            self.points = self.app.call_from_thread(app.run_store, session.trend_points)
        result = self._figures(period_text)
        self.app.call_from_thread(self.show, result)
        if not self._warmed:
            self._warmed = True
            self.app.call_from_thread(self._warm)

    def _figures(self, period_text: str) -> trends.Trends:
        """The figures for a period, computed once while the screen is open (the journal
        cannot change underneath it: the Trends screen has no way to edit)."""
        cached = self._computed.get(period_text)
        if cached is not None:
            return cached
        assert self.points is not None
        session = host(self).session
        today = date.today()
        period = trends.parse_period(period_text, today, self.points.first)
        names = trends.Names(session.framework, session.catalogue)
        result = trends.compute(self.points, period, names, today, session.settings.streaks)
        self._computed[period_text] = result
        return result

    @work(thread=True, group="trends-warm", exit_on_error=False)
    def _warm(self) -> None:
        """Work out the other periods while the first is read, so switching only redraws."""
        for name in ("all", "12m", "3m"):
            self._figures(name)

    def show(self, result: trends.Trends) -> None:
        self.result = result
        width = max(self.size.width - 4, 40)
        self.query_one("#trends-header", Static).update(header(result))
        for name in SECTIONS:
            self.query_one(f"#trend-{name}", Static).update(section(result, name, width))

    def on_resize(self) -> None:
        if self.result is not None:
            self.show(self.result)
