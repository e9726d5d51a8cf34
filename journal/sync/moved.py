"""The sign a journal leaves on the remote when it moves to a new key (`journal rekey`).

After a rekey, the device that made it publishes everything under a new vault id, and writes
`<old vault>/moved/<new vault>.json` into the old one: the new vault's id, which device moved it
and when, tagged with the *old* data key. Only a holder of that key could have written it, so a
remote cannot send devices elsewhere. The writer's other devices, still on the old key, find it
on their next sync, stop syncing with the old vault, and are told to follow (`journal rekey
--follow`, with the new passphrase). A device joining with an old passphrase is told the same
instead of being given the journal as it was before the rekey.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass

from journal.errors import JournalError
from journal.storage.crypto import DamagedData, Sealer
from journal.sync.remote import Remote, RemoteError, RemoteMissing

FOLDER = "moved"
_NAME = re.compile(r"([0-9a-f]{32})\.json")
#: A sign is a few hundred bytes; anything much larger is not one.
_MAX_BYTES = 4096


class MovedError(JournalError):
    """A file in `moved/` that is not a sign made with this journal's key."""


@dataclass(frozen=True)
class Moved:
    vault_id: str  # the old vault, where the sign is
    new_vault_id: str
    device_id: str  # the device that made the rekey
    when: str  # ISO date and time
    tag_nonce: bytes = b""
    tag: bytes = b""

    def body(self) -> bytes:
        return json.dumps({"kind": "moved", "vault": self.vault_id, "to": self.new_vault_id,
                           "device": self.device_id, "when": self.when},
                          sort_keys=True, separators=(",", ":")).encode("utf-8")

    def _binding(self) -> str:
        return hashlib.sha256(self.body()).hexdigest()

    def to_file(self, old: Sealer) -> bytes:
        """The sign, tagged with the old data key."""
        nonce, tag = old.seal_blob(f"{self.vault_id}/{FOLDER}", self._binding(), b"")
        data = json.loads(self.body())
        data["tag"] = {"nonce": base64.b64encode(nonce).decode(),
                       "value": base64.b64encode(tag).decode()}
        return json.dumps(data, indent=2).encode("utf-8")

    def checks_out(self, sealer: Sealer) -> bool:
        try:
            sealer.open_blob(f"{self.vault_id}/{FOLDER}", self._binding(), self.tag_nonce,
                             self.tag)
        except DamagedData:
            return False
        return True

    def path(self) -> str:
        return f"{self.vault_id}/{FOLDER}/{self.new_vault_id}.json"


def parse(data: bytes, vault_id: str) -> Moved:
    try:
        raw = json.loads(data)
        moved = Moved(raw["vault"], raw["to"], raw["device"], raw["when"],
                      base64.b64decode(raw["tag"]["nonce"], validate=True),
                      base64.b64decode(raw["tag"]["value"], validate=True))
    except (ValueError, KeyError, TypeError) as exc:
        raise MovedError(f"not a sign of a move ({exc.__class__.__name__})") from None
    if moved.vault_id != vault_id or raw.get("kind") != "moved":
        raise MovedError("a sign of another journal")
    return moved


def find(remote: Remote, vault_id: str, sealer: Sealer) -> tuple[Moved | None, list[str]]:
    """The newest genuine sign in a vault, and what was ignored (forged or damaged files)."""
    found: list[Moved] = []
    ignored: list[str] = []
    try:
        names = remote.list(f"{vault_id}/{FOLDER}")
    except RemoteError:
        return None, []
    for name in names:
        if not _NAME.fullmatch(name):
            continue
        try:
            data = remote.read(f"{vault_id}/{FOLDER}/{name}")
            if len(data) > _MAX_BYTES:
                raise MovedError("too large")
            moved = parse(data, vault_id)
        except (MovedError, RemoteMissing):
            ignored.append(f"{FOLDER}/{name} on the remote is damaged; it was ignored")
            continue
        if moved.checks_out(sealer) and f"{moved.new_vault_id}.json" == name:
            found.append(moved)
        else:
            ignored.append(f"{FOLDER}/{name} on the remote was not made with this journal's "
                           "key; it was ignored")
    return (max(found, key=lambda m: m.when) if found else None), ignored
