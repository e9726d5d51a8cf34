"""JournalStore: the one facade between the journal's users and the disk.

The command line, the app, trends, export and sync call this and get `journal.domain.model`
dataclasses back; nothing above it builds SQL or sees ciphertext.

Reading starts from the public revision graph and the sealed head index (see `heads.py`), so
listing or filtering 20,000 entries opens one blob, not 20,000. Text is read from the
authenticated rows only for the entries actually shown or searched.
"""

from __future__ import annotations

import gc
import json
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from journal.domain.model import (
    Damage,
    Entry,
    EntryError,
    EntrySummary,
    Facts,
    Revision,
    entry_from_record,
    entry_to_record,
    new_id,
    summary_from_record,
)
from journal.domain.search import Query, SearchHit
from journal.storage import crypto
from journal.storage.clock import HybridClock
from journal.storage.crypto import (
    DamagedData,
    KdfParams,
    KeySlot,
    RevisionPlace,
    Sealer,
    WrongKey,
    inflate_body,
    payload_is_plain_ascii,
    split_payload,
)
from journal.storage.db import DB_NAME, Database, RevisionRow, StorageError
from journal.storage.heads import (
    Head,
    HeadLoader,
    Item,
    facts_of,
    head_from_opened,
    make_item,
    open_row,
)
from journal.storage.scan import scan

__all__ = [
    "Ambiguous",
    "EntryFilter",
    "JournalStore",
    "NotFound",
    "Selection",
    "StorageError",
    "SummarySelection",
    "WrongKey",
]


_OWN_SEQ, _OWN_HASH, _SENT_UPTO = "sync_own_seq", "sync_own_hash", "sync_sent_upto"
_LAST_SYNC = "sync_last"
_KEYS_CLOCK, _KEYS_DEVICE, _KEYS_PENDING = "keys_clock", "keys_device", "keys_pending"


@dataclass(frozen=True)
class SyncState:
    """This device's sync position, read on the store thread before talking to the remote."""

    own_seq: int  # the last segment this device wrote
    own_hash: str  # and that segment file's SHA-256 (the next one names it)
    sent_upto: int  # local rows up to this one are on the remote
    cursors: dict[str, tuple[int, str]]  # other devices: last segment applied here, its hash
    keys_clock: str  # when the local key slots last changed (a clock value)
    keys_device: str  # and on which device
    keys_pending: bool  # changed here, not yet on the remote
    slots: tuple[KeySlot, ...]
    last_sync: str  # when the last sync finished, ISO time; "" if never


@dataclass
class SyncChange:
    """What one sync brought, applied by `JournalStore.apply_sync` in one transaction."""

    rows: list[RevisionRow] = field(default_factory=list)
    cursors: dict[str, tuple[int, str]] = field(default_factory=dict)
    own: tuple[int, str, int] | None = None  # own seq, its hash, local rows sent up to
    adopt_slots: tuple[tuple[KeySlot, ...], str, str] | None = None  # slots, clock, device
    keys_sent: bool = False
    finished: str = ""


def _parents_first(rows: list[RevisionRow],
                   known: set[str]) -> tuple[list[RevisionRow], list[RevisionRow]]:
    """New rows in an order where every parent comes before its children, and the rows whose
    parents are nowhere yet (held back: stored later they would look like a false conflict).
    Rows already stored, or arriving twice, are taken once: applying is idempotent."""
    pending = list({r.revision_id: r for r in rows if r.revision_id not in known}.values())
    available = set(known)
    order: list[RevisionRow] = []
    progress = True
    while pending and progress:
        progress, waiting = False, []
        for row in pending:  # in segment order, so a chain in one batch needs one pass
            if all(p in available for p in row.parents):
                order.append(row)
                available.add(row.revision_id)
                progress = True
            else:
                waiting.append(row)
        pending = waiting
    return order, pending


class NotFound(LookupError):
    """No entry matches the id given."""


class Ambiguous(LookupError):
    """An id prefix matches more than one entry."""


