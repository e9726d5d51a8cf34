"""Scanning every entry's text for a search, on one core or two.

A one-shot search of 20,000 entries has to decrypt 20,000 rows; on a 2-core machine that scan is
the bulk of the command's time. For large journals on Linux the scan is split: a forked child
scans half the rows on its own read-only connection and sends back only its hits through a pipe,
so nothing readable ever touches the disk. If the child fails in any way, its half is scanned
here instead: a search never loses results to parallelism.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar, cast

from journal.storage.crypto import DamagedData, Sealer, revision_aad
from journal.storage.heads import Head
from journal.storage.opening import read_only_uri

#: Below this many entries one process is quicker than starting a second.
PARALLEL_FROM = 4000

Hit = TypeVar("Hit")

#: (rank, payload) -> a hit worth returning (any picklable value), or None.
Matcher = Callable[[int, bytes], Hit | None]

Rows = tuple[int, int]  # a range of row numbers (seq), both ends included
Damaged = tuple[str, str, str]  # entry id, revision id, reason
Found = tuple[list[Hit], list[Damaged]]


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(path), uri=True, timeout=10)


def _rows(path: Path, rows: Rows) -> Iterator[tuple[str, bytes, bytes]]:
    conn = _connect(path)
    try:
        yield from conn.execute(
            "SELECT rev_id, nonce, sealed FROM revisions WHERE seq BETWEEN ? AND ?", rows)
    finally:
        conn.close()


def _scan(path: Path, sealer: Sealer, vault_id: str, by_id: dict[str, tuple[int, Head]],
          rows: Rows, match: Matcher[Hit]) -> Found[Hit]:
    """Hits and damaged (entry, revision, reason) among the heads stored in these rows."""
    hits: list[Hit] = []
    damaged: list[Damaged] = []
    for rev_id, nonce, sealed in _rows(path, rows):
        found = by_id.get(rev_id)
        if found is None:
            continue  # an older revision, not a head
        rank, head = found
        aad = revision_aad(vault_id, head.item_id, rev_id, head.parents, head.device_id,
                           head.clock, head.deleted)
        try:
            hit = match(rank, sealer.decrypt(aad, nonce, sealed))
        except DamagedData as exc:
            damaged.append((head.item_id, rev_id, str(exc)))
            continue
        if hit is not None:
            hits.append(hit)
    return hits, damaged


def _forked(path: Path, sealer: Sealer, vault_id: str, by_id: dict[str, tuple[int, Head]],
            rows: Rows, match: Matcher[Hit]) -> Callable[[], Found[Hit]]:
    """Start scanning `rows` in a child; return a function that waits for its answer."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: scan, write the pickled answer, and leave without cleanup
        status = 1
        try:
            os.close(read_end)
            data = pickle.dumps(_scan(path, sealer, vault_id, by_id, rows, match))
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)

    def collect() -> Found[Hit]:
        with os.fdopen(read_end, "rb") as incoming:
            data = incoming.read()
        _, status = os.waitpid(pid, 0)
        if status != 0 or not data:
            raise ChildProcessError("search helper failed")
        return cast("Found[Hit]", pickle.loads(data))  # our own child wrote it

    return collect


def scan(path: Path, sealer: Sealer, vault_id: str, heads: list[Head], match: Matcher[Hit], *,
         parallel: bool = False) -> Found[Hit]:
    """Run `match` over every head's decrypted payload; return (hits, damaged).

    In parallel, the child reads the first half of the table and this process the second, so
    each reads only its half."""
    by_id = {head.revision_id: (rank, head) for rank, head in enumerate(heads)}
    conn = _connect(path)
    try:
        top = int(conn.execute("SELECT coalesce(max(seq), 0) FROM revisions").fetchone()[0])
    finally:
        conn.close()
    everything = (0, top)
    if not (parallel and len(heads) >= PARALLEL_FROM and sys.platform == "linux"
            and hasattr(os, "fork")):
        return _scan(path, sealer, vault_id, by_id, everything, match)
    theirs, mine = (0, top // 2), (top // 2 + 1, top)
    try:
        collect = _forked(path, sealer, vault_id, by_id, theirs, match)
    except OSError:
        return _scan(path, sealer, vault_id, by_id, everything, match)
    hits, damaged = _scan(path, sealer, vault_id, by_id, mine, match)
    try:
        their_hits, their_damage = collect()
    except (ChildProcessError, OSError, pickle.UnpicklingError, EOFError):
        their_hits, their_damage = _scan(path, sealer, vault_id, by_id, theirs, match)
    return hits + their_hits, damaged + their_damage
