"""`journal backup create|check|restore`, run as a user runs them (in-process), on real files.

A backup is the journal file itself: encrypted (no canary in its bytes), 0600, never written over
an existing file, checked after writing; restored into an empty JOURNAL_HOME it opens with the
same passphrase or recovery key, with every revision; and it becomes a device of its own, so
the original and the restored copy can both go on syncing with one remote.
"""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import PASSPHRASE, JournalCli, add, fails, make_store, ok, sample_entry

CANARY = "quince-heron-backup"


@pytest.fixture
def written(cli: JournalCli) -> tuple[JournalCli, str]:
    """A journal with an entry edited once (two revisions) and a person."""
    entry = add(cli, text=f"First draft about the {CANARY}.")
    ok(cli("edit", entry, f"Second version, still about the {CANARY}."))
    ok(cli("people", "add", "Morag Campbell"))
    return cli, entry


def _elsewhere(cli: JournalCli, name: str) -> JournalCli:
    return JournalCli(cli.home.parent / name, cli.passphrase_file)


def _no_passphrase_env(cli: JournalCli) -> dict[str, str]:
    env = cli.env()
    del env["JOURNAL_PASSPHRASE_FILE"]
    return env


def test_a_backup_is_one_private_encrypted_file_that_is_checked(written, tmp_path):
    cli, _ = written
    target = tmp_path / "journal-backup.db"
    made = ok(cli("backup", "create", str(target)))
    assert "checked: it is intact and holds every revision" in made.out
    assert target.stat().st_mode & 0o777 == 0o600
    assert CANARY.encode() not in target.read_bytes()
    assert not list(tmp_path.glob("journal-backup.db-*"))  # one file: no WAL beside it
    with sqlite3.connect(target) as conn:  # not left in WAL mode either
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"

    shown = ok(cli("backup", "check", str(target), env=_no_passphrase_env(cli)))
    assert "intact; a journal of 3 revisions" in shown.out
    assert "opens with passphrase or recovery" in shown.out
    assert "--passphrase" in shown.err  # how to open every revision too
    opened = ok(cli("backup", "check", str(target)))  # JOURNAL_PASSPHRASE_FILE is set
    assert "All 3 revisions open (1 entry)." in opened.out


def test_a_backup_never_overwrites_a_file(written, tmp_path):
    cli, _ = written
    target = tmp_path / "kept.db"
    target.write_text("something precious")
    fails(cli("backup", "create", str(target)), 1, "already exists")
    assert target.read_text() == "something precious"
    fails(cli("backup", "create", str(tmp_path / "no-such-folder" / "b.db")), 1, "no folder")


