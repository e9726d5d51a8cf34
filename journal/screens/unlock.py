"""Unlock: the passphrase, a clear message when it is wrong, and the recovery-key route.

Every key typed from the moment the screen shows counts, however fast it comes: a writer
who types their passphrase as the app starts (or a terminal that sends it in one burst)
must not find the first letters dropped or the Enter ignored. Two things stood in the way:
keys that reach the screen before a field has focus went nowhere, and an Enter typed before
the app put the terminal in raw mode arrives as a line feed (the terminal's cooked mode
turns the Return into `\\n`, which Textual reads as ctrl+j). Both now reach the field.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Static

from journal.domain.passphrase import MINIMUM, problem
from journal.errors import JournalError, WrongSecret
from journal.screens import HelpSection, host
from journal.widgets.fields import Field
from journal.widgets.footer import KeysFooter
from journal.widgets.progress import ProgressLine
from journal.widgets.ticks import Tick

#: Said on the timeline once a recovery has set the new passphrase.
CHANGED = "Your passphrase has changed. Use the new one from now on."


class UnlockScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+r", "recovery", "Use recovery key", id="unlock.recovery",
                tooltip="Locked out? Use the recovery key you wrote down at set-up"),
    ]
    HELP_SECTION = HelpSection("Unlocking")
    AUTO_FOCUS = "#passphrase"

    def __init__(self, *, locked: bool = False, idle: bool = False,
                 passphrase: str = "", typed: str = "") -> None:
        super().__init__()
        self.passphrase = passphrase  # given (the demo's): opened at once, nothing to type
        # typed before the app started (session/typed_ahead.py): Enter included, it opens
        self.typed = typed
        self.locked = locked
        self.idle = idle
        self.recovering = False
        self.opening = False  # a second Enter while opening must not open twice

    def compose(self) -> ComposeResult:
        app = host(self)
        with Vertical(id="unlock"):
            yield Static("Peer journal", classes="title")
            if self.locked:
                why = (" after a quiet spell" if self.idle
                       else ". You locked it (ctrl+l)")
                yield Static(f"Locked{why}. Anything you were writing was kept.",
                             id="locked-note", classes="explain")
            if app.banner:
                yield Static(Content(app.banner), id="banner", classes="explain")
            passphrase = Field(password=True, id="passphrase", placeholder="Passphrase")
            yield passphrase
            yield Field(password=True, id="recovery", classes="hidden", next_field="#new",
                        placeholder="Recovery key (8 groups of 4)")
            yield Tick("Show the recovery key", id="show-key", classes="hidden")
            yield Field(password=True, id="new", classes="hidden", next_field="#again",
                        placeholder=f"New passphrase (at least {MINIMUM} characters)")
            yield Field(password=True, id="again", classes="hidden",
                        placeholder="The new passphrase again")
            yield Static("", id="message", classes="error")
            yield ProgressLine(id="unlock-progress")
        yield KeysFooter()
        passphrase.focus()  # before the first key can arrive, not after mounting

    def on_mount(self) -> None:
        typed, entered = self.typed.rstrip("\r\n"), self.typed.endswith(("\r", "\n"))
        if typed and not self.passphrase:
            field = self.query_one("#passphrase", Input)
            field.value = typed.splitlines()[-1]
            field.cursor_position = len(field.value)
            if entered:
                self.passphrase = field.value
        if self.passphrase:
            self.query_one("#passphrase", Input).value = self.passphrase
            self._open(self.passphrase, None, None)

    def _first_field(self) -> Input:
        return self.query_one("#recovery" if self.recovering else "#passphrase", Input)

    def on_key(self, event: events.Key) -> None:
        """A key that reaches the screen itself found no field focused: give it to the
        field the writer is about to type in, rather than lose it."""
        if self.focused is not None:
            return
        field = self._first_field()
        if event.is_printable and event.character is not None:
            field.focus()
            field.insert_text_at_cursor(event.character)
            event.stop()
            event.prevent_default()
        elif event.key in ("tab", "enter", "ctrl+j"):
            field.focus()
            event.stop()
            event.prevent_default()
            if event.key != "tab":
                self.call_after_refresh(field.action_submit)

    def action_recovery(self) -> None:
        self.recovering = not self.recovering
        for name in ("#recovery", "#show-key", "#new", "#again"):
            self.query_one(name).set_class(not self.recovering, "hidden")
        self.query_one("#passphrase", Input).set_class(self.recovering, "hidden")
        self.query_one("#message", Static).update(
            "Type the recovery key you wrote down, then choose a new passphrase and type it "
            "twice." if self.recovering else "")
        self._first_field().focus()

    @on(Checkbox.Changed, "#show-key")
    def show_key(self, event: Checkbox.Changed) -> None:
        self.query_one("#recovery", Input).password = not event.value

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        if self.opening:
            return
        if self.recovering:
            if event.input.id != "again":  # a Field has moved on by itself, at once
                return
            key = self.query_one("#recovery", Input).value
            new = self.query_one("#new", Input).value
            message = self.query_one("#message", Static)
            why = problem(new)  # the one rule, checked before the slow unlock
            if why is not None:
                message.update(f"{why[0].upper()}{why[1:]}.")
                self.query_one("#new", Input).focus()
            elif self.query_one("#again", Input).value != new:
                message.update("The two new passphrases are different. Type the new one "
                               "again.")
                self.query_one("#again", Input).value = ""
            else:
                self._open(None, key, new)
        elif event.value:
            self._open(event.value, None, None)

    @work(exclusive=True, exit_on_error=False)
    async def _open(self, passphrase: str | None, key: str | None, new: str | None) -> None:
        """Say what is being done, in the stages a writer can follow: the passphrase is checked
        (Argon2id, on the store thread: the words are drawn first, and the bar moves), then
        the journal opened (the timeline goes on from there, with its count)."""
        message = self.query_one("#message", Static)
        message.update("")
        progress = self.query_one("#unlock-progress", ProgressLine)
        progress.show("Checking the passphrase…" if passphrase is not None else
                      "Checking the recovery key and setting the new passphrase…")
        drawn = asyncio.Event()
        self.call_after_refresh(drawn.set)
        session = host(self).session
        self.opening = True
        try:
            with contextlib.suppress(TimeoutError):  # drawn, or at worst a moment later
                await asyncio.wait_for(drawn.wait(), 0.25)
            await self._try_open(session, passphrase, key, new, message)
        finally:
            self.opening = False
            if not session.unlocked:  # it did not open: the message says why
                progress.hide()

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
        self.query_one("#unlock-progress", ProgressLine).show("Opening your journal…")
        if key is not None:
            self.app.notify(CHANGED, title="Passphrase changed", timeout=15)
        await self._remind_of_backup()
        await self._enter()

    async def _remind_of_backup(self) -> None:
        """Once per unlock, gently (a note over the timeline, not a question): after 30 days
        without a backup or a sync, say so and where to make one."""
        from journal.session.backup import app_reminder

        app = host(self)
        try:
            line = await app.run_store(app_reminder, app.session)
        except (JournalError, OSError):  # a reminder never stands in the way of unlocking
            return
        if line:
            self.app.notify(f"{line}, or Back up now in Settings (s).", title="Backup",
                            timeout=20)

    async def _enter(self) -> None:
        from journal.screens.timeline import TimelineScreen

        host(self).last_activity = time.monotonic()
        self.app.switch_screen(TimelineScreen(offer_drafts=True))
