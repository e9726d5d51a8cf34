"""A backup is the journal file itself, copied whole and checked: still encrypted, one file.

Copying uses SQLite's online backup API from a connection of its own, so a backup is one
consistent moment of the journal even while the app (or a sync) writes to it: SQLite restarts a
step that another connection changed under it. The copy is created 0600 and never overwrites a
file (O_EXCL), is switched out of WAL mode (one file, nothing beside it), and is then checked:
SQLite's `integrity_check`, the journal's tables and ids, and the number of revision rows
against the source's.

Reading a backup without the key (`inspect`) tells structure, integrity and counts; nothing in
it can be read without the passphrase or the recovery key, as in the journal itself. Restoring
copies it into an empty journal folder; the session then gives the restored journal a device
id of its own (`become_new_device`), so it never continues the original device's sync chain.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from journal.domain.model import new_id
from journal.storage import ledger
from journal.storage.crypto import DamagedData, Sealer
from journal.storage.db import DB_NAME, SCHEMA_VERSION, StorageError, make_private_dir
from journal.storage.opening import read_only_uri

#: Called with (pages copied, pages in all) as a backup or a restore proceeds.
Progress = Callable[[int, int], None]

#: Pages per step: small enough to report progress and let a writer in between steps.
_STEP = 1024


class BackupError(StorageError):
    """The backup cannot be made, read or restored; the message says what to do."""


@dataclass(frozen=True)
class Inspection:
    """What a backup file says about itself without the key."""

    path: Path
    schema: int
    vault_id: str
    device_id: str
    revisions: int  # revision rows: every version of every entry and record
    items: int  # entries and other records (people, settings): which is which is sealed
    devices: int  # devices that wrote a revision in it
    slots: tuple[str, ...]  # kinds of key slot: passphrase, recovery


def _read_only(path: Path) -> sqlite3.Connection:
    """The file for reading only, never changed, with nothing made beside it."""
    return sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True,
                           isolation_level=None)


def _copy(source: sqlite3.Connection, target: Path, progress: Progress | None) -> None:
    """`source` into the new file `target` (created 0600, never over an existing file), in
    rollback-journal mode so the copy is one file; removed again if anything fails."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise BackupError(f"{target} already exists; choose another file (a backup never "
                          "overwrites one)") from None
    except OSError as exc:
        raise BackupError(f"cannot write {target}: {exc.strerror}") from None
    os.close(fd)
    try:
        copy = sqlite3.connect(target, isolation_level=None)
        try:
            def step(_status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total)

            source.backup(copy, pages=_STEP, progress=step)
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
    except BaseException:
        target.unlink(missing_ok=True)  # never leave half a backup behind
        for extra in ("-journal", "-wal", "-shm"):
            Path(f"{target}{extra}").unlink(missing_ok=True)
        raise


def write_backup(home: Path, target: Path, progress: Progress | None = None) -> Inspection:
    """Copy the journal in `home` to the new file `target`, then check the copy: it must be
    intact and hold as many revision rows as the journal held at that moment."""
    source_path = home / DB_NAME
    if not source_path.exists():
        raise BackupError(f"no journal in {home}: nothing to back up")
    if not target.absolute().parent.is_dir():
        raise BackupError(f"there is no folder {target.absolute().parent}; make it first or "
                          "choose another file")
    source = sqlite3.connect(source_path, timeout=10, isolation_level=None)
    try:
        _copy(source, target, progress)
    finally:
        source.close()
    try:
        return inspect(target)
    except BackupError:
        target.unlink(missing_ok=True)
        raise


