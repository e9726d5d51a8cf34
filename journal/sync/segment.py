"""Segments: the immutable files a device appends to its own folder on the remote.

A segment is one AEAD blob under the journal's data key. Its associated data binds the vault id,
the device id, the sequence number and the SHA-256 of the device's previous segment file, so a
segment that is missing (a gap in the names), truncated, replayed under another number, swapped
with another, or copied from another device or journal does not open. Inside are the revisions
exactly as the database stores them, each still sealed to its own place (see
`storage.crypto.RevisionPlace`): sync never decrypts or re-encrypts an entry.

The remote sees only the file's size and name. The revision graph, ids and clocks are inside.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass, field

import orjson

from journal.errors import JournalError
from journal.storage.clock import parse_clock
from journal.storage.crypto import NONCE_BYTES, DamagedData, Sealer
from journal.storage.db import RevisionRow, join_parents, split_parents

MAGIC = b"pjseg1\n"
_PLAIN_MAGIC = b"PJS1"
#: A segment holds at most this much sealed data, so a first sync of a large journal is a few
#: files of a manageable size, and a failed upload repeats only one of them.
MAX_SEGMENT_BYTES = 8 * 1024 * 1024
_ID = re.compile(r"[0-9a-f]{32}")
_NAME = re.compile(r"(?:(\d{4})-)?(\d{8})")
#: A position is epoch * EPOCH + sequence number. Epoch 0 is a device's first chain (files named
#: `00000001`, ...); a device that finds its chain damaged, blocked or long publishes everything
#: anew as a fresh chain, epoch 1, 2, ... (files `0001-00000001`, ...). Files are never rewritten.
EPOCH = 10**8


class SegmentError(JournalError):
    """A segment that does not open or does not hold what it says; the message names it."""


def position(epoch: int, seq: int) -> int:
    return epoch * EPOCH + seq


def split(pos: int) -> tuple[int, int]:
    """(epoch, sequence number) of a position."""
    return divmod(pos, EPOCH)


def segment_name(pos: int) -> str:
    epoch, seq = split(pos)
    return f"{seq:08d}" if epoch == 0 else f"{epoch:04d}-{seq:08d}"


def label(pos: int) -> str:
    """How a message names a segment: "segment 2", or "segment 1 of chain 3"."""
    epoch, seq = split(pos)
    return f"segment {seq}" + (f" of chain {epoch}" if epoch else "")


def segment_seq(name: str) -> int | None:
    """The position a file name stands for; None for anything else (a sync tool's conflict
    copy, a desktop.ini)."""
    found = _NAME.fullmatch(name)
    if not found:
        return None
    epoch, seq = int(found.group(1) or 0), int(found.group(2))
    if seq == 0 or (found.group(1) is not None and epoch == 0):
        return None
    return position(epoch, seq)


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _label(vault_id: str) -> str:
    return f"{vault_id}/segment"


def _binding(device_id: str, seq: int, previous: str) -> str:
    return f"{device_id}/{seq}/{previous}"


#: A position in a device's chain and the SHA-256 of the file there.
Mark = tuple[int, str]


@dataclass(frozen=True)
class Claims:
    """What the writer of a segment knew when it sealed it, so readers notice what a remote
    withholds and where a damaged chain is covered:

    - `keys`: the key set the writer used (its clock and device): a newer one missing from the
      remote's `keys/` folder was withheld.
    - `seen`: how far the writer had read each other device's chain: a reader that finds less
      of that chain is missing files (withheld, or still being copied).
    - `carried`: other devices whose every revision up to that mark this segment holds, sent
      again because the writer found their own files on the remote damaged (that device may
      be gone for good). A reader whose chain of that device breaks before the mark takes them
      from here and reads on from the mark.
    """

    keys: tuple[str, str] | None = None
    seen: dict[str, Mark] = field(default_factory=dict)
    carried: dict[str, Mark] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {"keys": list(self.keys) if self.keys else None,
                "seen": {d: list(m) for d, m in self.seen.items()},
                "carried": {d: list(m) for d, m in self.carried.items()}}

    @classmethod
    def from_json(cls, data: dict[str, object] | None) -> Claims:
        """From a segment's header (older segments have none); ValueError when malformed."""
        if not data:
            return cls()
        raw = data.get("keys")
        keys = None
        if raw is not None:
            if not (isinstance(raw, list) and len(raw) == 2
                    and all(isinstance(k, str) for k in raw)):
                raise ValueError("malformed key claim")
            parse_clock(raw[0])
            keys = (str(raw[0]), str(raw[1]))
        return cls(keys, _marks(data.get("seen")), _marks(data.get("carried")))


