"""Settings: framework, theme, auto-lock time, the template for each kind of entry, and a
backup made now (the one file `journal backup create` writes, still encrypted)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from journal.domain.model import Kind
from journal.domain.templates import TEMPLATES, template_for
from journal.errors import JournalError
from journal.screens import HelpSection, host
from journal.widgets.footer import KeysFooter
from journal.widgets.progress import ProgressLine, Report, from_thread
from journal.widgets.themes import THEME_NAMES
from journal.widgets.ticks import Tick

if TYPE_CHECKING:
    from journal.session.facade import Session


class SettingsScreen(Screen[None]):
    BINDINGS = [Binding("escape", "back", "Back", id="settings.back",
                        tooltip="Back to the timeline (every change is already saved)"),
                Binding("ctrl+b", "back_up", "Back up now", id="settings.backup",
                        tooltip="Write a backup of the whole journal, still encrypted, to "
                        "the file named under Backup")]
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
            yield Label("Backup: the whole journal in one file, still encrypted",
                        classes="heading")
            yield Input(str(default_backup()), id="backup-path")
            yield Button("Back up now", id="backup", variant="primary")
            yield ProgressLine(id="backup-progress")
            yield Static("", id="backup-status")
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

    @on(Button.Pressed, "#backup")
    @on(Input.Submitted, "#backup-path")
    def action_back_up(self) -> None:
        typed = self.query_one("#backup-path", Input).value.strip()
        status = self.query_one("#backup-status", Static)
        if not typed:
            status.update("Name a file for the backup first.")
            return
        target = Path(typed).expanduser()
        if target.exists():
            status.update(f"{target} already exists; choose another file (a backup never "
                          "overwrites one).")
            return
        self.query_one("#backup", Button).disabled = True
        status.update("")
        line = self.query_one("#backup-progress", ProgressLine)
        line.show("Backing up…")
        self.call_after_refresh(status.scroll_visible)  # the line and then the result
        self._back_up(target)

    @work(exclusive=True, exit_on_error=False)
    async def _back_up(self, target: Path) -> None:
        status = self.query_one("#backup-status", Static)
        line = self.query_one("#backup-progress", ProgressLine)

        def copied(done: int, total: int) -> None:
            if not line.has_class("-running"):  # a count that arrives after the end
                return
            if done < total:
                line.show("Backing up", done, total, share=True)
            else:  # copied: the copy is read back whole before it is called a backup
                line.show("Checking the copy…")

        try:
            made = await host(self).run_store(back_up, host(self).session, target,
                                              from_thread(copied))
        except Exception as exc:  # a folder missing or not writable, a full disk
            status.update(f"No backup was made: {exc}")
        else:
            revisions = f"{made} revision{'' if made == 1 else 's'}"
            status.update(f"Backed up to {target} ({revisions}), and checked: it opens with "
                          "your passphrase or recovery key as they are now.")
        finally:
            line.hide()
            self.query_one("#backup", Button).disabled = False

    def action_back(self) -> None:
        self.dismiss(None)


def default_backup(today: date | None = None) -> Path:
    """A sensible first answer: a dated file in the writer's home folder."""
    return Path.home() / f"journal-backup-{(today or date.today()).isoformat()}.db"


def back_up(session: Session, target: Path, progress: Report | None = None) -> int:
    """On the store thread: write and check the backup; the number of revisions it holds.
    `progress` is told (pages copied, pages in all) as the copy proceeds."""
    from journal.session import backup

    store = session.store
    if store is None:
        raise JournalError("the journal is locked; unlock it and try again")
    return backup.create(store, target, progress).revisions
