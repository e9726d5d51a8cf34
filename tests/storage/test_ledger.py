"""Damage cannot hide: rows removed from the journal file outside the journal are found by
`verify` and named by `list` and `show`, through the real command (issue 13)."""

from __future__ import annotations

import json
import sqlite3

from conftest import add, fails, ok, sample_entry

from journal.storage import ledger


def _db(cli) -> sqlite3.Connection:
    return sqlite3.connect(cli.home / "journal.db", isolation_level=None)


def _edited(cli, text: str = "first words") -> str:
    entry_id = add(cli, text=text)
    ok(cli("edit", entry_id, "second words"))
    ok(cli("edit", entry_id, "third words"))
    return entry_id


def _rows(conn: sqlite3.Connection, entry_id: str) -> list[tuple[str, int]]:
    return conn.execute("SELECT rev_id, seq FROM revisions WHERE item_id = ? ORDER BY seq",
                        (entry_id,)).fetchall()


def test_an_intact_journal_verifies(cli):
    _edited(cli)
    add(cli, text="another")
    assert "All 4 revisions open and are intact." in ok(cli("verify")).out


def test_deleting_the_newest_revision_is_a_rollback_that_verify_and_show_report(cli):
    entry_id = _edited(cli)
    ok(cli("verify"))  # the ledger is started and matches
    conn = _db(cli)
    newest = _rows(conn, entry_id)[-1][0]
    conn.execute("DELETE FROM revisions WHERE rev_id = ?", (newest,))
    conn.close()
    shown = ok(cli("show", entry_id))
    assert "this journal file no longer holds every revision it wrote" in shown.err
    listed = ok(cli("list"))
    assert "journal verify" in listed.err
    verify = fails(cli("verify"), 1, "problem(s) in the journal's 2 revisions")
    assert "holds 2 revisions where its sealed record counts 3" in verify.out


def test_deleting_every_row_of_an_entry_is_found(cli):
    gone = add(cli, text="to vanish")
    add(cli, text="to stay")
    conn = _db(cli)
    conn.execute("DELETE FROM revisions WHERE item_id = ?", (gone,))
    conn.close()
    fails(cli("verify"), 1, "problem(s)")
    assert "no longer holds every revision" in ok(cli("list")).err


def test_a_missing_middle_revision_names_its_entry(cli):
    entry_id = _edited(cli)
    conn = _db(cli)
    middle = _rows(conn, entry_id)[1][0]
    conn.execute("DELETE FROM revisions WHERE rev_id = ?", (middle,))
    conn.close()
    shown = ok(cli("show", entry_id))
    assert f"entry {entry_id[:8]} is missing a revision" in shown.err
    verify = fails(cli("verify"), 1)
    assert f"damaged: entry {entry_id[:8]} revision {middle[:8]}: missing" in verify.out


def test_a_flipped_column_is_found_by_verify_and_named_by_list(cli):
    entry_id = _edited(cli)
    ok(cli("verify"))
    conn = _db(cli)
    newest = _rows(conn, entry_id)[-1][0]
    conn.execute("UPDATE revisions SET deleted = 1 WHERE rev_id = ?", (newest,))
    conn.close()
    assert "no longer holds every revision it wrote" in ok(cli("list", "--deleted")).err
    fails(cli("verify"), 1)


def test_writes_and_syncs_keep_the_ledger_in_step(cli, tmp_path):
    """Every write updates the ledger in its own transaction: no false alarm after many."""
    for n in range(5):
        entry_id = add(cli, text=f"entry {n}")
        ok(cli("edit", entry_id, f"entry {n}, edited"))
    ok(cli("delete", entry_id))
    ok(cli("restore", entry_id))
    result = ok(cli("list"))
    assert "warning" not in result.err
    assert "All 12 revisions open and are intact." in ok(cli("verify")).out


def test_a_removed_ledger_is_itself_a_finding(cli):
    entry_id = _edited(cli)
    ok(cli("verify"))
    conn = _db(cli)
    conn.execute("DELETE FROM local_blobs WHERE label = 'ledger'")
    conn.close()
    # every row opens: what is lost is the means to notice a removed one, and the line says
    # what would be sure (not "restore or sync to recover them": there is nothing to recover)
    fails(cli("verify"), 1, "all 3 revisions open", "journal join", "restore a backup")
    ok(cli("edit", entry_id, "fourth words"))  # a write does not paper over the loss
    verify = fails(cli("verify"), 1)
    assert "sealed record of its revisions is missing" in verify.out
    conn = _db(cli)  # a row another names as its parent removed too: a problem with the rows
    conn.execute("DELETE FROM revisions WHERE seq = (SELECT min(seq) FROM revisions)")
    conn.close()
    fails(cli("verify"), 1, "problem(s)", "sync to recover them")


