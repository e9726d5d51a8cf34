"""Reading the dates people type: ISO, UK day/month/year, `today`, `yesterday`, `3d`, `4w`.

A past day without a time means midday in the writer's zone: far from midnight, so a change of
zone or daylight saving never moves an entry to another day. Today (`today`, or today's date
typed) means now: midday would date an entry written at 01:15 in the future.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from journal.errors import JournalError

#: What a day may be written as (--since, --until, the filters' dates), and a moment (--date).
DAY_HINT = "use YYYY-MM-DD, DD/MM/YYYY, today, yesterday, or 3d / 2w ago"
HINT = "use YYYY-MM-DD (optionally with HH:MM), DD/MM/YYYY, today, yesterday, or 3d / 2w ago"


class DateError(JournalError, ValueError):
    pass


#: The years an entry may be about: wide enough for any real reflection, and far enough from
#: the calendar's ends (years 1 and 9999) that every time zone can show the moment.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def _local(value: datetime, text: str | None = None) -> datetime:
    """`value` in the local zone (if it has none), refused outside FIRST_YEAR..LAST_YEAR."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        shown = text if text is not None else value.date().isoformat()
        raise DateError(f"the date {shown!r} is out of range: an entry's date is between "
                        f"{FIRST_YEAR} and {LAST_YEAR}")
    return value.astimezone() if value.tzinfo is None else value


def local_moment(day: date, at: time) -> datetime:
    """A day and a time of day in the local zone (DateError outside the years an entry may be
    about): for entries whose dates come from a file."""
    return _local(datetime.combine(day, at))


def parse_day(text: str, today: date | None = None, hint: str = DAY_HINT) -> date:
    """A calendar day, for --since and --until (a time of day is refused: `hint` says how to
    write one)."""
    today = today or date.today()
    t = text.strip().lower()
    if t == "today":
        return today
    if t == "yesterday":
        return today - timedelta(days=1)
    rel = re.fullmatch(r"(\d{1,4})\s*([dwmy])", t)
    if rel:
        n, unit = int(rel.group(1)), rel.group(2)
        days = {"d": 1, "w": 7, "m": 30, "y": 365}[unit] * n
        return today - timedelta(days=days)
    uk = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", t)
    try:
        if uk:
            return date(int(uk.group(3)), int(uk.group(2)), int(uk.group(1)))
        return date.fromisoformat(t)
    except ValueError:
        raise DateError(f"bad date {text!r}: {hint}") from None


def parse_when(text: str, now: datetime | None = None) -> datetime:
    """A moment, for --date: a full timestamp, or a day (now if it is today, else at midday),
    in the local zone."""
    now = now or datetime.now().astimezone()
    t = text.strip()
    if not t:
        raise DateError(f"no date given: {HINT}, or now")
    if t.lower() == "now":
        return now
    try:
        stamp = datetime.fromisoformat(t.replace(" ", "T", 1)) if re.search(r"\d[ T]\d", t) \
            else None
    except ValueError:
        raise DateError(f"bad date {text!r}: {HINT}") from None
    if stamp is not None:
        return _local(stamp, text)
    day = parse_day(t, now.date(), HINT)
    if day == now.date():
        return now
    return _local(datetime.combine(day, time(12, 0)), text)
