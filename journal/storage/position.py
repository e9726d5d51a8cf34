"""This device's sync position, sealed: how far it has sent and read, and its key set's clock.

The position lives in plain `meta` rows and the `sync_cursors` table, where anyone who can write
the journal file could change it without the key: a `sync_sent_upto` set high makes new entries
never sent while every sync says "Sent 0"; a cursor set high skips another device's changes; a
`keys_clock` set far ahead would have this device publish its key set as the newest forever. So
every change to the position is stamped, in the same transaction, with a tag made with the data
key over all of it (`seal`). A position whose tag does not check out is not believed: the sync
falls back to what cannot lose anything (send every revision of this device again, read every
device anew, take the key set from the remote) and says so once.
"""

from __future__ import annotations

import base64
import hashlib
import json

from journal.storage.crypto import NONCE_BYTES, DamagedData, Sealer
from journal.storage.db import Database

KEYS_CLOCK, KEYS_DEVICE, KEYS_PENDING = "keys_clock", "keys_device", "keys_pending"
OWN_SEQ, OWN_HASH, SENT_UPTO = "sync_own_seq", "sync_own_hash", "sync_sent_upto"
_SEAL, _SEALED_SINCE = "sync_position_seal", "sync_position_sealed"
_FIELDS = (OWN_SEQ, OWN_HASH, SENT_UPTO, KEYS_CLOCK, KEYS_DEVICE, KEYS_PENDING)


def _digest(db: Database) -> str:
    position = {"meta": {k: db.get_meta(k) or "" for k in _FIELDS},
                "cursors": sorted([d, s, h] for d, (s, h) in db.cursors().items())}
    return hashlib.sha256(json.dumps(position, sort_keys=True).encode("utf-8")).hexdigest()


def _label(vault_id: str) -> str:
    return f"{vault_id}/sync-position"


def seal(db: Database, sealer: Sealer, vault_id: str) -> None:
    """Stamp the position as it is now (call inside the transaction that changed it)."""
    nonce, tag = sealer.seal_blob(_label(vault_id), _digest(db), b"")
    db.set_meta(_SEAL, base64.b64encode(nonce + tag).decode("ascii"))
    db.set_meta(_SEALED_SINCE, "1")


def checks_out(db: Database, sealer: Sealer, vault_id: str) -> bool:
    """Whether the position is as this journal last stamped it. A journal from before the
    stamp (none yet, and never stamped) is believed once, and stamped at its next sync."""
    stamp = db.get_meta(_SEAL)
    if stamp is None:
        return db.get_meta(_SEALED_SINCE) is None
    try:
        raw = base64.b64decode(stamp, validate=True)
        sealer.open_blob(_label(vault_id), _digest(db), raw[:NONCE_BYTES], raw[NONCE_BYTES:])
    except (ValueError, DamagedData):
        return False
    return True
