"""Reading the dates people type: ISO, UK day/month/year, `today`, `yesterday`, `3d`, `4w`.

A date without a time means midday in the writer's zone: far from midnight, so a change of zone
or daylight saving never moves an entry to another day.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from journal.errors import JournalError

HINT = "use YYYY-MM-DD (optionally with HH:MM), DD/MM/YYYY, today, yesterday, or 3d / 2w ago"


class DateError(JournalError, ValueError):
    pass


def _local(value: datetime) -> datetime:
    return value.astimezone() if value.tzinfo is None else value


def parse_day(text: str, today: date | None = None) -> date:
    """A calendar day, for --since and --until."""
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
        raise DateError(f"bad date {text!r}: {HINT}") from None


def parse_when(text: str, now: datetime | None = None) -> datetime:
    """A moment, for --date: a full timestamp, or a day (at midday), in the local zone."""
    now = now or datetime.now().astimezone()
    t = text.strip()
    if t.lower() in ("now", ""):
        return now
    try:
        stamp = datetime.fromisoformat(t.replace(" ", "T", 1)) if re.search(r"\d[ T]\d", t) \
            else None
    except ValueError:
        raise DateError(f"bad date {text!r}: {HINT}") from None
    if stamp is not None:
        return _local(stamp)
    day = parse_day(t, now.date())
    return _local(datetime.combine(day, time(12, 0)))
