"""Every entry once, in date order, without building the loaded view: for the archive.

The loaded view (`heads.py`) keeps every item of the journal in memory for the app and the
lists; an archive of 100,000 entries only needs each one for as long as it takes to write it.
So this reads the current versions straight from the rows: SQLite finds the heads (revisions no
other revision of the same item names as a parent), a first pass opens them to learn each
entry's date (and the people records), and a second pass opens them again in date order, 500
at a time, handing each entry on and keeping none. Rows are authenticated as everywhere else
(`heads.open_row`); a row that fails to open is counted, never silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from journal.domain.model import Damage, Entry
from journal.domain.schema import entry_from_record
from journal.storage.crypto import DamagedData
from journal.storage.db import _row
from journal.storage.heads import Head, make_item, open_row
from journal.storage.payload import inflate_body
from journal.storage.store import JournalStore

_COLUMNS = "rev_id, item_id, parents, device_id, clock, deleted, nonce, sealed, seq"
#: Revisions that are no other revision's parent within their item: every item's heads.
_HEADS = (f"SELECT {_COLUMNS} FROM revisions r WHERE NOT EXISTS (SELECT 1 FROM revisions c "
          "WHERE c.item_id = r.item_id AND instr(c.parents, r.rev_id) > 0) ORDER BY item_id")
_BATCH = 500


@dataclass(frozen=True)
class Planned:
    """One entry to write: where it sorts, and which revision is its current version."""

    when: str
    item_id: str
    revision_id: str
    versions: int
    deleted: bool


@dataclass
class Plan:
    entries: list[Planned] = field(default_factory=list)
    #: Live records' data by type, for the types asked (people, supervisors): a few dozen.
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    damaged: list[Damage] = field(default_factory=list)


class EntryStream:
    """Reads one unlocked store's entries in date order, one batch in memory at a time."""

    def __init__(self, store: JournalStore) -> None:
        self.conn = store._db.conn
        self.sealer = store.sealer
        self.vault_id = store.vault_id
        store._prefetched_index = None  # the index is not needed here: let it go

    def _open(self, row: tuple[Any, ...], damaged: list[Damage]) -> Head | None:
        stored = _row(row)
        try:
            return open_row(self.sealer, self.vault_id, stored)
        except DamagedData as exc:
            damaged.append(Damage(stored.item_id, stored.revision_id, str(exc)))
            return None

    def plan(self, *, include_deleted: bool = False, records: tuple[str, ...] = ()) -> Plan:
        """Every entry's date and current revision, oldest first, and the live records of the
        types in `records` (the people list, the supervisors)."""
        plan = Plan()
        group: list[Head] = []

        def close_group() -> None:
            if not group:
                return
            item = make_item(group[0].item_id, list(group))
            head = item.current
            if head.type in records and item.live:
                plan.records.setdefault(head.type, []).append(dict(head.meta.get("data", {})))
            elif head.type == "entry" and (item.live or include_deleted):
                plan.entries.append(Planned(head.when, item.item_id, head.revision_id,
                                            max(item.live, 1), not item.live))
            group.clear()

        for row in self.conn.execute(_HEADS):
            if group and row[1] != group[0].item_id:
                close_group()
            head = self._open(row, plan.damaged)
            if head is not None:
                head.zbody = None  # the body is read again when written; keep none now
                group.append(head)
        close_group()
        plan.entries.sort(key=lambda p: (p.when, p.item_id))
        return plan

    def open_all(self) -> tuple[int, list[Damage]]:
        """Open every revision row, one at a time (`journal backup check` with the key): how
        many, and the ones that do not open or do not hold a valid entry."""
        checked = 0
        damaged: list[Damage] = []
        for row in self.conn.execute(f"SELECT {_COLUMNS} FROM revisions"):
            checked += 1
            head = self._open(row, damaged)
            if head is None:
                continue
            try:
                body = inflate_body(head.zbody or b"")
                if head.type == "entry":
                    entry_from_record(head.meta, body)
            except (DamagedData, KeyError, ValueError, TypeError) as exc:
                damaged.append(Damage(head.item_id, head.revision_id,
                                      f"opens, but is not a valid entry ({exc})"))
        return checked, damaged

    def entries(self, plan: Plan) -> Iterator[Entry]:
        """The planned entries, in order, each built from its current revision."""
        for start in range(0, len(plan.entries), _BATCH):
            batch = plan.entries[start:start + _BATCH]
            marks = ",".join("?" * len(batch))
            rows = {r[0]: r for r in self.conn.execute(
                f"SELECT {_COLUMNS} FROM revisions WHERE rev_id IN ({marks})",
                [p.revision_id for p in batch])}
            for planned in batch:
                head = self._open(rows[planned.revision_id], plan.damaged)
                if head is None:
                    continue
                entry = _entry(head)
                entry.versions, entry.deleted = planned.versions, planned.deleted
                yield entry

    def history(self, entry_id: str, damaged: list[Damage]) -> list[Entry]:
        """Every revision of one entry, oldest first (by clock, then device), tombstones
        included (`deleted` true)."""
        out = []
        for row in self.conn.execute(
                f"SELECT {_COLUMNS} FROM revisions WHERE item_id = ?", (entry_id,)):
            head = self._open(row, damaged)
            if head is not None:
                entry = _entry(head)
                entry.deleted = head.deleted
                out.append((head.clock, head.device_id, entry))
        out.sort(key=lambda t: (t[0], t[1]))
        return [entry for _, _, entry in out]


def _entry(head: Head) -> Entry:
    entry = entry_from_record(head.meta, inflate_body(head.zbody or b""))
    entry.id, entry.revision_id, entry.updated = head.item_id, head.revision_id, head.clock
    return entry
