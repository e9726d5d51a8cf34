"""What each saved version of an entry was: created, edited, deleted, restored or merged."""

from __future__ import annotations

from datetime import datetime

from journal.domain.model import Revision


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