def _marks(data: object) -> dict[str, Mark]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError("malformed marks")
    found: dict[str, Mark] = {}
    for device, mark in data.items():
        if not (_ID.fullmatch(device) and isinstance(mark, list) and len(mark) == 2
                and isinstance(mark[0], int) and mark[0] >= 0 and isinstance(mark[1], str)):
            raise ValueError("malformed mark")
        found[device] = (mark[0], mark[1])
    return found


@dataclass(frozen=True)
class Segment:
    """What one segment holds: revisions, the writer's local row number they reach, and what
    the writer claimed (see `Claims`)."""

    device_id: str
    seq: int
    rows: list[RevisionRow]
    upto: int
    claims: Claims = field(default_factory=Claims)


def batches(rows: list[RevisionRow], limit: int = MAX_SEGMENT_BYTES) -> Iterable[list[RevisionRow]]:
    """Rows cut into runs of at most `limit` sealed bytes (one oversized row stands alone)."""
    batch: list[RevisionRow] = []
    size = 0
    for row in rows:
        if batch and size + len(row.sealed) > limit:
            yield batch
            batch, size = [], 0
        batch.append(row)
        size += len(row.sealed) + NONCE_BYTES
    if batch:
        yield batch


def encode(rows: list[RevisionRow], upto: int, claims: Claims | None = None) -> bytes:
    header = orjson.dumps({
        "upto": upto,
        "claims": (claims or Claims()).to_json(),
        "rows": [[r.revision_id, r.item_id, join_parents(r.parents), r.device_id, r.clock,
                  int(r.deleted), len(r.sealed)] for r in rows],
    })
    return b"".join([_PLAIN_MAGIC, struct.pack(">I", len(header)), header,
                     *(part for r in rows for part in (r.nonce, r.sealed))])


def seal(sealer: Sealer, vault_id: str, device_id: str, seq: int, previous: str,
         rows: list[RevisionRow], upto: int, claims: Claims | None = None) -> bytes:
    """The file to write as `devices/<device_id>/<seq>`."""
    nonce, sealed = sealer.seal_blob(_label(vault_id), _binding(device_id, seq, previous),
                                     encode(rows, upto, claims))
    return MAGIC + nonce + sealed


def open_segment(sealer: Sealer, vault_id: str, device_id: str, seq: int, previous: str,
                 data: bytes, *, rows: bool = True) -> Segment:
    """Open and check one segment file; SegmentError says what is wrong with it. With `rows`
    False only its seal is checked (a device reading its own chain back), not its contents."""
    where = f"{label(seq)} of device {device_id[:8]}"
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + NONCE_BYTES + 16:
        raise SegmentError(f"{where} is not a journal segment (empty, truncated or foreign)")
    body = data[len(MAGIC):]
    try:
        plain = sealer.open_blob(_label(vault_id), _binding(device_id, seq, previous),
                                 body[:NONCE_BYTES], body[NONCE_BYTES:])
    except DamagedData:
        raise SegmentError(f"{where} does not open: it is damaged, truncated, out of order or "
                           "not from this journal") from None
    if not rows:
        return Segment(device_id, seq, [], 0)
    try:
        rows_, upto, claims = decode(plain)
    except (ValueError, TypeError, KeyError, IndexError, struct.error):
        raise SegmentError(f"{where} opens but its contents are malformed") from None
    for row in rows_:
        if row.device_id != device_id and row.device_id not in claims.carried:
            raise SegmentError(f"{where} holds a revision of another device")
    return Segment(device_id, seq, rows_, upto, claims)


def decode(plain: bytes) -> tuple[list[RevisionRow], int, Claims]:
    if not plain.startswith(_PLAIN_MAGIC):
        raise ValueError("no segment header")
    (length,) = struct.unpack_from(">I", plain, len(_PLAIN_MAGIC))
    start = len(_PLAIN_MAGIC) + 4
    header = orjson.loads(plain[start:start + length])
    offset = start + length
    rows = []
    for rev, item, parents, device, clock, deleted, size in header["rows"]:
        parent_ids = split_parents(parents)
        if not all(_ID.fullmatch(i) for i in (rev, item, device, *parent_ids)):
            raise ValueError("malformed id")
        parse_clock(clock)
        nonce = plain[offset:offset + NONCE_BYTES]
        sealed = plain[offset + NONCE_BYTES:offset + NONCE_BYTES + size]
        if len(nonce) != NONCE_BYTES or len(sealed) != size:
            raise ValueError("short segment")
        offset += NONCE_BYTES + size
        rows.append(RevisionRow(rev, item, parent_ids, device, clock, bool(deleted), nonce,
                                sealed))
    if offset != len(plain):
        raise ValueError("trailing bytes")
    return rows, int(header["upto"]), Claims.from_json(header.get("claims"))
