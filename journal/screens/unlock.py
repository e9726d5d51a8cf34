"""Unlock: the passphrase, a clear message when it is wrong, and the recovery-key route."""

from __future__ import annotations

import time

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from journal.domain.passphrase import MINIMUM, problem
from journal.errors import JournalError, WrongSecret
from journal.screens import HelpSection, host
from journal.widgets.footer import KeysFooter


class UnlockScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+r", "recovery", "Use recovery key", id="unlock.recovery",
                tooltip="Locked out? Use the recovery key you wrote down at set-up"),
    ]
    HELP_SECTION = HelpSection("Unlocking")

    def __init__(self, *, locked: bool = False, idle: bool = False) -> None:
        super().__init__()
        self.locked = locked
        self.idle = idle
        self.recovering = False
        self.opening = False  # a second Enter while opening must not open twice

    def compose(self) -> ComposeResult:
        app = host(self)
        with Vertical(id="unlock"):
            yield Static("Peer journal", classes="title")
            if self.locked:
                why = " after a quiet spell" if self.idle else ""
                yield Static(f"Locked{why}. Anything you were writing was kept.",
                             id="locked-note", classes="explain")
            if app.banner:
                yield Static(Content(app.banner), id="banner", classes="explain")
            yield Input(password=True, id="passphrase", placeholder="Passphrase")
            yield Input(id="recovery", placeholder="Recovery key (8 groups of 4)",
                        classes="hidden")
            yield Input(password=True, id="new", placeholder=f"New passphrase (at least "
                        f"{MINIMUM} characters)", classes="hidden")
            yield Static("", id="message", classes="error")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    def action_recovery(self) -> None:
        self.recovering = not self.recovering
        for name in ("#recovery", "#new"):
            self.query_one(name, Input).set_class(not self.recovering, "hidden")
        self.query_one("#passphrase", Input).set_class(self.recovering, "hidden")
        self.query_one("#message", Static).update(
            "Type the recovery key you wrote down, then choose a new passphrase."
            if self.recovering else "")
        self.query_one("#recovery" if self.recovering else "#passphrase", Input).focus()

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        if self.opening:
            return
        if self.recovering:
            if event.input.id == "recovery":
                self.query_one("#new", Input).focus()
                return
            key = self.query_one("#recovery", Input).value
            new = self.query_one("#new", Input).value
            why = problem(new)  # the one rule, checked before the slow unlock
            if why is not None:
                self.query_one("#message", Static).update(f"{why[0].upper()}{why[1:]}.")
                return
            self._open(None, key, new)
        elif event.value:
            self._open(event.value, None, None)

    @work(exclusive=True, exit_on_error=False)
    async def _open(self, passphrase: str | None, key: str | None, new: str | None) -> None:
        message = self.query_one("#message", Static)
        message.update("Opening…")
        session = host(self).session
        self.opening = True
        try:
            await self._try_open(session, passphrase, key, new, message)
        finally:
            self.opening = False

    async def _try_open(self, session, passphrase: str | None, key: str | None,
                        new: str | None, message: Static) -> None:
        app = host(self)
        try:
            if passphrase is not None:
                await app.run_store(session.unlock, passphrase)
            else:
                await app.run_store(session.recover, key, new)
        except WrongSecret as exc:
            field = self.query_one("#recovery" if key else "#passphrase", Input)
            field.value = ""
            field.focus()
            message.update(Content(
                "That recovery key does not open this journal. Check it against your paper."
                if key else f"That passphrase does not open this journal ({exc}). Try again, "
                "or press ctrl+r to use your recovery key."))
            return
        except JournalError as exc:  # a damaged file, a passphrase the rule refuses
            message.update(Content(str(exc)))
            return
        await self._enter()

    async def _enter(self) -> None:
        from journal.screens.timeline import TimelineScreen

        host(self).last_activity = time.monotonic()
        self.app.switch_screen(TimelineScreen(offer_drafts=True))
