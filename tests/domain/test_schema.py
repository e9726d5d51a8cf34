"""The one entry shape: every place an entry is turned into something else derives from the
field declarations on `Entry`, or a test here names the place that forgot a field."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime
from pathlib import Path

from journal.domain import schema
from journal.domain.model import Action, Answer, CheckIn, Entry, EntrySummary, Kind, Mark
from journal.export.pack import PackEntry

README = Path(__file__).resolve().parents[2] / "README.md"


def full_entry() -> Entry:
    """An entry with every field set to something other than its default."""
    return Entry(
        when=datetime(2026, 5, 4, 9, 30, tzinfo=UTC), kind=Kind.SESSION, title="A title",
        body="Some words here", framework_id="srn-values", marks={"hope": Mark.LIVED},
        checks={"power": Answer.NO}, checkin=CheckIn(2, 4, "rest"),
        actions=[Action("call back", False, "a1")], flagged=True, question="What now?",
        people=["P1"], tags=["t"], source="jrnl:1", supervision="2026-05-10: well held",
        id="e" * 32, revision_id="r" * 32,
        updated="0001-00001", versions=2, deleted=True)


def test_every_declared_field_has_a_codec_and_differs_from_its_default_in_the_sample():
    entry = full_entry()
    for spec in schema.FIELDS:
        assert getattr(entry, spec.name) != spec.default(), spec.name


def test_record_round_trip_covers_every_recorded_field():
    entry = full_entry()
    meta, body = schema.entry_to_record(entry)
    back = schema.entry_from_record(meta, body)
    for spec in schema.FIELDS:
        if spec.record is not None:
            assert getattr(back, spec.name) == getattr(entry, spec.name), spec.name
    assert back.extra == {}


def test_unknown_record_keys_survive():
    meta, body = schema.entry_to_record(full_entry())
    meta["mood_colour"] = "teal"  # written by a newer version
    again, _ = schema.entry_to_record(schema.entry_from_record(meta, body))
    assert again["mood_colour"] == "teal"


def test_json_has_every_declared_key_and_the_readme_documents_each():
    data = schema.entry_json(full_entry())
    declared = {s.json for s in schema.FIELDS if s.json} | {"words"}
    assert set(data) == declared
    section = README.read_text(encoding="utf-8").split("### JSON output", 1)[1]
    table = section.split("An **entry**", 1)[1].split("\n\n")[1]  # the entry's field table
    documented = {name for row in table.splitlines() if row.startswith("| `")
                  for name in re.findall(r"`([a-z]+)`", row.split("|")[1])}
    assert declared <= documented, declared - documented
    assert "body" not in schema.entry_json(full_entry(), body=False)


def test_summary_carries_every_summary_field():
    names = {f.name for f in dataclasses.fields(EntrySummary)}
    declared = {s.name for s in schema.FIELDS if s.summary}
    assert names == declared | {"preview", "words"}
    meta, _ = schema.entry_to_record(full_entry())
    summary = schema.summary_from_record(meta, "e" * 32)
    entry = full_entry()
    for spec in schema.FIELDS:
        if spec.summary and spec.record is not None:
            assert getattr(summary, spec.name) == getattr(entry, spec.name), spec.name
    assert summary.preview == "Some words here" and summary.words == 3


def test_the_pack_entry_has_every_shared_field():
    shared = {s.name for s in schema.FIELDS if s.shared}
    assert shared <= {f.name for f in dataclasses.fields(PackEntry)}


def test_the_editor_snapshot_sees_every_content_field():
    base = full_entry()
    before = schema.snapshot(base)
    changed_to = {str: "x", bool: False, int: 7}
    for spec in schema.FIELDS:
        if not spec.content:
            continue
        value = getattr(base, spec.name)
        if isinstance(value, datetime):
            other = value.replace(year=2020)
        elif type(value) in changed_to:
            other = changed_to[type(value)]
        elif isinstance(value, Kind):
            other = Kind.DAILY
        elif isinstance(value, CheckIn):
            other = CheckIn(5, 5, "")
        else:
            other = type(value)()  # an empty dict or list
        assert schema.snapshot(dataclasses.replace(base, **{spec.name: other})) != before, \
            spec.name
    # what the store sets is not an edit
    assert schema.snapshot(dataclasses.replace(base, revision_id="other")) == before


def test_trends_facts_follow_each_fact_field():
    meta, _ = schema.entry_to_record(full_entry())
    facts = schema.facts_of(meta)
    assert facts == ("2026-05-04", "session", (("hope", "lived"),), (("power", "no"),), 3, 2, 4)
    recorded = {s.name: s.record for s in schema.FIELDS}
    for name in schema.FACT_FIELDS:
        key = recorded.get(name, name)
        assert key in meta, name
    assert schema.facts_of({"type": "person"}) is None
    assert schema.facts_of({"type": "entry", "marks": "junk", "words": "x"}) == \
        ("", "daily", (), (), 0, None, None)


def test_the_snapshot_ignores_what_the_writer_does_not_see():
    """Marks in another order and actions parsed again (new ids) are no edit."""
    base = full_entry()
    base.marks = {"hope": Mark.LIVED, "mutuality": Mark.TAGGED}
    again = dataclasses.replace(base, marks={"mutuality": Mark.TAGGED, "hope": Mark.LIVED},
                                actions=[Action("call back", False, "other-id")])
    assert schema.snapshot(again) == schema.snapshot(base)
