"""Property tests: any entry a writer can make comes back exactly as it went in."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from conftest import PASSPHRASE, make_store
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.domain.model import (
    Action,
    Answer,
    CheckIn,
    Entry,
    Kind,
    Mark,
)
from journal.domain.schema import entry_from_record, entry_to_record
from journal.storage.store import JournalStore

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
ids = st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True)
zones = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
moments = st.builds(
    lambda dt, tz: dt.replace(tzinfo=tz),
    st.datetimes(datetime(1990, 1, 1), datetime(2100, 1, 1)),
    zones,
)

entries = st.builds(
    Entry,
    when=moments,
    kind=st.sampled_from(list(Kind)),
    title=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80),
    body=text,
    framework_id=st.sampled_from(["srn-values", "core-principles", "mine"]),
    marks=st.dictionaries(ids, st.sampled_from(list(Mark)), max_size=6),
    checks=st.dictionaries(ids, st.sampled_from(list(Answer)), max_size=10),
    checkin=st.none() | st.builds(CheckIn, st.none() | st.integers(1, 5),
                                  st.none() | st.integers(1, 5), text),
    actions=st.lists(st.builds(Action, text, st.booleans()), max_size=4),
    flagged=st.booleans(),
    question=text,
    people=st.lists(st.from_regex(r"P[0-9]{1,3}", fullmatch=True), max_size=3),
    tags=st.lists(ids, max_size=4),
).filter(lambda e: e.title.strip() or e.body.strip())
# A title of only whitespace ('\r') with an empty body is nothing to save, which the entry check
# rightly refuses: such an entry is not one a writer can make, so it is not generated.

_FIELDS = ("when", "kind", "title", "body", "framework_id", "marks", "checks", "checkin",
           "actions", "flagged", "question", "people", "tags")


def same(a: Entry, b: Entry) -> bool:
    return all(getattr(a, f) == getattr(b, f) for f in _FIELDS) and a.when.utcoffset() == \
        b.when.utcoffset()


@given(entries)
def test_record_round_trip(entry):
    meta, body = entry_to_record(entry)
    assert same(entry_from_record(meta, body), entry)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entries, min_size=1, max_size=5))
def test_sealed_round_trip_through_sqlite(batch):
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "j"
        store, _ = make_store(home)
        saved = store.add_many(batch)
        store.close()
        with JournalStore.unlock(home, PASSPHRASE) as again:
            for entry in saved:
                assert same(again.get(entry.id), entry)
            assert again.count() == len(batch)
            assert again.verify() == (len(batch), [])


def test_unknown_fields_from_a_newer_version_survive():
    meta, body = entry_to_record(Entry(when=datetime.now(UTC), title="t"))
    meta["mood_colour"] = "teal"
    entry = entry_from_record(meta, body)
    again, _ = entry_to_record(entry)
    assert again["mood_colour"] == "teal"