def inspect(path: Path) -> Inspection:
    """Check a backup without the key: an intact SQLite file (`integrity_check`) that is a
    journal this program reads, with its vault id, key slots and revision rows."""
    if not path.is_file():
        what = "is not a file" if path.exists() else "does not exist"
        raise BackupError(f"{path} {what}; give the backup file `journal backup create` wrote")
    try:
        conn = _read_only(path)
        try:
            found = conn.execute("PRAGMA integrity_check").fetchall()
            if [tuple(r) for r in found] != [("ok",)]:
                raise BackupError(f"{path} is damaged (SQLite's integrity check failed: "
                                  f"{str(found[0][0])[:80]}); use another backup")
            schema = int(conn.execute("PRAGMA user_version").fetchone()[0])
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            revisions, items, devices = conn.execute(
                "SELECT count(*), count(DISTINCT item_id), count(DISTINCT device_id) "
                "FROM revisions").fetchone()
            slots = tuple(sorted({k for (k,) in conn.execute("SELECT kind FROM key_slots")}))
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise BackupError(f"{path} is not a journal backup (not a journal file, or damaged "
                          "beyond reading)") from None
    if schema > SCHEMA_VERSION:
        raise BackupError(f"{path} was made by a newer version of peer-journal (format "
                          f"{schema}); upgrade peer-journal to read it")
    if not meta.get("vault_id") or not meta.get("device_id"):
        raise BackupError(f"{path} is not a whole journal (it has no vault id); use another "
                          "backup")
    if "passphrase" not in slots and "recovery" not in slots:
        raise BackupError(f"{path} holds no key slot, so nothing could open it; use another "
                          "backup")
    return Inspection(path, schema, meta["vault_id"], meta["device_id"], int(revisions),
                      int(items), int(devices), slots)


def restore_file(backup: Path, home: Path, progress: Progress | None = None) -> Inspection:
    """Copy a checked backup into `home`, which must hold no files (it is made 0700 if
    missing). The result is the journal as it was backed up; `become_new_device` follows."""
    found = inspect(backup)
    if home.exists() and not home.is_dir():
        raise BackupError(f"{home} is a file, not a folder; set JOURNAL_HOME to an empty folder")
    if home.exists() and any(home.iterdir()):
        raise BackupError(f"{home} is not empty: restore into an empty folder (set "
                          "JOURNAL_HOME to a new one); nothing was changed")
    make_private_dir(home)
    source = _read_only(backup)
    try:
        _copy(source, home / DB_NAME, progress)
    finally:
        source.close()
    return found


def become_new_device(home: Path) -> tuple[str, str]:
    """Give the restored journal in `home` a device id of its own: (the backup's, the new).

    Every revision keeps the device id it was written with (its seal binds it); only what this
    copy writes from now on is new. The original device may still be syncing: with the same
    id both would write the same chain on the remote, each file name twice. The session then
    resets the sync position (sealed with the key) so this copy starts a chain of its own.
    """
    conn = sqlite3.connect(home / DB_NAME, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        old = conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()[0]
        new = new_id()
        conn.execute("UPDATE meta SET value = ? WHERE key = 'device_id'", (new,))
        conn.execute("COMMIT")
    finally:
        conn.close()
    return str(old), new


def ledger_count(path: Path, sealer: Sealer, vault_id: str) -> int | None:
    """How many revision rows the backup's sealed ledger counts (None: it has no ledger).
    Raises BackupError when the ledger is there but does not open with this key."""
    conn = _read_only(path)
    try:
        rows = conn.execute("SELECT blob_id, nonce, sealed FROM local_blobs WHERE label = ?",
                            (ledger.LABEL,)).fetchall()
    finally:
        conn.close()
    for blob_id, nonce, sealed in rows:
        try:
            raw = sealer.open_blob(f"{vault_id}/{ledger.LABEL}", blob_id, nonce, sealed)
            return int(json.loads(raw)["count"])
        except (DamagedData, ValueError, KeyError, TypeError):
            raise BackupError(f"{path}: its sealed record of revisions does not open; the "
                              "backup is damaged") from None
    return None


def first_written(home: Path) -> int | None:
    """When the oldest revision here was written (milliseconds since 1970, from its clock),
    or None for an empty journal: how long a journal has gone without any copy."""
    conn = sqlite3.connect(read_only_uri(home / DB_NAME), uri=True, isolation_level=None)
    try:
        row = conn.execute("SELECT min(clock) FROM revisions").fetchone()
    finally:
        conn.close()
    if not row or not row[0]:
        return None
    ms = str(row[0]).partition("-")[0]
    return int(ms) if ms.isdigit() else None
