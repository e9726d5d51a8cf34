"""JournalStore: the one facade between the journal's users (CLI, app, trends, export, sync) and disk.

It takes and returns `journal.model` dataclasses; nothing above it builds SQL or sees ciphertext.

Reading works on the revision graph, which is public: heads (revisions nobody names as a parent)
are found without a key, then only the heads are opened. Each head's small metadata is decoded at
once; its compressed body is inflated only when an entry is actually asked for, so listing ten
entries out of 20,000 costs 20,000 small decrypts and ten inflations.
"""

from __future__ import annotations

import gc
import json
import os
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from journal.model import (
    Damage,
    Entry,
    EntryError,
    Revision,
    entry_from_record,
    entry_to_record,
    new_id,
)
from journal.storage import crypto
from journal.storage.crypto import (
    DamagedData,
    KdfParams,
    RevisionPlace,
    Sealer,
    WrongKey,
    inflate_body,
)
from journal.storage.db import DB_NAME, Database, RevisionRow, StorageError
from journal.sync.clock import HybridClock

__all__ = [
    "Ambiguous",
    "EntryFilter",
    "JournalStore",
    "NotFound",
    "StorageError",
    "WrongKey",
]


class NotFound(LookupError):
    """No entry matches the id given."""


class Ambiguous(LookupError):
    """An id prefix matches more than one entry."""


@dataclass
class EntryFilter:
    """What `JournalStore.query` selects. Empty fields select everything."""

    since: date | None = None
    until: date | None = None
    values: list[str] = field(default_factory=list)
    behaviours: list[str] = field(default_factory=list)  # "id" (answered) or "id:yes|no|n/a"
    kinds: list[str] = field(default_factory=list)
    flagged: bool = False
    include_deleted: bool = False
    limit: int | None = None


@dataclass
class _Head:
    """An opened head revision: metadata decoded, body still compressed."""

    row: RevisionRow
    meta: dict[str, Any]
    zbody: bytes


@dataclass
class _Item:
    item_id: str
    heads: list[_Head]  # readable heads, newest first
    live: int  # heads that are not tombstones

    @property
    def current(self) -> _Head:
        return self.heads[0]

    @property
    def deleted(self) -> bool:
        return self.live == 0

    @property
    def type(self) -> str:
        return self.current.meta.get("type", "entry")


def _order_key(head: _Head) -> tuple[bool, str, str]:
    """Live before deleted, then newest clock, then device id: the version shown first."""
    return (not head.row.deleted, head.row.clock, head.row.device_id)


