"""Every entry once, in date order, without building the loaded view: for the archive.

The loaded view (`heads.py`) keeps every item of the journal in memory for the app and the
lists; an archive of 100,000 entries only needs each one for as long as it takes to write it.
So this reads the current versions straight from the rows: SQLite finds the heads (revisions no
other revision of the same item names as a parent), a first pass opens them to learn each
entry's date (and the people records), and a second pass opens them again in date order, 500
at a time, handing each entry on and keeping none. Rows are authenticated as everywhere else
(the associated data of `heads.place_of`); a row that fails to open is counted, never dropped
silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson

from journal.domain.model import Damage, Entry
from journal.domain.schema import entry_from_record
from journal.storage.core import StoreCore
from journal.storage.crypto import DamagedData
from journal.storage.db import RevisionRow, _row
from journal.storage.heads import place_of
from journal.storage.payload import inflate_body

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
    clock: str = ""


@dataclass
class Plan:
    entries: list[Planned] = field(default_factory=list)
    #: Live records' data by type, for the types asked (people, supervisors): a few dozen.
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    damaged: list[Damage] = field(default_factory=list)
    #: Entries looked at (live, or deleted too when asked), before `wanted` chose among them.
    total: int = 0


@dataclass
class Streamed:
    """A selection handed on one entry at a time (`Reading.stream_select`): how many will come,
    how many matched before the limit, how many the journal holds, and the entries."""

    count: int
    matched: int
    total: int
    entries: Iterator[Entry]


@dataclass(frozen=True, slots=True)
class Opened:
    """One revision opened: its public fields, its metadata and its compressed body. Lighter
    than the loaded view's `Head` (no trend facts): an archive opens every entry twice."""

    row: RevisionRow
    meta: dict[str, Any]
    zbody: bytes
    meta_json: bytes = b""

    @property
    def when(self) -> str:
        return str(self.meta.get("when", ""))

    @property
    def type(self) -> str:
        return str(self.meta.get("type", "entry"))

    @property
    def order(self) -> tuple[bool, str, str]:
        """Live before deleted, then newest clock, then device id: as `heads.make_item`."""
        return (not self.row.deleted, self.row.clock, self.row.device_id)


class EntryStream:
    """Reads one unlocked store's entries in date order, one batch in memory at a time."""

    def __init__(self, store: StoreCore) -> None:
        self.conn = store._db.conn
        self.sealer = store.sealer
        self.vault_id = store.vault_id
        store._prefetched_index = None  # the index is not needed here: let it go

    def _open(self, raw: tuple[Any, ...], damaged: list[Damage]) -> Opened | None:
        row = _row(raw)
        try:
            meta_json, zbody = self.sealer.open(place_of(self.vault_id, row), row.nonce,
                                                row.sealed)
            meta = orjson.loads(meta_json)
            if not isinstance(meta, dict):
                raise DamagedData("opens, but its metadata is not a record")
        except orjson.JSONDecodeError:
            damaged.append(Damage(row.item_id, row.revision_id,
                                  "opens, but its metadata is not valid"))
            return None
        except DamagedData as exc:
            damaged.append(Damage(row.item_id, row.revision_id, str(exc)))
            return None
        return Opened(row, meta, zbody, meta_json)

    def open_all(self) -> tuple[int, list[Damage]]:
        """Open every revision row, one at a time (`journal backup check` with the key): how
        many, and the ones that do not open or do not hold a valid entry."""
        checked = 0
        damaged: list[Damage] = []
        for raw in self.conn.execute(f"SELECT {_COLUMNS} FROM revisions"):
            checked += 1
            opened = self._open(raw, damaged)
            if opened is None:
                continue
            try:
                body = inflate_body(opened.zbody)
                if opened.type == "entry":
                    entry_from_record(opened.meta, body)
            except (DamagedData, KeyError, ValueError, TypeError) as exc:
                damaged.append(Damage(opened.row.item_id, opened.row.revision_id,
                                      f"opens, but is not a valid entry ({exc})"))
        return checked, damaged

    def plan(self, *, include_deleted: bool = False, records: tuple[str, ...] = (),
             wanted: Callable[[Opened], bool] | None = None) -> Plan:
        """Every entry's date and current revision, oldest first, and the live records of the
        types in `records` (the people list, the supervisors). `wanted`, when given, chooses
        among the entries by their current version (`journal list --json`'s filter)."""
        plan = Plan()
        group: list[Opened] = []

        def close_group() -> None:
            if not group:
                return
            current = max(group, key=lambda o: o.order)
            live = sum(not o.row.deleted for o in group)
            kind = current.type
            if kind in records and live:
                plan.records.setdefault(kind, []).append(dict(current.meta.get("data", {})))
            elif kind == "entry" and (live or include_deleted):
                plan.total += 1
                if wanted is None or wanted(current):
                    plan.entries.append(Planned(current.when, current.row.item_id,
                                                current.row.revision_id, max(live, 1), not live,
                                                current.row.clock))
            group.clear()

        for raw in self.conn.execute(_HEADS):
            if group and raw[1] != group[0].row.item_id:
                close_group()
            opened = self._open(raw, plan.damaged)
            if opened is not None:
                group.append(opened)
        close_group()
        plan.entries.sort(key=lambda p: (p.when, p.item_id))
        return plan

    def entries(self, plan: Plan) -> Iterator[Entry]:
        """The planned entries, in order, each built from its current revision."""
        for start in range(0, len(plan.entries), _BATCH):
            batch = plan.entries[start:start + _BATCH]
            marks = ",".join("?" * len(batch))
            rows = {r[0]: r for r in self.conn.execute(
                f"SELECT {_COLUMNS} FROM revisions WHERE rev_id IN ({marks})",
                [p.revision_id for p in batch])}
            for planned in batch:
                opened = self._open(rows[planned.revision_id], plan.damaged)
                if opened is None:
                    continue
                entry = _entry(opened)
                entry.versions, entry.deleted = planned.versions, planned.deleted
                yield entry

    def history(self, entry_id: str, damaged: list[Damage]) -> list[Entry]:
        """Every revision of one entry, oldest first (by clock, then device), tombstones
        included (`deleted` true)."""
        out = []
        for raw in self.conn.execute(
                f"SELECT {_COLUMNS} FROM revisions WHERE item_id = ?", (entry_id,)):
            opened = self._open(raw, damaged)
            if opened is not None:
                entry = _entry(opened)
                entry.deleted = opened.row.deleted
                out.append((opened.row.clock, opened.row.device_id, entry))
        out.sort(key=lambda t: (t[0], t[1]))
        return [entry for _, _, entry in out]


def _entry(opened: Opened) -> Entry:
    row = opened.row
    entry = entry_from_record(opened.meta, inflate_body(opened.zbody))
    entry.id, entry.revision_id, entry.updated = row.item_id, row.revision_id, row.clock
    return entry
