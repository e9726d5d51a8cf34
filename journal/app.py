"""The Textual app: screens, bindings, themes and the lock. Logic lives in `journal.session`.

Every store call goes to the store thread (`store_thread.py`), so unlocking, loading and saving
never freeze the screen. After the idle time the app locks itself: the draft being written is
sealed, the key and every decrypted entry are dropped, and the unlock screen shows.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, ParamSpec, TypeVar

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.timer import Timer

from journal.screens import HelpSection, JournalHost
from journal.screens.palette import JournalCommands
from journal.session.facade import Session
from journal.session.process import DEBUG_VARIABLE, debugging
from journal.session.store_thread import StoreThread
from journal.widgets.themes import RENAMED, THEME_NAMES, THEMES

T = TypeVar("T")
P = ParamSpec("P")



def crash_line(kind: str) -> str:
    """All the app prints when an unexpected error stops it: nothing it read, only the kind."""
    return (f"error: unexpected {kind}; the app stopped. Nothing you saved is lost, and what you "
            "were writing (sealed as a draft every few seconds) is offered back when you open "
            f"it again. For a report, run it with {DEBUG_VARIABLE}=1 (the report may include "
            "your text).")


class JournalApp(App[None]):
    """The reflective journal."""

    TITLE = "Peer journal"
    CSS_PATH = "app.tcss"
    COMMANDS = {JournalCommands}  # ours only: every key is there, once (no Textual extras)
    BINDINGS = [
        Binding("f1", "help", "Help", id="app.help", tooltip="This help: every key, on one page"),
        Binding("ctrl+g", "support", "Get support", id="app.support",
                tooltip="Places to get support, always one key away"),
        Binding("ctrl+l", "lock", "Lock", id="app.lock",
                tooltip="Lock the journal now (it also locks itself after a quiet spell)"),
        Binding("ctrl+t", "cycle_theme", "Next theme", id="app.theme", show=False,
                tooltip="Theme: dark, light, high contrast"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False, priority=True,
                tooltip="Quit (your draft is kept)"),
    ]
    #: In the command palette with no key of their own (the Sync screen is y on the timeline).
    PALETTE: ClassVar[list[Binding]] = [
        Binding("", "open_sync", "Sync", id="app.sync",
                tooltip="Sync status, what the syncs did, entries with two versions"),
        Binding("", "request_sync", "Sync now", id="app.sync_now",
                tooltip="Send this device's changes, fetch the others'"),
        Binding("", "open_supervision", "Supervision", id="app.supervision",
                tooltip="Sealed packs sent: answered or waiting, and what supervision said"),
    ]
    HELP_SECTION = HelpSection("Anywhere", keys=(
        ("tab,shift+tab", "Next / previous field"),
        (App.COMMAND_PALETTE_BINDING, "Command palette: everything the app can do, by name"),
    ))
    #: Actions that need the journal unlocked: hidden from the footer and palette while locked.
    UNLOCKED_ONLY = frozenset({"lock", "open_sync", "request_sync", "open_supervision"})
    #: Shown at the right of the footer; empty while no remote is set.
    sync_status: reactive[str] = reactive("")
    #: While a sync talks to the remote: (segments done, segments known so far), which the
    #: footer and the Sync screen show; None otherwise.
    sync_progress: reactive[tuple[int, int] | None] = reactive(None)
    #: After a save, sync once the writer has been quiet this long: a writing session becomes
    #: one segment on the remote, not one per ctrl+s.
    SYNC_AFTER_SAVE = 20.0
    #: How often to look whether the writer has been idle for the auto-lock time.
    IDLE_CHECK_SECONDS = 5.0
    #: How often the app looks for changes made by other processes (see `_check_elsewhere`).
    ELSEWHERE_CHECK_SECONDS = 2.0

    def __init__(self, home: Path, *, banner: str = "", passphrase: str = "",
                 typed: str = "") -> None:
        super().__init__()
        self.opening_passphrase = passphrase  # the demo's: it opens without typing
        self.typed = typed  # typed before the app started (session/typed_ahead.py)
        self.session = Session(home)
        self.store_thread = StoreThread()
        self.banner = banner  # shown on the unlock screen (the demo's passphrase)
        self.last_activity = time.monotonic()
        self._syncing = False
        self._sync_again = False
        self._sync_timer: Timer | None = None
        self._crashed_with: str | None = None  # the kind of error, once one stops the app
        for theme, _ in THEMES.values():
            self.register_theme(theme)
        chosen = RENAMED.get(self.session.settings.theme, self.session.settings.theme)
        self.theme = chosen if chosen in THEMES else next(iter(THEMES))

    # -- a crash tells nothing it read -------------------------------------------------------
    # Textual's report of an unhandled error is a traceback with local variables (or the error
    # drawing itself, if it can): both may hold decrypted writing, and they stay in the
    # terminal's scrollback. Ours is one line; JOURNAL_DEBUG=1 gives Textual's report.

    def _handle_exception(self, error: Exception) -> None:
        self._crashed_with = type(getattr(error, "error", error)).__name__  # a worker's, inside
        super()._handle_exception(error)  # Textual stops the app (and run_test raises it again)

    def _fatal_error(self) -> None:
        if debugging():
            super()._fatal_error()
            return
        self.bell()
        self._close_messages_no_wait()  # no traceback is made: nothing to print by mistake

    def _print_error_renderables(self) -> None:
        """After the terminal is given back: the one line, unwrapped, in place of whatever
        Textual rendered of the error (an error with `__rich__` renders itself, text and all)."""
        if self._crashed_with is None or debugging():
            super()._print_error_renderables()
            return
        self._exit_renderables.clear()
        self.error_console.print(crash_line(self._crashed_with), soft_wrap=True)

    async def run_store(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a session or store call on the store thread."""
        return await self.store_thread.run(fn, *args, **kwargs)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.UNLOCKED_ONLY:
            return self.session.unlocked
        if action == "support":  # not offered on the Support screen (nor its palette)
            from textual.command import CommandPalette

            from journal.screens.support import SupportScreen

            under = [s for s in self.screen_stack if not isinstance(s, CommandPalette)]
            return not (under and isinstance(under[-1], SupportScreen))
        return True

    def on_mount(self) -> None:
        from journal.screens.setup import SetupScreen
        from journal.screens.unlock import UnlockScreen

        self.push_screen(UnlockScreen(passphrase=self.opening_passphrase, typed=self.typed)
                         if self.session.exists else SetupScreen())
        self.set_interval(self.IDLE_CHECK_SECONDS, self._check_idle, name="auto-lock")
        self.set_interval(self.ELSEWHERE_CHECK_SECONDS, self._check_elsewhere,
                          name="changed elsewhere")
        self._catch_hangup()

    def on_unmount(self) -> None:
        """However the app ends (quit, a crash, a test that stops it), the key is forgotten and
        the journal file closed, on the thread that opened it."""
        self.store_thread.close(self.session.lock)

    async def _check_elsewhere(self) -> None:
        """An entry added or restored by a `journal` command, a supervisor added, a sync run
        from the shell: shown within a few seconds, without locking and unlocking. (A check
        of a counter SQLite keeps; the journal is read again only when it changed.)"""
        if not self.session.unlocked or self._syncing:
            return
        if await self.run_store(self.session.changed_elsewhere):
            self.refresh_lists(timeline=True)

    def _catch_hangup(self) -> None:
        """A closed terminal (SIGHUP) or a `kill` (SIGTERM) would end the process at once,
        losing what was typed since the last autosave: seal the draft first."""
        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, self._hung_up)
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self._terminated)

    def _hung_up(self, number: int, _frame: object) -> None:
        """The terminal is gone. Handled at once, between two steps of whatever the main thread
        was doing (Textual notices the lost terminal too, and its orderly exit then waits
        forever on writes to it): seal each open draft on the store thread, lock, and end the
        process as the hangup would have. The next unlock offers the draft back."""
        from journal.screens.editor import EditorScreen

        try:
            if self.session.unlocked:
                for screen in self.screen_stack:
                    if isinstance(screen, EditorScreen) and screen.dirty:
                        with contextlib.suppress(Exception):  # a half-typed date: nothing to save
                            self.store_thread.call(self.session.save_draft, screen.draft_id,
                                                   screen.form_entry())
                self.store_thread.call(self.session.lock)
        finally:
            os._exit(128 + number)

    def _terminated(self) -> None:
        self.run_worker(self._save_and_leave(), group="terminated", exclusive=True,
                        exit_on_error=False)

    async def _save_and_leave(self) -> None:
        """`kill`: the terminal is still there, so the app leaves in order, having sealed
        every open draft and locked (no sync: the network may be slow)."""
        from journal.screens.editor import EditorScreen

        try:
            for screen in self.screen_stack:
                if isinstance(screen, EditorScreen):
                    await screen.autosave()
            if self.session.unlocked:
                await self.run_store(self.session.lock)
        finally:
            self.store_thread.shutdown()
            self.exit(return_code=128 + signal.SIGTERM)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown,
                              events.MouseScrollUp, events.Paste)):
            self.last_activity = time.monotonic()
        await super().on_event(event)

    # -- locking ------------------------------------------------------------------------

    @property
    def idle_limit(self) -> float:
        return max(self.session.settings.auto_lock_minutes, 1) * 60.0

    async def _check_idle(self) -> None:
        if self.session.unlocked and time.monotonic() - self.last_activity >= self.idle_limit:
            await self.lock(idle=True)

    async def lock(self, *, idle: bool = False) -> None:
        """Seal any draft, drop the key and all decrypted text, show the unlock screen (which
        says why: the writer's ctrl+l, or a quiet spell)."""
        from journal.screens.editor import EditorScreen
        from journal.screens.unlock import UnlockScreen

        if not self.session.unlocked:
            return
        for screen in self.screen_stack:
            if isinstance(screen, EditorScreen):
                await screen.autosave()
        await self.flush_sync()
        await self.run_store(self.session.lock)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        await self.push_screen(UnlockScreen(locked=True, idle=idle))

    async def action_lock(self) -> None:
        await self.lock()

    # -- sync ----------------------------------------------------------------------------

    def sync_soon(self) -> None:
        """After a save: sync when the writer has been quiet for SYNC_AFTER_SAVE seconds."""
        if self._sync_timer is not None:
            self._sync_timer.stop()
        self._sync_timer = self.set_timer(self.SYNC_AFTER_SAVE, self.request_sync,
                                          name="sync-after-save")

    async def flush_sync(self) -> None:
        """Before locking or quitting: send a save still waiting for its quiet moment, so the
        other devices have it (bounded by the remote's time-out; a failure only waits for the
        next unlock)."""
        if self._sync_timer is None or self._syncing:
            return
        self._sync_timer.stop()
        self._sync_timer = None
        self._syncing = True
        await self._sync()

    def request_sync(self) -> None:
        """Sync now in the background (on unlock, after saves, on request). A request while one
        runs makes it go round once more, so the latest change is always sent."""
        if self._sync_timer is not None:
            self._sync_timer.stop()
            self._sync_timer = None
        if not self.session.unlocked:
            return
        if self._syncing:
            self._sync_again = True
            return
        self._syncing = True
        self.run_worker(self._sync(), group="sync", exit_on_error=False)

    async def _sync(self) -> None:
        """Prepare and finish on the store thread; talk to the remote on a thread of its own,
        so the journal stays usable however slow the server is."""
        from journal.widgets.progress import counts, from_thread

        def progressed(done: int, total: int) -> None:
            if self._syncing:  # not a count that arrives after the sync has ended
                self.sync_progress = (done, total)
                self.sync_status = f"⟳ syncing {counts(done, total)}" if total else "⟳ syncing…"

        try:
            again = True
            while again:
                self._sync_again = False
                begun = await self.run_store(self.session.sync_begin)
                if begun is None:
                    self.sync_status = ""
                    return
                self.sync_status = "⟳ syncing…"
                self.sync_progress = (0, 0)
                outgoing, remote = begun
                incoming = await asyncio.to_thread(self.session.sync_exchange, outgoing, remote,
                                                   from_thread(progressed))
                report = await self.run_store(self.session.sync_end, incoming)
                self.sync_status = self._status_of(report)
                self.refresh_lists(timeline=bool(report.received))
                # a device that found its own files damaged publishes them anew at once,
                # as `journal sync` does: one sync repairs
                again = self._sync_again or (report.republish_pending and not report.error)
        except Exception as exc:  # the remote, or the journal locked meanwhile: say so, go on
            self.session.sync_log.add(f"stopped: {exc}", ok=False)
            self.sync_status = "⟳ sync failed (y)"
            self.refresh_lists(timeline=False)
        finally:
            self._syncing = False
            self.sync_progress = None

    @staticmethod
    def _status_of(report) -> str:
        if report.error or report.problems:
            return "⟳ sync failed (y)"
        if report.conflicts:
            return f"⟳ {report.conflicts} conflict{'s' if report.conflicts > 1 else ''} (y)"
        return f"⟳ synced {time.strftime('%H:%M')}"

    def refresh_lists(self, *, timeline: bool = True) -> None:
        """Entries changed behind the screens' backs (a sync, a conflict resolved): reload the
        Sync screen, and the timeline unless nothing arrived."""
        from journal.screens.sync import SyncScreen
        from journal.screens.timeline import TimelineScreen

        for screen in self.screen_stack:
            if isinstance(screen, SyncScreen) or (timeline and isinstance(screen, TimelineScreen)):
                screen.reload()

    def action_open_sync(self) -> None:
        from journal.screens.sync import SyncScreen

        if self.session.unlocked and not isinstance(self.screen, SyncScreen):
            self.push_screen(SyncScreen())

    def action_open_supervision(self) -> None:
        from journal.screens.supervision import SupervisionScreen

        if self.session.unlocked and not isinstance(self.screen, SupervisionScreen):
            self.push_screen(SupervisionScreen())

    # -- screens anyone can reach ---------------------------------------------------------

    def action_help(self) -> None:
        from journal.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_support(self) -> None:
        from journal.screens.support import SupportScreen

        if not isinstance(self.screen, SupportScreen):
            self.push_screen(SupportScreen())

    def action_cycle_theme(self) -> None:
        names = list(THEMES)
        current = self.theme if self.theme in names else names[0]
        self.theme = names[(names.index(current) + 1) % len(names)]
        self.session.settings.theme = self.theme
        self.session.save_settings()
        self.notify(f"Theme: {THEME_NAMES[self.theme]}", timeout=2)

    async def action_quit(self) -> None:
        from journal.screens.editor import EditorScreen

        for screen in self.screen_stack:
            if isinstance(screen, EditorScreen):
                await screen.autosave()
        if self.session.unlocked:
            await self.flush_sync()
            await self.run_store(self.session.lock)
        self.store_thread.shutdown()
        self.exit()


if TYPE_CHECKING:  # the app is what the screens take it to be (mypy checks this line)
    _as_screens_see_it: JournalHost = JournalApp(Path())
