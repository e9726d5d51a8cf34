"""Attacks on what changed in storage this session, through the real command and real stores:
the ledger's id chunks (`ledger.py`), an import's order blob (`bulk.py`), and `show ID` without
the loaded view (`newest.lookup`, `Reading.resolve`). Each test says what a user would see."""

from __future__ import annotations

import sqlite3

from conftest import PASSPHRASE, add, fails, ok, sample_entry

from journal.storage import ledger
from journal.storage.store import JournalStore


def _db(home) -> sqlite3.Connection:
    return sqlite3.connect(home / "journal.db", isolation_level=None)


# -- the ledger's id chunks ------------------------------------------------------------------

def test_a_lost_chunk_does_not_stop_writing_once_the_chunks_reach_the_limit(cli):
    """A chunk of ids gone is damage `verify` reports, but the journal still takes entries:
    the merge at MAX_CHUNKS used to raise, and every `journal add` after it failed."""
    with JournalStore.unlock(cli.home, PASSPHRASE) as store:
        for n in range(ledger.MAX_CHUNKS):
            store.add(sample_entry(n))
    conn = _db(cli.home)
    conn.execute("DELETE FROM local_blobs WHERE blob_id = ?", (ledger._chunk_id(5),))
    conn.close()
    first = add(cli, text="written after the damage")
    add(cli, text="and another")
    assert "written after the damage" in ok(cli("show", first)).out
    verify = fails(cli("verify"), 1, "problem(s)")
    assert "sealed record of its revisions is missing or damaged" in verify.out
    assert "Traceback" not in verify.out