def test_check_names_a_damaged_or_foreign_file(written, tmp_path):
    cli, _ = written
    target = tmp_path / "b.db"
    ok(cli("backup", "create", str(target)))
    data = bytearray(target.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # its second page overwritten
    broken = tmp_path / "broken.db"
    broken.write_bytes(bytes(data))
    fails(cli("backup", "check", str(broken), env=_no_passphrase_env(cli)), 1, "broken.db")
    other = tmp_path / "notes.txt"
    other.write_text("not a journal at all\n" * 100)
    fails(cli("backup", "check", str(other)), 1, "is not a journal backup")
    fails(cli("backup", "check", str(tmp_path / "missing.db")), 1, "does not exist")
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase at all\n")
    fails(cli("backup", "check", str(target), "--passphrase-file", str(wrong)), 1,
          "the passphrase does not open")


def test_restore_brings_back_every_revision_with_the_passphrase(written, tmp_path):
    cli, entry = written
    target = tmp_path / "b.db"
    ok(cli("backup", "create", str(target)))
    restored = _elsewhere(cli, "new-laptop")
    done = ok(restored("backup", "restore", str(target)))
    assert "Restored 1 entry (3 revisions)" in done.out
    assert (restored.home / "journal.db").stat().st_mode & 0o777 == 0o600
    assert restored.home.stat().st_mode & 0o777 == 0o700
    shown = json.loads(ok(restored("show", entry, "--json")).out)
    assert shown["body"] == f"Second version, still about the {CANARY}."
    history = json.loads(ok(restored("history", entry, "--json")).out)["revisions"]
    assert [r["entry"]["body"] for r in history] == [
        f"First draft about the {CANARY}.", f"Second version, still about the {CANARY}."]
    assert "Morag Campbell" in ok(restored("people", "list")).out
    assert "All 3 revisions open and are intact." in ok(restored("verify")).out


def test_restore_with_the_recovery_key(tmp_path):
    home = tmp_path / "journal"
    store, recovery = make_store(home)
    store.add(sample_entry(1, body=f"about the {CANARY}"))
    store.close()
    pp = tmp_path / "pp.txt"
    pp.write_text(PASSPHRASE + "\n")
    cli = JournalCli(home, pp)
    ok(cli("backup", "create", str(tmp_path / "b.db")))
    key_file = tmp_path / "recovery.txt"
    key_file.write_text(recovery + "\n")
    restored = JournalCli(tmp_path / "restored", tmp_path / "no-such-passphrase-file")
    done = ok(restored("backup", "restore", str(tmp_path / "b.db"), "--recovery-key-file",
                       str(key_file)))
    assert "Restored 1 entry" in done.out and "journal recover" in done.err
    assert CANARY in ok(JournalCli(restored.home, pp)("search", CANARY)).out


def test_restore_refuses_a_non_empty_home_and_a_wrong_key_leaves_nothing(written, tmp_path):
    cli, _ = written
    target = tmp_path / "b.db"
    ok(cli("backup", "create", str(target)))
    fails(cli("backup", "restore", str(target)), 1, "is not empty", "nothing was changed")
    busy = _elsewhere(cli, "busy")
    busy.home.mkdir()
    (busy.home / "settings.json").write_text("{}")
    fails(busy("backup", "restore", str(target)), 1, "is not empty")
    # a file that is not there is said first: a mistyped name is the likelier slip
    fails(busy("backup", "restore", str(tmp_path / "missing.file")), 1, "missing.file")

    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase at all\n")
    fresh = JournalCli(tmp_path / "fresh", wrong)
    fails(fresh("backup", "restore", str(target)), 2, "does not open", "nothing was restored")
    assert not fresh.home.exists()
    fails(fresh("backup", "restore", str(tmp_path / "nothing.db")), 1, "does not exist")


def test_a_backup_made_while_the_journal_is_open_holds_what_was_saved(cli, tmp_path):
    """The app keeps its own connection open and writes through it; a backup taken meanwhile
    is one consistent moment with everything committed."""
    from journal.storage.store import JournalStore

    app_store = JournalStore.unlock(cli.home, PASSPHRASE)
    try:
        for n in range(20):
            app_store.add(sample_entry(n, body=f"{CANARY} {n}"))
        ok(cli("backup", "create", str(tmp_path / "b.db")))
        app_store.add(sample_entry(99, body="after the backup"))
    finally:
        app_store.close()
    restored = _elsewhere(cli, "restored")
    assert "Restored 20 entries" in ok(restored("backup", "restore", str(tmp_path / "b.db"))).out


def test_the_restored_copy_is_a_device_of_its_own_and_both_sync(written, tmp_path):
    """The original keeps syncing after the restore: the copy takes a new device id and a new
    chain, so neither overwrites the other's segments and a third device gets everything."""
    cli, entry = written
    remote = tmp_path / "remote"
    remote.mkdir()
    ok(cli("remote", "set", str(remote)))
    ok(cli("sync"))
    ok(cli("backup", "create", str(tmp_path / "b.db")))
    restored = _elsewhere(cli, "restored")
    ok(restored("backup", "restore", str(tmp_path / "b.db")))
    ids = {}
    for device in (cli, restored):
        conn = sqlite3.connect(device.home / "journal.db")
        ids[device.home.name] = conn.execute(
            "SELECT value FROM meta WHERE key = 'device_id'").fetchone()[0]
        conn.close()
    assert ids["journal-home"] != ids["restored"]

    on_original = add(cli, text="written on the original after the backup")
    on_restored = add(restored, text="written on the restored copy")
    for _ in range(2):
        for device in (cli, restored):
            synced = ok(device("sync"))
            assert "problem" not in synced.err.lower(), synced.err
    for device in (cli, restored):
        listed = {e["id"] for e in json.loads(ok(device("list", "--json")).out)["entries"]}
        assert {entry, on_original, on_restored} <= listed
        assert "All" in ok(device("verify")).out
        assert "No conflicts" in ok(device("conflicts")).out
    third = _elsewhere(cli, "third")
    ok(third("join", str(remote)))
    listed = {e["id"] for e in json.loads(ok(third("list", "--json")).out)["entries"]}
    assert {entry, on_original, on_restored} <= listed


def test_a_restored_copy_publishes_what_the_original_never_synced(written, tmp_path):
    """The original never synced (it was lost): the copy sends its revisions too, so a device
    joining later gets every entry, not only those written after the restore."""
    cli, entry = written
    ok(cli("backup", "create", str(tmp_path / "b.db")))
    restored = _elsewhere(cli, "restored")
    ok(restored("backup", "restore", str(tmp_path / "b.db")))
    remote = tmp_path / "remote"
    remote.mkdir()
    ok(restored("remote", "set", str(remote)))
    ok(restored("sync"))
    joined = _elsewhere(cli, "joined")
    ok(joined("join", str(remote)))
    shown = json.loads(ok(joined("show", entry, "--json")).out)
    assert shown["body"] == f"Second version, still about the {CANARY}."
    assert "Morag Campbell" in ok(joined("people", "list")).out


def test_backup_help_names_the_three_commands(cli):
    shown = ok(cli("backup", "--help")).out
    for name in ("create", "check", "restore"):
        assert name in shown
