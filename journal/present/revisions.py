"""What each saved version of an entry was, and when it was saved, as every front end says it.

When is read from the revision's hybrid-clock value. A device whose clock ran ahead stamps its
revisions in the future, and the hybrid clock, which never goes back, carries that on into the
later edits of correct devices after they sync with it. Such a time is no real time: the CLI's
`conflicts`, the app's conflict screen and its history all say "unknown time" instead of a date,
through `saved_at` here.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from journal.domain.model import Revision

#: A saved time more than this far ahead of this device's clock is not shown as a time.
AHEAD = timedelta(minutes=5)


def revision_actions(revisions: list[Revision]) -> list[str]:
    """One word per revision, oldest first (the order `history` returns)."""
    words, was_deleted = [], False
    for number, rev in enumerate(revisions):
        if rev.entry is None:
            word = "damaged"
        elif rev.deleted:
            word = "deleted"
        elif number == 0:
            word = "created"
        elif was_deleted:
            word = "restored"
        elif len(rev.parents) > 1:
            word = "merged"
        else:
            word = "edited"
        was_deleted = rev.deleted
        words.append(word)
    return words


def clock_time(clock: str) -> datetime:
    """When a revision was written, from its hybrid-clock value, in local time."""
    return datetime.fromtimestamp(int(clock.split("-")[0]) / 1000).astimezone()


def clock_ahead(clock: str, now: datetime | None = None) -> bool:
    """Whether a version's clock reads later than now here: a device's clock ran ahead and the
    hybrid clock carried that on (a correct device's later edits too), so it is no real time."""
    return clock_time(clock) > (now or datetime.now().astimezone()) + AHEAD


def saved_at(clock: str, fmt: str = "%Y-%m-%d %H:%M", *, short: bool = False,
             now: datetime | None = None) -> str:
    """When a version was saved, in `fmt`; a clock ahead of now is an unknown time, said in
    full ("at an unknown time (a clock ran ahead: …)") or, `short`, for a narrow column."""
    shown = clock_time(clock).strftime(fmt)
    if not clock_ahead(clock, now):
        return shown
    if short:
        return "unknown time (clock ahead)"
    return f"at an unknown time (a clock ran ahead: it reads {shown}, later than now)"
