"""The current state of every item: its heads, found from the public revision graph.

A head is a revision no other revision names as a parent. An item with one live head is a normal
entry; two live heads are a conflict from two devices ("2 versions"); only tombstones means it is
deleted, and a live head beside a tombstone keeps the entry (an edit concurrent with a delete).

Unlocking a 20,000-entry journal must feel instant, so the heads come from the head index: one
sealed blob holding every head's public fields, its metadata as a JSON string (parsed only when
a filter or a screen needs it) and its trend facts (`schema.facts_of`), plus the highest row
number it has seen. Rows are append-only and inserted parents first (local writes always are;
sync applies remote revisions in that order), so when no row is newer than the index, the index
is the answer; otherwise only the newer rows are read. Revisions never change once written, so
an indexed id's metadata stays right. The index is only a cache: damaged, or from another
Python, it is rebuilt from the rows.
"""

from __future__ import annotations

import contextlib
import marshal
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson

from journal.domain.model import Damage, Facts
from journal.domain.schema import facts_of
from journal.storage.crypto import (
    DamagedData,
    RevisionPlace,
    Sealer,
    join_parents,
    revision_aad,
)
from journal.storage.db import Database, RevisionRow, split_parents
from journal.storage.payload import split_payload

#: Heads opened from their rows (not in the index) before the index is rewritten.
INDEX_REFRESH = 64
_INDEX_TAG = f"heads/2/py{sys.version_info.major}.{sys.version_info.minor}/m{marshal.version}"

#: Beside the index, the order of the entries alone (`newest.py`): label, tag, separators.
ORDER_LABEL, ORDER_TAG = "order", "order/1"
ORDER_SEP, ORDER_END = b"\x1f", b"\n"

#: A head as the index stores it (`Head.as_tuple`): marshal takes only plain values.
IndexRow = tuple[str, str, str, str, str, bool, str, str, bytes, Facts | None]


@dataclass(slots=True)
class Head:
    """A head revision: its public fields, its metadata (JSON, decoded on first use) and, once
    its row has been opened, its compressed body."""

    revision_id: str
    item_id: str
    parents: tuple[str, ...]
    device_id: str
    clock: str
    deleted: bool
    type: str
    when: str
    meta_json: bytes
    facts: Facts | None = None
    zbody: bytes | None = None
    _meta: dict[str, Any] | None = None

    @property
    def meta(self) -> dict[str, Any]:
        if self._meta is None:
            self._meta = orjson.loads(self.meta_json)
        return self._meta

    def as_tuple(self) -> IndexRow:
        return (self.revision_id, self.item_id, join_parents(self.parents), self.device_id,
                self.clock, self.deleted, self.type, self.when, self.meta_json, self.facts)


def head_from_opened(row: RevisionRow, meta_json: bytes, zbody: bytes | None) -> Head:
    try:
        meta = orjson.loads(meta_json)
    except orjson.JSONDecodeError:
        raise DamagedData("opens, but its metadata is not valid") from None
    if not isinstance(meta, dict):
        raise DamagedData("opens, but its metadata is not a record")
    return Head(row.revision_id, row.item_id, tuple(row.parents), row.device_id, row.clock,
                row.deleted, str(meta.get("type", "entry")), str(meta.get("when", "")),
                meta_json, facts_of(meta), zbody, meta)


@dataclass(slots=True)
class Item:
    """One entry (or other record) with its heads, newest first."""

    item_id: str
    heads: list[Head]
    live: int

    @property
    def current(self) -> Head:
        return self.heads[0]

    @property
    def deleted(self) -> bool:
        return self.live == 0

    @property
    def type(self) -> str:
        return self.heads[0].type

    @property
    def sort_key(self) -> tuple[str, str]:
        head = self.heads[0]
        return (head.when, head.clock)


def order_line(head: Head, live: int) -> bytes:
    """An entry's line in the order blob (`newest.py`): its current head's date, clock, item
    and revision ids, and how many live versions it has."""
    return ORDER_SEP.join(s.encode() for s in (head.when, head.clock, head.item_id,
                                                 head.revision_id, str(live)))


