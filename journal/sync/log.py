"""What the app's syncs did this session, newest first, for the Sync screen. Kept in memory
only: it names no entry, but it is nobody else's business either."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journal.sync.engine import SyncReport


@dataclass(frozen=True)
class SyncLogLine:
    at: datetime
    ok: bool
    text: str


class SyncLog:
    def __init__(self, keep: int = 200) -> None:
        self.lines: deque[SyncLogLine] = deque(maxlen=keep)

    def add(self, text: str, *, ok: bool = True) -> None:
        self.lines.appendleft(SyncLogLine(datetime.now().astimezone(), ok, text))

    def add_report(self, report: SyncReport) -> None:
        """One line for a finished sync, and one per problem or wait."""
        for repaired in report.repaired:
            self.add(f"repaired: {repaired}")
        if report.republish_pending:
            self.add("this device publishes its changes anew on its next sync")
        for problem in report.problems:
            self.add(problem, ok=False)
        for waiting in report.waiting:
            self.add(waiting)
        if report.error:
            self.add(f"stopped: {report.error}", ok=False)
        self.add(f"sent {report.sent}, received {report.received}, "
                 f"conflicts {report.conflicts}", ok=report.clean)
