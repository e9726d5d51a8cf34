"""First run: choose a passphrase (twice, with a strength hint) and a framework.

The two passphrase fields are `Field`s: typed fast (Tab or Enter between them in one burst),
every key still lands in the field it was meant for."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from journal.domain.passphrase import ENOUGH, MINIMUM, Strength, estimate, problem
from journal.screens import host
from journal.widgets.fields import Field
from journal.widgets.footer import KeysFooter

CREATE = "Create my journal"


def waiting_for(first: str, again: str, strength: Strength) -> str | None:
    """What the Create button says while it cannot be pressed, so it tells what is missing (a
    disabled button is only dimmer, and the app never tells by colour alone); None when it
    can be pressed. `strength` is `estimate(first)`'s: the rule (`problem`) decides."""
    if not first:
        return "Choose a passphrase first"
    if problem(first) is not None:
        if strength.score == 0:
            return "Choose a longer passphrase first"
        if strength.score < ENOUGH:
            return "Choose a stronger passphrase first"
        return "Remove the space at the start or end first"
    if not again:
        return "Type it again first"
    if again != first:
        return "Make the two the same first"
    return None


class SetupScreen(Screen[None]):
    """Creates the journal. The recovery key is shown next, once.

    Below `ROOMY` rows (80x24 is the common small terminal) the fields drop their borders so
    the Create button is on screen without scrolling: a first-time user never has to guess
    that there is more below.
    """

    ROOMY = 30
    AUTO_FOCUS = "#passphrase"

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="setup"):
            yield Static("Welcome to your peer-work journal", classes="title")
            yield Static(
                "Everything you write is encrypted with a passphrase only you know. Choose one "
                "you will remember: a few unrelated words work well.", classes="explain")
            yield Label("Passphrase")
            yield Field(password=True, id="passphrase", next_field="#again",
                        placeholder=f"at least {MINIMUM} characters")
            yield Static("", id="strength")
            yield Label("Type it again")
            yield Field(password=True, id="again")
            yield Static("", id="mismatch", classes="error")
            yield Label("Values framework")
            session = host(self).session
            yield Select([(f.name, f.id) for f in session.available_frameworks()],
                         value=session.framework.id, allow_blank=False, id="framework")
            yield Static("", id="framework-values", classes="explain")
            yield Button(waiting_for("", "", estimate("")) or CREATE, id="create",
                         variant="primary", disabled=True)
            yield Static("", id="status")
        yield KeysFooter()

    def on_resize(self) -> None:
        compact = self.size.height < self.ROOMY
        for field in self.query("#setup Input, #setup Select"):
            field.compact = compact  # type: ignore[attr-defined]
        self.set_class(compact, "-compact")

    @on(Select.Changed, "#framework")
    def show_values(self, event: Select.Changed) -> None:
        chosen = next((f for f in host(self).session.available_frameworks()
                       if f.id == event.value), None)
        if chosen is not None:
            names = ", ".join(v.name for v in chosen.values)
            extra = f"; a \"Did I…?\" check-list of {len(chosen.behaviours)} behaviours" \
                if chosen.behaviours else ""
            self.query_one("#framework-values", Static).update(Content(f"Values: {names}{extra}."))

    @on(Input.Changed)
    def check(self) -> None:
        first = self.query_one("#passphrase", Input).value
        again = self.query_one("#again", Input).value
        strength = estimate(first)
        self.query_one("#strength", Static).update(
            f"Strength: {strength.label}. {strength.advice}" if first else "")
        mismatch = bool(again) and again != first
        self.query_one("#mismatch", Static).update(
            "The two passphrases are different." if mismatch else "")
        waiting = waiting_for(first, again, strength)
        create = self.query_one("#create", Button)
        create.disabled = waiting is not None
        if str(create.label) != (waiting or CREATE):
            create.label = waiting or CREATE
            create.refresh(layout=True)  # its width follows the words (Textual keeps the old)

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        if event.input.id == "passphrase":  # the Field has moved on to #again by itself
            return
        if not self.query_one("#create", Button).disabled:
            self.create()

    @on(Button.Pressed, "#create")
    def create(self) -> None:
        self.query_one("#create", Button).disabled = True
        self.query_one("#status", Static).update("Creating your journal…")
        self._create(self.query_one("#passphrase", Input).value,
                     str(self.query_one("#framework", Select).value))

    @work(exclusive=True, exit_on_error=False)
    async def _create(self, passphrase: str, framework_id: str) -> None:
        from journal.screens.dialogs.recovery_key import RecoveryKeyScreen
        from journal.screens.timeline import TimelineScreen

        app = host(self)
        try:
            recovery = await app.run_store(app.session.create, passphrase,
                                           framework_id)
        except Exception as exc:  # a full disk, a folder we cannot write
            self.query_one("#status", Static).update(
                Content(f"Could not create the journal: {exc}"))
            self.query_one("#create", Button).disabled = False
            return
        await self.app.push_screen_wait(RecoveryKeyScreen(recovery))
        self.app.switch_screen(TimelineScreen())