def test_a_changed_clock_is_noticed_by_show_without_opening_the_row(cli):
    entry_id = _edited(cli)
    ok(cli("verify"))
    conn = _db(cli)
    newest = _rows(conn, entry_id)[-1][0]
    clock = conn.execute("SELECT clock FROM revisions WHERE rev_id = ?", (newest,)).fetchone()[0]
    ms, _, counter = clock.partition("-")
    conn.execute("UPDATE revisions SET clock = ? WHERE rev_id = ?",
                 (f"{int(ms) + 86_400_000:013d}-{counter}", newest))
    conn.close()
    assert "no longer holds every revision it wrote" in ok(cli("show", entry_id)).err
    fails(cli("verify"), 1)


# -- the ledger's ids live apart from its sums ------------------------------------------------

def _blob_sizes(store, label: str) -> dict[str, int]:
    return {blob_id: len(sealed) for blob_id, _, sealed in store._db.blobs(label)}


def test_a_write_seals_only_its_own_ids_and_verify_still_names_a_lost_row(store):
    """A write adds one small chunk of ids (its own) and rewrites only the small sums, so its
    cost does not grow with the journal; `verify` still names each revision that is gone."""
    first = store.add(sample_entry(0))
    for n in range(1, 40):
        store.add(sample_entry(n))
    assert max(_blob_sizes(store, ledger.LABEL).values()) < 300  # sums only, no ids
    chunks = _blob_sizes(store, ledger.IDS_LABEL)
    assert len(chunks) == 40 and max(chunks.values()) < 120  # one 32-character id each
    store._db.conn.execute("DELETE FROM revisions WHERE rev_id = ?", (first.revision_id,))
    _, damage = store.verify()
    assert any(d.revision_id == first.revision_id and "this journal held it" in d.reason
               for d in damage), damage


def test_a_missing_chunk_of_ids_is_a_finding(store):
    for n in range(3):
        store.add(sample_entry(n))
    assert store.verify()[1] == []
    store._db.remove_blob(next(iter(_blob_sizes(store, ledger.IDS_LABEL))))
    store.forget_view()
    _, damage = store.verify()
    assert any("sealed record of its revisions is missing or damaged" in d.reason
               for d in damage), damage


def test_chunks_merge_into_one_past_the_limit(store, monkeypatch):
    monkeypatch.setattr(ledger, "MAX_CHUNKS", 3)
    written = [store.add(sample_entry(n)) for n in range(7)]
    assert len(_blob_sizes(store, ledger.IDS_LABEL)) <= 3
    assert store.verify()[1] == []
    held = ledger.load_held(store._db, store.sealer, store.vault_id,
                            ledger.read(store._db, store.sealer, store.vault_id))
    assert held == {e.revision_id for e in written}


def test_a_ledger_written_before_the_chunks_reads_and_moves_its_ids(store):
    """A journal whose ledger kept every id in one blob (before this change) verifies, and its
    next write moves the ids into a chunk."""
    written = [store.add(sample_entry(n)) for n in range(3)]
    kept = ledger.read(store._db, store.sealer, store.vault_id)
    old = json.dumps({"count": kept.count, "digest": f"{kept.digest:064x}",
                      "deleted": kept.deleted, "clock_ms": kept.clock_ms,
                      "clock_counter": kept.clock_counter,
                      "held": "\n".join(sorted(e.revision_id for e in written))})
    nonce, sealed = store.sealer.seal_blob(f"{store.vault_id}/{ledger.LABEL}", "revisions",
                                           old.encode())
    with store._db.transaction():
        store._db.put_blob("revisions", ledger.LABEL, nonce, sealed)
        for blob_id in _blob_sizes(store, ledger.IDS_LABEL):
            store._db.remove_blob(blob_id)
    store.forget_view()
    assert store.verify()[1] == []
    written.append(store.add(sample_entry(3)))
    assert len(_blob_sizes(store, ledger.IDS_LABEL)) == 1
    held = ledger.load_held(store._db, store.sealer, store.vault_id,
                            ledger.read(store._db, store.sealer, store.vault_id))
    assert held == {e.revision_id for e in written}
