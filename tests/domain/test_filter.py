"""The one filter: the store's test on stored records and the timeline's test on what it holds
in memory answer the same for every entry and every filter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import orjson
from hypothesis import given
from hypothesis import strategies as st

from journal.domain import schema
from journal.domain.filter import (
    EntryFilter,
    Narrower,
    RecordMatcher,
    Searchable,
    Timeline,
    matches,
    searchable_text,
    select,
)
from journal.domain.model import Answer, Entry, Kind, Mark

VALUES = ["hope", "mutuality", "empowerment"]
BEHAVIOURS = ["power", "share-hope"]


@dataclass
class Stored:
    """A record as the store holds it (the head index's view)."""

    when: str
    meta_json: bytes
    meta: dict[str, Any]


entries = st.builds(
    Entry,
    when=st.datetimes(datetime(2026, 1, 1), datetime(2026, 3, 1)).map(
        lambda d: d.replace(tzinfo=UTC)),
    kind=st.sampled_from(list(Kind)),
    title=st.sampled_from(["", "Walk", "Ward round"]),
    body=st.sampled_from(["hope and rain", "nothing much"]),
    marks=st.dictionaries(st.sampled_from(VALUES), st.sampled_from(list(Mark)), max_size=2),
    checks=st.dictionaries(st.sampled_from(BEHAVIOURS), st.sampled_from(list(Answer)),
                           max_size=2),
    flagged=st.booleans(),
)
days = st.none() | st.dates(date(2026, 1, 1), date(2026, 3, 1))
filters = st.builds(
    EntryFilter,
    since=days, until=days,
    values=st.lists(st.sampled_from(VALUES).flatmap(
        lambda v: st.sampled_from([v, f"{v}:lived", f"{v}:challenging", f"{v}:tagged"])),
        max_size=2),
    behaviours=st.lists(st.sampled_from(BEHAVIOURS).flatmap(
        lambda b: st.sampled_from([b, f"{b}:yes", f"{b}:no", f"{b}:n/a"])), max_size=2),
    kinds=st.lists(st.sampled_from([k.value for k in Kind]), max_size=2),
    flagged=st.booleans(),
)


@given(entries, filters)
def test_the_store_and_the_timeline_agree(entry, f):
    meta, _ = schema.entry_to_record(entry)
    stored = Stored(meta["when"], orjson.dumps(meta), meta)
    item = Searchable(schema.summary_from_record(meta, "e1"))
    assert RecordMatcher(f)(stored) == matches(item, f, f.terms)


def _item(n: int, title: str, body: str = "") -> Searchable:
    entry = Entry(when=datetime(2026, 3, 1, tzinfo=UTC) + timedelta(days=n), title=title,
                  body=body)
    meta, _ = schema.entry_to_record(entry)
    text = None if not body else body.lower()
    return Searchable(schema.summary_from_record(meta, f"id{n}"), text=text)


def test_words_match_the_whole_text_not_only_the_preview():
    middle = "word " * 200 + "allotment " + "word " * 50
    items = [_item(1, "Long one", middle), _item(2, "Short one", "tea")]
    assert [i.summary.title for i in select(items, EntryFilter(text="allotment"))] == \
        ["Long one"]


def test_hand_picked_ids_are_added_to_what_the_conditions_match():
    items = [_item(1, "a"), _item(2, "b"), _item(3, "c")]
    assert [i.summary.id for i in select(items, EntryFilter(ids=["id2"]))] == ["id2"]
    picked = select(items, EntryFilter(ids=["id1"], since=date(2026, 3, 4)))
    assert sorted(i.summary.id for i in picked) == ["id1", "id3"]


def test_narrowing_while_typing_gives_the_same_answer():
    items = [_item(n, t) for n, t in enumerate(["hope walk", "hope cafe", "team", "HOPE call"])]
    narrower = Narrower()
    for text in ["h", "ho", "hop", "hope", "hope ", "hope c", "hope", "", "t", "te", "x"]:
        f = EntryFilter(text=text)
        assert narrower.select(items, f) == select(items, f), text


words = st.sampled_from(["hope", "Hopeful", "café", "cafe", "walk", "ward", "o’neill", "x"])


@given(st.lists(st.lists(words, max_size=6), min_size=1, max_size=8),
       st.lists(st.sampled_from(["hope", "caf", "café", "o’n", "wa", "alk", "zz", "e"]),
                min_size=1, max_size=2))
def test_the_text_index_finds_what_comparing_each_entry_finds(bodies, query):
    items = [_item(n, "t", " ".join(body)) for n, body in enumerate(bodies)]
    for item in items:
        item.text = searchable_text("t", item.text or "", "", [], [])
    f = EntryFilter(text=" ".join(query))
    indexed = select(Timeline(items), f)
    compared = [item for item in items if matches(item, f, f.terms)]
    assert indexed == compared