def _order_key(head: Head) -> tuple[bool, str, str]:
    """Live before deleted, then newest clock, then device id: the version shown first."""
    return (not head.deleted, head.clock, head.device_id)


def make_item(item_id: str, heads: list[Head]) -> Item:
    if len(heads) == 1:
        return Item(item_id, heads, 0 if heads[0].deleted else 1)
    heads.sort(key=_order_key, reverse=True)
    return Item(item_id, heads, sum(not h.deleted for h in heads))


def place_of(vault_id: str, row: RevisionRow) -> RevisionPlace:
    return RevisionPlace(vault_id, row.item_id, row.revision_id, tuple(row.parents),
                         row.device_id, row.clock, row.deleted)


def open_row(sealer: Sealer, vault_id: str, row: RevisionRow) -> Head:
    meta_bytes, zbody = sealer.open(place_of(vault_id, row), row.nonce, row.sealed)
    return head_from_opened(row, meta_bytes, zbody)


class HeadLoader:
    """Builds, and keeps current, the item view of one journal file."""

    def __init__(self, db: Database, sealer: Sealer, vault_id: str, *,
                 prefetched_index: list[tuple[str, bytes, bytes]] | None = None) -> None:
        self.db = db
        self.prefetched_index = prefetched_index
        self.sealer = sealer
        self.vault_id = vault_id
        self.damaged: list[Damage] = []

    def report(self, damage: Damage) -> None:
        """Note a revision that failed to open, once however often it is tried."""
        if all(d.revision_id != damage.revision_id for d in self.damaged):
            self.damaged.append(damage)

    def load(self) -> dict[str, Item]:
        watermark, indexed, damaged = self.read_index()
        self.damaged = list(damaged)
        top = self.db.max_seq()
        heads: dict[str, Head] = {h.revision_id: h for h in indexed}
        if watermark == top and (heads or top == 0):
            opened = 0
        else:
            if watermark > top:  # the file went back in time (restored backup): start afresh
                heads, watermark, self.damaged = {}, 0, []
            opened = self._apply_rows_after(watermark, heads)
        by_item: dict[str, list[Head]] = {}
        for head in heads.values():
            by_item.setdefault(head.item_id, []).append(head)
        items = {item_id: make_item(item_id, hs) for item_id, hs in by_item.items()}
        if (opened >= INDEX_REFRESH or (watermark != top and opened and not indexed)
                or not self._order_opens()):
            # only a cache: a read-only journal or a full disk still reads (written next time)
            with contextlib.suppress(sqlite3.OperationalError):
                self.write_index(items, top)
        return items

    def _order_opens(self) -> bool:
        """Whether the order blob is there and opens (a few hundredths of a second at 100,000
        entries, paid only when the whole view is built): one that is damaged is written anew
        with the index, or every later `list --limit` would quietly build the view."""
        for blob_id, nonce, sealed in self.db.blobs(ORDER_LABEL):
            try:
                raw = self.sealer.open_blob(f"{self.vault_id}/{ORDER_LABEL}", blob_id, nonce,
                                            sealed)
                return bool(marshal.loads(raw)[0] == ORDER_TAG)
            except (DamagedData, ValueError, EOFError, TypeError, IndexError):
                return False
        return False

    def _apply_rows_after(self, watermark: int, heads: dict[str, Head]) -> int:
        """Fold rows newer than the watermark into `heads`; return how many rows were opened."""
        graph: dict[str, RevisionRow] = {}
        for row in self.db.revision_graph(after=watermark):
            graph[row.revision_id] = row
            for parent in row.parents:
                heads.pop(parent, None)
        has_child = {p for row in graph.values() for p in row.parents}
        pending = [rev for rev in graph if rev not in has_child]
        opened = 0
        seen: set[str] = set()
        while pending:
            fallback: list[str] = []
            for row in self.db.sealed(pending):
                seen.add(row.revision_id)
                opened += 1
                try:
                    head = open_row(self.sealer, self.vault_id, row)
                except DamagedData as exc:
                    # Reported, and its parents stand in, so a damaged head hides nothing older.
                    self.report(Damage(row.item_id, row.revision_id, str(exc)))
                    fallback.extend(p for p in row.parents if p not in seen)
                    continue
                head.zbody, head._meta = None, None  # read again when shown: memory stays flat
                heads[head.revision_id] = head
            live_items = {h.item_id for h in heads.values()}
            pending = [p for p in dict.fromkeys(fallback)
                       if self._item_of(p, graph) not in live_items]
        return opened

    def _item_of(self, revision_id: str, graph: dict[str, RevisionRow]) -> str | None:
        if revision_id in graph:
            return graph[revision_id].item_id
        rows = list(self.db.sealed([revision_id]))
        return rows[0].item_id if rows else None

    def iter_payloads(self, heads: list[Head]) -> Iterator[tuple[Head, bytes]]:
        """(head, decrypted payload) for each head, in storage order, keeping nothing: a search
        of 20,000 entries holds one text at a time. Damaged rows are reported and skipped."""
        by_id = {h.revision_id: h for h in heads}
        vault, decrypt = self.vault_id, self.sealer.decrypt
        for rev_id, nonce, sealed in self.db.payloads(by_id):
            head = by_id[rev_id]
            aad = revision_aad(vault, head.item_id, rev_id, head.parents, head.device_id,
                               head.clock, head.deleted)
            try:
                yield head, decrypt(aad, nonce, sealed)
            except DamagedData as exc:
                self.report(Damage(head.item_id, rev_id, str(exc)))

    def fill_bodies(self, heads: list[Head]) -> None:
        """Open the rows of heads known only from the index, in one pass. A damaged row is
        reported and its head keeps `zbody` None."""
        need = [h for h in heads if h.zbody is None]
        for head, payload in self.iter_payloads(need):
            try:
                head.zbody = split_payload(payload)[1]
            except DamagedData as exc:
                self.report(Damage(head.item_id, head.revision_id, str(exc)))

    # -- the index -----------------------------------------------------------------------------

    def _label(self) -> str:
        return f"{self.vault_id}/index"

    def read_index(self) -> tuple[int, list[Head], list[Damage]]:
        stored = self.prefetched_index
        self.prefetched_index = None
        for blob_id, nonce, sealed in stored if stored is not None else self.db.blobs("index"):
            try:
                raw = self.sealer.open_blob(self._label(), blob_id, nonce, sealed)
                tag, watermark, damaged, rows = marshal.loads(raw)
                if tag != _INDEX_TAG:
                    break
                heads = [Head(r[0], r[1], split_parents(r[2]), r[3], r[4], r[5], r[6], r[7], r[8],
                              r[9]) for r in rows]
                return watermark, heads, [Damage(*d) for d in damaged]
            except (DamagedData, ValueError, EOFError, TypeError, IndexError):
                break
        return 0, [], []  # rebuilt from the rows

    def write_index(self, items: dict[str, Item], watermark: int | None = None) -> None:
        top = self.db.max_seq() if watermark is None else watermark
        rows = [h.as_tuple() for item in items.values() for h in item.heads]
        damaged = [(d.entry_id, d.revision_id, d.reason) for d in self.damaged]
        nonce, sealed = self.sealer.seal_blob(
            self._label(), "heads", marshal.dumps((_INDEX_TAG, top, damaged, rows)))
        order = self._order_blob(items, top, damaged)
        with self.db.transaction():
            self.db.put_blob("heads", "index", nonce, sealed)
            self.db.put_blob(ORDER_LABEL, ORDER_LABEL, *order)

    def _order_blob(self, items: dict[str, Item], watermark: int,
                    damaged: list[tuple[str, str, str]]) -> tuple[bytes, bytes]:
        """Every entry's date, clock, id, current revision and live versions, one line each,
        oldest first, sealed: what `newest.py` lists the newest entries from."""
        entries = sorted((i for i in items.values() if i.type == "entry"),
                         key=lambda i: i.sort_key)
        text = ORDER_END.join(order_line(i.current, i.live) for i in entries)
        live = sum(1 for i in entries if i.live)
        return self.sealer.seal_blob(
            f"{self.vault_id}/{ORDER_LABEL}", ORDER_LABEL,
            marshal.dumps((ORDER_TAG, watermark, damaged, live, len(entries), text)))
