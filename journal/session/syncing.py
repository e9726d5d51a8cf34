"""The session's sync: the remote, syncing now or in steps, joining, conflicts.

A part of `Session` (facade.py), kept apart so each file stays readable. The app runs the network
step off the store thread (`sync_begin` -> `sync_exchange` in a worker -> `sync_end`); the
command line syncs in one call (`sync_now`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from journal.storage.crypto import KdfParams, WrongKey
from journal.sync.log import SyncLog

if TYPE_CHECKING:  # the sync engine loads only when syncing
    from collections.abc import Callable

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
        if not holds_it:  # a new remote gets every revision held here, whoever wrote it
            engine.carry_all(store)
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

    def changed_elsewhere(self) -> bool:
        """Whether another process (a `journal` command, a sync run from the shell) changed
        the journal since the last call; the app then reloads what it shows. False when
        locked."""
        return self.store is not None and self.store.changed_elsewhere()

    def last_sync(self) -> str:
        return self._open().sync_state().last_sync

    # -- syncing --------------------------------------------------------------------------

    def sync_now(self, progress: Callable[[int, int], None] | None = None) -> SyncReport | None:
        """Send and receive in one go (the command line); None when no remote is set.
        `progress` is told (segments done, segments known) as they are read and written."""
        from journal.sync import engine
        from journal.sync import settings as remote_settings

        store = self._open()
        chosen = remote_settings.load(store)
        if chosen is None:
            return None
        report = engine.sync(store, remote_settings.connect(chosen), progress)
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

    @staticmethod
    def sync_exchange(outgoing: Outgoing, remote: Remote,
                      progress: Callable[[int, int], None] | None = None) -> Incoming:
        """The network step between `sync_begin` and `sync_end`: it touches no store, so the
        app runs it on a thread of its own. `progress` is told (segments done, segments known
        so far) as they are read and written, from that thread."""
        from journal.sync import chains, engine

        return engine.exchange(outgoing, remote, tally=chains.Tally(progress))

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

    # -- a new data key -------------------------------------------------------------------

    def rekey(self, new_passphrase: str, *, kdf: KdfParams | None = None) -> tuple[str, int]:
        """A new data key and vault id, everything sealed anew, a new passphrase and recovery
        key (returned, to show once) with the number of revisions sealed anew. With a remote
        set, the next sync publishes everything to the new vault (this device's revisions and
        every other device's it holds) and leaves a sign in the old one for the other devices
        to follow. The caller checks the passphrase's strength first."""
        from datetime import UTC, datetime

        from journal.domain.model import new_id
        from journal.storage import crypto
        from journal.sync import engine, moved
        from journal.sync import settings as remote_settings

        store = self._open()
        synced = remote_settings.load(store) is not None and bool(store.sync_state().last_sync)
        old_vault, new_vault = store.vault_id, new_id()
        sign = moved.Moved(old_vault, new_vault, store.device_id,
                           datetime.now(UTC).isoformat(timespec="seconds")).to_file(store.sealer)
        dek, raw = crypto.random_key(), crypto.new_recovery_key()
        slots = [crypto.passphrase_slot(new_vault, dek, new_passphrase, kdf or KdfParams()),
                 crypto.recovery_slot(new_vault, dek, raw)]
        count = store.rekey(dek, new_vault, slots)
        engine.forget(store)
        engine.carry_all(store)
        if synced:
            engine.leave_sign(store, old_vault, sign)
        return crypto.format_recovery_key(raw), count

    def follow_rekey(self, passphrase: str) -> int:
        """This journal was given a new key on another device: take the new key from the new
        vault on the remote (opened with the new passphrase), seal everything here anew under
        it, and sync there from now on. Returns the number of revisions sealed anew."""
        from journal.sync import engine, joining, moved
        from journal.sync import settings as remote_settings
        from journal.sync.remote import RemoteError

        store = self._open()
        chosen = remote_settings.load(store)
        if chosen is None:
            raise RemoteError("no remote is set here, so there is nothing to follow: this "
                              "journal keeps its key")
        remote = remote_settings.connect(chosen)
        sign, _ = moved.find(remote, store.vault_id, store.sealer)
        if sign is None:
            raise RemoteError("the journal on the remote was not given a new key: there is "
                              "nothing to follow")
        found = next((f for f in joining.journals_on(remote) if f.vault_id == sign.new_vault_id),
                     None)
        if found is None:
            raise RemoteError(f"the new copy of this journal ({sign.new_vault_id[:8]}) is not on "
                              "the remote yet; sync the device that made the new key, then try "
                              "again")
        dek = joining.open_found(found, passphrase=passphrase)
        count = store.rekey(dek, found.vault_id, found.keys.slots,
                            keys_from=(found.keys.clock, found.keys.device_id))
        engine.forget(store)
        engine.carry_all(store)
        return count

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
