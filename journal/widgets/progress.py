"""Progress of long work in the app: what is being done, how far it has got, and a bar.

A first sync of a 20,000-entry journal, a backup of a large one or the passphrase check take
seconds; a screen that shows nothing meanwhile looks frozen. The work runs off the app's thread
(on the store thread, or a sync's own) and reports `(done, total)` as often as it likes, as it
does for the command line's bars (`cli/progress.py`). `from_thread` brings those reports to the
screen a few times a second without ever making the work wait for the screen, and
`ProgressLine` shows them on one line that is hidden while nothing runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import time
from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar

from journal.widgets.status_line import StatusLine

#: Told how far the work has got: (done, total), total 0 while it is not known.
Report = Callable[[int, int], None]

#: Seconds between two reports shown: often enough to see it move, seldom enough to cost
#: nothing (a first sync reports every segment; a backup every 1,024 pages).
EVERY = 0.1


def counts(done: int, total: int) -> str:
    """"1,200/2,700", or "1,200" while the total is not known."""
    return f"{done:,}/{total:,}" if total > 0 else f"{done:,}"


def from_thread(show: Report, every: float | None = None) -> Report:
    """A `Report` to hand to work running on another thread. Made on the app's thread; it calls
    `show(done, total)` there, at most once every `every` seconds and always when a count
    reaches its total (so the last count is seen). It never waits for the screen (a busy
    screen must not slow a sync) and never raises into the work: once the app has gone,
    nothing is shown."""
    loop = asyncio.get_running_loop()
    context = contextvars.copy_context()  # the app's: the store thread has none of its own
    gap = EVERY if every is None else every
    last = [float("-inf")]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] < gap and not 0 < total <= done:
            return
        last[0] = now
        with contextlib.suppress(RuntimeError):  # the loop has closed: the app is gone
            loop.call_soon_threadsafe(show, done, total, context=context)

    return report


class ProgressLine(Horizontal):
    """One line: "Syncing 120/540 segments" and a bar, which pulses while nothing is counted
    yet. Hidden while idle, so a screen looks the same as ever until work starts."""

    DEFAULT_CSS = """
    ProgressLine { height: 1; width: 1fr; display: none; }
    ProgressLine.-running { display: block; }
    ProgressLine > StatusLine { width: 1fr; }
    ProgressLine > ProgressBar { width: auto; padding-left: 1; }
    ProgressLine Bar { width: 24; }
    ProgressLine Bar > .bar--indeterminate { color: $accent; }
    """

    def compose(self) -> ComposeResult:
        yield StatusLine()
        # a total while idle: a bar with none pulses, and repaints 15 times a second
        yield ProgressBar(total=1, show_percentage=False, show_eta=False)

    @property
    def text(self) -> str:
        """What the line says ("" while hidden)."""
        return self.query_one(StatusLine).text if self.has_class("-running") else ""

    def show(self, doing: str, done: int = 0, total: int = 0, unit: str = "", *,
             share: bool = False) -> None:
        """`doing` alone while nothing is counted ("Checking the passphrase…"), else
        "`doing` done/total `unit`" ("Syncing 120/540 segments"), or with `share` the part
        done ("Backing up 45%": pages mean nothing to a writer), the bar filled that far."""
        if share and total > 0:
            said = f"{doing} {min(done * 100 // total, 100)}%"
        elif done or total:
            said = f"{doing} {counts(done, total)} {unit}".rstrip()
        else:
            said = doing
        self.query_one(StatusLine).update(said)
        self.query_one(ProgressBar).update(total=total if total > 0 else None, progress=done)
        self.add_class("-running")

    def hide(self) -> None:
        self.remove_class("-running")
        self.query_one(StatusLine).update("")
        self.query_one(ProgressBar).update(total=1, progress=0)
