"""A hybrid logical clock: orders revisions and breaks ties, never decides conflicts.

A clock value is ``"<13-digit milliseconds>-<5-digit counter>"`` so plain string comparison is time
order. It never goes backwards on one device, even when the wall clock does, and after seeing a
remote value it moves past it, so a device with a clock a year ahead cannot make the others' later
edits look older for ever: the counter carries the order instead.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from journal.errors import JournalError

_COUNTER_LIMIT = 99_999


class ClockError(JournalError, ValueError):
    """The journal file's own clock value is not one (the file was edited by hand)."""


def format_clock(millis: int, counter: int) -> str:
    return f"{millis:013d}-{counter:05d}"


def parse_clock(value: str) -> tuple[int, int]:
    """Split a clock value; raise ValueError on anything else."""
    millis, _, counter = value.partition("-")
    if len(millis) != 13 or len(counter) != 5 or not (millis.isdigit() and counter.isdigit()):
        raise ValueError(f"not a clock value: {value!r}")
    return int(millis), int(counter)


class HybridClock:
    """Issue clock values after `last`, given a wall clock in milliseconds."""

    def __init__(self, last: str | None = None, wall: Callable[[], int] | None = None) -> None:
        try:
            self._last = parse_clock(last) if last else (0, 0)
        except ValueError:
            raise ClockError(f"the journal file's clock is {str(last)[:20]!r}, not a clock "
                             "value: the file was changed outside peer-journal; nothing was "
                             "written; restore it from a backup or join again from your sync "
                             "remote") from None
        self._wall = wall or (lambda: time.time_ns() // 1_000_000)

    @property
    def last(self) -> str:
        return format_clock(*self._last)

    def tick(self) -> str:
        """A new value, later than every value issued or observed so far."""
        now = self._wall()
        millis, counter = self._last
        if now > millis:
            self._last = (now, 0)
        elif counter < _COUNTER_LIMIT:
            self._last = (millis, counter + 1)
        else:
            self._last = (millis + 1, 0)
        return self.last

    def observe(self, remote: str) -> None:
        """Move past a value seen from another device."""
        seen = parse_clock(remote)
        if seen > self._last:
            self._last = seen
