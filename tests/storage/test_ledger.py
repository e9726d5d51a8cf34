"""Damage cannot hide: rows removed from the journal file outside the journal are found by
`verify` and named by `list` and `show`, through the real command (issue 13)."""

from __future__ import annotations

import sqlite3

from conftest import add, fails, ok


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
    fails(cli("verify"), 1, "problem(s)")
    ok(cli("edit", entry_id, "fourth words"))  # a write does not paper over the loss
    verify = fails(cli("verify"), 1)
    assert "sealed record of its revisions is missing" in verify.out


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