@dataclass
class EntryFilter:
    """What to select. Empty fields select everything."""

    since: date | None = None
    until: date | None = None
    values: list[str] = field(default_factory=list)
    behaviours: list[str] = field(default_factory=list)  # "id" (answered) or "id:yes|no|n/a"
    kinds: list[str] = field(default_factory=list)
    flagged: bool = False
    include_deleted: bool = False
    limit: int | None = None


@dataclass
class Selection:
    """The entries a filter picked (newest first, at most `limit`) and how many matched in all."""

    entries: list[Entry]
    matched: int
    total: int


@dataclass
class SummarySelection:
    """Like Selection, without the entries' text: for lists, the timeline and trends."""

    summaries: list[EntrySummary]
    matched: int
    total: int


class JournalStore:
    """An unlocked journal. Create with `create`; open with `unlock` or `unlock_with_recovery`."""

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
        self._items: dict[str, Item] | None = None
        self._loader: HeadLoader | None = None
        self._prefetched_index: list[tuple[str, bytes, bytes]] | None = None
        self.damaged_local: list[Damage] = []

    # -- opening and locking -------------------------------------------------------------------

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
        store = cls(home, db, dek)
        store._keys_changed(pending=False)
        return store, crypto.format_recovery_key(recovery)

    @classmethod
    def create_joined(cls, home: Path, vault_id: str, dek: bytes, slots: Iterable[KeySlot],
                      keys_clock: str, keys_device: str) -> JournalStore:
        """A new device's empty journal for an existing vault (`journal join`): the same data
        key and key slots, a device id of its own. Sync then fills it from the remote."""
        if cls.exists(home):
            raise StorageError(f"a journal already exists in {home}; join into an empty folder "
                               "(set JOURNAL_HOME), nothing was changed")
        db = Database(home / DB_NAME, create=True)
        with db.transaction():
            db.set_meta("vault_id", vault_id)
            db.set_meta("device_id", new_id())
            db.set_meta("format", str(crypto.FORMAT))
            for slot in slots:
                db.put_key_slot(slot)
            db.set_meta(_KEYS_CLOCK, keys_clock)
            db.set_meta(_KEYS_DEVICE, keys_device)
        return cls(home, db, dek)

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
    def _unlock(cls, home: Path, kind: str, opener, failure: str) -> JournalStore:
        """Try each slot of `kind`. Argon2id releases the GIL, so while it runs the sealed head
        index (no key needed to read it) is fetched from disk on this thread."""
        db, vault_id = cls._open_db(home)
        try:
            slots = [slot for slot in db.key_slots() if slot.kind == kind]
            prefetched = None
            for slot in slots:
                result: dict[str, Any] = {}

                def derive(slot=slot, result=result) -> None:
                    try:
                        result["key"] = opener(slot, vault_id)
                    except BaseException as exc:  # handed back to the caller below
                        result["error"] = exc

                worker = threading.Thread(target=derive, name="unlock", daemon=True)
                worker.start()
                if prefetched is None:
                    prefetched = db.blobs("index")
                worker.join()
                if "key" in result:
                    store = cls(home, db, result["key"])
                    store._prefetched_index = prefetched
                    return store
                if not isinstance(result["error"], WrongKey):
                    raise result["error"]
            raise WrongKey(failure)
        except BaseException:
            db.close()
            raise

    @classmethod
    def unlock(cls, home: Path, passphrase: str) -> JournalStore:
        """Open with the passphrase; raise WrongKey if it does not fit."""
        return cls._unlock(
            home, "passphrase",
            lambda slot, vault: crypto.open_passphrase_slot(slot, vault, passphrase),
            "wrong passphrase",
        )

    @classmethod
    def unlock_with_recovery(cls, home: Path, recovery_key: str) -> JournalStore:
        """Open with the recovery key shown at set-up (any case, spaces or dashes)."""
        raw = crypto.parse_recovery_key(recovery_key)
        return cls._unlock(
            home, "recovery",
            lambda slot, vault: crypto.open_recovery_slot(slot, vault, raw),
            "that recovery key does not open this journal",
        )

    def close(self) -> None:
        """Lock: forget the key and every decrypted entry, then close the file."""
        self._dek = None
        self._sealer = None
        self._items = None
        self._loader = None
        self._prefetched_index = None
        self._db.close()

    lock = close

    def __enter__(self) -> JournalStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def use_wall_clock(self, wall: Callable[[], int]) -> None:
        """Read the time from `wall` (milliseconds): for tests and benchmarks of a device whose
        clock is wrong. The hybrid clock still never goes backwards."""
        self._clock = HybridClock(self._clock.last, wall=wall)

    @property
    def sealer(self) -> Sealer:
        if self._sealer is None:
            raise StorageError("the journal is locked")
        return self._sealer

    @property
    def damaged(self) -> list[Damage]:
        """Revisions that failed to open so far (each entry shows its last intact version)."""
        self._load()
        assert self._loader is not None
        return self._loader.damaged

    # -- keys ------------------------------------------------------------------------------------

    def _key(self) -> bytes:
        if self._dek is None:
            raise StorageError("the journal is locked")
        return self._dek

    def change_passphrase(self, new_passphrase: str, *, kdf: KdfParams | None = None) -> None:
        """Rewrap the data key under a new passphrase. No entry is re-encrypted. The next sync
        takes the new slot to the remote, and the other devices adopt it."""
        slot = crypto.passphrase_slot(self.vault_id, self._key(), new_passphrase,
                                      kdf or KdfParams())
        with self._db.transaction():
            self._db.remove_key_slots("passphrase")
            self._db.put_key_slot(slot)
            self._keys_changed(pending=True)

    def new_recovery_key(self) -> str:
        """Replace the recovery slot; the old recovery key stops working (here at once, on the
        other devices after their next sync)."""
        raw = crypto.new_recovery_key()
        with self._db.transaction():
            self._db.remove_key_slots("recovery")
            self._db.put_key_slot(crypto.recovery_slot(self.vault_id, self._key(), raw))
            self._keys_changed(pending=True)
        return crypto.format_recovery_key(raw)

    def _keys_changed(self, *, pending: bool) -> None:
        """Stamp the key slots with a clock value, so the newest set wins across devices."""
        self._db.set_meta(_KEYS_CLOCK, self._clock.tick())
        self._db.set_meta(_KEYS_DEVICE, self.device_id)
        self._db.set_meta("clock", self._clock.last)
        self._db.set_meta(_KEYS_PENDING, "1" if pending else "0")

    # -- sync (journal/sync/engine.py drives these; rows stay sealed throughout) ----------------

    def sync_state(self) -> SyncState:
        db = self._db
        return SyncState(
            own_seq=int(db.get_meta(_OWN_SEQ) or 0), own_hash=db.get_meta(_OWN_HASH) or "",
            sent_upto=int(db.get_meta(_SENT_UPTO) or 0), cursors=db.cursors(),
            keys_clock=db.get_meta(_KEYS_CLOCK) or "0000000000000-00000",
            keys_device=db.get_meta(_KEYS_DEVICE) or self.device_id,
            keys_pending=db.get_meta(_KEYS_PENDING) == "1", slots=tuple(db.key_slots()),
            last_sync=db.get_meta(_LAST_SYNC) or "",
        )

    def unsent_rows(self, after: int) -> list[RevisionRow]:
        """Sealed rows this device wrote after local row `after`."""
        return self._db.own_rows_after(self.device_id, after)

    def apply_sync(self, change: SyncChange) -> list[str]:
        """Store what a sync brought and how far it got, all in one transaction: remote
        revisions (parents first, each once however often it arrives), the per-device cursors,
        this device's own position, and adopted key slots. Returns the ids of revisions held
        back because a parent has not arrived yet; their segments are read again next time."""
        db = self._db
        incoming = change.rows
        known = db.known_revisions({r.revision_id for r in incoming}
                                   | {p for r in incoming for p in r.parents})
        order, held = _parents_first(incoming, known)
        with db.transaction():
            db.insert_revisions(order)
            for device_id, (seq, digest) in change.cursors.items():
                db.set_cursor(device_id, seq, digest)
            if change.own is not None:
                seq, digest, upto = change.own
                db.set_meta(_OWN_SEQ, str(seq))
                db.set_meta(_OWN_HASH, digest)
                db.set_meta(_SENT_UPTO, str(upto))
            if change.adopt_slots is not None:
                slots, keys_clock, keys_device = change.adopt_slots
                db.remove_key_slots("passphrase")
                db.remove_key_slots("recovery")
                for slot in slots:
                    db.put_key_slot(slot)
                db.set_meta(_KEYS_CLOCK, keys_clock)
                db.set_meta(_KEYS_DEVICE, keys_device)
                db.set_meta(_KEYS_PENDING, "0")
            if change.keys_sent:
                db.set_meta(_KEYS_PENDING, "0")
            for row in order:
                self._clock.observe(row.clock)
            db.set_meta("clock", self._clock.last)
            if change.finished:
                db.set_meta(_LAST_SYNC, change.finished)
        self._fold(order)
        return [r.revision_id for r in held]

    def _fold(self, rows: list[RevisionRow]) -> None:
        """Bring newly stored remote rows into the loaded view (or drop the view when many
        arrived: the head index brings it back quickly)."""
        if self._items is None or not rows:
            return
        if len(rows) > 2000:
            self._items, self._loader = None, None
            return
        for row in rows:
            item = self._items.get(row.item_id)
            kept = [h for h in (item.heads if item else []) if h.revision_id not in row.parents]
            try:
                head = open_row(self.sealer, self.vault_id, row)
                head.zbody, head._meta = None, None
            except DamagedData as exc:
                assert self._loader is not None
                self._loader.report(Damage(row.item_id, row.revision_id, str(exc)))
                continue
            self._items[row.item_id] = make_item(row.item_id, [*kept, head])

    def reset_sync(self) -> None:
        """Forget every sync position (a new remote is set): the next sync sends everything this
        device wrote and reads everything there. Nothing on a remote or here is deleted."""
        with self._db.transaction():
            self._db.clear_cursors()
            for key in (_OWN_SEQ, _OWN_HASH, _SENT_UPTO, _LAST_SYNC):
                self._db.delete_meta(key)
            self._db.set_meta(_KEYS_PENDING, "1")

    def conflicts(self) -> list[Item]:
        """Entries with more than one live version, oldest first. (Other records, such as the
        people list, show their newest version and merge on their next change.)"""
        found = [i for i in self._load().values() if i.live > 1 and i.type == "entry"]
        found.sort(key=lambda i: i.current.clock)
        return found

    def resolve_conflict(self, entry_id: str, keep: str) -> Entry:
        """Merge the versions of an entry by keeping one of them (a revision id or its first
        characters): a new revision whose parents are all the heads, with that version's
        content. Nothing is lost: every version stays in `history`."""
        item = self._entry_item(entry_id)
        keep = keep.strip().lower()
        live = [h for h in item.heads if not h.deleted]
        if item.live < 2:
            raise EntryError(f"entry {item.item_id[:8]} has only one version; nothing to resolve")
        chosen = [h for h in live if keep and h.revision_id.startswith(keep)]
        if len(chosen) != 1:
            shown = ", ".join(h.revision_id[:8] for h in live)
            raise EntryError(f"{keep!r} is not one of the versions of entry {item.item_id[:8]} "
                             f"(they are {shown}); see `journal conflicts`")
        self._write_over(item, self._build(item, chosen[0]), deleted=False)
        return self.get(item.item_id)

    # -- writing -----------------------------------------------------------------------------------

    def _seal_revision(
        self, item_id: str, parents: tuple[str, ...], deleted: bool, meta: dict[str, Any], body: str
    ) -> tuple[RevisionRow, Head]:
        clock = self._clock.tick()
        place = RevisionPlace(self.vault_id, item_id, new_id(), tuple(sorted(parents)),
                              self.device_id, clock, deleted)
        meta_bytes = orjson.dumps(meta)
        nonce, sealed, zbody = self.sealer.seal(place, meta_bytes, body)
        row = RevisionRow(place.revision_id, item_id, place.parents, self.device_id, clock,
                          deleted, nonce, sealed)
        return row, head_from_opened(row, meta_bytes, zbody)

    def _commit(self, written: list[tuple[RevisionRow, Head]]) -> None:
        """Write revisions in one transaction, then fold them into the loaded view."""
        with self._db.transaction():
            self._db.insert_revisions(row for row, _ in written)
            self._db.set_meta("clock", self._clock.last)
        if self._items is not None:
            for _, head in written:
                item = self._items.get(head.item_id)
                kept = [h for h in (item.heads if item else [])
                        if h.revision_id not in head.parents]
                self._items[head.item_id] = make_item(head.item_id, [*kept, head])

    def add(self, entry: Entry) -> Entry:
        """Save a new entry; returns it with its id set."""
        return self.add_many([entry])[0]

    def add_many(self, entries: Iterable[Entry]) -> list[Entry]:
        """Save several new entries in one transaction (import, benchmark generation)."""
        written, saved = [], []
        for entry in entries:
            entry.validate()
            meta, body = entry_to_record(entry)
            entry.id = new_id()
            row, head = self._seal_revision(entry.id, (), False, meta, body)
            entry.revision_id, entry.updated = row.revision_id, row.clock
            written.append((row, head))
            saved.append(entry)
        self._commit(written)
        return saved

    def _write_over(self, item: Item, entry: Entry, *, deleted: bool) -> None:
        meta, body = entry_to_record(entry)
        parents = tuple(h.revision_id for h in item.heads)
        self._commit([self._seal_revision(item.item_id, parents, deleted, meta, body)])

    def update(self, entry: Entry) -> Entry:
        """Save a new revision of an existing entry. Several heads (a conflict) are merged."""
        item = self._entry_item(entry.id)
        if item.deleted:
            raise EntryError(f"entry {item.item_id[:8]} is deleted: restore it before editing")
        entry.validate()
        self._write_over(item, entry, deleted=False)
        return self.get(item.item_id)

    def delete(self, entry_id: str) -> None:
        """Write a tombstone. The content stays in history and `restore` brings it back."""
        item = self._entry_item(entry_id)
        if item.deleted:
            raise EntryError(f"entry {item.item_id[:8]} is already deleted")
        self._write_over(item, self._build(item), deleted=True)

    def restore(self, entry_id: str) -> Entry:
        """Undo a delete: a new live revision with the content the entry had when deleted."""
        item = self._entry_item(entry_id)
        if not item.deleted:
            raise EntryError(f"entry {item.item_id[:8]} is not deleted")
        self._write_over(item, self._build(item), deleted=False)
        return self.get(item.item_id)

    # -- reading -----------------------------------------------------------------------------------

    @contextmanager
    def _bulk(self) -> Iterator[None]:
        """Pause the cyclic garbage collector while building thousands of small objects."""
        enabled = gc.isenabled()
        gc.disable()
        try:
            yield
        finally:
            # What was just built is long-lived: move it out of the collector's way, so the next
            # collection does not walk 20,000 entries for nothing.
            gc.freeze()
            if enabled:
                gc.enable()

    def _load(self) -> dict[str, Item]:
        if self._items is None:
            self._loader = HeadLoader(self._db, self.sealer, self.vault_id,
                                      prefetched_index=self._prefetched_index)
            self._prefetched_index = None
            with self._bulk():
                self._items = self._loader.load()
        return self._items

    def _entry_items(self, include_deleted: bool = True) -> list[Item]:
        return [i for i in self._load().values()
                if i.type == "entry" and (include_deleted or i.live)]

    def _build(self, item: Item, head: Head | None = None) -> Entry:
        head = head or item.current
        assert self._loader is not None
        self._loader.fill_bodies([head])
        if head.zbody is None:
            raise DamagedData(
                f"entry {item.item_id[:8]} is damaged and cannot be opened; run `journal verify`"
            )
        entry = entry_from_record(head.meta, inflate_body(head.zbody))
        entry.id = item.item_id
        entry.revision_id = head.revision_id
        entry.updated = head.clock
        entry.versions = max(item.live, 1)
        entry.deleted = head.deleted and not item.live
        return entry

    def resolve(self, prefix: str) -> str:
        """The full id of the entry whose id starts with `prefix` (deleted ones included)."""
        prefix = prefix.strip().lower()
        if not prefix:
            raise NotFound("give an entry id (the first characters shown by `journal list`)")
        items = self._load()
        if prefix in items and items[prefix].type == "entry":
            return prefix
        matches = [i.item_id for i in self._entry_items() if i.item_id.startswith(prefix)]
        if not matches:
            raise NotFound(f"no entry has an id starting with {prefix!r}; see `journal list`")
        if len(matches) > 1:
            shown = ", ".join(sorted(m[:12] for m in matches)[:5])
            raise Ambiguous(
                f"{prefix!r} matches {len(matches)} entries ({shown}); type more of the id"
            )
        return matches[0]

    def _entry_item(self, entry_id: str) -> Item:
        return self._load()[self.resolve(entry_id)]

    def get(self, entry_id: str) -> Entry:
        """One entry by id or unique prefix, deleted ones included."""
        return self._build(self._entry_item(entry_id))

    def versions(self, entry_id: str) -> list[Entry]:
        """Every live version of an entry: more than one after concurrent edits on two devices."""
        item = self._entry_item(entry_id)
        return [self._build(item, head) for head in item.heads
                if not (head.deleted and item.live)]

    def count(self, *, include_deleted: bool = False) -> int:
        return len(self._entry_items(include_deleted))

    def _select_items(self, selection: EntryFilter) -> tuple[list[Item], int]:
        wanted = _MetaMatcher(selection)
        items = self._entry_items(selection.include_deleted)
        if not wanted.trivial:
            with self._bulk():
                items = [i for i in items if wanted(i.current)]
        matched = len(items)
        if selection.limit is not None:
            import heapq

            items = heapq.nlargest(max(selection.limit, 0), items, key=_sort_key)
        else:
            items.sort(key=_sort_key, reverse=True)
        return items, matched

    def select(self, selection: EntryFilter) -> Selection:
        """Entries that match, newest first, bodies included, with the number matched."""
        items, matched = self._select_items(selection)
        assert self._loader is not None
        with self._bulk():
            self._loader.fill_bodies([i.current for i in items])
            entries = [self._build(i) for i in items if i.current.zbody is not None]
        return Selection(entries, matched, self.count())

    def query(self, selection: EntryFilter) -> list[Entry]:
        return self.select(selection).entries

    def entries(self, *, include_deleted: bool = False) -> list[Entry]:
        """Every entry, newest first, with its text (export, and the app after unlock)."""
        return self.query(EntryFilter(include_deleted=include_deleted))

    def count_matching(self, selection: EntryFilter) -> int:
        return self._select_items(EntryFilter(**{**selection.__dict__, "limit": None}))[1]

    def select_summaries(self, selection: EntryFilter | None = None) -> SummarySelection:
        """Matching entries without their text, newest first, with the number matched."""
        items, matched = self._select_items(selection or EntryFilter())
        with self._bulk():
            out = []
            for item in items:
                summary = summary_from_record(item.current.meta, item.item_id)
                summary.versions = max(item.live, 1)
                summary.deleted = not item.live
                out.append(summary)
        return SummarySelection(out, matched, self.count())

    def entry_facts(self) -> list[Facts]:
        """What trends need of every live entry (`heads.facts_of`), straight from the head index:
        no text decrypted, no JSON parsed, no objects built."""
        with self._bulk():
            out = []
            for item in self._entry_items(False):
                head = item.current
                if head.facts is None:  # an index written before facts: worked out once here
                    head.facts = facts_of(head.meta)
                if head.facts is not None:
                    out.append(head.facts)
            return out

    def summaries(self, selection: EntryFilter | None = None) -> list[EntrySummary]:
        """Matching entries without their text, newest first: cheap for lists and trends."""
        return self.select_summaries(selection).summaries

    def search(self, text: str, *, limit: int | None = None,
               parallel: bool = False) -> list[SearchHit]:
        """Entries containing every word of `text`, newest first, with a snippet each.

        Rows are decrypted one at a time and dropped again, so searching 20,000 entries never
        holds 20,000 texts, and entries are built only for hits. `parallel` lets a one-shot
        command use a second core for large journals (see `scan.py`).
        """
        query = Query(text)
        if not query.terms:
            return []
        items, _ = self._select_items(EntryFilter())
        assert self._loader is not None

        def match(rank: int, payload: bytes) -> tuple[int, bytes, str] | None:
            if payload_is_plain_ascii(payload) and query.excludes_ascii(payload.lower()):
                return None  # the common case: one pass over bytes, nothing decoded
            meta_bytes, packed = split_payload(payload)
            body = inflate_body(packed)
            if not query.matches_record(orjson.loads(meta_bytes), body):
                return None
            return rank, meta_bytes, body

        with self._bulk():
            found, damaged = scan(self._db.path, self.sealer, self.vault_id,
                                  [i.current for i in items], match, parallel=parallel)
            for entry_id, revision_id, reason in damaged:
                self._loader.report(Damage(entry_id, revision_id, reason))
            hits = []
            for rank, meta_bytes, body in sorted(found, key=lambda hit: hit[0]):
                item = items[rank]
                entry = entry_from_record(orjson.loads(meta_bytes), body)
                entry.id, entry.revision_id = item.item_id, item.current.revision_id
                entry.versions = max(item.live, 1)
                hits.append(SearchHit(entry, query.snippet_for(entry)))
        return hits[:limit] if limit is not None else hits

    def history(self, entry_id: str) -> list[Revision]:
        """Every revision of an entry, oldest first; a damaged one is listed with its error."""
        item_id = self.resolve(entry_id)
        ids = [r.revision_id for r in self._db.revision_graph() if r.item_id == item_id]
        out = []
        for row in self._db.sealed(ids):
            try:
                head = open_row(self.sealer, self.vault_id, row)
                entry = entry_from_record(head.meta, inflate_body(head.zbody or b""))
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
                    head = open_row(self.sealer, self.vault_id, row)
                    body = inflate_body(head.zbody or b"")
                    if head.meta.get("type", "entry") == "entry":
                        entry_from_record(head.meta, body)
                except DamagedData as exc:
                    damaged.append(Damage(row.item_id, row.revision_id, str(exc)))
                except (KeyError, ValueError, TypeError) as exc:
                    damaged.append(Damage(row.item_id, row.revision_id,
                                          f"opens, but is not a valid entry ({exc})"))
        return checked, damaged

    # -- other records (people, support list, supervisors): synced like entries -----------------

    def records(self, record_type: str) -> dict[str, dict[str, Any]]:
        """Live records of a type, by id, oldest first."""
        items = [i for i in self._load().values() if i.type == record_type and i.live]
        items.sort(key=lambda i: i.current.clock)
        return {i.item_id: dict(i.current.meta.get("data", {})) for i in items}

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
        item = self._load().get(record_id)
        if item is None or item.type == "entry" or not item.live:
            raise NotFound(f"no record {record_id[:8]}")
        meta = {"type": item.type, "data": item.current.meta.get("data", {})}
        parents = tuple(h.revision_id for h in item.heads)
        self._commit([self._seal_revision(record_id, parents, True, meta, "")])

    # -- device-local sealed blobs (drafts) --------------------------------------------------------

    def put_local(self, label: str, blob_id: str, data: dict[str, Any]) -> None:
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


