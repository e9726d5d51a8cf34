"""Many new entries at once (an import), written batch by batch, leaving `list` fast after.

An import of 100,000 entries must not hold them all in memory, so it writes without the loaded
view (`StoreCore.forget_view`) and writes no head index. But then the order blob that
`newest.py` lists the newest entries from fell behind, and the first `journal list --limit 10`
after the import opened every row to build the view (6.7 s and 435 MiB at 100,000). So the
batch keeps one short line per entry it wrote (date, clock, id, revision: about 110 bytes) and,
when it is done, merges them into the order blob in one transaction. The blob is read as
`newest.current` reads it for `list`, as of the row before the import: the few rows usually
written since it was last rewritten have their entries' lines replaced. When another writer
came in between, the blob was far behind, or it cannot be written (a busy or full disk), it is
left as it was, and the loaded view answers as before (it is only a cache). The head index is
left behind: the first command that needs the whole view builds it once.
"""

from __future__ import annotations

import contextlib
import heapq
import marshal
import sqlite3
from types import TracebackType

from journal.domain.model import Entry
from journal.storage import newest
from journal.storage.heads import ORDER_END, ORDER_LABEL, ORDER_SEP, ORDER_TAG, order_line
from journal.storage.store import JournalStore


class BulkAdd:
    """`with BulkAdd(store) as add: add(batch)...`: each batch one transaction (`keep_ids`:
    each entry under the id it has, for an archive read back); the order blob on the way out."""

    def __init__(self, store: JournalStore, *, keep_ids: bool = False) -> None:
        self._store = store
        self._keep_ids = keep_ids
        self._start = store._db.max_seq()
        self._lines: list[bytes] = []

    def __enter__(self) -> BulkAdd:
        return self

    def __call__(self, entries: list[Entry]) -> None:
        store = self._store
        store.forget_view()  # the batches are not kept in memory as they are written
        written = store._new_entries(entries, keep_ids=self._keep_ids)
        store._commit(written)
        self._lines.extend(order_line(head, 1) for _, head in written)

    def __exit__(self, kind: type[BaseException] | None, _exc: BaseException | None,
                 _tb: TracebackType | None) -> None:
        store = self._store
        store.forget_view()
        if kind is None and self._lines:
            # only a cache: every batch is in, so a journal busy elsewhere or a disk too full
            # for the blob (the import's largest write) must not fail the import
            with contextlib.suppress(sqlite3.OperationalError):
                self._merge_order()

    def _merge_order(self) -> None:
        db, sealer, vault_id = self._store._db, self._store.sealer, self._store.vault_id
        with db.transaction():
            written = db.conn.execute("SELECT count(*) FROM revisions WHERE seq > ?",
                                      (self._start,)).fetchone()[0]
            if written != len(self._lines):
                return  # another writer came in between: left as it was
            found = newest.current(db, sealer, vault_id, upto=self._start)
            if found is None and self._start == 0 and not db.blobs(ORDER_LABEL):
                found = newest.Current(b"", 0, 0, [], {})  # a new journal: the batches alone
            if found is None:
                return  # no usable blob: left to the loaded view
            old = found.text.split(ORDER_END) if found.text else []
            if found.fresh:  # rows written just before the import: their entries' lines anew
                old = [line for line in old
                       if line.split(ORDER_SEP, 3)[2].decode() not in found.fresh]
            lines = self._lines + [order_line(i.current, i.live) for i in found.fresh.values()
                                   if i.type == "entry"]
            lines.sort()
            damaged = [(d.entry_id, d.revision_id, d.reason) for d in found.damaged]
            nonce, sealed = sealer.seal_blob(
                f"{vault_id}/{ORDER_LABEL}", ORDER_LABEL,
                marshal.dumps((ORDER_TAG, db.max_seq(), damaged, found.live + len(self._lines),
                               found.every + len(self._lines),
                               ORDER_END.join(heapq.merge(old, lines)))))
            db.put_blob(ORDER_LABEL, ORDER_LABEL, nonce, sealed)
        self._lines = []
