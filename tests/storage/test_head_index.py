"""The sealed head index: a cache that speeds unlocking and never hides damage or loses entries."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from conftest import PASSPHRASE, make_store, sample_entry

from journal.storage.crypto import DamagedData
from journal.storage.store import EntryFilter, JournalStore


def unlock(home) -> JournalStore:
    return JournalStore.unlock(home, PASSPHRASE)


def index_rows(home) -> int:
    conn = sqlite3.connect(home / "journal.db")
    return conn.execute("SELECT count(*) FROM local_blobs WHERE label='index'").fetchone()[0]


@pytest.fixture
def indexed(home):
    """A journal of 30 entries whose head index has been written by a first unlock."""
    s, _ = make_store(home)
    ids = [e.id for e in s.add_many([sample_entry(n) for n in range(30)])]
    s.close()
    with unlock(home) as again:
        assert again.count() == 30
    assert index_rows(home) == 1
    return ids


def test_index_is_sealed(home, indexed):
    blob = sqlite3.connect(home / "journal.db").execute(
        "SELECT sealed FROM local_blobs WHERE label='index'").fetchone()[0]
    assert b"Session" not in blob and b"hope" not in blob


def test_row_damaged_after_indexing_is_still_caught(home, indexed):
    victim = indexed[3]
    conn = sqlite3.connect(home / "journal.db", isolation_level=None)
    sealed = conn.execute("SELECT sealed FROM revisions WHERE item_id=?", (victim,)).fetchone()[0]
    conn.execute("UPDATE revisions SET sealed=? WHERE item_id=?",
                 (sealed[:20] + bytes([sealed[20] ^ 1]) + sealed[21:], victim))
    conn.close()
    with unlock(home) as again:
        with pytest.raises(DamagedData, match="journal verify"):
            again.get(victim)
        texts = again.entries()  # every other entry still opens
        assert len(texts) == 29 and victim not in {e.id for e in texts}
        assert [d.entry_id for d in again.damaged] == [victim]
        assert [d.entry_id for d in again.verify()[1]] == [victim]
        assert again.get(indexed[4]).title == "Session 4"


def test_damaged_index_is_rebuilt_from_the_rows(home, indexed):
    conn = sqlite3.connect(home / "journal.db", isolation_level=None)
    conn.execute("UPDATE local_blobs SET sealed = substr(sealed, 1, 40) WHERE label='index'")
    conn.close()
    with unlock(home) as again:
        assert again.count() == 30 and not again.damaged
        assert {e.title for e in again.entries()} == {f"Session {n}" for n in range(30)}


def test_writes_after_the_index_appear_and_replace_heads(home, indexed):
    with unlock(home) as s:
        s.add(sample_entry(99, title="new after index"))
        edited = s.get(indexed[0])
        edited.title = "edited after index"
        s.update(edited)
        s.delete(indexed[1])
    with unlock(home) as again:
        titles = {e.title for e in again.entries()}
        assert "new after index" in titles and "edited after index" in titles
        assert "Session 0" not in titles and "Session 1" not in titles
        assert again.count() == 30
        assert again.get(indexed[1]).deleted


def test_restored_older_file_does_not_trust_a_newer_index(home, indexed, tmp_path):
    """A backup from before the index was rewritten: the index's watermark is ahead of the
    rows, so it is ignored and rebuilt."""
    backup = tmp_path / "backup.db"
    with unlock(home) as s:
        s._db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy(home / "journal.db", backup)
        s.add_many([sample_entry(200 + n, title=f"later {n}") for n in range(70)])
    with unlock(home) as s:
        assert s.count() == 100  # 70 rows opened: the index is rewritten with a new watermark
    conn = sqlite3.connect(backup)
    old_rows = conn.execute("SELECT * FROM revisions").fetchall()
    conn.close()
    fresh = sqlite3.connect(home / "journal.db", isolation_level=None)
    fresh.execute("DELETE FROM revisions")
    fresh.executemany("INSERT INTO revisions VALUES (?,?,?,?,?,?,?,?,?)", old_rows)
    fresh.close()
    with unlock(home) as again:
        assert again.count() == 30
        assert {e.title for e in again.entries()} == {f"Session {n}" for n in range(30)}


def test_filters_agree_with_and_without_the_index(home):
    s, _ = make_store(home)
    s.add_many([sample_entry(n, marks={"hope": "lived"} if n % 3 else {},
                             checks={"power": "yes"} if n % 2 else {"power": "no"})
                for n in range(90)])
    s.close()
    with unlock(home) as first:  # built from the rows
        before = [e.id for e in first.query(EntryFilter(values=["hope"],
                                                        behaviours=["power:yes"]))]
    with unlock(home) as second:  # from the index
        after = [e.id for e in second.query(EntryFilter(values=["hope"],
                                                        behaviours=["power:yes"]))]
        assert second.summaries(EntryFilter(values=["hope"]))[0].marks == {"hope": "lived"}
    assert before == after and len(before) == 30
