"""A small fixed journal for the trends tests, with figures worked out by hand.

Today is Sunday 3 March 2024 (a leap year), so the 4-week period is Monday 5 February to Sunday
3 March: ISO weeks 2024-W06 to 2024-W09 exactly. Entries carry their own time zones; each must
count on the day it was written, not on its UTC day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from journal.domain import trends
from journal.domain.framework import Catalogue, resolve
from journal.domain.model import Answer, CheckIn, EntrySummary, Kind, Mark

TODAY = date(2024, 3, 3)
SRN = resolve("srn-values", Path("/nonexistent"))
CORE = resolve("core-principles", Path("/nonexistent"))
NAMES = trends.Names(SRN, Catalogue(SRN, [CORE]))
Y, N, NA = Answer.YES, Answer.NO, Answer.NA
L, C, T = Mark.LIVED, Mark.CHALLENGING, Mark.TAGGED


def zone(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


def entry(when: datetime, kind: Kind = Kind.DAILY, marks: dict[str, Mark] | None = None,
          checks: dict[str, Answer] | None = None, words: int = 10,
          checkin: CheckIn | None = None, framework: str = "srn-values") -> EntrySummary:
    return EntrySummary(f"{when:%Y%m%d%H%M}", when, kind, "", "", framework, marks or {},
                        checks or {}, checkin, [], False, "", [], [], words)


FIXED = [
    entry(datetime(2023, 12, 31, 12, 0, tzinfo=UTC), words=30),
    entry(datetime(2024, 1, 1, 0, 10, tzinfo=UTC), Kind.SESSION, words=20),
    entry(datetime(2024, 2, 5, 9, 0, tzinfo=UTC), Kind.SESSION, {"hope": L, "mutuality": C},
          {"share-hope": Y, "power": N}, words=100),
    # Sunday evening in Brazil is Monday in UTC: it belongs to Sunday's week (W07).
    entry(datetime(2024, 2, 18, 22, 0, tzinfo=zone(-3)), marks={"hope": C}, words=50),
    # Just after midnight on Monday in Paris is Sunday in UTC: it belongs to Monday's week (W09).
    entry(datetime(2024, 2, 26, 0, 30, tzinfo=zone(1)), Kind.SESSION, {"hope": L},
          {"share-hope": Y, "power": NA}, words=200),
    entry(datetime(2024, 2, 29, 12, 0, tzinfo=UTC), Kind.QUICK, words=10,
          checkin=CheckIn(mood=2, energy=4)),  # the leap day, no marks
    entry(datetime(2024, 3, 1, 8, 0, tzinfo=zone(-5)), Kind.SESSION, {"empowerment": T},
          {"share-hope": N}, words=300, checkin=CheckIn(mood=4)),
    # Late on Sunday in Hawaii is Monday in UTC: still today, still W09. Its value comes from
    # a framework that is no longer active.
    entry(datetime(2024, 3, 3, 23, 59, tzinfo=zone(-10)), Kind.LEARNING, {"mutual": L},
          words=40, framework="core-principles"),
]
POINTS = trends.Points.of(FIXED)


def four_weeks() -> trends.Trends:
    period = trends.parse_period("4w", TODAY, POINTS.first)
    return trends.compute(POINTS, period, NAMES, TODAY, streaks=True)


def comparable_journal() -> trends.Points:
    """Six sessions in each of the two 4-week periods before TODAY."""
    before = [Y, Y, N, N, N, NA]  # share-hope: 2 of 5 answered (n/a left out)
    now = [Y, Y, Y, Y, N, None]  # share-hope: 4 of 5
    rows = []
    for n in range(6):
        rows.append(entry(datetime(2024, 1, 8 + n, 12, tzinfo=UTC), Kind.SESSION,
                          {"hope": L} if n % 2 else {},
                          {"share-hope": before[n], "power": Y} if n < 5 else
                          {"share-hope": before[n], "boundaries": Y}))
        checks: dict[str, Answer] = ({"power": Y if n < 3 else N} if n < 5
                                     else {"boundaries": N})
        answer = now[n]
        if answer:
            checks["share-hope"] = answer
        rows.append(entry(datetime(2024, 2, 5 + n, 12, tzinfo=UTC), Kind.SESSION,
                          {"hope": L, "mutuality": C} if n < 3 else {"hope": L}, checks))
    return trends.Points.of(rows)
