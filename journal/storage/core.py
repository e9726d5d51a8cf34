"""What every part of the store shares: the open file, the key, the clock and the loaded view.

`JournalStore` (store.py) is one object built from parts by job: keys, writing, reading, records
and sync state. Each part is a class over `StoreCore`, so the object keeps one set of state (a
single key to forget on lock, a single loaded view to keep current) while each job's code lives
in a module of its own.

The loaded view is every item's heads, built once from the sealed head index (see `heads.py`)
and then kept current by each write and each sync, so reads never go back to SQLite for the
revision graph.
"""

from __future__ import annotations

import contextlib
import gc
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from journal.domain.model import LEDGER_GONE, Damage
from journal.errors import JournalError
from journal.storage import ledger
from journal.storage.clock import HybridClock
from journal.storage.crypto import DamagedData, Sealer
from journal.storage.db import DB_NAME, Database, RevisionRow, StorageError
from journal.storage.heads import HeadLoader, Item

#: The index blobs as read from disk before the key was known (see `keys.Keys._unlock`).
Prefetched = list[tuple[str, bytes, bytes]]


#: A head index larger than this is not read while Argon2id runs: held beside its 64 MiB it
#: would set the peak memory of every command (about 18 MB at 20,000 entries, 92 MB at 100,000),
#: also of those that never load the view (`journal list --limit 10`, `newest.py`).
PREFETCH_LIMIT = 32 * 2**20


def prefetch_index(db: Database) -> Prefetched | None:
    """The sealed head index, read during the key stretch when it is small enough (above)."""
    size = db.conn.execute("SELECT coalesce(sum(length(sealed)), 0) FROM local_blobs "
                           "WHERE label = 'index'").fetchone()[0]
    return db.blobs("index") if size <= PREFETCH_LIMIT else None


#: The covering index of the ledger's quick sums (`StoreCore._sums_index`).
_SUMS_INDEX = "revisions_sums"


class NotFound(JournalError, LookupError):
    """No entry matches the id given."""


class Ambiguous(JournalError, LookupError):
    """An id prefix matches more than one entry."""


