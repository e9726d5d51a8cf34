"""An import's batches (`storage/bulk.py`) leave the order blob current, so the first `list`
after importing more than a few hundred entries needs no loaded view, and it agrees with it."""

from __future__ import annotations

import random

from conftest import PASSPHRASE, make_store, sample_entry
from test_newest import indexed, quick_and_loaded

from journal.storage.bulk import BulkAdd
from journal.storage.store import JournalStore


def _shuffled(n: int, seed: int) -> list:
    """`n` entries with dates spread before, among and after the journal's own."""
    days = random.Random(seed).sample(range(-400, 400), n)
    return [sample_entry(day, title=f"Imported {day}") for day in days]


def _import(home, entries: list, batch: int = 100) -> None:
    with JournalStore.unlock(home, PASSPHRASE) as store, BulkAdd(store) as add:
        for start in range(0, len(entries), batch):
            add(entries[start:start + batch])


def test_an_import_into_a_new_journal_lists_without_the_view(home):
    store, _ = make_store(home)
    store.close()
    imported = _shuffled(300, 1)
    _import(home, imported)
    for limit in (1, 10, 301):
        quick, answered, loaded = quick_and_loaded(home, limit)
        assert answered and quick == loaded, limit
    assert quick[1:] == (300, 300)
    assert quick_and_loaded(home, 1)[0][0][0][1] == max(imported, key=lambda e: e.when).title


def test_an_import_merges_into_the_order_of_an_indexed_journal(home):
    indexed(home, 30)
    with JournalStore.unlock(home, PASSPHRASE) as store:
        store.delete(store.select_summaries().summaries[0].id)  # the blob counts deleted ones
        store.count()
    _import(home, _shuffled(300, 2))
    for limit in (1, 10, 400):
        for deleted in (False, True):
            quick, answered, loaded = quick_and_loaded(home, limit, deleted)
            assert answered and quick == loaded, (limit, deleted)
    assert quick_and_loaded(home, 400)[0][1:] == (329, 329)


def test_a_write_from_elsewhere_between_batches_leaves_the_blob_to_the_view(home):
    indexed(home, 30)
    with JournalStore.unlock(home, PASSPHRASE) as store, BulkAdd(store) as add:
        entries = _shuffled(300, 3)
        add(entries[:150])
        with JournalStore.unlock(home, PASSPHRASE) as other:
            other.add(sample_entry(999, title="Written meanwhile"))
        add(entries[150:])
    quick, answered, loaded = quick_and_loaded(home, 10)
    assert not answered  # 301 rows newer than the blob: the loaded view answered
    assert quick == loaded and quick[0][0][1] == "Written meanwhile"
