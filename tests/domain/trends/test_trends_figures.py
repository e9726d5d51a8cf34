"""The figures (values over time, the check-list, change, most challenging) against figures
worked out by hand for the small fixed journal in `trends_journal`, and counts that add up
whatever the journal."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from trends_journal import (
    NAMES,
    POINTS,
    SRN,
    TODAY,
    comparable_journal,
    entry,
    four_weeks,
    zone,
)

from journal.domain import trends
from journal.domain.model import Answer, CheckIn, Kind, Mark


def test_values_by_iso_week_and_month_in_the_writers_time_zone():
    t = four_weeks()
    assert t.entries == 6
    by_id = {v.id: v for v in t.values}
    # Active framework values first, in the framework's order; then other stored ids.
    assert [v.id for v in t.values] == [*SRN.value_ids, "mutual"]
    hope = by_id["hope"]
    assert hope.belief == SRN.value("hope").belief and hope.active
    assert (hope.lived, hope.challenging, hope.tagged) == (2, 1, 0)
    assert [w.key for w in hope.weeks] == ["2024-W06", "2024-W07", "2024-W08", "2024-W09"]
    assert [(w.lived, w.challenging) for w in hope.weeks] == [(1, 0), (0, 1), (0, 0), (1, 0)]
    assert [(m.key, m.lived, m.challenging) for m in hope.months] == [
        ("2024-02", 2, 1), ("2024-03", 0, 0)]
    assert [w.challenging for w in by_id["mutuality"].weeks] == [1, 0, 0, 0]
    assert [m.tagged for m in by_id["empowerment"].months] == [0, 1]
    assert by_id["experience"].lived == by_id["experience"].challenging == 0
    old = by_id["mutual"]  # still shown, under its stored id, with the name it had
    assert (old.name, old.belief, old.active, old.lived) == ("mutual", "Mutual", False, 1)
    assert [w.lived for w in old.weeks] == [0, 0, 0, 1]


def test_behaviour_shares_leave_out_na_and_need_enough_answers():
    t = four_weeks()
    rows = {b.id: b for b in t.behaviours}
    assert [b.area for b in t.behaviours][:16] == ["peers"] * 16
    assert [b.area for b in t.behaviours][16:] == ["self"] * 5 + ["team"] * 6
    share_hope, power = rows["share-hope"], rows["power"]
    assert (share_hope.answers.yes, share_hope.answers.no, share_hope.answers.na) == (2, 1, 0)
    assert (power.answers.yes, power.answers.no, power.answers.na) == (0, 1, 1)
    assert power.answers.answered == 1 and share_hope.sessions == 3
    assert share_hope.share is None  # 3 answers: below the minimum of 5, no share is claimed
    assert rows["diversity"].answers.answered == 0


def test_change_between_two_full_periods_of_equal_length():
    points = comparable_journal()
    period = trends.parse_period("4w", TODAY, points.first)
    change = trends.compare(points, period, NAMES, TODAY)
    assert change.comparable and change.reason == ""
    assert (change.before.start, change.before.end) == (date(2024, 1, 8), date(2024, 2, 4))
    assert (change.before_entries, change.now_entries) == (6, 6)
    by_id = {b.id: b for b in change.behaviours}
    assert set(by_id) == {"share-hope", "power"}  # boundaries: 1 answer a side, not enough
    assert by_id["share-hope"].before.share == pytest.approx(0.4)
    assert by_id["share-hope"].now.share == pytest.approx(0.8)
    assert by_id["share-hope"].change == pytest.approx(0.4)
    assert by_id["power"].change == pytest.approx(0.6 - 1.0)
    assert [b.id for b in change.rising] == ["share-hope"]
    assert [b.id for b in change.falling] == ["power"]
    hope = next(v for v in change.values if v.id == "hope")
    assert (hope.before_lived, hope.now_lived) == (3, 6)
    assert hope.lived_change == pytest.approx(1.0 - 0.5)


def test_no_comparison_with_a_partial_or_thin_period():
    four = trends.parse_period("4w", TODAY)
    # The fixed journal: the earlier 4 weeks hold no entries at all.
    change = trends.compare(POINTS, four, NAMES, TODAY)
    assert not change.comparable
    assert change.reason == ("not enough entries yet: 5 needed in each period, 0 before and "
                             "6 now")
    year = trends.compare(POINTS, trends.parse_period("12m", TODAY), NAMES, TODAY)
    assert "before the journal's first entry" in year.reason and not year.behaviours
    future = trends.parse_period("2024-03-01..2024-03-10", TODAY)
    assert "has not come yet" in trends.compare(POINTS, future, NAMES, TODAY).reason
    whole = trends.parse_period("all", TODAY, POINTS.first)
    assert "no earlier period" in trends.compare(POINTS, whole, NAMES, TODAY).reason


def test_most_challenging_ranks_with_counts_behind_each_figure():
    points = comparable_journal()
    start, end = trends.last_weeks(TODAY, 4)
    result = trends.most_challenging(points, start, end, NAMES)
    assert result.enough and (result.entries, result.sessions) == (6, 6)
    assert [(c.id, c.count, c.out_of) for c in result.values] == [("mutuality", 3, 6)]
    assert [(c.id, c.count, c.out_of) for c in result.least_done] == [
        ("power", 3, 5), ("share-hope", 4, 5)]
    # Least often answered: behaviours nobody answered, alphabetically among equals
    # (boundaries was answered once, so it comes after every unanswered one).
    assert [(c.id, c.count, c.out_of) for c in result.least_answered] == [
        ("accept-peers", 0, 6), ("advocate-decisions", 0, 6), ("alongside", 0, 6),
        ("broaden-identity", 0, 6), ("challenge-and-risk", 0, 6)]
    thin = trends.most_challenging(POINTS, date(2024, 2, 26), TODAY, NAMES)
    assert not thin.enough and thin.values == [] and thin.entries == 4


def test_an_empty_period_and_an_empty_journal():
    quiet = trends.parse_period("2023-06-01..2023-06-30", TODAY)
    t = trends.compute(POINTS, quiet, NAMES, TODAY)
    assert t.entries == 0 and all(v.lived == v.challenging == 0 for v in t.values)
    assert t.activity.consistency.share_of_weeks == 0.0
    assert not t.challenging.enough
    empty = trends.Points([])
    t = trends.compute(empty, trends.parse_period("all", TODAY, empty.first), NAMES, TODAY, True)
    assert t.entries == 0 and sum(t.activity.calendar) == 0
    assert t.activity.streaks == trends.Streaks(0, 0, 0, 0)
    assert trends.to_json(t)["period"] == {"name": "all", "from": "2024-03-03",
                                           "to": "2024-03-03", "days": 1, "entries": 0}


# -- counts add up, whatever the journal ------------------------------------------------------

moments = st.datetimes(min_value=datetime(2022, 1, 1), max_value=datetime(2024, 3, 10),
                       timezones=st.sampled_from([UTC, zone(-10), zone(5.5), zone(13)]))
summaries = st.builds(
    entry, moments, st.sampled_from(list(Kind)),
    st.dictionaries(st.sampled_from(["hope", "mutuality", "old"]), st.sampled_from(list(Mark)),
                    max_size=3),
    st.dictionaries(st.sampled_from(["share-hope", "power", "gone"]),
                    st.sampled_from(list(Answer)), max_size=3),
    st.integers(0, 500),
    st.one_of(st.none(), st.builds(CheckIn, st.integers(1, 5), st.integers(1, 5))),
)


@given(st.lists(summaries, max_size=40), st.sampled_from(["4w", "3m", "12m", "all",
                                                          "2023-02-27..2023-03-05"]))
def test_counts_add_up(rows, name):
    points = trends.Points.of(rows)
    period = trends.parse_period(name, TODAY, points.first)
    t = trends.compute(points, period, NAMES, TODAY, streaks=True)
    inside = [r for r in rows if period.start <= r.when.date() <= period.end]
    assert t.entries == len(inside)
    for v in t.values:
        for mark in Mark:
            expected = sum(1 for r in inside if r.marks.get(v.id) is mark)
            assert getattr(v, mark.value) == expected
            assert sum(getattr(w, mark.value) for w in v.weeks) == expected
            assert sum(getattr(m, mark.value) for m in v.months) == expected
    sessions = [r for r in inside if r.kind is Kind.SESSION]
    for b in t.behaviours:
        a = b.answers
        assert a.yes + a.no + a.na == sum(1 for r in sessions if b.id in r.checks)
        assert b.sessions == len(sessions)
        if a.share is not None:
            assert 0 <= a.share <= 1
    act = t.activity
    assert sum(w.entries for w in act.weeks) == sum(m.entries for m in act.months) == t.entries
    assert sum(w.words for w in act.weeks) == sum(r.words for r in inside)
    assert sum(act.calendar) == sum(1 for r in rows
                                    if act.calendar_start <= r.when.date() <= TODAY)
    assert sum(w.checkins for w in t.wellbeing) == sum(1 for r in inside if r.checkin)
    assert 0 <= act.consistency.weeks_with_reflection <= act.consistency.weeks
    assert act.streaks.current_days <= act.streaks.longest_days
    assert act.streaks.current_weeks <= act.streaks.longest_weeks
    if t.change.comparable:
        assert t.change.now_entries >= trends.MINIMUM <= t.change.before_entries
