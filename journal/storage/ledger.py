"""The ledger: a sealed commitment to every revision row this journal file holds.

Each revision is sealed to its place, so a changed or moved row fails to open. But a row that is
simply gone cannot fail to open: deleting an entry's newest revision would roll it back, and
deleting all its rows would make it vanish, with every remaining row intact. The ledger closes
that gap. It holds the number of revision rows and a multiset hash of their public fields (the
sum, modulo 2^256, of each row's SHA-256), sealed with the data key and updated in the same
transaction as every row written, by this device or by a sync. Adding to it costs one hash per
row; checking it reads the public graph once (no decryption): `verify` does that. Beside the hash
it keeps sums SQLite can check in milliseconds (rows, deleted flags, clock values), so `list`,
`show` and the app notice a removed row or a flipped column at every unlock, and only then pay
for the full check that names the entries. The ids it counts are kept apart from the sums, a
sealed chunk per write (`IDS_LABEL`), so a write costs the same at 100 entries as at 100,000.
A migration that rewrites rows must rewrite the
ledger in the same transaction.

What it cannot see is the whole file put back to an older copy, ledger included: only another
device, through the remote, knows that this device wrote more (see sync).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from journal.domain.model import LEDGER_GONE, Damage
from journal.storage.crypto import DamagedData, Sealer, join_parents
from journal.storage.db import Database, RevisionRow

LABEL = "ledger"
_BLOB_ID = "revisions"
#: The ids the ledger counts live apart from its sums, in sealed chunks: one per transaction
#: that wrote rows, so a write seals only its own few ids (a whole list of 100,000 ids, sealed
#: again by every `journal add`, cost half a second), and the sums open without them.
IDS_LABEL = "ledger-ids"
#: Chunks beyond which the next write merges them all into one.
MAX_CHUNKS = 256
_MOD = 1 << 256
#: Set once the ledger exists: from then on a missing ledger is itself a finding.
KEPT_SINCE = "ledger_since"


def row_digest(row: RevisionRow) -> int:
    """One row's public fields, hashed: exactly what the row's own seal binds besides its id."""
    line = "\x1f".join((row.revision_id, row.item_id, join_parents(row.parents), row.device_id,
                        row.clock, "1" if row.deleted else "0"))
    return int.from_bytes(hashlib.sha256(line.encode("utf-8")).digest(), "big")


def _clock_parts(clock: str) -> tuple[int, int]:
    """A clock's milliseconds and counter, as SQLite's CAST reads them (garbage counts 0)."""
    ms, _, counter = clock.partition("-")
    return (int(ms) if ms.isdigit() else 0, int(counter) if counter.isdigit() else 0)


#: The quick sums, computed by SQLite over every row.
_QUICK = ("SELECT count(*), coalesce(sum(deleted), 0), "
          "coalesce(sum(CAST(substr(clock, 1, instr(clock, '-') - 1) AS INTEGER)), 0), "
          "coalesce(sum(CAST(substr(clock, instr(clock, '-') + 1) AS INTEGER)), 0) "
          "FROM revisions")


@dataclass
class Ledger:
    count: int = 0
    digest: int = 0
    deleted: int = 0
    clock_ms: int = 0
    clock_counter: int = 0
    #: How many id chunks are stored, and how many ids they hold (a chunk gone is damage).
    chunks: int = 0
    stored_ids: int = 0
    #: Ids counted since the ledger was read, stored as one new chunk by `write`.
    added: list[str] = field(default_factory=list)
    #: Every id counted (stored and added), once `load_held` has read the chunks: a row that
    #: comes back (a sync restoring what was lost) is not counted twice, and `verify` can name
    #: what is missing. Rows this device seals have fresh random ids and need no look-up.
    held: set[str] | None = None

    def add(self, rows: Iterable[RevisionRow], *, fresh: bool = False) -> None:
        """Count rows. Unless they are `fresh` (new ids), `held` must be loaded first."""
        for row in rows:
            if not fresh:
                assert self.held is not None, "load_held before adding rows that may return"
                if row.revision_id in self.held:
                    continue  # restored: it was counted when first written
                self.held.add(row.revision_id)
            elif self.held is not None:
                self.held.add(row.revision_id)
            self.added.append(row.revision_id)
            self.count += 1
            self.digest = (self.digest + row_digest(row)) % _MOD
            self.deleted += 1 if row.deleted else 0
            ms, counter = _clock_parts(row.clock)
            self.clock_ms += ms
            self.clock_counter += counter

    @property
    def sums(self) -> tuple[int, int, int, int]:
        return (self.count, self.deleted, self.clock_ms, self.clock_counter)

    @classmethod
    def of(cls, rows: Iterable[RevisionRow]) -> Ledger:
        ledger = cls(held=set())
        ledger.add(rows)
        return ledger


def _label(vault_id: str, label: str = LABEL) -> str:
    return f"{vault_id}/{label}"


def _chunk_id(n: int) -> str:
    return f"{IDS_LABEL}/{n:08d}"


def _damaged() -> DamagedData:
    return DamagedData(LEDGER_GONE)


def read(db: Database, sealer: Sealer, vault_id: str) -> Ledger | None:
    """The sealed ledger's sums (not its ids: `load_held`), or None when this file has none
    yet. Raises DamagedData when it is there but does not open."""
    for blob_id, nonce, sealed in db.blobs(LABEL):
        raw = sealer.open_blob(_label(vault_id), blob_id, nonce, sealed)
        try:
            data = json.loads(raw)
            kept = Ledger(int(data["count"]), int(data["digest"], 16), int(data["deleted"]),
                          int(data["clock_ms"]), int(data["clock_counter"]),
                          int(data.get("chunks", 0)), int(data.get("ids", 0)))
            if "held" in data:  # written before the ids moved to chunks: stored anew next write
                kept.added = list(filter(None, str(data["held"]).split("\n")))
        except (ValueError, KeyError, TypeError):
            raise _damaged() from None
        return kept
    return None


def load_held(db: Database, sealer: Sealer, vault_id: str, ledger: Ledger) -> set[str]:
    """Every id the ledger counts, read from its chunks (DamagedData when one is missing,
    extra, or does not open)."""
    if ledger.held is None:
        held = set(ledger.added)
        stored = 0
        chunks = db.blobs(IDS_LABEL)
        if sorted(blob_id for blob_id, _, _ in chunks) != [
                _chunk_id(n) for n in range(1, ledger.chunks + 1)]:
            raise _damaged()
        for blob_id, nonce, sealed in chunks:
            ids = sealer.open_blob(_label(vault_id, IDS_LABEL), blob_id, nonce, sealed)
            part = ids.decode("utf-8").split("\n") if ids else []
            stored += len(part)
            held.update(part)
        if stored != ledger.stored_ids:
            raise _damaged()
        ledger.held = held
    return ledger.held


def _put_chunk(db: Database, sealer: Sealer, vault_id: str, n: int, ids: Iterable[str]) -> None:
    nonce, sealed = sealer.seal_blob(_label(vault_id, IDS_LABEL), _chunk_id(n),
                                     "\n".join(ids).encode("utf-8"))
    db.put_blob(_chunk_id(n), IDS_LABEL, nonce, sealed)


def _merged(db: Database, sealer: Sealer, vault_id: str, ledger: Ledger) -> list[str] | None:
    """Every id, for merging the chunks into one; None when a chunk is missing or damaged.
    Then nothing merges and the write adds its chunk past the limit: the damage stays for
    `verify` to report, and the journal still takes new entries (a merge that raised here
    refused every write once the chunks reached the limit)."""
    try:
        return sorted(load_held(db, sealer, vault_id, ledger))
    except DamagedData:
        return None


def write(db: Database, sealer: Sealer, vault_id: str, ledger: Ledger) -> None:
    """Store the ledger; call inside the transaction that wrote the rows it counts. The ids
    added since it was read become one new chunk; past MAX_CHUNKS, all merge into one."""
    if ledger.chunks == 0:  # a ledger started afresh owns no chunk left by an earlier one
        for blob_id, _, _ in db.blobs(IDS_LABEL):
            db.remove_blob(blob_id)
    if ledger.added:
        every = _merged(db, sealer, vault_id, ledger) if ledger.chunks >= MAX_CHUNKS else None
        if every is not None:
            for n in range(1, ledger.chunks + 1):
                db.remove_blob(_chunk_id(n))
            ledger.chunks, ledger.stored_ids = 0, 0
            ledger.added = every
        ledger.chunks += 1
        _put_chunk(db, sealer, vault_id, ledger.chunks, ledger.added)
        ledger.stored_ids += len(ledger.added)
        ledger.added = []
    data = json.dumps({"count": ledger.count, "digest": f"{ledger.digest:064x}",
                       "deleted": ledger.deleted, "clock_ms": ledger.clock_ms,
                       "clock_counter": ledger.clock_counter, "chunks": ledger.chunks,
                       "ids": ledger.stored_ids})
    nonce, sealed = sealer.seal_blob(_label(vault_id), _BLOB_ID, data.encode("utf-8"))
    db.put_blob(_BLOB_ID, LABEL, nonce, sealed)
    if not db.get_meta(KEPT_SINCE):
        db.set_meta(KEPT_SINCE, "1")


@dataclass
class Integrity:
    """What the public graph says against the ledger: rows gone, added or changed outside the
    journal, and revisions named as a parent that are not there."""

    expected: int
    found: int
    matches: bool
    problems: list[Damage] = field(default_factory=list)
    suspect: set[str] = field(default_factory=set)  # entries whose state cannot be trusted

    @property
    def ok(self) -> bool:
        return self.matches and not self.problems


def quick_match(db: Database, ledger: Ledger) -> bool:
    """The sums SQLite keeps over every row against the ledger's, and the number of id chunks
    (none opened): a few milliseconds. A chunk gone or added is found by every unlock, not
    only by `verify`, as a sums blob gone is."""
    row = db.conn.execute(_QUICK).fetchone()
    chunks = db.conn.execute("SELECT count(*) FROM local_blobs WHERE label = ?",
                             (IDS_LABEL,)).fetchone()[0]
    return tuple(int(v) for v in row) == ledger.sums and int(chunks) == ledger.chunks


def check(db: Database, ledger: Ledger | None, held: set[str] | None = None) -> Integrity:
    """The whole check: every row's public fields hashed, and every parent looked for; with
    the ledger's ids (`held`), the missing ones named."""
    rows = list(db.revision_graph())
    found = Ledger.of(rows)
    present = {r.revision_id for r in rows}
    problems, suspect = [], set()
    for row in rows:
        for parent in row.parents:
            if parent not in present:
                suspect.add(row.item_id)
                problems.append(Damage(row.item_id, parent,
                                       f"missing: named as the parent of revision "
                                       f"{row.revision_id[:8]}, but not in the journal"))
    if ledger is None:
        return Integrity(found.count, found.count, True, problems, suspect)
    matches = (found.count, found.digest, found.sums) == (ledger.count, ledger.digest,
                                                          ledger.sums)
    for missing in sorted((held or set()) - present):
        problems.append(Damage("", missing, "missing: this journal held it, the file no longer "
                                            "does (a sync restores it where a remote has it)"))
    if not matches:
        problems.append(Damage("", "", (
            f"the journal file holds {found.count} revisions where its sealed record counts "
            f"{ledger.count}, or the same number changed: rows were removed, added or altered "
            "outside the journal, so an entry may show an older version or be missing")))
    return Integrity(ledger.count, found.count, matches, problems, suspect)
