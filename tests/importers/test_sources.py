"""Which sources a journal holds (what an import skips): the same read from the rows, one at a
time, as from the loaded view, deleted entries included, other records and damage passed by."""

from __future__ import annotations

from conftest import PASSPHRASE, sample_entry

from journal.storage.store import JournalStore


def test_sources_from_the_rows_and_from_the_view_agree(store, home):
    _kept, gone, edited = store.add_many([sample_entry(n, source=f"jrnl:{n}") for n in range(3)])
    store.add(sample_entry(9))  # written here: no source
    store.delete(gone.id)
    edited.title = "changed after the import"
    store.update(edited)
    store.put_record("support", {"places": []})
    store.close()

    opened = JournalStore.unlock(home, PASSPHRASE)
    try:
        assert opened._items is None  # nothing has built the view yet
        from_rows = opened.sources()
        assert opened._items is None  # and reading the sources did not build it
        opened.count()
        assert opened.sources() == from_rows == {"jrnl:0", "jrnl:1", "jrnl:2"}
    finally:
        opened.close()
