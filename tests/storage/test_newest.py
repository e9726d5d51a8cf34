"""The newest few entries from the order blob (`storage/newest.py`) agree with the loaded view."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime

from conftest import PASSPHRASE, make_store, sample_entry

from journal.storage.errors import DamagedData
from journal.storage.store import EntryFilter, JournalStore


def listed(store: JournalStore, limit: int, deleted: bool = False):
    chosen = store.select_summaries(EntryFilter(limit=limit, include_deleted=deleted))
    return ([(s.id, s.title, s.versions, s.deleted) for s in chosen.summaries],
            chosen.matched, chosen.total)


def quick_and_loaded(home, limit: int, deleted: bool = False):
    """(what the order blob answers, whether it answered, what the loaded view answers)."""
    with JournalStore.unlock(home, PASSPHRASE) as store:
        quick = listed(store, limit, deleted)
        answered = store._items is None
        store._load()
        return quick, answered, listed(store, limit, deleted)


def indexed(home, n: int = 30) -> list[str]:
    store, _ = make_store(home)
    ids = [e.id for e in store.add_many([sample_entry(i) for i in range(n)])]
    store.close()
    with JournalStore.unlock(home, PASSPHRASE) as again:
        again.count()  # the first load writes the index and the order blob
    return ids


def test_the_newest_come_from_the_order_blob_and_match_the_view(home):
    indexed(home)
    quick, answered, loaded = quick_and_loaded(home, 10)
    assert answered and quick == loaded
    assert [t for _, t, _, _ in quick[0]][:2] == ["Session 29", "Session 28"]
    assert quick[1:] == (30, 30)


def test_writes_after_the_blob_are_folded_in(home):
    ids = indexed(home)
    with JournalStore.unlock(home, PASSPHRASE) as store:
        store.add(sample_entry(100, title="Newest of all"))
        store.add(sample_entry(-5, title="Oldest of all"))
        old = store.get(ids[2])
        store.update(replace(old, title="Moved to the top", when=datetime(2027, 1, 1, tzinfo=UTC)))
        store.delete(ids[29])
        store.update(replace(store.get(ids[28]), title="Edited in place"))
    for limit in (1, 3, 10, 40):
        for deleted in (False, True):
            quick, answered, loaded = quick_and_loaded(home, limit, deleted)
            assert answered and quick == loaded, (limit, deleted)
    top = quick_and_loaded(home, 3)[0]
    assert [t for _, t, _, _ in top[0]] == ["Moved to the top", "Newest of all", "Edited in place"]
    assert top[1:] == (31, 31)
    assert quick_and_loaded(home, 1, True)[0][1:] == (32, 32)


def test_many_writes_after_the_blob_leave_it_to_the_loaded_view(home):
    indexed(home, 5)
    with JournalStore.unlock(home, PASSPHRASE) as store:
        store.add_many([sample_entry(i, title=f"Later {i}") for i in range(300)])
    quick, answered, loaded = quick_and_loaded(home, 5)
    assert not answered and quick == loaded and quick[1] == 305
    quick, answered, _ = quick_and_loaded(home, 5)  # that load wrote a new blob
    assert answered and quick[1] == 305


def test_a_damaged_newest_row_is_left_to_the_loaded_view(home):
    ids = indexed(home)
    conn = sqlite3.connect(home / "journal.db", isolation_level=None)
    sealed = conn.execute("SELECT sealed FROM revisions WHERE item_id=?", (ids[29],)).fetchone()[0]
    conn.execute("UPDATE revisions SET sealed=? WHERE item_id=?",
                 (sealed[:20] + bytes([sealed[20] ^ 1]) + sealed[21:], ids[29]))
    conn.close()
    quick, answered, loaded = quick_and_loaded(home, 3)
    assert not answered and quick == loaded


def test_the_order_blob_is_sealed(home):
    indexed(home)
    blob = sqlite3.connect(home / "journal.db").execute(
        "SELECT sealed FROM local_blobs WHERE label='order'").fetchone()[0]
    assert b"2026-03" not in blob and b"Session" not in blob


# -- one entry by id, without the loaded view (`newest.lookup`) ------------------------------

def shown(home, prefix: str):
    """(the entry as the order blob finds it, whether the view stayed unbuilt, as the view)."""
    with JournalStore.unlock(home, PASSPHRASE) as store:
        try:
            quick = store.get(prefix)
        except (LookupError, DamagedData) as exc:
            quick = str(exc)
        answered = store._items is None
        store._load()
        try:
            loaded = store.get(prefix)
        except (LookupError, DamagedData) as exc:
            loaded = str(exc)
        return quick, answered, loaded


def test_one_entry_by_prefix_without_the_view_matches_it(home):
    ids = indexed(home)
    with JournalStore.unlock(home, PASSPHRASE) as store:
        store.delete(ids[3])
        store.update(replace(store.get(ids[4]), title="Edited after the blob"))
        record = store.put_record("support", {"name": "Helpline", "number": "0800 000 000"})
    for wanted in (ids[0], ids[3], ids[4], ids[5][:6]):
        quick, answered, loaded = shown(home, wanted)
        assert answered and quick == loaded, wanted
    assert shown(home, ids[4])[0].title == "Edited after the blob"
    assert shown(home, ids[3])[0].deleted
    shared = next(c for c in "0123456789abcdef" if sum(i.startswith(c) for i in ids) > 1)
    quick, answered, loaded = shown(home, shared)
    assert answered and quick == loaded and "type more of the id" in quick
    record_id = record if isinstance(record, str) else record.item_id
    quick, answered, loaded = shown(home, record_id)  # a record is not an entry
    assert answered and quick == loaded and "no entry has an id starting with" in quick


def test_a_damaged_row_leaves_one_entry_to_the_view(home):
    ids = indexed(home)
    conn = sqlite3.connect(home / "journal.db", isolation_level=None)
    conn.execute("UPDATE revisions SET sealed = zeroblob(length(sealed)) WHERE item_id = ?",
                 (ids[7],))
    conn.close()
    quick, answered, loaded = shown(home, ids[8])
    assert answered and quick == loaded  # another entry's damage does not stop this one
    quick, answered, loaded = shown(home, ids[7])
    assert not answered and quick == loaded and "is damaged and cannot be opened" in quick


def test_a_damaged_order_blob_is_written_anew_when_the_view_is_built(home):
    """Else every later `list --limit 10` would quietly build the whole view (6.7 s at
    100,000 entries), the head index being fine."""
    indexed(home)
    conn = sqlite3.connect(home / "journal.db", isolation_level=None)
    conn.execute("UPDATE local_blobs SET sealed = zeroblob(length(sealed)) WHERE label = 'order'")
    conn.close()
    quick, answered, loaded = quick_and_loaded(home, 10)
    assert not answered and quick == loaded  # the view answered, and wrote the blob again
    quick, answered, loaded = quick_and_loaded(home, 10)
    assert answered and quick == loaded
