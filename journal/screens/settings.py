"""Settings: framework, theme, auto-lock time and the template for each kind of entry."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Label, Select, Static

from journal.domain.model import Kind
from journal.domain.templates import TEMPLATES, template_for
from journal.screens import HelpSection, host
from journal.widgets.footer import KeysFooter
from journal.widgets.themes import THEME_NAMES
from journal.widgets.ticks import Tick


class SettingsScreen(Screen[None]):
    BINDINGS = [Binding("escape", "back", "Back", id="settings.back",
                        tooltip="Back to the timeline (every change is already saved)")]
    HELP_SECTION = HelpSection("Settings")

    def compose(self) -> ComposeResult:
        session = host(self).session
        settings = session.settings
        with VerticalScroll(id="settings"):
            yield Static("Settings", classes="title")
            yield Label("Values framework (entries keep the tags they were given)")
            yield Select([(f.name, f.id) for f in session.available_frameworks()],
                         value=session.framework.id, allow_blank=False, id="framework")
            yield Label("Theme")
            yield Select([(label, name) for name, label in THEME_NAMES.items()],
                         value=self.app.theme if self.app.theme in THEME_NAMES
                         else next(iter(THEME_NAMES)), allow_blank=False, id="theme")
            yield Label("Lock after this many quiet minutes")
            yield Input(str(settings.auto_lock_minutes), id="auto-lock", type="integer")
            yield Static("", id="settings-status", classes="error")
            yield Tick("Show streaks in Trends (days and weeks in a row)", settings.streaks,
                       id="streaks")
            yield Label("Template for each kind of entry", classes="heading")
            for kind in Kind:
                with Horizontal(classes="template-row"):
                    yield Label(f"{kind.value:<12}")
                    yield Select([(t.name, t.id) for t in TEMPLATES.values()],
                                 value=template_for(kind, settings.templates).id,
                                 allow_blank=False, id=f"template-{kind.value}", compact=True)
        yield KeysFooter()

    @on(Select.Changed, "#framework")
    def framework(self, event: Select.Changed) -> None:
        app = host(self)
        if event.value != app.session.framework.id:
            app.session.use_framework(str(event.value))
            self.notify(f"Now using {app.session.framework.name}.", timeout=3)

    @on(Select.Changed, "#theme")
    def theme(self, event: Select.Changed) -> None:
        app = host(self)
        self.app.theme = str(event.value)
        app.session.settings.theme = self.app.theme
        app.session.save_settings()

    @on(Input.Changed, "#auto-lock")
    def auto_lock(self, event: Input.Changed) -> None:
        app = host(self)
        status = self.query_one("#settings-status", Static)
        try:
            minutes = int(event.value)
        except ValueError:
            status.update("Give a whole number of minutes.")
            return
        if not 1 <= minutes <= 240:
            status.update("Choose between 1 and 240 minutes.")
            return
        status.update("")
        app.session.settings.auto_lock_minutes = minutes
        app.session.save_settings()

    @on(Tick.Changed, "#streaks")
    def streaks(self, event: Tick.Changed) -> None:
        app = host(self)
        app.session.settings.streaks = event.value
        app.session.save_settings()

    @on(Select.Changed, ".template-row Select")
    def template(self, event: Select.Changed) -> None:
        app = host(self)
        kind = Kind((event.select.id or "").removeprefix("template-"))
        settings = app.session.settings
        if str(event.value) != template_for(kind, settings.templates).id:
            settings.templates[kind.value] = str(event.value)
            app.session.save_settings()

    def action_back(self) -> None:
        self.dismiss(None)
