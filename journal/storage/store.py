"""JournalStore: the one facade between the journal's users and the disk.

The command line, the app, trends, export and sync call this and get `journal.domain.model`
dataclasses back; nothing above it builds SQL or sees ciphertext.

It is one class put together from parts split by job, each in its own module over the shared
state in `core.py`:

    keys.py        create, join, unlock (passphrase or recovery key), re-key
    reading.py     get, versions, select, summaries, trend facts, search, history, verify
    writing.py     add, update, delete, restore; sealing and committing revisions
    records.py     other synced records (people, supervisors), device-local blobs (drafts)
    sync_state.py  the sync position, applying a sync in one transaction, resolving conflicts
    rekey.py       a new data key: everything sealed anew under a new vault id

One object rather than several collaborators, because the parts share one key (forgotten in one
place on lock) and one loaded view (kept current by every write and sync). The names callers use
are all importable from here.
"""

from __future__ import annotations

from journal.domain.filter import EntryFilter, Selection, SummarySelection
from journal.storage.core import Ambiguous, NotFound
from journal.storage.crypto import WrongKey
from journal.storage.db import StorageError
from journal.storage.keys import Keys
from journal.storage.records import Records
from journal.storage.rekey import Rekeying
from journal.storage.sync_state import SyncChange, Syncing, SyncState

__all__ = [
    "Ambiguous",
    "EntryFilter",
    "JournalStore",
    "NotFound",
    "Selection",
    "StorageError",
    "SummarySelection",
    "SyncChange",
    "SyncState",
    "WrongKey",
]


class JournalStore(Keys, Records, Syncing, Rekeying):
    """An unlocked journal. Create with `create`; open with `unlock` or `unlock_with_recovery`."""
