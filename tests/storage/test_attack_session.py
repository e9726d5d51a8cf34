"""Attacks on what changed in storage this session, through the real command and real stores:
the ledger's id chunks (`ledger.py`), an import's order blob (`bulk.py`), and `show ID` without
the loaded view (`newest.lookup`, `Reading.resolve`). Each test says what a user would see."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import time
from dataclasses import replace
from datetime import datetime, timedelta

from conftest import PASSPHRASE, add, fails, make_store, ok, sample_entry
from test_newest import indexed, quick_and_loaded, shown

from journal.domain import people
from journal.storage import ledger
from journal.storage.bulk import BulkAdd
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
    verify = fails(cli("verify"), 1, "record of them is missing or damaged")
    assert "sealed record of its revisions is missing or damaged" in verify.out
    assert "Traceback" not in verify.out


# -- `show ID` without the loaded view (newest.lookup) ---------------------------------------

def _as_seen(found):
    return found if isinstance(found, str) else (found.id, found.title, found.versions,
                                                 found.deleted)


def _blob_rewritten(home) -> None:
    """The head index and the order blob written anew from the loaded view, as a command
    that loads it does now and then: later writes are then behind it, earlier ones in it."""
    with JournalStore.unlock(home, PASSPHRASE) as store:
        items = store._load()
        assert store._loader is not None
        store._loader.write_index(items)


def test_a_short_prefix_with_many_candidates_agrees_with_the_view(home):
    """More candidates than are searched for one by one: the blob's ids are read once, and
    records (a person, a supervisor) and deleted entries are told apart as the view does."""
    store, _ = make_store(home)
    ids = [e.id for e in store.add_many([sample_entry(n, title=f"E{n}") for n in range(400)])]
    people.save_person(store, "Sam Jones", [], "")
    store.put_record("supervisor", {"name": "Dr Ada Lovelace"})
    store.delete(ids[0])
    store.close()
    _blob_rewritten(home)
    with JournalStore.unlock(home, PASSPHRASE) as store:
        store.add(sample_entry(900, title="After the blob"))
        records = [i.item_id for i in store._load().values() if i.type != "entry"]
    assert len(records) == 2
    for prefix in [*"0123456789abcdef", ids[0][:2], records[0][:1].upper(), records[1]]:
        quick, answered, loaded = shown(home, prefix)
        assert answered and _as_seen(quick) == _as_seen(loaded), prefix


def test_show_with_a_one_character_prefix_is_quick_at_twenty_thousand_entries(home):
    """`journal show a` at 100,000 entries took 15 s (6,000 candidates, each searched for in
    the 11 MB blob) where the loaded view takes under one; 0.1 s now. At 20,000: 0.8 s then."""
    store, _ = make_store(home)
    store.add_many([sample_entry(n % 700, title=f"T{n}") for n in range(20_000)])
    store.count()  # the order blob
    store.close()
    with JournalStore.unlock(home, PASSPHRASE) as store:
        started = time.perf_counter()
        try:
            store.get("a")
        except LookupError as exc:
            said = str(exc)
        took = time.perf_counter() - started
        assert store._items is None
    assert "type more of the id" in said
    assert took < 0.4, took


def test_a_chunk_of_ids_gone_or_added_is_told_by_list_and_show_not_only_verify(cli):
    """The quick check at every unlock counts the chunks (none is opened): a chunk deleted or
    one copied in is named by `list` and `show`, as a sums blob deleted is."""
    entry_id = add(cli, text="kept")
    add(cli, text="also kept")
    ok(cli("verify"))
    for change in ("DELETE FROM local_blobs WHERE blob_id = 'ledger-ids/00000002'",
                   "INSERT INTO local_blobs SELECT 'ledger-ids/00000009', label, nonce, sealed "
                   "FROM local_blobs WHERE blob_id = 'ledger-ids/00000001'"):
        conn = _db(cli.home)
        saved = conn.execute("SELECT * FROM local_blobs WHERE label = ?",
                             (ledger.IDS_LABEL,)).fetchall()
        conn.execute(change)
        conn.close()
        for args in (("list",), ("show", entry_id)):
            assert "run `journal verify`" in ok(cli(*args)).err, (change, args)
        verify = fails(cli("verify"), 1, "record of them is missing or damaged")
        assert "sealed record of its revisions is missing or damaged" in verify.out
        conn = _db(cli.home)
        conn.execute("DELETE FROM local_blobs WHERE label = ?", (ledger.IDS_LABEL,))
        conn.executemany("INSERT INTO local_blobs VALUES (?, ?, ?, ?)", saved)
        conn.close()
        assert "warning" not in ok(cli("list")).err
        ok(cli("verify"))


# -- an import's order blob (bulk.py) ----------------------------------------------------------

def test_an_import_whose_order_blob_cannot_be_written_still_succeeds(home):
    """Every batch is committed when the order blob is merged at the end; that blob is only a
    cache. A journal busy in another process then (or a disk too full for the blob, 11 MB at
    100,000 entries, the import's largest write) used to fail the whole import with an error
    saying nothing was written, after every entry had been."""
    store, _ = make_store(home)
    store.close()
    with JournalStore.unlock(home, PASSPHRASE) as store:
        store._db.conn.execute("PRAGMA busy_timeout = 50")  # not the 10 s a user waits
        with BulkAdd(store) as add_batch:
            add_batch([sample_entry(n, title=f"Imported {n}") for n in range(30)])
            other = _db(home)
            other.execute("BEGIN IMMEDIATE")  # another process writing as the import ends
        other.execute("ROLLBACK")
        other.close()
    with JournalStore.unlock(home, PASSPHRASE) as store:
        assert store.count() == 30
        assert store.verify()[1] == []


def _jrnl_export(path, count: int) -> None:
    """A jrnl export (`jrnl --export json`'s shape) of `count` short entries, dated in turn."""
    start = datetime(2020, 1, 1, 8, 0)
    with path.open("w", encoding="utf-8") as out:
        out.write('{"tags": {}, "entries": [\n')
        for n in range(count):
            when = start + timedelta(hours=n)
            item = {"title": f"Imported {n}", "body": f"Shift {n}: we talked about hope.",
                    "date": when.strftime("%Y-%m-%d"), "time": when.strftime("%H:%M"),
                    "tags": [], "starred": False}
            out.write(("," if n else "") + json.dumps(item) + "\n")
        out.write("]}\n")


def test_an_import_killed_midway_loses_nothing_and_a_second_run_finishes_it(process_cli,
                                                                              tmp_path):
    """`kill -9` of `journal import jrnl` between batches: the batches written are whole, the
    journal verifies, lists and takes new entries, and importing again adds only the rest."""
    cli = process_cli
    before = add(cli, text="written before the import")
    export = tmp_path / "jrnl.json"
    _jrnl_export(export, 8000)
    proc = subprocess.Popen([*cli.command, "import", "jrnl", str(export)], env=cli.env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    conn = _db(cli.home)
    while proc.poll() is None:
        if conn.execute("SELECT count(*) FROM revisions").fetchone()[0] > 2000:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.01)
    proc.wait()
    written = conn.execute("SELECT count(*) FROM revisions").fetchone()[0] - 1
    conn.close()
    assert proc.returncode == -signal.SIGKILL and 0 < written < 8000, (proc.returncode, written)
    assert f"All {written + 1} revisions open and are intact." in ok(cli("verify")).out
    assert f"3 of {written + 1} matching" in ok(cli("list", "--limit", "3")).err
    assert "written before the import" in ok(cli("show", before[:8])).out
    after = add(cli, text="written after the kill")
    again = ok(cli("import", "jrnl", str(export), timeout=300))
    assert f"Imported {8000 - written} entries" in again.out, again.out
    assert f"({written} already imported, skipped)" in again.out, again.out
    assert "All 8002 revisions open and are intact." in ok(cli("verify")).out
    listed = ok(cli("list", "--limit", "1"))
    assert "written after the kill" in listed.out and "1 of 8002 matching" in listed.err
    assert after.startswith(listed.out.split()[0])


def test_odd_ids_agree_with_the_view_for_show_history_edit_delete_and_restore(pair, tmp_path):
    """Upper case, spaces around, a space inside, a deleted entry, a person's and a
    supervisor's id, and an entry with a version from each of two devices: `show` by the
    order blob says what the loaded view says, and the commands that follow act on it."""
    from conftest import JournalCli

    a, b = pair
    ids = [a.add(sample_entry(n, title=f"E{n}")).id for n in range(12)]
    a.store.count()  # the order blob
    a.sync()
    b.sync()
    a.store.update(replace(a.store.get(ids[1]), title="from this device"))
    b.store.update(replace(b.store.get(ids[1]), title="from the other device"))
    b.sync()
    a.sync()
    person = people.save_person(a.store, "Sam Jones", [], "").record_id
    supervisor = a.store.put_record("supervisor", {"name": "Dr Ada Lovelace"})
    a.store.delete(ids[2])
    a.store.close()
    for given in (ids[1], ids[1].upper(), f"  {ids[1][:6]}\t", f"{ids[1][:3]} {ids[1][3:9]}",
                  ids[2], ids[2][:7].upper(), person, person[:5], supervisor, supervisor[:4]):
        quick, answered, loaded = shown(a.home, given)
        assert answered and _as_seen(quick) == _as_seen(loaded), given
    assert _as_seen(shown(a.home, ids[1].upper())[0])[2] == 2  # two versions
    passphrase = tmp_path / "pp.txt"
    passphrase.write_text(PASSPHRASE + "\n")
    passphrase.chmod(0o600)
    cli = JournalCli(a.home, passphrase)
    shown_both = ok(cli("show", f" {ids[1][:8].upper()} "))
    assert shown_both.out.startswith(("# from this device", "# from the other device"))
    assert "**2 versions**" in shown_both.out
    fails(cli("show", person[:8]), 1, "no entry has an id starting with")
    fails(cli("show", supervisor.upper()), 1, "no entry has an id starting with")
    fails(cli("edit", person, "words"), 1, "no entry has an id starting with")
    fails(cli("delete", supervisor[:6]), 1, "no entry has an id starting with")
    ok(cli("restore", ids[2][:8].upper()))
    assert "E2" in ok(cli("show", ids[2][:8])).out
    ok(cli("edit", ids[1][:8].upper(), "one version again"))
    merged = ok(cli("show", ids[1][:8]))
    assert "one version again" in merged.out and "versions**" not in merged.out
    assert len(ok(cli("history", ids[1][:8].upper())).out.strip().splitlines()) >= 4
    assert "All" in ok(cli("verify")).out


def test_an_older_order_blob_put_back_still_agrees_with_the_view_before_and_after_an_import(
        home):
    """The order blob swapped for an older copy of itself (sealed, so the only change that
    opens): the rows since are folded in for `list` and `show`, and an import merges into it;
    every answer is the loaded view's. A zeroed blob leaves every answer to the view."""
    ids = indexed(home, 30)
    conn = _db(home)
    older = conn.execute("SELECT nonce, sealed FROM local_blobs WHERE label = 'order'").fetchone()
    conn.close()
    with JournalStore.unlock(home, PASSPHRASE) as store:
        store.delete(ids[5])
        store.update(replace(store.get(ids[6]), title="Edited since"))
        store.add(sample_entry(50, title="Added since"))
        people.save_person(store, "Sam Jones", [], "")
    _blob_rewritten(home)
    conn = _db(home)
    conn.execute("UPDATE local_blobs SET nonce = ?, sealed = ? WHERE label = 'order'", older)
    conn.close()

    def agree() -> None:
        for limit in (1, 5, 200):
            for deleted in (False, True):
                quick, answered, loaded = quick_and_loaded(home, limit, deleted)
                assert answered and quick == loaded, (limit, deleted)
        for given in (ids[5], ids[6], ids[7][:3], "a"):
            quick, answered, loaded = shown(home, given)
            assert answered and _as_seen(quick) == _as_seen(loaded), given

    agree()
    with JournalStore.unlock(home, PASSPHRASE) as store, BulkAdd(store) as add_batch:
        for start in range(0, 120, 50):
            add_batch([sample_entry(-n, title=f"Imported {n}") for n in range(start, start + 50)
                       if n < 120])
    agree()
    assert quick_and_loaded(home, 1, True)[0][1:] == (151, 151)
    conn = _db(home)
    conn.execute("UPDATE local_blobs SET sealed = zeroblob(length(sealed)) WHERE label = 'order'")
    conn.close()
    quick, answered, loaded = quick_and_loaded(home, 5)
    assert not answered and quick == loaded  # the view answers, and writes the blob anew
    quick, answered, loaded = shown(home, ids[6])
    assert answered and _as_seen(quick) == _as_seen(loaded)


def test_verify_while_another_process_writes_reports_no_damage(home):
    """core.StoreCore.integrity reads the sealed ledger, then (separately) every row: a write
    committed in between makes `journal verify` report 'rows were removed, added or altered
    outside the journal' (exit 1) on an intact journal. Seen with `journal add` in a loop
    beside `journal verify` on 20,000 entries (1 in 68 runs); here the write is made exactly
    between the two reads, from a second connection, while the first is in its row scan."""
    store, _ = make_store(home)
    for n in range(50):
        store.add(sample_entry(n))
    store.close()
    other = JournalStore.unlock(home, PASSPHRASE)
    with JournalStore.unlock(home, PASSPHRASE) as store:
        seen: list[str] = []
        fired: list[bool] = []

        def between(statement: str) -> None:
            seen.append(statement)
            ledger_read = any("FROM local_blobs" in s and "'ledger'" in s for s in seen[:-1])
            if ledger_read and "FROM revisions" in statement and not fired:
                fired.append(True)
                other.add(sample_entry(99, title="written meanwhile"))

        store._db.conn.set_trace_callback(between)
        _, damage = store.verify()
        store._db.conn.set_trace_callback(None)
    other.close()
    assert fired and damage == [], damage
