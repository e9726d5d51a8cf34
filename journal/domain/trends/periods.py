"""Periods and the calendar arithmetic behind them: ISO weeks and calendar months.

Periods end today and have a fixed length: 4w is 28 days, 3m is 13 weeks (91 days), 12m is
52 weeks (364 days), so two periods side by side always have equal length. `all` runs from the
first entry; FROM..TO is a custom range, both days included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from journal.domain.dates import FIRST_YEAR, LAST_YEAR, DateError, parse_day
from journal.errors import JournalError

PERIOD_DAYS = {"4w": 28, "3m": 91, "12m": 364}
PERIOD_NAMES = {"4w": "4 weeks", "3m": "3 months", "12m": "12 months", "all": "all"}
PERIOD_HINT = "use 4w, 3m, 12m, all, or FROM..TO with dates like 2026-01-31"


class PeriodError(JournalError, ValueError):
    """A period the writer typed cannot be read; the message says what to type."""


@dataclass(frozen=True)
class Period:
    """Days from `start` to `end`, both included."""

    name: str
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def before(self) -> Period:
        """The period of the same length that ends the day before this one starts (cut short
        at the calendar's first day, 0001-01-01: such a period is never compared, since no
        journal has entries that early)."""
        end = date.fromordinal(max(self.start.toordinal() - 1, 1))
        start = date.fromordinal(max(end.toordinal() - (self.days - 1), 1))
        return Period(f"before {self.name}", start, end)

    @property
    def label(self) -> str:
        return span(self.start.isoformat(), self.end.isoformat())


def span(first: str, last: str) -> str:
    """`2026-10 to 2026-11`, or `2026-11` alone when both ends are the same ("months 2026-11
    to 2026-11" said one month twice)."""
    return first if first == last else f"{first} to {last}"


def parse_period(text: str, today: date, first: date | None = None) -> Period:
    """`4w`, `3m`, `12m`, `all` or `FROM..TO` (either side may be left out)."""
    name = text.strip().lower()
    if name in PERIOD_DAYS:
        return Period(name, today - timedelta(days=PERIOD_DAYS[name] - 1), today)
    if name == "all":
        return Period("all", min(first or today, today), today)
    if ".." in name:
        left, right = (part.strip() for part in name.split("..", 1))
        try:
            end = parse_day(right, today) if right else today
            # FROM left out: from the first entry, or the end when that is earlier (a period
            # before the first entry is empty, not reversed; and `..TO` checked before the
            # first entry is known, as the command line and the app do, is never refused)
            start = parse_day(left, today) if left else min(first or today, today, end)
        except DateError as exc:
            raise PeriodError(f"{exc} (period: {PERIOD_HINT})") from None
        for day in (start, end):
            if not FIRST_YEAR <= day.year <= LAST_YEAR:
                raise PeriodError(f"the period {text!r} reaches {day.isoformat()}: a period lies "
                                  f"between {FIRST_YEAR} and {LAST_YEAR}, like the entries")
        if start > end:
            raise PeriodError(f"the period {text!r} ends before it starts: put the earlier "
                              "date first")
        return Period(f"{start.isoformat()}..{end.isoformat()}", start, end)
    raise PeriodError(f"unknown period {text!r}: {PERIOD_HINT}")


def last_weeks(today: date, weeks: int) -> tuple[date, date]:
    """The last `weeks` weeks ending today, as (start, end)."""
    return today - timedelta(days=7 * weeks - 1), today


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_label(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def week_month(day: date) -> tuple[int, int]:
    """A day's week (ordinal of its Monday) and month (year * 12 + month - 1): the numbers a
    Point carries, so consecutive weeks are 7 apart and consecutive months 1 apart."""
    ordinal = day.toordinal()
    return ordinal - day.weekday(), day.year * 12 + day.month - 1


def mondays_between(start: date, end: date) -> list[date]:
    """The Monday of every ISO week from `start`'s to `end`'s."""
    monday, last = week_start(start), week_start(end)
    return [monday + timedelta(weeks=n) for n in range((last - monday).days // 7 + 1)]


def months_between(start: date, end: date) -> list[tuple[int, int]]:
    """Every calendar month from `start`'s to `end`'s, as (year, month)."""
    out: list[tuple[int, int]] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