class StoreCore:
    """An unlocked journal's state. Built only through `JournalStore`'s `create`, `unlock` and
    `unlock_with_recovery` (keys.py); the parts add what can be done with it."""

    def __init__(self, home: Path, db: Database, dek: bytes) -> None:
        self.home = home
        self._db = db
        self._dek: bytes | None = dek
        self._sealer: Sealer | None = Sealer(dek)
        vault_id, device_id = db.get_meta("vault_id"), db.get_meta("device_id")
        if not vault_id or not device_id:
            raise StorageError(f"the journal file in {home} has no vault id: it is damaged")
        self.vault_id: str = vault_id
        self.device_id: str = device_id
        self._clock = HybridClock(db.get_meta("clock"))
        self._items: dict[str, Item] | None = None
        self._loader: HeadLoader | None = None
        self._prefetched_index: Prefetched | None = None
        # folded searchable text by revision id (`Reading.texts`): revisions never change, so
        # only new heads are ever read again
        self._texts: dict[str, str] = {}
        self._integrity: ledger.Integrity | None = None
        self.damaged_local: list[Damage] = []
        # what a streamed read (`Reading.stream_select`) found damaged, for `damaged` to tell
        # without building the loaded view
        self._streamed_damage: list[Damage] | None = None
        self._quick_total = 0  # entries in the journal, as `newest.py` last counted them
        self._data_version = db.data_version()

    @staticmethod
    def exists(home: Path) -> bool:
        return (home / DB_NAME).exists()

    def close(self) -> None:
        """Lock: forget the key and every decrypted entry, then close the file."""
        self._dek = None
        self._sealer = None
        self._items = None
        self._loader = None
        self._prefetched_index = None
        self._texts = {}
        self._db.close()

    lock = close

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def use_wall_clock(self, wall: Callable[[], int]) -> None:
        """Read the time from `wall` (milliseconds): for tests and benchmarks of a device whose
        clock is wrong. The hybrid clock still never goes backwards."""
        self._clock = HybridClock(self._clock.last, wall=wall)

    @property
    def sealer(self) -> Sealer:
        """The sealer holding the data key; asking for it after `close` is an error, not a
        silent re-open."""
        if self._sealer is None:
            raise StorageError("the journal is locked")
        return self._sealer

    def _key(self) -> bytes:
        """The data key itself, for rewrapping it into a new key slot or handing it to a
        joining device."""
        if self._dek is None:
            raise StorageError("the journal is locked")
        return self._dek

    @property
    def damaged(self) -> list[Damage]:
        """Revisions that failed to open so far (each entry shows its last intact version)."""
        if self._items is None and self._streamed_damage is not None:
            return self._streamed_damage
        self._load()
        assert self._loader is not None
        return self._loader.damaged

    # -- the loaded view ---------------------------------------------------------------------

    @contextmanager
    def _bulk(self) -> Iterator[None]:
        """Pause the cyclic garbage collector while building thousands of small objects."""
        enabled = gc.isenabled()
        gc.disable()
        try:
            yield
        finally:
            # What was just built is long-lived: move it out of the collector's way, so the next
            # collection does not walk 20,000 entries for nothing.
            gc.freeze()
            if enabled:
                gc.enable()

    def changed_elsewhere(self) -> bool:
        """Whether another process wrote to the journal file since the last call (the app asks
        every few seconds). Then the loaded view is dropped, to be built again, with the
        other process's entries, from the head index and the rows after it when next read."""
        try:
            version = self._db.data_version()
        except sqlite3.Error:  # the file is closed or failing: the write that found it says so
            return False
        seen, self._data_version = self._data_version, version
        if version == seen:
            return False
        self._items, self._loader, self._integrity = None, None, None
        return True

    def forget_view(self) -> None:
        """Drop the loaded view; it is built again from the file when next read. Before writing
        many entries nothing reads back (an import's batches), so they are not all kept in
        memory as they are written."""
        self._items, self._loader = None, None

    def _load(self) -> dict[str, Item]:
        """Every item by id, loaded on first use (the index prefetched during unlock is used
        once, then dropped)."""
        if self._items is None:
            self._loader = HeadLoader(self._db, self.sealer, self.vault_id,
                                      prefetched_index=self._prefetched_index)
            self._prefetched_index = None
            with self._bulk():
                self._items = self._loader.load()
        return self._items

    # -- the ledger (ledger.py): every row written is counted in the same transaction --------

    def _kept_ledger(self) -> ledger.Ledger | None:
        """The ledger as sealed, or None when there is none to trust."""
        try:
            return ledger.read(self._db, self.sealer, self.vault_id)
        except DamagedData:
            return None

    def _ledger_add(self, rows: list[RevisionRow], *, fresh: bool = False) -> None:
        """Count rows just inserted; call inside their transaction. Rows this device sealed
        are `fresh` (new random ids); others (a sync's) may be rows that come back, so the
        ledger's ids are read to count each once. A journal that never had a ledger starts one
        from the rows it holds now; one whose ledger has gone keeps no new one, so the loss
        stays visible to `verify` instead of being papered over. The ledger is read again
        inside the transaction each time: another process (a `journal` command while the app
        is open) may have counted rows since, and a copy kept here would overwrite its count."""
        kept = self._kept_ledger()
        if kept is None and self._db.get_meta(ledger.KEPT_SINCE):
            return
        if kept is None:
            present = {r.revision_id for r in rows}
            kept = ledger.Ledger.of(r for r in self._db.revision_graph()
                                    if r.revision_id not in present)
        elif not fresh:
            try:
                ledger.load_held(self._db, self.sealer, self.vault_id, kept)
            except DamagedData:
                return  # its ids are damaged: left as found, for `verify` to report
        kept.add(rows, fresh=fresh)
        ledger.write(self._db, self.sealer, self.vault_id, kept)

    def integrity(self, *, full: bool = False) -> ledger.Integrity:
        """The rows against the ledger, once per unlock: the quick sums, and the whole check
        (every row's public fields, nothing opened) when they differ or `full` asks. The first
        time a journal is checked it gets its ledger."""
        if self._integrity is None or full:
            self._sums_index()
            with self._db.snapshot():  # a write by another process lands before or after
                kept = self._kept_ledger()
                missing = kept is None and bool(self._db.get_meta(ledger.KEPT_SINCE))
                if kept is not None and not full and ledger.quick_match(self._db, kept):
                    self._integrity = ledger.Integrity(kept.count, kept.count, True)
                    return self._integrity
                held: set[str] | None = None
                if kept is not None:
                    try:
                        held = ledger.load_held(self._db, self.sealer, self.vault_id, kept)
                    except DamagedData:
                        missing = True
                result = ledger.check(self._db, kept, held)
            if missing:
                result.matches = False
                result.problems.append(Damage("", "", (
                    f"{LEDGER_GONE}, so removed rows cannot be told apart from rows never "
                    "written")))
            elif kept is None:
                self._start_ledger()
            self._integrity = result
        return self._integrity

    def _sums_index(self) -> None:
        """The public columns the ledger's quick sums read, as a covering index (made once per
        journal file): a scan of the table itself reads every sealed payload's pages, 0.5 s at
        100,000 entries against 0.07-0.15 s through the index. A read-only file goes without."""
        conn = self._db.conn
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?",
                        (_SUMS_INDEX,)).fetchone():
            return
        with contextlib.suppress(sqlite3.OperationalError):
            conn.execute(f"CREATE INDEX IF NOT EXISTS {_SUMS_INDEX} ON revisions(deleted, clock)")

    def _start_ledger(self) -> None:
        try:
            with self._db.transaction():
                ledger.write(self._db, self.sealer, self.vault_id,
                             ledger.Ledger.of(self._db.revision_graph()))
        except (StorageError, sqlite3.OperationalError):
            pass  # a read-only journal: checked again next time

