"""The session's sync: the remote, syncing now or in steps, joining, conflicts.

A part of `Session` (facade.py), kept apart so each file stays readable. The app runs the network
step off the store thread (`sync_begin` -> `engine.exchange` in a worker -> `sync_end`); the
command line syncs in one call (`sync_now`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from journal.storage.crypto import WrongKey
from journal.sync.log import SyncLog

if TYPE_CHECKING:  # the sync engine loads only when syncing
    from journal.domain.model import Entry
    from journal.storage.store import JournalStore, SyncState
    from journal.sync.engine import Health, SyncReport
    from journal.sync.passing import Incoming, Outgoing
    from journal.sync.remote import Remote
    from journal.sync.settings import RemoteSettings


class Syncing:
    """What the session does with a remote. `Session` provides the home and the open store."""

    home: Path
    store: JournalStore | None

    def __init__(self) -> None:
        self.sync_log = SyncLog()

    def _open(self) -> JournalStore:
        """The open store; the session's every method that needs the journal unlocked uses it."""
        if self.store is None:
            raise RuntimeError("the journal is locked")
        return self.store

    # -- the remote -----------------------------------------------------------------------

    def remote(self) -> RemoteSettings | None:
        """Where this device syncs (kept sealed in the journal), or None."""
        from journal.sync import settings as remote_settings

        return remote_settings.load(self._open())

    def remote_address(self) -> str | None:
        chosen = self.remote()
        return str(chosen.address) if chosen else None

    def set_remote(self, chosen: RemoteSettings) -> bool:
        """Sync with `chosen` from now on; True when it already holds this journal. A remote
        holding another journal is refused (SyncRefused) before anything is saved."""
        from journal.sync import engine
        from journal.sync import settings as remote_settings

        store = self._open()
        remote = remote_settings.connect(chosen)
        remote.ensure_root()
        holds_it = engine.check_remote(store, remote)
        store.reset_sync()
        engine.forget(store)
        remote_settings.save(store, chosen)
        return holds_it

    def unset_remote(self) -> bool:
        """Stop syncing (nothing is deleted, here or there); False when no remote was set."""
        from journal.sync import engine
        from journal.sync import settings as remote_settings

        store = self._open()
        if remote_settings.load(store) is None:
            return False
        remote_settings.clear(store)
        store.reset_sync()
        engine.forget(store)
        return True

    @property
    def device_id(self) -> str:
        return self._open().device_id

    def sync_state(self) -> SyncState:
        """This device's position: last sync, segments sent, other devices' cursors."""
        return self._open().sync_state()

    def last_sync(self) -> str:
        return self._open().sync_state().last_sync

    # -- syncing --------------------------------------------------------------------------

    def sync_now(self) -> SyncReport | None:
        """Send and receive in one go (the command line); None when no remote is set."""
        from journal.sync import engine
        from journal.sync import settings as remote_settings

        store = self._open()
        chosen = remote_settings.load(store)
        if chosen is None:
            return None
        report = engine.sync(store, remote_settings.connect(chosen))
        self.sync_log.add_report(report)
        return report

    def check_remote(self) -> Health | None:
        """The remote's health, read-only (`journal remote check`); None when no remote is set."""
        from journal.sync import engine
        from journal.sync import settings as remote_settings

        store = self._open()
        chosen = remote_settings.load(store)
        if chosen is None:
            return None
        return engine.check(store, remote_settings.connect(chosen))

    def sync_begin(self) -> tuple[Outgoing, Remote] | None:
        """What to send and where, or None when no remote is set."""
        from journal.sync import engine
        from journal.sync import settings as remote_settings

        store = self._open()
        chosen = remote_settings.load(store)
        if chosen is None:
            return None
        return engine.prepare(store), remote_settings.connect(chosen)

    def sync_end(self, incoming: Incoming) -> SyncReport:
        from journal.sync import engine

        report = engine.finish(self._open(), incoming)
        self.sync_log.add_report(report)
        return report

    def join(self, chosen: RemoteSettings, *, passphrase: str | None = None,
             recovery_key: str | None = None) -> None:
        """Make this device's journal (unlocked) from the journal on a remote, and remember the
        remote. A passphrase that does not open it is tried as a recovery key when it looks
        like one. Nothing is written here unless the secret opens the journal there."""
        from journal.sync import engine
        from journal.sync import settings as remote_settings

        remote = remote_settings.connect(chosen)
        try:
            store = engine.join(self.home, remote, passphrase=passphrase,
                                recovery_key=recovery_key)
        except WrongKey:
            if passphrase is None or not _looks_like_recovery(passphrase):
                raise
            store = engine.join(self.home, remote, recovery_key=passphrase)
        self.store = store
        remote_settings.save(store, chosen)

    # -- conflicts ------------------------------------------------------------------------

    def conflicts(self) -> list[tuple[str, list[Entry]]]:
        """Each entry with several versions, and the versions (newest first)."""
        store = self._open()
        return [(item.item_id, store.versions(item.item_id)) for item in store.conflicts()]

    def versions(self, entry_id: str) -> list[Entry]:
        return self._open().versions(entry_id)

    def resolve_conflict(self, entry_id: str, keep_revision: str) -> Entry:
        return self._open().resolve_conflict(entry_id, keep_revision)


def _looks_like_recovery(text: str) -> bool:
    from journal.storage.crypto import parse_recovery_key

    try:
        parse_recovery_key(text)
    except WrongKey:
        return False
    return True
