"""The journal file's schema: each migration takes it from version N-1 to N, inside one
transaction (`Database._migrate`); the file's `user_version` says which it has."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # sqlite-utils imports numpy when present (~0.2 s): load it only to migrate
    import sqlite_utils


def _v1_core(db: sqlite_utils.Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key", not_null={"value"})
    db.table("key_slots").create(
        {"slot_id": str, "kind": str, "header": str, "nonce": bytes, "wrapped": bytes},
        pk="slot_id",
        not_null={"kind", "header", "nonce", "wrapped"},
    )
    db.execute(
        """
        CREATE TABLE revisions (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            rev_id TEXT NOT NULL UNIQUE,
            item_id TEXT NOT NULL,
            parents TEXT NOT NULL,  -- parent revision ids, sorted, comma-joined
            device_id TEXT NOT NULL,
            clock TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0,
            nonce BLOB NOT NULL,
            sealed BLOB NOT NULL
        )
        """
    )
    db.table("revisions").create_index(["item_id"])


def _v2_local_blobs(db: sqlite_utils.Database) -> None:
    """Sealed blobs that never sync: autosaved drafts and device-local secrets."""
    db.table("local_blobs").create(
        {"blob_id": str, "label": str, "nonce": bytes, "sealed": bytes},
        pk="blob_id",
        not_null={"label", "nonce", "sealed"},
    )


def _v3_sync_cursors(db: sqlite_utils.Database) -> None:
    """How far each device's segments on the sync remote have been applied here: the last
    sequence number and that segment's hash (the next one must name it)."""
    db.table("sync_cursors").create(
        {"device_id": str, "seq": int, "hash": str}, pk="device_id", not_null={"seq", "hash"}
    )


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1_core, _v2_local_blobs, _v3_sync_cursors,
]
SCHEMA_VERSION = len(MIGRATIONS)
