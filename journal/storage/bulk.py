"""Many new entries at once (an import), written batch by batch, leaving `list` fast after.

An import of 100,000 entries must not hold them all in memory, so it writes without the loaded
view (`StoreCore.forget_view`) and writes no head index. But then the order blob that
`newest.py` lists the newest entries from fell behind, and the first `journal list --limit 10`
after the import opened every row to build the view (6.7 s and 435 MiB at 100,000). So the
batch keeps one short line per entry it wrote (date, clock, id, revision: about 110 bytes) and,
when it is done, merges them into the order blob in one transaction. The blob is usually a few
rows behind when the import begins (a `journal add` does not rewrite it): the entries those
rows touched are worked out from their own rows and their lines replaced, as `newest.py` does
when it reads. When another writer came in between, the blob was far behind, or it cannot be
written (a busy or full disk), it is left as it was, and the loaded view answers as before
(it is only a cache). The head index is left behind: the first command that needs the
whole view builds it once.
"""

from __future__ import annotations

import contextlib
import heapq
import marshal
import sqlite3
from types import TracebackType

from journal.domain.model import Entry
from journal.storage.crypto import DamagedData
from journal.storage.heads import ORDER_END, ORDER_LABEL, ORDER_SEP, ORDER_TAG, order_line
from journal.storage.newest import item_from_rows
from journal.storage.store import JournalStore

#: Entries changed since the blob beyond which it is left to the loaded view.
_MAX_TOUCHED = 256
#: The blob's contents: (tag, watermark, damage, live entries, all entries, lines).
_Order = tuple[str, int, list[tuple[str, str, str]], int, int, bytes]


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

    def _base(self) -> _Order | None:
        """The order blob as it was when the batches began, or None when it is not usable."""
        db, sealer, vault_id = self._store._db, self._store.sealer, self._store.vault_id
        stored = db.blobs(ORDER_LABEL)
        if not stored:
            # an empty journal has no blob yet, and its order is the batches' alone
            return (ORDER_TAG, 0, [], 0, 0, b"") if self._start == 0 else None
        blob_id, nonce, sealed = stored[0]
        try:
            order: _Order = marshal.loads(sealer.open_blob(f"{vault_id}/{ORDER_LABEL}", blob_id,
                                                           nonce, sealed))
        except (DamagedData, ValueError, EOFError, TypeError):
            return None
        return order if order[0] == ORDER_TAG and order[1] <= self._start else None

    def _merge_order(self) -> None:
        db, sealer, vault_id = self._store._db, self._store.sealer, self._store.vault_id
        with db.transaction():
            base = self._base()
            written = db.conn.execute("SELECT count(*) FROM revisions WHERE seq > ?",
                                      (self._start,)).fetchone()[0]
            if base is None or written != len(self._lines):
                return  # another writer came in between, or no usable blob: left as it was
            tag, watermark, damaged, live, every, text = base
            touched = {r[0] for r in db.conn.execute(
                "SELECT DISTINCT item_id FROM revisions WHERE seq > ? AND seq <= ?",
                (watermark, self._start))}
            if len(touched) > _MAX_TOUCHED:
                return
            try:
                items = [item_from_rows(db, sealer, vault_id, item_id) for item_id in touched]
            except DamagedData:
                return
            old = text.split(ORDER_END) if text else []
            if touched:  # their old lines go; live entries come back with their state now
                kept = [line for line in old if line.split(ORDER_SEP, 3)[2].decode() not in touched]
                gone = [line for line in old if line.split(ORDER_SEP, 3)[2].decode() in touched]
                every -= len(gone)
                live -= sum(1 for line in gone if line.rsplit(ORDER_SEP, 1)[1] != b"0")
                old = kept
            lines = self._lines + [order_line(i.current, i.live) for i in items
                                   if i.type == "entry"]
            every += len(lines)
            live += len(self._lines) + sum(1 for i in items if i.type == "entry" and i.live)
            lines.sort()
            merged = ORDER_END.join(heapq.merge(old, lines))
            nonce, sealed = sealer.seal_blob(
                f"{vault_id}/{ORDER_LABEL}", ORDER_LABEL,
                marshal.dumps((tag, db.max_seq(), damaged, live, every, merged)))
            db.put_blob(ORDER_LABEL, ORDER_LABEL, nonce, sealed)
        self._lines = []
