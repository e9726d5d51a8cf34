"""The SQLite file and row access (its schema and migrations: migrations.py). No keys and no
plaintext ever reach here.

Only what sync needs is readable: random ids, the revision graph, the clock, the device id, the
tombstone flag and ciphertext. The file is created 0600 inside a 0700 folder before SQLite opens
it, so its WAL and shared-memory files (which SQLite creates with the main file's mode) are private
too. WAL mode, a busy timeout for a second process, and one transaction per change.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from journal.errors import JournalError, disk_problem
from journal.storage.crypto import KeySlot, join_parents
from journal.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from journal.storage.opening import connect

__all__ = [
    "DB_NAME",
    "SCHEMA_VERSION",
    "Database",
    "RevisionRow",
    "StorageError",
    "create_private_file",
    "join_parents",
    "make_private_dir",
    "split_parents",
]

DB_NAME = "journal.db"


class StorageError(JournalError):
    """The journal file is missing, damaged, or too new; the message says what to do."""


@dataclass(frozen=True)
class RevisionRow:
    """A revision as stored: public graph fields plus the sealed payload."""

    revision_id: str
    item_id: str
    parents: tuple[str, ...]
    device_id: str
    clock: str
    deleted: bool
    nonce: bytes
    sealed: bytes
    seq: int = 0


def make_private_dir(path: Path) -> None:
    """Create the journal folder 0700 (and tighten it if it already exists and is ours)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o700)


