"""Adding entries under the ids they already have: `journal import archive`.

New entries normally get a new random id (`Writing.add_many`). An entry read back from the
writer's own archive keeps its id, so the archive brought in twice, or into the journal it came
from, adds nothing twice; which ids are here already is asked of SQLite directly (public ids,
no decryption), so the check costs nothing at 100,000 entries.
"""

from __future__ import annotations

from collections.abc import Iterable

from journal.domain.model import Entry
from journal.domain.schema import entry_to_record
from journal.storage.store import JournalStore


def present(store: JournalStore, ids: Iterable[str]) -> set[str]:
    """Which of these item ids the journal holds (live, deleted, or any record)."""
    wanted, found = list(ids), set[str]()
    for start in range(0, len(wanted), 500):
        batch = wanted[start:start + 500]
        found.update(r[0] for r in store._db.conn.execute(
            f"SELECT DISTINCT item_id FROM revisions WHERE item_id IN "
            f"({','.join('?' * len(batch))})", batch))
    return found


def add_keeping_ids(store: JournalStore, entries: list[Entry]) -> None:
    """Save entries, each under its own `id` (none of them here yet), in one transaction."""
    written = []
    for entry in entries:
        entry.validate()
        meta, body = entry_to_record(entry)
        row, head = store._seal_revision(entry.id, (), False, meta, body)
        entry.revision_id, entry.updated = row.revision_id, row.clock
        written.append((row, head))
    store._commit(written)
