"""The entries, prepared once, and the counts every figure is built from.

A Point is what trends need of one entry, with its day, ISO week and month worked out once.
An entry counts on the calendar day it is about, in the time zone it was written in (the offset
stored with it), never converted: a Sunday-night reflection stays in Sunday's week.

Counting runs once per mark or answer (50,000 at 20,000 entries), so it is done in C by
`Counter` over runs of points, never mark by mark in Python objects.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import chain, groupby
from operator import attrgetter

from journal.domain.model import Answer, EntrySummary, Facts, Kind, Mark
from journal.domain.trends.periods import week_month

MINIMUM = 5
"""Fewer entries (or answers) than this and no share, change or ranking is given."""

NOT_ENOUGH = "not enough entries yet"

MARK_ORDER = (Mark.LIVED, Mark.CHALLENGING, Mark.TAGGED)
# Keyed by the enum members, which equal (and hash as) the stored strings looked up.
MARK_INDEX: dict[str, int] = {mark: n for n, mark in enumerate(MARK_ORDER)}
ANSWER_INDEX: dict[str, int] = {Answer.YES: 0, Answer.NO: 1, Answer.NA: 2}


@dataclass(slots=True)
class Point:
    """What trends need of one entry, with its day worked out once."""

    day: date
    kind: str  # a Kind; stored strings equal their members
    marks: tuple[tuple[str, str], ...]  # (value id, a Mark)
    checks: tuple[tuple[str, str], ...]  # (behaviour id, an Answer)
    words: int
    mood: int | None = None
    energy: int | None = None
    week: int = 0  # the ordinal of the Monday of its ISO week
    month: int = 0  # year * 12 + month - 1: consecutive months are consecutive numbers

    @property
    def reflected(self) -> bool:
        """The writer went back to the framework: at least one value mark or answer."""
        return bool(self.marks or self.checks)


class Points:
    """Entries sorted by day, so any period is two binary searches away."""

    def __init__(self, points: Iterable[Point]) -> None:
        self.all = sorted(points, key=lambda p: p.day)
        self._ordinals = [p.day.toordinal() for p in self.all]

    @classmethod
    def of(cls, summaries: Iterable[EntrySummary]) -> Points:
        out = []
        for s in summaries:
            if s.deleted:
                continue
            checkin = s.checkin
            day = s.when.date()
            out.append(Point(day, s.kind, tuple(s.marks.items()), tuple(s.checks.items()),
                             s.words,
                             checkin.mood if checkin else None,
                             checkin.energy if checkin else None, *week_month(day)))
        return cls(out)

    @classmethod
    def from_facts(cls, facts: Iterable[Facts]) -> Points:
        """From the head index's trend facts (`JournalStore.entry_facts`), without building
        summaries: marks and answers stay the stored strings, which equal their enum members.
        The day is the date part of the stored ISO time, in the zone it was written in."""
        out = []
        days: dict[str, tuple[date, int, int]] = {}  # many entries share a day
        for stamp, kind, marks, checks, words, mood, energy in facts:
            known = days.get(stamp)
            if known is None:
                try:
                    day = date.fromisoformat(stamp)
                except ValueError:
                    continue  # a record without a readable date cannot be placed in time
                known = days[stamp] = (day, *week_month(day))
            out.append(Point(known[0], kind, marks, checks, words, mood, energy,
                             known[1], known[2]))
        return cls(out)

    @property
    def first(self) -> date | None:
        return self.all[0].day if self.all else None

    def within(self, start: date, end: date) -> list[Point]:
        lo = bisect.bisect_left(self._ordinals, start.toordinal())
        hi = bisect.bisect_right(self._ordinals, end.toordinal())
        return self.all[lo:hi]

    def __len__(self) -> int:
        return len(self.all)


def fragments(within: list[Point]) -> Iterator[tuple[tuple[int, int], list[Point]]]:
    """Sorted points cut where the ISO week or the month changes: every fragment lies in one
    week and one month, so one count per fragment serves both views."""
    for key, run in groupby(within, key=attrgetter("week", "month")):
        yield key, list(run)


def pair_counts(points: Iterable[Point], field_name: str) -> Counter[tuple[str, str]]:
    """How often each (id, mark) or (id, answer) pair occurs: counted in C by Counter."""
    return Counter(chain.from_iterable(map(attrgetter(field_name), points)))


def sessions_of(points: Iterable[Point]) -> list[Point]:
    session = Kind.SESSION.value  # looked up once: an enum attribute costs a method call
    return [p for p in points if p.kind == session]


# -- answers and marks ------------------------------------------------------------------------


@dataclass
class Answers:
    yes: int = 0
    no: int = 0
    na: int = 0

    @property
    def answered(self) -> int:
        """Answers that count towards the share: yes and no (n/a is left out)."""
        return self.yes + self.no

    @property
    def share(self) -> float | None:
        """Share of yes, or None below the minimum number of answers."""
        return self.yes / self.answered if self.answered >= MINIMUM else None


Tally = tuple[dict[str, Answers], int]
"""Answers per behaviour among session entries, and how many session entries there are."""


def tally_answers(points: list[Point]) -> Tally:
    """Answers per behaviour among session entries, and how many session entries there are."""
    sessions = sessions_of(points)
    counts: dict[str, list[int]] = {}
    for (behaviour_id, answer), n in pair_counts(sessions, "checks").items():
        index = ANSWER_INDEX.get(answer)
        if index is None:  # an answer this version does not know is left out
            continue
        row = counts.get(behaviour_id)
        if row is None:
            row = counts[behaviour_id] = [0, 0, 0]
        row[index] += n
    return {b: Answers(*row) for b, row in counts.items()}, len(sessions)


def mark_totals(points: list[Point]) -> dict[str, Counter[Mark]]:
    """Marks per value, by Mark; marks this version does not know are left out."""
    totals: dict[str, Counter[Mark]] = {}
    for (value_id, mark), n in pair_counts(points, "marks").items():
        if mark in MARK_INDEX:
            totals.setdefault(value_id, Counter())[Mark(mark)] += n
    return totals
