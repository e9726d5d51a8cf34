"""Backup, check and restore for the session, and the gentle reminder when there is no copy.

A backup is the journal file itself (`storage/backup.py` copies and checks it); this module adds
what needs the key: the copy's sealed ledger must count the rows it holds, the time of the last
backup is kept in a sealed device-local record, a check with the passphrase opens every
revision, and a restored journal becomes a device of its own.

Why a restored journal gets a new device id: the original device may still be alive and
syncing (a laptop restored onto a new one while the old one is still in use, or a backup tried
out in another folder). With the same id both would continue one chain on the remote, each
writing segment N as if it were the only one. So the restored copy keeps every revision as it
was written, takes a fresh device id, forgets the sync position (it reads every device anew)
and carries every other device's revisions it holds on its first sync: the original's
revisions reach the remote even if the original never synced them.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from journal.errors import WrongSecret
from journal.storage import backup as files
from journal.storage.backup import BackupError, Inspection, Progress
from journal.storage.db import DB_NAME, StorageError
from journal.storage.store import JournalStore
from journal.storage.streaming import EntryStream

if TYPE_CHECKING:
    from journal.session.facade import Session

#: The sealed device-local record of the last backup.
_LABEL, _ID = "backup", "last-backup"
#: After this many days without a backup or a sync the app says so, once per unlock.
REMIND_AFTER_DAYS = 30


@dataclass(frozen=True)
class Checked:
    """A backup as `journal backup check` reports it."""

    found: Inspection
    opened: int | None = None  # revisions opened with the passphrase (None: not asked)
    damaged: int = 0
    entries: int | None = None  # live entries (known only with the passphrase)


def create(store: JournalStore, target: Path, progress: Progress | None = None) -> Inspection:
    """Copy the open journal to `target` and check the copy: intact, this journal, and its
    sealed ledger counts exactly the rows it holds. Then remember when (sealed, local)."""
    made = files.write_backup(store.home, target, progress)
    try:
        if made.vault_id != store.vault_id:
            raise BackupError(f"{target} does not hold this journal after copying; try again")
        counted = files.ledger_count(target, store.sealer, store.vault_id)
        if counted is not None and counted != made.revisions:
            raise BackupError(
                f"the copy holds {made.revisions} revisions but this journal's sealed record "
                f"counts {counted}: the journal file itself lost or gained rows; run `journal "
                "verify` (the copy was removed)")
    except BackupError:
        target.unlink(missing_ok=True)
        raise
    with contextlib.suppress(StorageError, sqlite3.OperationalError):  # a read-only journal
        store.put_local(_LABEL, _ID, {"when": _now().isoformat(timespec="seconds"),
                                      "file": target.name, "revisions": made.revisions})
    return made


def check(path: Path, passphrase: str | None = None) -> Checked:
    """Read a backup: without a passphrase its structure, integrity and counts; with one, also
    open every revision. The backup is never written: a private copy is opened instead."""
    found = files.inspect(path)
    if passphrase is None:
        return Checked(found)
    folder = Path(tempfile.mkdtemp(prefix="journal-check-"))  # 0700; ciphertext only
    try:
        files.restore_file(path, folder / "journal")
        try:
            store = JournalStore.unlock(folder / "journal", passphrase)
        except WrongSecret:
            raise BackupError(f"the passphrase does not open {path}: it opens with the "
                              "passphrase the journal had when the backup was made") from None
        try:
            stream = EntryStream(store)
            opened, damaged = stream.open_all()
            entries = len(stream.plan().entries)
            counted = files.ledger_count(folder / "journal" / DB_NAME, store.sealer,
                                         store.vault_id)
        finally:
            store.close()
        if counted is not None and counted != found.revisions:
            raise BackupError(f"{path} holds {found.revisions} revisions but its sealed record "
                              f"counts {counted}: rows were removed or added outside the "
                              "journal; use another backup")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return Checked(found, opened, len(damaged), entries)


def restore(backup: Path, home: Path, *, passphrase: str | None = None,
            recovery_key: str | None = None, progress: Progress | None = None
            ) -> tuple[JournalStore, Inspection]:
    """Make the journal in the empty folder `home` from `backup`, opened with its passphrase
    or recovery key, as a device of its own (see the module's note). Returns it unlocked. A
    key that does not open it leaves `home` as it was found."""
    made_home = not home.exists()
    found = files.restore_file(backup, home, progress)
    files.become_new_device(home)
    try:
        if recovery_key is not None:
            store = JournalStore.unlock_with_recovery(home, recovery_key)
        else:
            store = JournalStore.unlock(home, passphrase or "")
    except BaseException:
        for name in (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", DB_NAME + "-journal"):
            (home / name).unlink(missing_ok=True)
        if made_home:
            home.rmdir()
        raise
    from journal.sync import engine

    store.reset_sync()
    engine.forget(store)
    engine.carry_all(store)
    store.remove_local(_ID)  # the backup this came from is not a backup of this device
    return store, found


def last_backup(store: JournalStore) -> datetime | None:
    """When this journal was last backed up, or None."""
    saved = store.get_local(_LABEL).get(_ID)
    return _parse(saved.get("when", "")) if saved else None


def days_without_copy(store: JournalStore, now: datetime | None = None) -> int | None:
    """Whole days since the last backup or sync, whichever was later; with neither ever, since
    the first revision was written. None for a journal with nothing in it."""
    now = now or _now()
    copies = [t for t in (last_backup(store), _parse(store.sync_state().last_sync)) if t]
    if copies:
        since = max(copies)
    else:
        first = files.first_written(store.home)
        if first is None:
            return None
        since = datetime.fromtimestamp(first / 1000, UTC)
    return max((now - since).days, 0)


def reminder(store: JournalStore, now: datetime | None = None) -> str | None:
    """The one gentle line the app shows at unlock after 30 days without a backup or sync, or
    None when there is nothing to say."""
    days = days_without_copy(store, now)
    if days is None or days <= REMIND_AFTER_DAYS:
        return None
    return (f"No backup or sync for {days} days. A backup is one file, still encrypted: "
            "journal backup create FILE")


def app_reminder(session: Session) -> str | None:
    """For the app, at unlock (on the store thread): the reminder, or None (also when locked).
    The timeline calls `await app.run_store(app_reminder, app.session)` once per unlock and
    shows the line as a notification."""
    store = session.store
    return None if store is None else reminder(store)


def _now() -> datetime:
    return datetime.now(UTC)


def _parse(text: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)
