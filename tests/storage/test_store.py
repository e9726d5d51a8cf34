"""The JournalStore facade on a real SQLite file."""

from __future__ import annotations

import sqlite3
import stat
from datetime import date, datetime, timezone

import pytest
from conftest import PASSPHRASE, make_store, sample_entry

from journal.domain.model import Action, Answer, CheckIn, EntryError, Kind, Mark
from journal.storage import db as dbmod
from journal.storage.db import StorageError
from journal.storage.store import Ambiguous, EntryFilter, JournalStore, NotFound


def reopen(store: JournalStore) -> JournalStore:
    home = store.home
    store.close()
    return JournalStore.unlock(home, PASSPHRASE)


def test_add_get_round_trip_survives_reopen(store):
    entry = sample_entry(
        checkin=CheckIn(2, 4, "an early night"),
        actions=[Action("Phone the housing team"), Action("Read about WRAP", done=True)],
        flagged=True,
        question="How do I end sessions well?",
        people=["P1"],
        tags=["groupwork"],
    )
    saved = store.add(entry)
    assert len(saved.id) == 32 and saved.revision_id
    again = reopen(store)
    got = again.get(saved.id)
    assert got.title == entry.title and got.body == entry.body
    assert got.marks == {"hope": Mark.LIVED, "mutuality": Mark.CHALLENGING}
    assert got.checks == {"share-hope": Answer.YES, "power": Answer.NO}
    assert got.checkin == CheckIn(2, 4, "an early night")
    assert [(a.text, a.done) for a in got.actions] == [("Phone the housing team", False),
                                                       ("Read about WRAP", True)]
    assert got.flagged and got.question == "How do I end sessions well?"
    assert got.people == ["P1"] and got.tags == ["groupwork"]
    assert got.when == entry.when and got.kind is Kind.SESSION
    again.close()


def test_edit_keeps_history_and_head_is_current(store):
    e = store.add(sample_entry(1, title="v1"))
    e.title = "v2"
    store.update(e)
    e.title = "v3"
    e.body = "rewritten"
    store.update(e)
    again = reopen(store)
    assert again.get(e.id).title == "v3"
    history = again.history(e.id)
    assert [r.entry.title for r in history] == ["v1", "v2", "v3"]
    assert history[1].parents == (history[0].id,)
    assert again.count() == 1
    again.close()


def test_delete_is_a_tombstone_and_restore_brings_it_back(store):
    e = store.add(sample_entry(1, title="to delete"))
    store.delete(e.id)
    assert store.count() == 0
    assert store.get(e.id).deleted
    assert [x.id for x in store.entries(include_deleted=True)] == [e.id]
    with pytest.raises(EntryError, match="restore it"):
        store.update(store.get(e.id))
    again = reopen(store)
    assert again.count() == 0
    restored = again.restore(e.id[:6])
    assert restored.title == "to delete" and not restored.deleted
    assert [r.deleted for r in again.history(e.id)] == [False, True, False]
    again.close()


def test_prefixes_unique_ambiguous_and_missing(store):
    ids = [store.add(sample_entry(n)).id for n in range(40)]
    assert store.resolve(ids[0][:12]) == ids[0]
    assert store.resolve(ids[0].upper()) == ids[0]
    with pytest.raises(NotFound):
        store.resolve("zzzz")
    # With 40 random ids some one-character prefix is shared.
    first = {i[0] for i in ids}
    shared = next(c for c in first if sum(i.startswith(c) for i in ids) > 1)
    with pytest.raises(Ambiguous, match="type more"):
        store.resolve(shared)


def test_newest_first_and_filters(store):
    store.add(sample_entry(0, kind=Kind.DAILY, marks={}, checks={}))
    store.add(sample_entry(1, marks={"hope": Mark.CHALLENGING}, checks={"power": Answer.YES}))
    store.add(sample_entry(2, flagged=True, marks={"experience": Mark.TAGGED}, checks={}))
    titles = [e.title for e in store.entries()]
    assert titles == ["Session 2", "Session 1", "Session 0"]

    def q(**kw):
        return [e.title for e in store.query(EntryFilter(**kw))]

    assert q(values=["hope"]) == ["Session 1"]
    assert q(behaviours=["power"]) == ["Session 1"]
    assert q(behaviours=["power:no"]) == []
    assert q(kinds=["daily"]) == ["Session 0"]
    assert q(flagged=True) == ["Session 2"]
    assert q(since=date(2026, 3, 2)) == ["Session 2", "Session 1"]
    assert q(until=date(2026, 3, 1)) == ["Session 0"]
    assert q(limit=1) == ["Session 2"]
    assert store.count_matching(EntryFilter(limit=1)) == 3


def test_two_heads_are_both_kept_and_an_edit_merges_them(store):
    """Concurrent edits (as sync produces them) show as 2 versions; saving merges."""
    e = store.add(sample_entry(1, title="base"))
    base_rev = e.revision_id
    heads = []
    for title in ("laptop edit", "home edit"):
        meta_entry = sample_entry(1, title=title)
        from journal.domain.schema import entry_to_record

        meta, body = entry_to_record(meta_entry)
        heads.append(store._seal_revision(e.id, (base_rev,), False, meta, body))
    store._commit(heads)
    again = reopen(store)
    current = again.get(e.id)
    assert current.versions == 2
    assert {v.title for v in again.versions(e.id)} == {"laptop edit", "home edit"}
    current.title = "merged"
    merged = again.update(current)
    assert merged.versions == 1 and merged.title == "merged"
    assert len(again.history(e.id)[-1].parents) == 2
    again.close()


