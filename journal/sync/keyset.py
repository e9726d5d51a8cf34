"""The wrapped key slots on the remote: how a new device joins and how key changes travel.

`<vault>/vault.json` holds the slots as they were at the first sync; each later change (a new
passphrase, a new recovery key) is a new file `<vault>/keys/<clock>-<device>.json`, so no file is
ever rewritten. The newest set wins. A slot holds the data key only wrapped (Argon2id or the
recovery key), exactly as in the local database, so nothing here is a secret in clear.

Each set carries a tag made with the data key over all its fields. A device that already has the
key adopts a newer set only when the tag checks out, so someone who can write to the remote
cannot slip in a slot of their own; a joining device checks the tag once the slot has opened.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass

from journal.errors import JournalError
from journal.storage.crypto import FORMAT, DamagedData, KeySlot, Sealer

VAULT_FILE = "vault.json"
KEYS_FOLDER = "keys"
_KIND = "peer-journal vault"
_NAME = re.compile(r"(\d{13}-\d{5})-([0-9a-f]{32})\.json")


#: A journal keeps one slot of each kind; two leaves room for a change in flight. A file
#: with more is not the writer's, and each slot tried costs an Argon2id run.
MAX_SLOTS_OF_A_KIND = 2


class KeySetError(JournalError):
    """A vault or key file that is malformed or belongs to another journal."""


@dataclass(frozen=True)
class KeySet:
    vault_id: str
    clock: str
    device_id: str
    slots: tuple[KeySlot, ...]
    tag_nonce: bytes = b""
    tag: bytes = b""

    @property
    def order(self) -> tuple[str, str]:
        return (self.clock, self.device_id)

    def body(self) -> bytes:
        """The canonical bytes the tag covers."""
        return json.dumps({
            "format": FORMAT, "kind": _KIND, "vault": self.vault_id, "clock": self.clock,
            "device": self.device_id,
            "slots": [_slot_json(s) for s in self.slots],
        }, sort_keys=True, separators=(",", ":")).encode("utf-8")

    def signed(self, sealer: Sealer) -> KeySet:
        nonce, tag = sealer.seal_blob(f"{self.vault_id}/keys", _digest(self.body()), b"")
        return KeySet(self.vault_id, self.clock, self.device_id, self.slots, nonce, tag)

    def checks_out(self, sealer: Sealer) -> bool:
        """True when whoever wrote this set held the data key."""
        try:
            sealer.open_blob(f"{self.vault_id}/keys", _digest(self.body()), self.tag_nonce,
                             self.tag)
        except DamagedData:
            return False
        return True

    def to_file(self) -> bytes:
        data = json.loads(self.body())
        data["tag"] = {"nonce": _b64(self.tag_nonce), "value": _b64(self.tag)}
        return json.dumps(data, indent=1, sort_keys=True).encode("utf-8")

    def file_name(self) -> str:
        return f"{KEYS_FOLDER}/{self.clock}-{self.device_id}.json"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _slot_json(slot: KeySlot) -> dict[str, str]:
    return {"id": slot.slot_id, "kind": slot.kind, "header": slot.header,
            "nonce": _b64(slot.nonce), "wrapped": _b64(slot.wrapped)}


def key_file_order(name: str) -> tuple[str, str] | None:
    """(clock, device) of a key file name in `keys/`, None for anything else."""
    match = _NAME.fullmatch(name)
    return (match.group(1), match.group(2)) if match else None


def parse(data: bytes, vault_id: str | None = None) -> KeySet:
    """A key set from a file's bytes; KeySetError if malformed or of another vault."""
    try:
        raw = json.loads(data.decode("utf-8"))
        if raw.get("kind") != _KIND:
            raise KeySetError("this is not a peer-journal vault file")
        if raw.get("format") != FORMAT:
            raise KeySetError(f"the remote uses vault format {raw.get('format')}, which this "
                              "program does not understand: upgrade peer-journal")
        slots = tuple(
            KeySlot(s["id"], s["kind"], s["header"], base64.b64decode(s["nonce"], validate=True),
                    base64.b64decode(s["wrapped"], validate=True))
            for s in raw["slots"]
        )
        keys = KeySet(str(raw["vault"]), str(raw["clock"]), str(raw["device"]), slots,
                      base64.b64decode(raw["tag"]["nonce"], validate=True),
                      base64.b64decode(raw["tag"]["value"], validate=True))
    except KeySetError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError):
        raise KeySetError("the vault file on the remote is damaged") from None
    if vault_id is not None and keys.vault_id != vault_id:
        raise KeySetError("the remote's vault file belongs to another journal")
    for kind in {slot.kind for slot in keys.slots}:
        if sum(slot.kind == kind for slot in keys.slots) > MAX_SLOTS_OF_A_KIND:
            raise KeySetError(f"the key file holds more {kind} slots than a journal ever "
                              "makes; it was not tried")
    return keys
