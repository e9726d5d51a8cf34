"""A new data key: every revision and every local blob sealed anew, under a new vault id.

Changing the passphrase only rewraps the data key, so anyone holding an old copy of the key slots
(the remote's first key file is never rewritten, an old backup) and the old passphrase can still
open everything. `rekey` is the answer when the old passphrase may have leaked: the data key
itself changes, and the journal moves to a new vault id, so nothing of the old vault opens with
the new key and nothing new opens with the old one.

The revisions keep their ids, parents, devices and clocks (the history and the revision graph
are unchanged, and the ledger's commitment with them); only their nonces and ciphertexts change.
All of it happens in one transaction: a crash leaves the journal as it was, never half-moved.
"""

from __future__ import annotations

from collections.abc import Iterable

from journal.storage import position
from journal.storage.core import StoreCore
from journal.storage.crypto import DamagedData, KeySlot, Sealer, revision_aad
from journal.storage.db import RevisionRow, StorageError
from journal.storage.position import (
    KEYS_CLOCK,
    KEYS_DEVICE,
    KEYS_PENDING,
    OWN_HASH,
    OWN_SEQ,
    SENT_UPTO,
)

#: What a sync position holds besides cursors, cleared: the new vault starts from nothing.
_POSITION = (OWN_SEQ, OWN_HASH, SENT_UPTO, "sync_last")


def _aad(vault_id: str, row: RevisionRow) -> bytes:
    return revision_aad(vault_id, row.item_id, row.revision_id, row.parents, row.device_id,
                        row.clock, row.deleted)


class Rekeying(StoreCore):
    def rekey(self, new_dek: bytes, new_vault_id: str, slots: Iterable[KeySlot], *,
              keys_from: tuple[str, str] | None = None) -> int:
        """Seal everything anew under `new_dek` as vault `new_vault_id`, with these key slots.
        `keys_from` is the (clock, device) of a key set adopted from a remote (a device
        following a rekey made elsewhere); without it the slots are a change made here, to be
        sent. Returns the number of revisions sealed anew. Refuses, changing nothing, when a
        revision does not open (it would be lost): `journal verify` names it."""
        old, new = self.sealer, Sealer(new_dek)
        db = self._db
        resealed: list[tuple[int, bytes, bytes]] = []
        damaged = 0
        for row in db.all_rows():
            try:
                payload = old.decrypt(_aad(self.vault_id, row), row.nonce, row.sealed)
            except DamagedData:
                damaged += 1
                continue
            resealed.append((row.seq, *new.encrypt(_aad(new_vault_id, row), payload)))
        if damaged:
            raise StorageError(f"{damaged} revision(s) do not open, and a new key would lose "
                               "them: run `journal verify`, then sync or restore a backup to "
                               "get them back first; nothing was changed")
        blobs: list[tuple[str, str, bytes, bytes] | tuple[str, str, None, None]] = []
        for blob_id, label, nonce, sealed in db.all_blobs():
            try:
                plain = old.open_blob(f"{self.vault_id}/{label}", blob_id, nonce, sealed)
            except DamagedData:
                blobs.append((blob_id, label, None, None))  # unreadable already: dropped
                continue
            blobs.append((blob_id, label, *new.seal_blob(f"{new_vault_id}/{label}", blob_id,
                                                         plain)))
        with db.transaction():
            for seq, nonce, sealed in resealed:
                db.reseal_row(seq, nonce, sealed)
            for blob_id, label, blob_nonce, blob_sealed in blobs:
                if blob_nonce is None or blob_sealed is None:
                    db.remove_blob(blob_id)
                else:
                    db.put_blob(blob_id, label, blob_nonce, blob_sealed)
            db.remove_key_slots("passphrase")
            db.remove_key_slots("recovery")
            for slot in slots:
                db.put_key_slot(slot)
            db.set_meta("vault_id", new_vault_id)
            clock, device = keys_from or (self._clock.tick(), self.device_id)
            self._clock.observe(clock)
            db.set_meta("clock", self._clock.last)
            db.set_meta(KEYS_CLOCK, clock)
            db.set_meta(KEYS_DEVICE, device)
            db.set_meta(KEYS_PENDING, "0" if keys_from else "1")
            db.clear_cursors()
            for key in _POSITION:
                db.delete_meta(key)
            position.seal(db, new, new_vault_id)
        self._dek, self._sealer, self.vault_id = new_dek, new, new_vault_id
        self._items, self._loader, self._prefetched_index = None, None, None
        self._texts, self._integrity = {}, None
        return len(resealed)
