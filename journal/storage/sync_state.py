"""What sync needs of the store: its position, its unsent rows, and one transaction to apply.

`journal/sync/engine.py` drives these; rows stay sealed throughout (sync never decrypts an entry,
it only moves revisions whose associated data already binds them to their place). Conflicts come
from the revision graph: an item with two live heads shows "2 versions" until the writer keeps
one (`resolve_conflict`), which writes a revision whose parents are all the heads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journal.domain.model import Damage, Entry, EntryError
from journal.storage import position
from journal.storage.crypto import DamagedData, KeySlot
from journal.storage.db import RevisionRow
from journal.storage.heads import Item, make_item, open_row
from journal.storage.position import KEYS_CLOCK, KEYS_DEVICE, KEYS_PENDING
from journal.storage.position import OWN_HASH as _OWN_HASH
from journal.storage.position import OWN_SEQ as _OWN_SEQ
from journal.storage.position import SENT_UPTO as _SENT_UPTO
from journal.storage.writing import Writing

_LAST_SYNC = "sync_last"

#: More remote rows than this at once and the loaded view is dropped rather than patched: the
#: head index rebuilds it faster than folding row by row.
_FOLD_AT_MOST = 2000


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
    #: False when the position's seal did not check out (see `storage.position`): then it is
    #: what cannot lose anything, not what the file says.
    trusted: bool = True


@dataclass
class SyncChange:
    """What one sync brought, applied by `JournalStore.apply_sync` in one transaction."""

    rows: list[RevisionRow] = field(default_factory=list)
    cursors: dict[str, tuple[int, str]] = field(default_factory=dict)
    own: tuple[int, str, int] | None = None  # own seq, its hash, local rows sent up to
    adopt_slots: tuple[tuple[KeySlot, ...], str, str] | None = None  # slots, clock, device
    keys_sent: bool = False
    finished: str = ""
    #: The position's seal did not check out: it is replaced by the safe one this sync used.
    untrusted_position: bool = False


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


def held_back(rows: list[RevisionRow], known: set[str]) -> set[str]:
    """The ids of rows `apply_sync` would hold back: a parent is neither stored nor arriving."""
    return {r.revision_id for r in _parents_first(rows, known)[1]}


class Syncing(Writing):
    """The sync position, applying what a sync brought, and resolving the conflicts it shows."""

    def sync_state(self) -> SyncState:
        db = self._db
        if not position.checks_out(db, self.sealer, self.vault_id):
            return SyncState(
                own_seq=int(db.get_meta(_OWN_SEQ) or 0), own_hash=db.get_meta(_OWN_HASH) or "",
                sent_upto=0, cursors={}, keys_clock="0000000000000-00000",
                keys_device=self.device_id, keys_pending=False, slots=tuple(db.key_slots()),
                last_sync=db.get_meta(_LAST_SYNC) or "", trusted=False)
        return SyncState(
            own_seq=int(db.get_meta(_OWN_SEQ) or 0), own_hash=db.get_meta(_OWN_HASH) or "",
            sent_upto=int(db.get_meta(_SENT_UPTO) or 0), cursors=db.cursors(),
            keys_clock=db.get_meta(KEYS_CLOCK) or "0000000000000-00000",
            keys_device=db.get_meta(KEYS_DEVICE) or self.device_id,
            keys_pending=db.get_meta(KEYS_PENDING) == "1", slots=tuple(db.key_slots()),
            last_sync=db.get_meta(_LAST_SYNC) or "",
        )

    def known_revisions(self, revision_ids: set[str]) -> set[str]:
        """Which of these revisions this journal already holds (a sync counts what is new)."""
        return self._db.known_revisions(revision_ids)

    def unsent_rows(self, after: int) -> list[RevisionRow]:
        """Sealed rows this device wrote after local row `after`."""
        return self._db.own_rows_after(self.device_id, after)

    def writers(self) -> set[str]:
        """Every device that wrote a revision held here, this one included."""
        return self._db.device_ids()

    def rows_of(self, device_id: str) -> list[RevisionRow]:
        """Every sealed row of one device held here, parents first (a sync carries them when
        that device's own files on the remote are damaged)."""
        return self._db.own_rows_after(device_id, 0)

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
            if change.untrusted_position:
                db.clear_cursors()
                db.set_meta(_SENT_UPTO, "0")
                db.set_meta(KEYS_CLOCK, "0000000000000-00000")
                db.set_meta(KEYS_DEVICE, self.device_id)
                db.set_meta(KEYS_PENDING, "0")
            db.insert_revisions(order)
            self._ledger_add(order)
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
                db.set_meta(KEYS_CLOCK, keys_clock)
                db.set_meta(KEYS_DEVICE, keys_device)
                db.set_meta(KEYS_PENDING, "0")
                # the next key change here must come after the set adopted, even when the
                # device that made it had a clock ahead of this one's
                self._clock.observe(keys_clock)
            if change.keys_sent:
                db.set_meta(KEYS_PENDING, "0")
            for row in order:
                self._clock.observe(row.clock)
            db.set_meta("clock", self._clock.last)
            if change.finished:
                db.set_meta(_LAST_SYNC, change.finished)
            position.seal(db, self.sealer, self.vault_id)
        self._fold(order)
        self._integrity = None  # rows arrived: checked again when next asked
        return [r.revision_id for r in held]

    def _fold(self, rows: list[RevisionRow]) -> None:
        """Bring newly stored remote rows into the loaded view (or drop the view when many
        arrived: the head index brings it back quickly)."""
        if self._items is None or not rows:
            return
        if len(rows) > _FOLD_AT_MOST:
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
            self._db.set_meta(KEYS_PENDING, "1")
            position.seal(self._db, self.sealer, self.vault_id)

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
