"""Points: the entries prepared once, from summaries or from the head index's trend facts."""

from __future__ import annotations

from datetime import UTC, date, datetime

from trends_journal import FIXED, NAMES, TODAY, L, entry

from journal.domain import trends
from journal.domain.model import Entry, Kind


def test_deleted_entries_do_not_count():
    gone = entry(datetime(2024, 3, 2, 12, tzinfo=UTC), marks={"hope": L})
    gone.deleted = True
    assert len(trends.Points.of([*FIXED, gone])) == len(FIXED)


def test_points_are_sorted_and_any_period_is_a_slice():
    points = trends.Points.of(reversed(FIXED))
    assert [p.day for p in points.all] == sorted(p.day for p in points.all)
    assert points.first == date(2023, 12, 31)
    # Each entry on the day it was written, in its own zone (Brazil's Sunday evening, Hawaii).
    assert [p.day for p in points.within(date(2024, 2, 18), TODAY)] == [
        date(2024, 2, 18), date(2024, 2, 26), date(2024, 2, 29), date(2024, 3, 1), TODAY]
    assert points.within(date(2024, 1, 2), date(2024, 2, 4)) == []
    assert trends.Points([]).first is None


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
    from journal.domain.schema import facts_of

    odd = {"type": "entry", "when": "2024-02-05T09:00:00+00:00", "kind": "session",
           "marks": "not a mapping", "checks": ["nor", "this"], "words": "many",
           "checkin": 3}
    assert facts_of(odd) == ("2024-02-05", "session", (), (), 0, None, None)
    assert facts_of({"type": "settings"}) is None
    undated = ("not a day", "daily", (), (), 1, None, None)
    points = trends.Points.from_facts([facts_of(odd), undated])
    assert [p.day for p in points.all] == [date(2024, 2, 5)]
