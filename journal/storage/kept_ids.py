"""Adding entries under the ids they already have: `journal import archive`.

New entries normally get a new random id (`Writing.add_many`). An entry read back from the
writer's own archive keeps its id, so the archive brought in twice, or into the journal it came
from, adds nothing twice; which ids are here already is asked of SQLite directly (public ids,
no decryption), so the check costs nothing at 100,000 entries. They are written through
`bulk.BulkAdd(store, keep_ids=True)`.
"""

from __future__ import annotations

from collections.abc import Iterable

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
