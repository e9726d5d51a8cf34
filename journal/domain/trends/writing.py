"""How much was written and how it felt: the calendar, consistency, streaks and wellbeing.

Consistency is a gentle measure (the share of weeks with a reflection) instead of daily
streaks; streaks are only worked out when the writer turns them on in settings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter

from journal.domain.trends.periods import (
    Period,
    mondays_between,
    months_between,
    week_label,
    week_month,
    week_start,
)
from journal.domain.trends.points import MINIMUM, Points, fragments, sessions_of


@dataclass
class Activity:
    key: str
    start: date
    entries: int = 0
    words: int = 0


@dataclass
class Consistency:
    weeks: int
    weeks_with_reflection: int
    sessions: int
    sessions_reflected: int

    @property
    def share_of_weeks(self) -> float | None:
        return self.weeks_with_reflection / self.weeks if self.weeks else None

    @property
    def share_of_sessions(self) -> float | None:
        return self.sessions_reflected / self.sessions if self.sessions >= MINIMUM else None


@dataclass
class Streaks:
    """Only computed when the writer turns streaks on in settings."""

    current_weeks: int
    longest_weeks: int
    current_days: int
    longest_days: int


@dataclass
class ActivityView:
    calendar_start: date  # a Monday, 52 weeks before this week's
    calendar: list[int]  # entries per day from calendar_start to today
    weeks: list[Activity]
    months: list[Activity]
    consistency: Consistency
    streaks: Streaks | None


def activity(points: Points, period: Period, today: date, streaks: bool = False) -> ActivityView:
    """The rolling 12-month calendar (always ending today), entries and words per week and
    month of the period, and the consistency measure."""
    calendar_start = week_start(today) - timedelta(weeks=52)
    per_day = Counter(p.day for p in points.within(calendar_start, today))
    calendar = [per_day.get(calendar_start + timedelta(days=n), 0)
                for n in range((today - calendar_start).days + 1)]
    mondays = mondays_between(period.start, period.end)
    weeks = [Activity(week_label(m), m) for m in mondays]
    months = [Activity(f"{y}-{m:02d}", date(y, m, 1))
              for y, m in months_between(period.start, period.end)]
    first_week, first_month = week_month(period.start)
    within = points.within(period.start, period.end)
    words = attrgetter("words")
    for (week, month), run in fragments(within):
        entries, written = len(run), sum(map(words, run))
        for bucket in (weeks[(week - first_week) // 7], months[month - first_month]):
            bucket.entries += entries
            bucket.words += written
    sessions = sessions_of(within)
    reflected = sum(1 for p in sessions if p.marks or p.checks)
    consistency = Consistency(len(mondays), sum(1 for w in weeks if w.entries),
                              len(sessions), reflected)
    return ActivityView(calendar_start, calendar, weeks, months, consistency,
                        streak_counts(points, today) if streaks else None)


def _runs(ordinals: list[int], step: int, current_from: int) -> tuple[int, int]:
    """(current run ending at `current_from` or one step before it, longest run)."""
    longest = run = 0
    previous = None
    for value in ordinals:
        run = run + 1 if previous is not None and value - previous == step else 1
        longest = max(longest, run)
        previous = value
    current = run if previous is not None and current_from - previous <= step else 0
    return current, longest


def streak_counts(points: Points, today: date) -> Streaks:
    """A streak still counts today (or this week) before today's entry is written."""
    days = sorted({p.day.toordinal() for p in points.all if p.day <= today})
    weeks = sorted({p.week for p in points.all if p.day <= today})
    current_days, longest_days = _runs(days, 1, today.toordinal())
    current_weeks, longest_weeks = _runs(weeks, 7, week_start(today).toordinal())
    return Streaks(current_weeks, longest_weeks, current_days, longest_days)


# -- wellbeing --------------------------------------------------------------------------------


@dataclass
class Wellbeing:
    key: str
    start: date
    checkins: int
    mood: float | None
    energy: float | None


def wellbeing(points: Points, period: Period) -> list[Wellbeing]:
    """Average mood and energy (1 to 5) per ISO week, from the check-ins given."""
    sums: dict[int, list[int]] = {m.toordinal(): [0, 0, 0, 0, 0]
                                  for m in mondays_between(period.start, period.end)}
    for p in points.within(period.start, period.end):
        if p.mood is None and p.energy is None:
            continue
        row = sums[p.week]
        row[0] += 1
        if p.mood is not None:
            row[1] += p.mood
            row[2] += 1
        if p.energy is not None:
            row[3] += p.energy
            row[4] += 1
    out = []
    for ordinal, (n, mood, moods, energy, energies) in sums.items():
        monday = date.fromordinal(ordinal)
        out.append(Wellbeing(week_label(monday), monday, n, mood / moods if moods else None,
                             energy / energies if energies else None))
    return out
