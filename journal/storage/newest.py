"""The newest entries without the loaded view: `journal list --limit 10` at 100,000 entries.

The head index (heads.py) holds every head's metadata: at 100,000 entries a 90 MB blob that
takes more than a second and 400 MB to load. Listing the newest ten needs only the order of the
entries. So beside the index, written in the same transaction, one small sealed blob (label
"order") holds every entry's date, clock, id, current revision and number of live versions, one
line each, sorted by date (about 110 bytes an entry), with the index's watermark and damage. A
short list reads the last lines, opens only the rows of the entries shown, and folds in the
rows written since (a few `journal add`s: each entry they touch is worked out from its own rows,
as the loader would). Anything unusual (many newer rows, a row that does not open, a file gone
back in time, no blob yet) answers None, and the caller takes the loaded view.
"""

from __future__ import annotations

import marshal
from dataclasses import dataclass

from journal.domain.model import Damage
from journal.storage.crypto import DamagedData, Sealer
from journal.storage.db import Database, _row
from journal.storage.heads import (
    ORDER_END,
    ORDER_LABEL,
    ORDER_SEP,
    ORDER_TAG,
    Head,
    Item,
    make_item,
    open_row,
)

#: Rows written since the blob beyond which the loaded view is the cheaper way.
_MAX_NEWER = 256
_COLUMNS = "rev_id, item_id, parents, device_id, clock, deleted, nonce, sealed, seq"


@dataclass(slots=True)
class Newest:
    """The newest entries (current version opened, newest first), how many entries the journal
    holds (deleted ones too when asked) and the damage the index knows of."""

    items: list[Item]
    total: int
    damaged: list[Damage]


def item_from_rows(db: Database, sealer: Sealer, vault_id: str, item_id: str) -> Item:
    """One item as the loader would make it, from all of its own rows (raises DamagedData)."""
    rows = [_row(r) for r in db.conn.execute(
        f"SELECT {_COLUMNS} FROM revisions WHERE item_id = ?", (item_id,))]
    parents = {p for row in rows for p in row.parents}
    heads = [open_row(sealer, vault_id, row) for row in rows if row.revision_id not in parents]
    return make_item(item_id, heads)


@dataclass(slots=True)
class Current:
    """The order blob brought up to date: its lines (as stored), its counts and damage with
    the rows written since folded in, and the entries those rows touched, worked out from
    their own rows (by id; their lines in `text` are out of date)."""

    text: bytes
    live: int
    every: int
    damaged: list[Damage]
    fresh: dict[str, Item]


def current(db: Database, sealer: Sealer, vault_id: str, upto: int | None = None
            ) -> Current | None:
    """The order blob as of row `upto` (the newest row when not given), or None when it is
    missing, damaged, or more than a few hundred rows behind."""
    stored = db.blobs(ORDER_LABEL)
    if not stored:
        return None
    try:
        blob_id, nonce, sealed = stored[0]
        tag, watermark, damaged, live, every, text = marshal.loads(
            sealer.open_blob(f"{vault_id}/{ORDER_LABEL}", blob_id, nonce, sealed))
        if tag != ORDER_TAG or watermark > (db.max_seq() if upto is None else upto):
            return None
        newer = list(db.revision_graph(after=watermark, upto=upto))
        if len(newer) > _MAX_NEWER:
            return None
        touched = {row.item_id for row in newer}
        fresh = {i: item_from_rows(db, sealer, vault_id, i) for i in touched}
    except (DamagedData, ValueError, EOFError, TypeError, IndexError):
        return None
    for item in fresh.values():  # the counts without each touched entry's old line, with its
        at = text.find(ORDER_SEP + item.item_id.encode() + ORDER_SEP)  # state now
        if at >= 0:
            stop = text.find(ORDER_END, at)
            old_live = int(text[at:stop if stop >= 0 else len(text)].rsplit(ORDER_SEP, 1)[1])
            every, live = every - 1, live - (old_live > 0)
        if item.type == "entry":
            every, live = every + 1, live + (item.live > 0)
    return Current(text, live, every, [Damage(*d) for d in damaged], fresh)


@dataclass(slots=True)
class Lookup:
    """The entries (deleted ones too) whose id starts with a prefix, and the damage the index
    knows of: what `journal show ID` needs, without the loaded view."""

    ids: list[str]
    damaged: list[Damage]


def lookup(db: Database, sealer: Sealer, vault_id: str, prefix: str) -> Lookup | None:
    """The entries whose id starts with `prefix` (lower-case hex), or None when the loaded
    view must answer. Candidates come from the public ids (an index on SQLite); the order blob
    (or a touched entry's own rows) says which of them are entries, not other records."""
    found = current(db, sealer, vault_id)
    if found is None:
        return None
    candidates = [item_id for (item_id,) in db.conn.execute(
        "SELECT DISTINCT item_id FROM revisions WHERE item_id >= ? AND item_id < ?",
        (prefix, prefix + "\x7f"))]
    listed = _listed(found.text) if len(candidates) > _MAX_SEARCHES else None
    ids = []
    for item_id in candidates:
        item = found.fresh.get(item_id)
        if item is not None:
            if item.type == "entry":
                ids.append(item_id)
        elif (item_id.encode() in listed if listed is not None
              else ORDER_SEP + item_id.encode() + ORDER_SEP in found.text):
            ids.append(item_id)
    return Lookup(ids, found.damaged)


#: Candidates beyond which the blob's ids are read into a set once, rather than searched for
#: one by one: `journal show a` at 100,000 entries has 6,000 candidates, and 6,000 searches of
#: an 11 MB blob took many seconds where one pass takes a tenth of one.
_MAX_SEARCHES = 16


def _listed(text: bytes) -> set[bytes]:
    """The entry ids the order blob lists."""
    return {line.split(ORDER_SEP, 3)[2] for line in text.split(ORDER_END)} if text else set()


def newest(db: Database, sealer: Sealer, vault_id: str, limit: int,
           include_deleted: bool) -> Newest | None:
    """The `limit` newest entries, or None when the loaded view must answer (see above)."""
    found = current(db, sealer, vault_id)
    if found is None:
        return None
    text, touched, fresh = found.text, found.fresh.keys(), list(found.fresh.values())
    picked: list[tuple[str, str, int]] = []
    end = len(text)
    while end > 0 and len(picked) < limit:
        start = text.rfind(ORDER_END, 0, end) + 1
        _, _, item_id, revision_id, count = text[start:end].split(ORDER_SEP)
        end = start - 1
        if (int(count) or include_deleted) and item_id.decode() not in touched:
            picked.append((item_id.decode(), revision_id.decode(), int(count)))
    try:
        opened = {h.revision_id: h for h in (open_row(sealer, vault_id, row) for row in
                                             db.sealed(p[1] for p in picked))}
    except DamagedData:
        return None
    if len(opened) != len(picked):
        return None
    items = [Item(item_id, [opened[rev]], count) for item_id, rev, count in picked]
    items += [i for i in fresh if i.type == "entry" and (i.live or include_deleted)]
    items.sort(key=_key, reverse=True)
    return Newest(items[:max(limit, 0)], found.every if include_deleted else found.live,
                  found.damaged)


def _key(item: Item) -> tuple[str, str]:
    head: Head = item.current
    return (head.when, head.clock)
