"""Writing activity: the calendar, consistency, streaks (only when asked) and wellbeing."""

from __future__ import annotations

from datetime import date, timedelta

from trends_journal import NAMES, POINTS, TODAY, four_weeks

from journal.domain import trends


def test_activity_calendar_consistency_and_streaks():
    act = four_weeks().activity
    assert [(w.key, w.entries, w.words) for w in act.weeks] == [
        ("2024-W06", 1, 100), ("2024-W07", 1, 50), ("2024-W08", 0, 0), ("2024-W09", 4, 550)]
    assert [(m.key, m.entries, m.words) for m in act.months] == [
        ("2024-02", 4, 360), ("2024-03", 2, 340)]
    c = act.consistency
    assert (c.weeks, c.weeks_with_reflection, c.share_of_weeks) == (4, 3, 0.75)
    assert (c.sessions, c.sessions_reflected, c.share_of_sessions) == (3, 3, None)
    assert act.calendar_start == date(2023, 2, 27)  # a Monday, 52 weeks before this week's
    assert len(act.calendar) == 371 and sum(act.calendar) == 8
    assert act.calendar[(date(2024, 2, 29) - act.calendar_start).days] == 1
    assert act.calendar[-1] == 1  # today, from Hawaii
    s = act.streaks
    assert s is not None
    # Days: 31 Dec and 1 Jan in a row; today alone. Weeks: 2023-W52 then 2024-W01 across the
    # new year, and W06-W07; this week alone (W08 is empty).
    assert (s.current_days, s.longest_days, s.current_weeks, s.longest_weeks) == (1, 2, 1, 2)


def test_streaks_only_when_asked_and_still_alive_before_todays_entry():
    period = trends.parse_period("4w", TODAY)
    assert trends.compute(POINTS, period, NAMES, TODAY).activity.streaks is None
    tomorrow = trends.streak_counts(POINTS, TODAY + timedelta(days=1))
    assert tomorrow.current_days == 1  # yesterday's entry keeps the streak going today
    later = trends.streak_counts(POINTS, TODAY + timedelta(days=2))
    assert later.current_days == 0 and later.current_weeks == 1  # still this week


def test_wellbeing_averages_per_week():
    rows = four_weeks().wellbeing
    assert [(w.key, w.checkins, w.mood, w.energy) for w in rows] == [
        ("2024-W06", 0, None, None), ("2024-W07", 0, None, None), ("2024-W08", 0, None, None),
        ("2024-W09", 2, 3.0, 4.0)]
