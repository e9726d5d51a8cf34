"""Writing entries: every change is a new sealed revision, never an update in place.

A revision names the heads it replaces as its parents, so an edit made while an entry shows two
versions merges them, and a delete is a tombstone that `restore` undoes with one more revision.
All revisions reach the disk through `_commit`: one transaction, then folded into the loaded
view, so reads after a write never go back to SQLite.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

from journal.domain.model import Entry, EntryError, new_id
from journal.domain.schema import entry_to_record
from journal.storage.crypto import RevisionPlace
from journal.storage.db import RevisionRow
from journal.storage.heads import Head, Item, head_from_opened, make_item
from journal.storage.reading import Reading

#: A revision ready to store, and its head for the loaded view.
Written = tuple[RevisionRow, Head]


class Writing(Reading):
    """Add, update, delete and restore entries (and the sealing other records share)."""

    def _seal_revision(
        self, item_id: str, parents: tuple[str, ...], deleted: bool, meta: dict[str, Any], body: str
    ) -> Written:
        """Seal one new revision of `item_id` on this device, stamped with the next clock
        value. The parents are kept sorted, the form the database and the associated data use
        (`crypto.join_parents`), so the head in memory matches the row read back later."""
        clock = self._clock.tick()
        place = RevisionPlace(self.vault_id, item_id, new_id(), tuple(sorted(parents)),
                              self.device_id, clock, deleted)
        meta_bytes = orjson.dumps(meta)
        nonce, sealed, zbody = self.sealer.seal(place, meta_bytes, body)
        row = RevisionRow(place.revision_id, item_id, place.parents, self.device_id, clock,
                          deleted, nonce, sealed)
        return row, head_from_opened(row, meta_bytes, zbody)

    def _commit(self, written: list[Written]) -> None:
        """Write revisions in one transaction, then fold them into the loaded view."""
        with self._db.transaction():
            self._db.insert_revisions(row for row, _ in written)
            self._ledger_add([row for row, _ in written], fresh=True)
            self._db.set_meta("clock", self._clock.last)
        if self._items is not None:
            for _, head in written:
                item = self._items.get(head.item_id)
                kept = [h for h in (item.heads if item else [])
                        if h.revision_id not in head.parents]
                self._items[head.item_id] = make_item(head.item_id, [*kept, head])

    def add(self, entry: Entry) -> Entry:
        """Save a new entry; returns it with its id set."""
        return self.add_many([entry])[0]

    def add_many(self, entries: Iterable[Entry]) -> list[Entry]:
        """Save several new entries in one transaction (the benchmark's generation)."""
        saved = list(entries)
        self._commit(self._new_entries(saved))
        return saved

    def _new_entries(self, entries: list[Entry], *, keep_ids: bool = False) -> list[Written]:
        """Seal each entry as the first revision of a new item (its id set here, or kept: an
        archive read back, `bulk.py`), its revision id and clock set on it."""
        written: list[Written] = []
        for entry in entries:
            entry.validate()
            meta, body = entry_to_record(entry)
            if not keep_ids:
                entry.id = new_id()
            row, head = self._seal_revision(entry.id, (), False, meta, body)
            entry.revision_id, entry.updated = row.revision_id, row.clock
            written.append((row, head))
        return written

    def _write_over(self, item: Item, entry: Entry, *, deleted: bool) -> None:
        """A new revision of `item` with `entry`'s content, replacing every head it has."""
        meta, body = entry_to_record(entry)
        parents = tuple(h.revision_id for h in item.heads)
        self._commit([self._seal_revision(item.item_id, parents, deleted, meta, body)])

    def update(self, entry: Entry) -> Entry:
        """Save a new revision of an existing entry. Several heads (a conflict) are merged."""
        item = self._entry_item(entry.id)
        if item.deleted:
            raise EntryError(f"entry {item.item_id[:8]} is deleted: restore it before editing")
        entry.validate()
        self._write_over(item, entry, deleted=False)
        return self.get(item.item_id)

    def delete(self, entry_id: str) -> None:
        """Write a tombstone. The content stays in history and `restore` brings it back."""
        item = self._entry_item(entry_id)
        if item.deleted:
            raise EntryError(f"entry {item.item_id[:8]} is already deleted")
        self._write_over(item, self._build(item), deleted=True)

    def restore(self, entry_id: str) -> Entry:
        """Undo a delete: a new live revision with the content the entry had when deleted."""
        item = self._entry_item(entry_id)
        if not item.deleted:
            raise EntryError(f"entry {item.item_id[:8]} is not deleted")
        self._write_over(item, self._build(item), deleted=False)
        return self.get(item.item_id)
