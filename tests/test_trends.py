"""Trends against figures worked out by hand for a small fixed journal.

Today is Sunday 3 March 2024 (a leap year), so the 4-week period is Monday 5 February to Sunday
3 March: ISO weeks 2024-W06 to 2024-W09 exactly. Entries carry their own time zones; each must
count on the day it was written, not on its UTC day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.domain import trends
from journal.domain.framework import Catalogue, resolve
from journal.domain.model import Answer, CheckIn, Entry, EntrySummary, Kind, Mark

TODAY = date(2024, 3, 3)
SRN = resolve("srn-values", Path("/nonexistent"))
CORE = resolve("core-principles", Path("/nonexistent"))
NAMES = trends.Names(SRN, Catalogue(SRN, [CORE]))
Y, N, NA = Answer.YES, Answer.NO, Answer.NA
L, C, T = Mark.LIVED, Mark.CHALLENGING, Mark.TAGGED


def zone(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


def entry(when: datetime, kind: Kind = Kind.DAILY, marks=None, checks=None, words: int = 10,
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
        checks = {"power": Y if n < 3 else N} if n < 5 else {"boundaries": N}
        if now[n]:
            checks["share-hope"] = now[n]
        rows.append(entry(datetime(2024, 2, 5 + n, 12, tzinfo=UTC), Kind.SESSION,
                          {"hope": L, "mutuality": C} if n < 3 else {"hope": L}, checks))
    return trends.Points.of(rows)


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


def test_deleted_entries_do_not_count():
    gone = entry(datetime(2024, 3, 2, 12, tzinfo=UTC), marks={"hope": L})
    gone.deleted = True
    assert len(trends.Points.of([*FIXED, gone])) == len(FIXED)


def test_json_document_has_the_documented_fields():
    doc = trends.to_json(four_weeks())
    assert set(doc) == {"period", "today", "framework", "minimum", "values", "behaviours",
                        "change", "challenging", "activity", "wellbeing"}
    assert doc["period"] == {"name": "4w", "from": "2024-02-05", "to": "2024-03-03",
                             "days": 28, "entries": 6}
    hope = doc["values"][0]
    assert set(hope) == {"id", "name", "belief", "active", "lived", "challenging", "tagged",
                         "weeks", "months"}
    assert hope["weeks"][0] == {"key": "2024-W06", "from": "2024-02-05", "lived": 1,
                                "challenging": 0, "tagged": 0}
    share_hope = next(b for b in doc["behaviours"] if b["id"] == "share-hope")
    assert share_hope == {"id": "share-hope", "text": SRN.behaviour("share-hope").text,
                          "area": "peers", "active": True, "sessions": 3, "yes": 2, "no": 1,
                          "na": 0, "answered": 3, "share_yes": None}
    assert doc["change"]["comparable"] is False
    assert doc["activity"]["consistency"]["share_of_weeks"] == 0.75
    assert doc["activity"]["streaks"]["longest_days"] == 2


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


def test_stored_trend_facts_give_the_same_figures_as_summaries(home):
    """Trend facts from a real encrypted store's head index agree with the summaries."""
    from conftest import make_store

    store, _ = make_store(home)
    with store:
        store.add_many([
            Entry(when=s.when, kind=s.kind, title=f"e{n}", body="Some words here.",
                  framework_id=s.framework_id, marks=s.marks, checks=s.checks,
                  checkin=s.checkin)
            for n, s in enumerate(FIXED)])
        gone = store.add(Entry(when=datetime(2024, 3, 2, 12, tzinfo=UTC), kind=Kind.DAILY,
                               title="gone", body="x", marks={"hope": L}))
        store.delete(gone.id)
        fast = trends.Points.from_facts(store.entry_facts())
        slow = trends.Points.of(store.summaries())
    period = trends.parse_period("all", TODAY, slow.first)
    a = trends.to_json(trends.compute(fast, period, NAMES, TODAY, True))
    b = trends.to_json(trends.compute(slow, period, NAMES, TODAY, True))
    assert a == b and a["period"]["entries"] == len(FIXED)
    assert a["values"][0]["lived"] == 2  # the deleted entry's mark is not counted


def test_odd_stored_metadata_gives_empty_facts_not_an_error():
    """A damaged or future record's metadata is read as far as it goes: trends skip the rest."""
    from journal.storage.heads import facts_of

    odd = {"type": "entry", "when": "2024-02-05T09:00:00+00:00", "kind": "session",
           "marks": "not a mapping", "checks": ["nor", "this"], "words": "many",
           "checkin": 3}
    assert facts_of(odd) == ("2024-02-05", "session", (), (), 0, None, None)
    assert facts_of({"type": "settings"}) is None
    undated = ("not a day", "daily", (), (), 1, None, None)
    points = trends.Points.from_facts([facts_of(odd), undated])
    assert [p.day for p in points.all] == [date(2024, 2, 5)]
