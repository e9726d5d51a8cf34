"""Making, opening and re-keying a journal: the store's part that handles key slots.

The data key never changes once a journal exists; only the slots that wrap it do. Every change
of slots is stamped with a clock value and a device id, so across devices the newest set of
slots wins (sync carries them; see `sync_state.py`), and a device that has changed its slots
but not yet sent them says so (`KEYS_PENDING`).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Self

from journal.domain.model import new_id
from journal.storage import crypto, position
from journal.storage.core import Prefetched, StoreCore, prefetch_index
from journal.storage.crypto import KdfParams, KeySlot, WrongKey
from journal.storage.db import DB_NAME, Database, StorageError
from journal.storage.position import KEYS_CLOCK, KEYS_DEVICE, KEYS_PENDING

#: Meta keys: when and where the local key slots last changed, and whether the change is still
#: to be sent. The sync state (sync_state.py) reads and adopts them.

#: Opens one key slot of this vault: (slot, vault id) -> the data key, or raises WrongKey.
SlotOpener = Callable[[KeySlot, str], bytes]


class Keys(StoreCore):
    """Create, join, unlock; change the passphrase; replace the recovery key."""

    @classmethod
    def create(cls, home: Path, passphrase: str, *,
               kdf: KdfParams | None = None) -> tuple[Self, str]:
        """Make a new journal in `home`; return it unlocked and the recovery key to show once."""
        if cls.exists(home):
            raise StorageError(f"a journal already exists in {home}; nothing was changed")
        db = Database(home / DB_NAME, create=True)
        dek = crypto.random_key()
        vault_id, device_id = new_id(), new_id()
        recovery = crypto.new_recovery_key()
        with db.transaction():
            db.set_meta("vault_id", vault_id)
            db.set_meta("device_id", device_id)
            db.set_meta("format", str(crypto.FORMAT))
            db.put_key_slot(crypto.passphrase_slot(vault_id, dek, passphrase, kdf or KdfParams()))
            db.put_key_slot(crypto.recovery_slot(vault_id, dek, recovery))
        store = cls(home, db, dek)
        store._keys_changed(pending=False)
        return store, crypto.format_recovery_key(recovery)

    @classmethod
    def create_joined(cls, home: Path, vault_id: str, dek: bytes, slots: Iterable[KeySlot],
                      keys_clock: str, keys_device: str) -> Self:
        """A new device's empty journal for an existing vault (`journal join`): the same data
        key and key slots, a device id of its own. Sync then fills it from the remote."""
        if cls.exists(home):
            raise StorageError(f"a journal already exists in {home}; join into an empty folder "
                               "(set JOURNAL_HOME), nothing was changed")
        db = Database(home / DB_NAME, create=True)
        with db.transaction():
            db.set_meta("vault_id", vault_id)
            db.set_meta("device_id", new_id())
            db.set_meta("format", str(crypto.FORMAT))
            for slot in slots:
                db.put_key_slot(slot)
            db.set_meta(KEYS_CLOCK, keys_clock)
            db.set_meta(KEYS_DEVICE, keys_device)
            position.seal(db, crypto.Sealer(dek), vault_id)
        return cls(home, db, dek)

    @classmethod
    def _open_db(cls, home: Path) -> tuple[Database, str]:
        """The file and its vault id; a file without one was left half-made by an interrupted
        `init` and is refused with advice rather than opened."""
        db = Database(home / DB_NAME)
        vault_id = db.get_meta("vault_id")
        if not vault_id:
            db.close()
            raise StorageError(f"the journal file in {home} is incomplete: run `journal init` "
                               "again in an empty folder, or restore a backup")
        made = db.get_meta("format")
        if made is not None and made != str(crypto.FORMAT):
            db.close()
            raise StorageError(f"this journal was made by a newer version of peer-journal (format "
                               f"{made[:20]!r}; this one reads {crypto.FORMAT}): upgrade "
                               "peer-journal; nothing was changed")
        return db, vault_id

    @classmethod
    def _unlock(cls, home: Path, kind: str, opener: SlotOpener, failure: str) -> Self:
        """Try each slot of `kind`. Argon2id (argon2-cffi) lets go of the GIL, so while it runs
        the sealed head index (no key needed to read it) is fetched from disk on this thread."""
        db, vault_id = cls._open_db(home)
        try:
            slots = [slot for slot in db.key_slots() if slot.kind == kind]
            prefetched: Prefetched | None = None
            for slot in slots:
                opened: list[bytes] = []
                failed: list[BaseException] = []

                def derive(slot: KeySlot = slot, opened: list[bytes] = opened,
                           failed: list[BaseException] = failed) -> None:
                    try:
                        opened.append(opener(slot, vault_id))
                    except BaseException as exc:  # handed back to the caller below
                        failed.append(exc)

                worker = threading.Thread(target=derive, name="unlock", daemon=True)
                worker.start()
                if prefetched is None:
                    prefetched = prefetch_index(db)
                worker.join()
                if opened:
                    store = cls(home, db, opened[0])
                    store._prefetched_index = prefetched
                    return store
                if not isinstance(failed[0], WrongKey):
                    raise failed[0]
            raise WrongKey(failure)
        except BaseException:
            db.close()
            raise

    @classmethod
    def unlock(cls, home: Path, passphrase: str) -> Self:
        """Open with the passphrase; raise WrongKey if it does not fit. A slot made before
        passphrases were normalised (NFC) is rewrapped from the normalised form, so the same
        passphrase typed with its accents composed or not opens it from now on."""
        made_normalised = [True]

        def opener(slot: KeySlot, vault: str) -> bytes:
            dek, made_normalised[0] = crypto.open_passphrase_slot_as(slot, vault, passphrase)
            return dek

        store = cls._unlock(home, "passphrase", opener, "wrong passphrase")
        if not made_normalised[0]:
            with contextlib.suppress(StorageError, sqlite3.OperationalError):  # read-only: later
                store.change_passphrase(passphrase)
        return store

    @classmethod
    def unlock_with_recovery(cls, home: Path, recovery_key: str) -> Self:
        """Open with the recovery key shown at set-up (any case, spaces or dashes)."""
        raw = crypto.parse_recovery_key(recovery_key)
        return cls._unlock(
            home, "recovery",
            lambda slot, vault: crypto.open_recovery_slot(slot, vault, raw),
            "that recovery key does not open this journal",
        )

    def change_passphrase(self, new_passphrase: str, *, kdf: KdfParams | None = None) -> None:
        """Rewrap the data key under a new passphrase. No entry is re-encrypted. The next sync
        takes the new slot to the remote, and the other devices adopt it."""
        slot = crypto.passphrase_slot(self.vault_id, self._key(), new_passphrase,
                                      kdf or KdfParams())
        with self._db.transaction():
            self._db.remove_key_slots("passphrase")
            self._db.put_key_slot(slot)
            self._keys_changed(pending=True)

    def new_recovery_key(self) -> str:
        """Replace the recovery slot; the old recovery key stops working (here at once, on the
        other devices after their next sync)."""
        raw = crypto.new_recovery_key()
        with self._db.transaction():
            self._db.remove_key_slots("recovery")
            self._db.put_key_slot(crypto.recovery_slot(self.vault_id, self._key(), raw))
            self._keys_changed(pending=True)
        return crypto.format_recovery_key(raw)

    def _keys_changed(self, *, pending: bool) -> None:
        """Stamp the key slots with a clock value, so the newest set wins across devices."""
        self._db.set_meta(KEYS_CLOCK, self._clock.tick())
        self._db.set_meta(KEYS_DEVICE, self.device_id)
        self._db.set_meta("clock", self._clock.last)
        self._db.set_meta(KEYS_PENDING, "1" if pending else "0")
        position.seal(self._db, self.sealer, self.vault_id)
