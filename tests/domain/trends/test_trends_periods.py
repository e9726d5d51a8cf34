"""Periods: fixed lengths ending today, custom ranges, and messages that say what to type."""

from __future__ import annotations

from datetime import date

import pytest
from trends_journal import TODAY

from journal.domain import trends


def test_periods_have_fixed_lengths_ending_today():
    assert trends.parse_period("4w", TODAY) == trends.Period("4w", date(2024, 2, 5), TODAY)
    assert trends.parse_period("3m", TODAY).days == 91
    assert trends.parse_period("12m", TODAY).start == date(2023, 3, 6)
    assert trends.parse_period("all", TODAY, date(2020, 2, 29)).start == date(2020, 2, 29)
    assert trends.parse_period("ALL", TODAY, None).start == TODAY  # an empty journal
    custom = trends.parse_period("2024-02-01..29/02/2024", TODAY)
    assert (custom.start, custom.end, custom.days) == (date(2024, 2, 1), date(2024, 2, 29), 29)
    assert custom.before() == trends.Period(custom.before().name, date(2024, 1, 3),
                                            date(2024, 1, 31))
    assert trends.parse_period("..2024-01-31", TODAY, date(2024, 1, 1)).days == 31
    assert trends.parse_period("2024-03-01..", TODAY).end == TODAY


@pytest.mark.parametrize("text, message", [
    ("5x", "unknown period '5x': use 4w, 3m, 12m, all, or FROM..TO"),
    ("2024-03-01..2024-02-01", "ends before it starts"),
    ("2024-02-30..2024-03-01", "bad date '2024-02-30'"),
    ("", "unknown period ''"),
])
def test_bad_periods_say_what_to_type(text, message):
    with pytest.raises(trends.PeriodError, match=message.replace("(", r"\(").replace(")", r"\)")):
        trends.parse_period(text, TODAY)


def test_iso_weeks_and_months_across_the_new_year():
    from journal.domain.trends.periods import mondays_between, months_between, week_month

    # 2024-12-30 is the Monday of 2025-W01.
    assert trends.week_label(trends.week_start(date(2025, 1, 1))) == "2025-W01"
    assert mondays_between(date(2024, 12, 25), date(2025, 1, 6)) == [
        date(2024, 12, 23), date(2024, 12, 30), date(2025, 1, 6)]
    assert months_between(date(2024, 11, 30), date(2025, 2, 1)) == [
        (2024, 11), (2024, 12), (2025, 1), (2025, 2)]
    week, month = week_month(date(2025, 1, 1))
    assert week == date(2024, 12, 30).toordinal()
    assert week_month(date(2024, 12, 31))[1] + 1 == month  # consecutive months, one apart
    assert trends.last_weeks(TODAY, 4) == (date(2024, 2, 5), TODAY)
