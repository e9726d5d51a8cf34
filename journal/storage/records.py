"""Records other than entries, and device-local sealed blobs.

Records (people, the support list, supervisors) are revisions like entries: sealed, synced, and
merged by their next change. Local blobs (autosaved drafts) are sealed with the same key but
never leave this device, so they live in a table of their own that sync does not read.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from journal.domain.model import Damage, new_id
from journal.storage.core import NotFound
from journal.storage.crypto import DamagedData
from journal.storage.writing import Writing


class Records(Writing):
    """Records by type, and this device's local blobs."""

    # -- other records (people, support list, supervisors): synced like entries ---------------

    def records(self, record_type: str) -> dict[str, dict[str, Any]]:
        """Live records of a type, by id, oldest first."""
        items = [i for i in self._load().values() if i.type == record_type and i.live]
        items.sort(key=lambda i: i.current.clock)
        return {i.item_id: dict(i.current.meta.get("data", {})) for i in items}

    def removed_records(self, record_type: str) -> dict[str, dict[str, Any]]:
        """Deleted records of a type, by id, with the data they had when deleted (a tombstone
        keeps it): a removed person's pseudonym is never given to anyone else."""
        return {i.item_id: dict(i.current.meta.get("data", {})) for i in self._load().values()
                if i.type == record_type and not i.live}

    def put_record(self, record_type: str, data: dict[str, Any],
                   record_id: str | None = None) -> str:
        """Create or replace a record; returns its id."""
        if record_type == "entry":
            raise ValueError("entries are saved with add/update")
        items = self._load()
        item = items.get(record_id) if record_id else None
        parents = tuple(h.revision_id for h in item.heads) if item else ()
        record_id = record_id or new_id()
        meta = {"type": record_type, "data": data}
        self._commit([self._seal_revision(record_id, parents, False, meta, "")])
        return record_id

    def delete_record(self, record_id: str) -> None:
        """A tombstone for a record; like an entry's, it stays in the revision graph."""
        item = self._load().get(record_id)
        if item is None or item.type == "entry" or not item.live:
            raise NotFound(f"no record {record_id[:8]}")
        meta = {"type": item.type, "data": item.current.meta.get("data", {})}
        parents = tuple(h.revision_id for h in item.heads)
        self._commit([self._seal_revision(record_id, parents, True, meta, "")])

    # -- device-local sealed blobs (drafts) ------------------------------------------------------

    def put_local(self, label: str, blob_id: str, data: dict[str, Any]) -> None:
        """Seal `data` bound to this vault, its label and id, and store it (replacing any)."""
        nonce, sealed = self.sealer.seal_blob(f"{self.vault_id}/{label}", blob_id,
                                              json.dumps(data).encode("utf-8"))
        with self._db.transaction():
            self._db.put_blob(blob_id, label, nonce, sealed)

    def get_local(self, label: str) -> dict[str, dict[str, Any]]:
        """Device-local blobs by id. A damaged one is listed in `damaged_local`, never dropped
        silently."""
        out = {}
        for blob_id, nonce, sealed in self._db.blobs(label):
            try:
                data = self.sealer.open_blob(f"{self.vault_id}/{label}", blob_id, nonce, sealed)
                out[blob_id] = json.loads(data)
            except (DamagedData, ValueError) as exc:
                self.damaged_local.append(Damage(blob_id, blob_id, f"{label}: {exc}"))
        return out

    def remove_local(self, blob_id: str) -> None:
        with self._db.transaction():
            self._db.remove_blob(blob_id)

    @staticmethod
    def new_local_id() -> str:
        return secrets.token_hex(8)