class JournalStore:
    """An unlocked journal. Create with `create`, open with `unlock` or `unlock_with_recovery`."""

    def __init__(self, home: Path, db: Database, dek: bytes) -> None:
        self.home = home
        self._db = db
        self._dek: bytes | None = dek
        self._sealer: Sealer | None = Sealer(dek)
        vault_id, device_id = db.get_meta("vault_id"), db.get_meta("device_id")
        if not vault_id or not device_id:
            raise StorageError(f"the journal file in {home} has no vault id: it is damaged")
        self.vault_id: str = vault_id
        self.device_id: str = device_id
        self._clock = HybridClock(db.get_meta("clock"))
        self._items: dict[str, _Item] | None = None
        self._damaged: list[Damage] = []

    # -- opening ---------------------------------------------------------------------------------

    @staticmethod
    def exists(home: Path) -> bool:
        return (home / DB_NAME).exists()

    @classmethod
    def create(
        cls, home: Path, passphrase: str, *, kdf: KdfParams | None = None
    ) -> tuple[JournalStore, str]:
        """Make a new journal in `home`; return it unlocked and the recovery key to show once."""
        if cls.exists(home):
            raise StorageError(f"a journal already exists in {home}; nothing was changed")
        db = Database(home / DB_NAME, create=True)
        dek = crypto.random_key()
        vault_id, device_id = new_id(), new_id()
        recovery = crypto.new_recovery_key()
        with db.transaction():
            db.set_meta("vault_id", vault_id)
            db.set_meta("device_id", device_id)
            db.set_meta("format", str(crypto.FORMAT))
            db.put_key_slot(crypto.passphrase_slot(vault_id, dek, passphrase, kdf or KdfParams()))
            db.put_key_slot(crypto.recovery_slot(vault_id, dek, recovery))
        return cls(home, db, dek), crypto.format_recovery_key(recovery)

    @classmethod
    def _open_db(cls, home: Path) -> tuple[Database, str]:
        db = Database(home / DB_NAME)
        vault_id = db.get_meta("vault_id")
        if not vault_id:
            db.close()
            raise StorageError(f"the journal file in {home} is incomplete: run `journal init` "
                               "again in an empty folder, or restore a backup")
        return db, vault_id

    @classmethod
    def unlock(cls, home: Path, passphrase: str) -> JournalStore:
        """Open with the passphrase; raise WrongKey if it does not fit."""
        db, vault_id = cls._open_db(home)
        try:
            for slot in db.key_slots():
                if slot.kind == "passphrase":
                    try:
                        return cls(home, db, crypto.open_passphrase_slot(slot, vault_id, passphrase))
                    except WrongKey:
                        continue
            raise WrongKey("wrong passphrase")
        except BaseException:
            db.close()
            raise

    @classmethod
    def unlock_with_recovery(cls, home: Path, recovery_key: str) -> JournalStore:
        raw = crypto.parse_recovery_key(recovery_key)
        db, vault_id = cls._open_db(home)
        try:
            for slot in db.key_slots():
                if slot.kind == "recovery":
                    try:
                        return cls(home, db, crypto.open_recovery_slot(slot, vault_id, raw))
                    except WrongKey:
                        continue
            raise WrongKey("that recovery key does not open this journal")
        except BaseException:
            db.close()
            raise

    def close(self) -> None:
        """Lock: forget the key and every decrypted entry, then close the file."""
        self._dek = None
        self._sealer = None
        self._items = None
        self._db.close()

    lock = close

    def __enter__(self) -> JournalStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def damaged(self) -> list[Damage]:
        """Head revisions that failed to open while loading (the entry shows its last good one)."""
        self._load()
        return self._damaged

    @property
    def sealer(self) -> Sealer:
        if self._sealer is None:
            raise StorageError("the journal is locked")
        return self._sealer

    # -- keys -----------------------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str, *, kdf: KdfParams | None = None) -> None:
        """Rewrap the data key under a new passphrase. No entry is re-encrypted."""
        if self._dek is None:
            raise StorageError("the journal is locked")
        slot = crypto.passphrase_slot(self.vault_id, self._dek, new_passphrase, kdf or KdfParams())
        with self._db.transaction():
            self._db.remove_key_slots("passphrase")
            self._db.put_key_slot(slot)

    def new_recovery_key(self) -> str:
        """Replace the recovery slot; the old recovery key stops working."""
        if self._dek is None:
            raise StorageError("the journal is locked")
        raw = crypto.new_recovery_key()
        with self._db.transaction():
            self._db.remove_key_slots("recovery")
            self._db.put_key_slot(crypto.recovery_slot(self.vault_id, self._dek, raw))
        return crypto.format_recovery_key(raw)

    # -- writing ----------------------------------------------------------------------------------

    def _place(self, r: RevisionRow) -> RevisionPlace:
        return RevisionPlace(
            self.vault_id, r.item_id, r.revision_id, tuple(r.parents), r.device_id, r.clock,
            r.deleted,
        )

    def _seal_revision(
        self, item_id: str, parents: tuple[str, ...], deleted: bool, meta: dict[str, Any], body: str
    ) -> _Head:
        clock = self._clock.tick()
        revision_id = new_id()
        place = RevisionPlace(self.vault_id, item_id, revision_id, tuple(sorted(parents)),
                              self.device_id, clock, deleted)
        nonce, sealed, zbody = self.sealer.seal(place, meta, body)
        row = RevisionRow(revision_id, item_id, place.parents, self.device_id, clock, deleted,
                          nonce, sealed)
        return _Head(row, meta, zbody)

    def _commit(self, heads: list[_Head]) -> None:
        """Write revisions in one transaction, then fold them into the in-memory view."""
        with self._db.transaction():
            self._db.insert_revisions(h.row for h in heads)
            self._db.set_meta("clock", self._clock.last)
        if self._items is not None:
            for head in heads:
                self._fold(head)

    def _fold(self, new: _Head) -> None:
        """Apply one new revision to the loaded view: it replaces the heads it names as parents."""
        assert self._items is not None
        item = self._items.get(new.row.item_id)
        heads = [h for h in (item.heads if item else []) if h.row.revision_id not in new.row.parents]
        heads.append(new)
        heads.sort(key=_order_key, reverse=True)
        self._items[new.row.item_id] = _Item(new.row.item_id, heads,
                                             sum(not h.row.deleted for h in heads))

    def _prepare(self, entry: Entry) -> tuple[dict[str, Any], str]:
        entry.validate()
        return entry_to_record(entry)

    def add(self, entry: Entry) -> Entry:
        """Save a new entry; returns it with its id set."""
        return self.add_many([entry])[0]

    def add_many(self, entries: Iterable[Entry]) -> list[Entry]:
        """Save several new entries in one transaction (import, benchmark generation)."""
        heads, saved = [], []
        for entry in entries:
            meta, body = self._prepare(entry)
            entry.id = new_id()
            head = self._seal_revision(entry.id, (), False, meta, body)
            entry.revision_id, entry.updated = head.row.revision_id, head.row.clock
            heads.append(head)
            saved.append(entry)
        self._commit(heads)
        return saved

    def update(self, entry: Entry) -> Entry:
        """Save a new revision of an existing entry. Several heads (a conflict) are merged."""
        item = self._entry_item(entry.id)
        if item.deleted:
            raise EntryError(f"entry {entry.id[:8]} is deleted: restore it before editing")
        meta, body = self._prepare(entry)
        parents = tuple(h.row.revision_id for h in item.heads)
        row = self._seal_revision(item.item_id, parents, False, meta, body)
        self._commit([row])
        return self.get(item.item_id)

    def delete(self, entry_id: str) -> None:
        """Write a tombstone. The content stays in history and `restore` brings it back."""
        item = self._entry_item(entry_id)
        if item.deleted:
            raise EntryError(f"entry {item.item_id[:8]} is already deleted")
        current = self._build(item)
        meta, body = entry_to_record(current)
        parents = tuple(h.row.revision_id for h in item.heads)
        row = self._seal_revision(item.item_id, parents, True, meta, body)
        self._commit([row])

    def restore(self, entry_id: str) -> Entry:
        """Undo a delete: a new live revision with the content the entry had when deleted."""
        item = self._entry_item(entry_id)
        if not item.deleted:
            raise EntryError(f"entry {item.item_id[:8]} is not deleted")
        current = self._build(item)
        meta, body = entry_to_record(current)
        parents = tuple(h.row.revision_id for h in item.heads)
        row = self._seal_revision(item.item_id, parents, False, meta, body)
        self._commit([row])
        return self.get(item.item_id)

    # -- reading ----------------------------------------------------------------------------------

    @contextmanager
    def _bulk(self) -> Iterator[None]:
        """Pause the cyclic garbage collector while building thousands of small objects."""
        enabled = gc.isenabled()
        gc.disable()
        try:
            yield
        finally:
            if enabled:
                gc.enable()

    def _open(self, row: RevisionRow) -> _Head:
        meta, zbody = self.sealer.open(self._place(row), row.nonce, row.sealed)
        return _Head(row, meta, zbody)

    def _load(self) -> dict[str, _Item]:
        """Find every head from the public graph, then open only the heads."""
        if self._items is not None:
            return self._items
        with self._bulk():
            graph: dict[str, tuple[str, tuple[str, ...]]] = {}
            has_child: set[str] = set()
            for rev_id, item_id, parents_json, _dev, _clock, _deleted in self._db.revision_graph():
                parents = tuple(json.loads(parents_json)) if parents_json != "[]" else ()
                graph[rev_id] = (item_id, parents)
                has_child.update(parents)
            head_ids = [rev for rev in graph if rev not in has_child]
            opened: dict[str, list[_Head]] = {}
            self._damaged = []
            pending = head_ids
            seen: set[str] = set()
            while pending:
                fallback: list[str] = []
                for row in self._db.sealed(pending):
                    seen.add(row.revision_id)
                    try:
                        head = self._open(row)
                    except DamagedData as exc:
                        self._damaged.append(Damage(row.item_id, row.revision_id, str(exc)))
                        # Fall back to the parents, so a damaged head hides nothing older.
                        fallback.extend(p for p in row.parents if p in graph and p not in seen)
                        continue
                    opened.setdefault(row.item_id, []).append(head)
                pending = [p for p in fallback if graph[p][0] not in opened]
            items: dict[str, _Item] = {}
            for item_id, heads in opened.items():
                heads.sort(key=_order_key, reverse=True)
                items[item_id] = _Item(item_id, heads, sum(not h.row.deleted for h in heads))
        self._items = items
        return items

    def _entry_items(self) -> Iterator[_Item]:
        return (i for i in self._load().values() if i.type == "entry")

    def _build(self, item: _Item) -> Entry:
        head = item.current
        entry = entry_from_record(head.meta, inflate_body(head.zbody))
        entry.id = item.item_id
        entry.revision_id = head.row.revision_id
        entry.updated = head.row.clock
        entry.versions = max(item.live, 1)
        entry.deleted = item.deleted
        return entry

    def resolve(self, prefix: str, *, include_deleted: bool = True) -> str:
        """Full entry id for a unique prefix (at least 4 characters, or the whole id)."""
        prefix = prefix.strip().lower()
        if not prefix:
            raise NotFound("give an entry id (the first characters shown by `journal list`)")
        items = self._load()
        if prefix in items and items[prefix].type == "entry":
            return prefix
        matches = [
            i.item_id
            for i in self._entry_items()
            if i.item_id.startswith(prefix) and (include_deleted or not i.deleted)
        ]
        if not matches:
            raise NotFound(f"no entry has an id starting with {prefix!r}; see `journal list`")
        if len(matches) > 1:
            shown = ", ".join(sorted(m[:12] for m in matches)[:5])
            raise Ambiguous(
                f"{prefix!r} matches {len(matches)} entries ({shown}); type more of the id"
            )
        return matches[0]

    def _entry_item(self, entry_id: str) -> _Item:
        return self._load()[self.resolve(entry_id)]

    def get(self, entry_id: str) -> Entry:
        """One entry by id or unique prefix, including deleted ones."""
        return self._build(self._entry_item(entry_id))

    def versions(self, entry_id: str) -> list[Entry]:
        """Every live version of an entry; more than one after concurrent edits on two devices."""
        item = self._entry_item(entry_id)
        out = []
        for head in item.heads:
            if head.row.deleted and item.live:
                continue
            single = _Item(item.item_id, [head], 0 if head.row.deleted else 1)
            entry = self._build(single)
            entry.versions = max(item.live, 1)
            out.append(entry)
        return out

    def count(self, *, include_deleted: bool = False) -> int:
        return sum(1 for i in self._entry_items() if include_deleted or not i.deleted)

    def entries(self, *, include_deleted: bool = False) -> list[Entry]:
        """Every entry, newest first, bodies included (search, trends, export)."""
        return self.query(EntryFilter(include_deleted=include_deleted))

    def count_matching(self, selection: EntryFilter) -> int:
        """How many entries a filter selects, ignoring its limit."""
        wanted = _MetaMatcher(selection)
        return sum(
            1
            for i in self._entry_items()
            if (selection.include_deleted or not i.deleted) and wanted(i.current.meta)
        )

    def query(self, selection: EntryFilter) -> list[Entry]:
        """Entries that match, newest first. Filters on metadata; inflates only what it returns."""
        wanted = _MetaMatcher(selection)
        items = [
            i
            for i in self._entry_items()
            if (selection.include_deleted or not i.deleted) and wanted(i.current.meta)
        ]
        items.sort(key=lambda i: (i.current.meta.get("when", ""), i.current.row.clock),
                   reverse=True)
        if selection.limit is not None:
            items = items[: max(selection.limit, 0)]
        with self._bulk():
            return [self._build(i) for i in items]

    def history(self, entry_id: str) -> list[Revision]:
        """Every revision of an entry, oldest first; a damaged one is listed with its error."""
        item_id = self.resolve(entry_id)
        ids = [rev for rev, item, *_ in self._db.revision_graph() if item == item_id]
        out = []
        for row in self._db.sealed(ids):
            try:
                head = self._open(row)
                entry = entry_from_record(head.meta, inflate_body(head.zbody))
                entry.id, entry.revision_id, entry.updated = item_id, row.revision_id, row.clock
                entry.deleted = row.deleted
                out.append(Revision(row.revision_id, item_id, row.parents, row.device_id,
                                    row.clock, row.deleted, entry))
            except DamagedData as exc:
                out.append(Revision(row.revision_id, item_id, row.parents, row.device_id,
                                    row.clock, row.deleted, None, str(exc)))
        out.sort(key=lambda r: (r.clock, r.device_id))
        return out

    def verify(self) -> tuple[int, list[Damage]]:
        """Open every revision and inflate every body; return (count checked, damaged ones)."""
        checked, damaged = 0, []
        with self._bulk():
            for row in self._db.all_sealed():
                checked += 1
                try:
                    head = self._open(row)
                    inflate_body(head.zbody)
                    if head.meta.get("type", "entry") == "entry":
                        entry_from_record(head.meta, "")
                except DamagedData as exc:
                    damaged.append(Damage(row.item_id, row.revision_id, str(exc)))
                except (KeyError, ValueError, TypeError) as exc:
                    damaged.append(Damage(row.item_id, row.revision_id,
                                          f"opens, but is not a valid entry ({exc})"))
        return checked, damaged

    # -- device-local sealed blobs (drafts) ---------------------------------------------------------

    def put_local(self, label: str, blob_id: str, data: dict[str, Any]) -> None:
        nonce, sealed = self.sealer.seal_blob(f"{self.vault_id}/{label}", blob_id,
                                              json.dumps(data).encode("utf-8"))
        with self._db.transaction():
            self._db.put_blob(blob_id, label, nonce, sealed)

    def get_local(self, label: str) -> dict[str, dict[str, Any]]:
        out = {}
        for blob_id, nonce, sealed in self._db.blobs(label):
            try:
                data = self.sealer.open_blob(f"{self.vault_id}/{label}", blob_id, nonce, sealed)
                out[blob_id] = json.loads(data)
            except (DamagedData, ValueError) as exc:
                self._damaged.append(Damage(blob_id, blob_id, f"{label}: {exc}"))
        return out

    def remove_local(self, blob_id: str) -> None:
        with self._db.transaction():
            self._db.remove_blob(blob_id)

    @staticmethod
    def new_local_id() -> str:
        return secrets.token_hex(8)


class _MetaMatcher:
    """EntryFilter as a predicate over an entry's metadata dict (no entry objects built)."""

    def __init__(self, f: EntryFilter) -> None:
        self.f = f
        self.since = f.since.isoformat() if f.since else None
        self.until = f.until.isoformat() if f.until else None
        self.behaviours = []
        for spec in f.behaviours:
            bid, _, answer = spec.partition(":")
            self.behaviours.append((bid, answer or None))

    def __call__(self, meta: dict[str, Any]) -> bool:
        f = self.f
        day = meta.get("when", "")[:10]  # the date in the writer's zone when they wrote it
        if self.since and day < self.since:
            return False
        if self.until and day > self.until:
            return False
        if f.kinds and meta.get("kind") not in f.kinds:
            return False
        if f.flagged and not meta.get("flagged"):
            return False
        marks = meta.get("marks", {})
        if f.values and not all(v in marks for v in f.values):
            return False
        checks = meta.get("checks", {})
        for bid, answer in self.behaviours:
            if bid not in checks or (answer and checks[bid] != answer):
                return False
        return True


def default_permissions_ok(path: Path) -> bool:
    """True when a file is readable by its owner only (used by tests and `journal doctor`)."""
    return (os.stat(path).st_mode & 0o077) == 0