def _sort_key(item: Item) -> tuple[str, str]:
    return item.sort_key


class _MetaMatcher:
    """EntryFilter as a predicate over an entry's metadata dict (no objects built)."""

    def __init__(self, f: EntryFilter) -> None:
        self.f = f
        self.since = f.since.isoformat() if f.since else None
        self.until = f.until.isoformat() if f.until else None
        self.behaviours = []
        for spec in f.behaviours:
            bid, _, answer = spec.partition(":")
            self.behaviours.append((bid, answer or None))
        self.trivial = not (self.since or self.until or f.kinds or f.flagged or f.values
                            or f.behaviours)
        self.tokens = [f'"{i}":"'.encode() for i in [*f.values, *(b for b, _ in self.behaviours)]]

    def __call__(self, head: Head) -> bool:
        f = self.f
        day = head.when[:10]  # the date in the writer's zone when they wrote it
        if self.since and day < self.since:
            return False
        if self.until and day > self.until:
            return False
        if not (f.kinds or f.flagged or f.values or self.behaviours):
            return True
        text = head.meta_json
        # Cheap certain "no"s on the JSON text before decoding it: a marked value or an answered
        # behaviour always appears as "id":"...
        for token in self.tokens:
            if token not in text:
                return False
        meta = head.meta
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