def test_edit_concurrent_with_delete_keeps_the_entry(store):
    e = store.add(sample_entry(1, title="base"))
    from journal.domain.schema import entry_to_record

    meta, body = entry_to_record(sample_entry(1, title="edited elsewhere"))
    edit = store._seal_revision(e.id, (e.revision_id,), False, meta, body)
    tomb = store._seal_revision(e.id, (e.revision_id,), True, meta, body)
    store._commit([edit, tomb])
    again = reopen(store)
    assert again.count() == 1
    assert again.get(e.id).title == "edited elsewhere" and not again.get(e.id).deleted
    again.close()


@pytest.mark.parametrize("changes,message", [
    ({"title": "", "body": "   "}, "nothing to save"),
    ({"body": "x" * (1024 * 1024 + 1)}, "split it"),
    ({"when": datetime(2026, 1, 1)}, "time zone"),
    ({"checkin": CheckIn(mood=9)}, "1 to 5"),
    ({"body": "bad \udcff surrogate"}, "UTF-8"),
    ({"title": "t" * 400}, "title"),
])
def test_bad_entries_are_refused_and_nothing_is_written(store, changes, message):
    before = store._db.count_revisions()
    with pytest.raises(EntryError, match=message):
        store.add(sample_entry(1, **changes))
    assert store._db.count_revisions() == before


def test_large_and_odd_text_round_trips(store):
    body = ("Ünïcödé ✓ 🌱 right-to-left עברית\x00 control\x07 chars\n" * 15000)[: 1024 * 1024 - 10]
    body = body.encode("utf-8")[: 1024 * 1024].decode("utf-8", "ignore")
    e = store.add(sample_entry(1, body=body, title="Tab\there"))
    again = reopen(store)
    assert again.get(e.id).body == body
    again.close()


def test_files_are_private(store, home):
    store.add(sample_entry())
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    for path in home.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_wal_mode_and_schema_version(store, home):
    conn = sqlite3.connect(home / "journal.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == dbmod.SCHEMA_VERSION


def test_database_holds_only_public_columns(store, home):
    store.add(sample_entry())
    conn = sqlite3.connect(home / "journal.db")
    columns = [r[1] for r in conn.execute("PRAGMA table_info(revisions)")]
    assert columns == ["seq", "rev_id", "item_id", "parents", "device_id", "clock", "deleted",
                       "nonce", "sealed"]


def test_migration_from_first_release_keeps_data(home):
    """A schema-1 journal (as the first release wrote it) opens, migrates, and loses nothing."""
    s, _ = make_store(home)
    e = s.add(sample_entry(1, title="written by release one"))
    s.close()
    conn = sqlite3.connect(home / "journal.db", isolation_level=None)
    conn.execute("DROP TABLE local_blobs")  # added by migration 2
    conn.execute("DROP TABLE sync_cursors")  # added by migration 3
    conn.execute("PRAGMA user_version=1")
    conn.close()
    with JournalStore.unlock(home, PASSPHRASE) as again:
        assert again.get(e.id).title == "written by release one"
        again.put_local("draft", "d1", {"body": "works after migrating"})
        assert again.get_local("draft")["d1"]["body"] == "works after migrating"
    conn = sqlite3.connect(home / "journal.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == dbmod.SCHEMA_VERSION


def test_newer_schema_is_refused_with_advice(store, home):
    store.close()
    conn = sqlite3.connect(home / "journal.db", isolation_level=None)
    conn.execute(f"PRAGMA user_version={dbmod.SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StorageError, match="upgrade peer-journal"):
        JournalStore.unlock(home, PASSPHRASE)


def test_corrupt_database_file_gives_a_clear_error(home):
    s, _ = make_store(home)
    s.close()
    (home / "journal.db").write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError, match="damaged or is not a journal"):
        JournalStore.unlock(home, PASSPHRASE)


def test_missing_journal_and_second_create(home):
    with pytest.raises(StorageError, match="journal init"):
        JournalStore.unlock(home, PASSPHRASE)
    s, _ = make_store(home)
    s.close()
    with pytest.raises(StorageError, match="already exists"):
        make_store(home)


def test_lock_forgets_key_and_entries(store):
    store.add(sample_entry())
    store.entries()
    store.close()
    assert store._items is None and store._dek is None and store._sealer is None
    with pytest.raises(StorageError, match="locked"):
        store.sealer  # noqa: B018


def test_local_blobs_are_sealed_and_private_to_the_device(store, home):
    store.put_local("draft", "d1", {"title": "half-written", "body": "draft canary"})
    assert store.get_local("draft") == {"d1": {"title": "half-written", "body": "draft canary"}}
    assert b"draft canary" not in (home / "journal.db").read_bytes()
    store.remove_local("d1")
    assert store.get_local("draft") == {}


def test_entries_keep_their_time_zone(store):
    tz = timezone(offset=datetime(2026, 7, 1).astimezone().utcoffset() or
                  datetime.now().astimezone().utcoffset())
    e = store.add(sample_entry(1, when=datetime(2026, 7, 1, 23, 30, tzinfo=tz)))
    assert store.get(e.id).when.utcoffset() == tz.utcoffset(None)


def test_texts_follow_edits_and_deletes_and_are_forgotten_on_lock(store):
    """The timeline's whole-text index: the folded text of every live entry, read again only
    for new revisions."""
    first = store.add(sample_entry(1, body="Talked about the Allotment"))
    second = store.add(sample_entry(2, body="Tea"))
    assert "allotment" in store.texts()[first.id]
    first.body = "Talked about the harbour"
    store.update(first)
    texts = store.texts()
    assert "harbour" in texts[first.id] and "allotment" not in texts[first.id]
    store.delete(second.id)
    assert set(store.texts()) == {first.id}
    store.close()
    assert store._texts == {}
