"""The two-process search scan gives exactly the sequential answer, even when the helper fails."""

from __future__ import annotations

import os
import sqlite3

import pytest
from conftest import sample_entry

from journal.storage import scan as scanmod
from journal.storage.store import EntryFilter


@pytest.fixture
def big(store, monkeypatch):
    monkeypatch.setattr(scanmod, "PARALLEL_FROM", 10)
    store.add_many([sample_entry(n, title=f"t{n}", body=f"entry {n} {'needle' * (n % 7 == 0)}")
                    for n in range(60)])
    return store


def test_parallel_search_equals_sequential(big):
    sequential = [h.entry.id for h in big.search("needle")]
    parallel = [h.entry.id for h in big.search("needle", parallel=True)]
    assert parallel == sequential and len(parallel) == 9


def test_damage_in_either_half_is_reported(big, home):
    ids = [e.id for e in sorted(big.entries(), key=lambda e: e.when)]
    conn = sqlite3.connect(home / "journal.db", isolation_level=None)
    for victim in (ids[0], ids[-1]):  # first rows go to the helper, last rows stay here
        conn.execute("UPDATE revisions SET nonce=zeroblob(12) WHERE item_id=?", (victim,))
    conn.close()
    hits = big.search("entry", parallel=True)
    assert len(hits) == 58
    assert {d.entry_id for d in big.damaged} >= {ids[0], ids[-1]}


def test_a_failing_helper_loses_nothing(big):
    parent = os.getpid()
    heads = [i.current for i in big._select_items(EntryFilter())[0]]

    def match(rank, payload):
        if os.getpid() != parent:
            raise RuntimeError("the helper dies")
        return rank if b"needle" in payload else None

    hits, damaged = scanmod.scan(big._db.path, big.sealer, big.vault_id, heads, match,
                                 parallel=True)
    expected = [rank for rank, head in enumerate(heads) if int(head.meta["title"][1:]) % 7 == 0]
    assert sorted(hits) == expected and len(expected) == 9
    assert damaged == []