def create_private_file(path: Path) -> None:
    """Create an empty file readable only by its owner, failing if it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


class Database:
    """Row access to one journal file."""

    def __init__(self, path: Path, *, create: bool = False) -> None:
        self.path = path
        if create:
            make_private_dir(path.parent)
            create_private_file(path)
        elif not path.exists():
            raise StorageError(f"no journal at {path.parent}: run `journal init` first")
        try:
            conn = connect(path)  # read-only when it cannot be written (opening.py)
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA secure_delete=ON")
            self.conn = conn
            self._migrate()
        except sqlite3.DatabaseError as exc:
            trouble = disk_problem(exc, path.parent)  # a full disk, no permission: not damage
            if trouble is not None:
                raise StorageError(trouble) from None
            raise StorageError(
                f"the journal file {path} is damaged or is not a journal ({exc}); "
                "restore it from a backup or join again from your sync remote"
            ) from None

    def close(self) -> None:
        self.conn.close()

    def _migrate(self, target: int = SCHEMA_VERSION) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StorageError(
                f"this journal uses format {version}, newer than this program understands "
                f"({SCHEMA_VERSION}): upgrade peer-journal"
            )
        if version >= target:
            return
        import sqlite_utils

        db = sqlite_utils.Database(self.conn)
        for number in range(version + 1, target + 1):
            with self.transaction():
                MIGRATIONS[number - 1](db)
                self.conn.execute(f"PRAGMA user_version={number}")

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def transaction(self) -> _Transaction:
        return _Transaction(self.conn)

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Several reads as one view of the file (BEGIN ... COMMIT): another process's write
        lands before them or after, never between two of them (a ledger read before a row
        count must not see a row the count sees, or the file looks tampered with)."""
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN")
        try:
            yield
        finally:
            self.conn.execute("COMMIT")

    # -- meta -----------------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES(?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # -- key slots ------------------------------------------------------------------------------

    def key_slots(self) -> list[KeySlot]:
        rows = self.conn.execute(
            "SELECT slot_id, kind, header, nonce, wrapped FROM key_slots ORDER BY rowid"
        )
        return [KeySlot(*row) for row in rows]

    def put_key_slot(self, slot: KeySlot) -> None:
        self.conn.execute(
            "INSERT INTO key_slots(slot_id, kind, header, nonce, wrapped) VALUES (?, ?, ?, ?, ?)",
            (slot.slot_id, slot.kind, slot.header, slot.nonce, slot.wrapped),
        )

    def remove_key_slots(self, kind: str) -> None:
        self.conn.execute("DELETE FROM key_slots WHERE kind = ?", (kind,))

    # -- revisions ------------------------------------------------------------------------------

    def insert_revisions(self, rows: Iterable[RevisionRow]) -> None:
        self.conn.executemany(
            "INSERT INTO revisions(rev_id, item_id, parents, device_id, clock, deleted, nonce, "
            "sealed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    r.revision_id,
                    r.item_id,
                    join_parents(r.parents),
                    r.device_id,
                    r.clock,
                    int(r.deleted),
                    r.nonce,
                    r.sealed,
                )
                for r in rows
            ),
        )

    def revision_graph(self, after: int = 0, upto: int | None = None) -> Iterator[RevisionRow]:
        """Public fields (no payload) of every revision written after row `after` (up to row
        `upto`, when given), in order."""
        for r in self.conn.execute(
            "SELECT rev_id, item_id, parents, device_id, clock, deleted, seq FROM revisions "
            "WHERE seq > ? AND seq <= ? ORDER BY seq",
            (after, upto if upto is not None else 2**63 - 1),
        ):
            yield RevisionRow(r[0], r[1], split_parents(r[2]), r[3], r[4], bool(r[5]), b"", b"",
                              r[6])

    def max_seq(self) -> int:
        return int(self.conn.execute("SELECT coalesce(max(seq), 0) FROM revisions").fetchone()[0])

    def sealed(self, revision_ids: Iterable[str]) -> Iterator[RevisionRow]:
        """Full rows for the given ids, in batches so a 20,000-entry load stays one quick pass."""
        ids = list(revision_ids)
        for start in range(0, len(ids), 500):
            batch = ids[start : start + 500]
            marks = ",".join("?" * len(batch))
            yield from (
                _row(r)
                for r in self.conn.execute(
                    "SELECT rev_id, item_id, parents, device_id, clock, deleted, nonce, sealed, seq"
                    f" FROM revisions WHERE rev_id IN ({marks})",
                    batch,
                )
            )

    def payloads(self, revision_ids: Iterable[str]) -> Iterator[tuple[str, bytes, bytes]]:
        """Raw (rev id, nonce, sealed) tuples, in storage order: the lean path for reading
        thousands of bodies (the caller knows the public fields already)."""
        ids = list(revision_ids)
        columns = "rev_id, nonce, sealed"
        if len(ids) > 2000:  # most of the journal: one sequential scan beats many look-ups
            wanted = set(ids)
            for row in self.conn.execute(f"SELECT {columns} FROM revisions"):
                if row[0] in wanted:
                    yield row
            return
        for start in range(0, len(ids), 500):
            batch = ids[start : start + 500]
            yield from self.conn.execute(
                f"SELECT {columns} FROM revisions WHERE rev_id IN ({','.join('?' * len(batch))})",
                batch,
            )

    def all_sealed(self) -> Iterator[RevisionRow]:
        yield from (
            _row(r)
            for r in self.conn.execute(
                "SELECT rev_id, item_id, parents, device_id, clock, deleted, nonce, sealed, seq "
                "FROM revisions ORDER BY seq"
            )
        )

    def own_rows_after(self, device_id: str, after: int) -> list[RevisionRow]:
        """Full rows this device wrote after local row `after`, in order: what sync sends."""
        return [
            _row(r)
            for r in self.conn.execute(
                "SELECT rev_id, item_id, parents, device_id, clock, deleted, nonce, sealed, seq "
                "FROM revisions WHERE seq > ? AND device_id = ? ORDER BY seq",
                (after, device_id),
            )
        ]

    def known_revisions(self, revision_ids: Iterable[str]) -> set[str]:
        """Which of these revision ids are already stored."""
        ids, found = list(revision_ids), set[str]()
        for start in range(0, len(ids), 500):
            batch = ids[start : start + 500]
            found.update(
                r[0]
                for r in self.conn.execute(
                    f"SELECT rev_id FROM revisions WHERE rev_id IN ({','.join('?' * len(batch))})",
                    batch,
                )
            )
        return found

    def count_revisions(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM revisions").fetchone()[0])

    # -- sync cursors ---------------------------------------------------------------------------

    def cursors(self) -> dict[str, tuple[int, str]]:
        return {d: (seq, h) for d, seq, h in
                self.conn.execute("SELECT device_id, seq, hash FROM sync_cursors")}

    def set_cursor(self, device_id: str, seq: int, digest: str) -> None:
        self.conn.execute(
            "INSERT INTO sync_cursors(device_id, seq, hash) VALUES (?, ?, ?) "
            "ON CONFLICT(device_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
            (device_id, seq, digest),
        )

    def clear_cursors(self) -> None:
        self.conn.execute("DELETE FROM sync_cursors")

    def delete_meta(self, key: str) -> None:
        self.conn.execute("DELETE FROM meta WHERE key = ?", (key,))

    # -- local blobs ----------------------------------------------------------------------------

    def put_blob(self, blob_id: str, label: str, nonce: bytes, sealed: bytes) -> None:
        self.conn.execute(
            "INSERT INTO local_blobs(blob_id, label, nonce, sealed) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(blob_id) DO UPDATE SET nonce = excluded.nonce, sealed = excluded.sealed",
            (blob_id, label, nonce, sealed),
        )

    def blobs(self, label: str) -> list[tuple[str, bytes, bytes]]:
        return list(
            self.conn.execute(
                "SELECT blob_id, nonce, sealed FROM local_blobs WHERE label = ?", (label,)
            )
        )

    def all_blobs(self) -> list[tuple[str, str, bytes, bytes]]:
        """Every local blob: (id, label, nonce, sealed)."""
        return list(self.conn.execute("SELECT blob_id, label, nonce, sealed FROM local_blobs"))

    def all_rows(self) -> list[RevisionRow]:
        """Every revision row, sealed, in local order (`journal rekey` seals each anew)."""
        return [_row(r) for r in self.conn.execute(
            "SELECT rev_id, item_id, parents, device_id, clock, deleted, nonce, sealed, seq "
            "FROM revisions ORDER BY seq")]

    def data_version(self) -> int:
        """SQLite's count of commits made by *other* connections to this file (a `journal`
        command, a sync from the shell) since this one opened: it changes only when they
        write."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def device_ids(self) -> set[str]:
        """Every device that wrote a revision held here."""
        return {d for (d,) in self.conn.execute("SELECT DISTINCT device_id FROM revisions")}

    def reseal_row(self, seq: int, nonce: bytes, sealed: bytes) -> None:
        self.conn.execute("UPDATE revisions SET nonce = ?, sealed = ? WHERE seq = ?",
                          (nonce, sealed, seq))

    def remove_blob(self, blob_id: str) -> None:
        self.conn.execute("DELETE FROM local_blobs WHERE blob_id = ?", (blob_id,))


def split_parents(stored: str) -> tuple[str, ...]:
    """Inverse of `crypto.join_parents` (the column is written only through it, so sorted)."""
    return tuple(stored.split(",")) if stored else ()


def _row(r: tuple[Any, ...]) -> RevisionRow:
    return RevisionRow(r[0], r[1], split_parents(r[2]), r[3], r[4], bool(r[5]), r[6], r[7], r[8])


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: one change, all or nothing."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
