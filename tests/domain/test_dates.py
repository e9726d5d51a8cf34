"""The dates people type for --date: today is now, a past day alone is midday."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from journal.domain.dates import DateError, parse_when

ZONE = timezone(timedelta(hours=1))
EARLY = datetime(2026, 11, 30, 1, 15, tzinfo=ZONE)  # written at a quarter past one


@pytest.mark.parametrize("typed", ["today", "TODAY", " today ", "2026-11-30", "30/11/2026",
                                   "0d", "now"])
def test_today_means_now_never_later_in_the_day(typed):
    assert parse_when(typed, EARLY) == EARLY


@pytest.mark.parametrize("typed,day", [("yesterday", 29), ("2026-11-02", 2), ("1d", 29),
                                       ("02/11/2026", 2)])
def test_a_past_day_alone_is_midday(typed, day):
    when = parse_when(typed, EARLY)
    assert (when.day, when.hour, when.minute) == (day, 12, 0)


def test_a_time_given_is_kept():
    assert parse_when("2026-11-30 09:40", EARLY).hour == 9


def test_nothing_or_nonsense_is_refused_with_how():
    for typed in ("", "   ", "tomorrowish", "2026-13-01"):
        with pytest.raises(DateError, match="YYYY-MM-DD"):
            parse_when(typed, EARLY)


def test_a_day_filter_never_offers_a_time_it_refuses():
    """--since and --until take a day: the hint a refusal gives says nothing of HH:MM, while
    --date (a moment) still offers it."""
    from journal.domain.dates import parse_day

    with pytest.raises(DateError) as refused:
        parse_day("2026-11-01 14:00")
    assert "HH:MM" not in str(refused.value) and "YYYY-MM-DD" in str(refused.value)
    with pytest.raises(DateError, match=r"optionally with HH:MM"):
        parse_when("tomorrowish", EARLY)
