"""The backup file itself (`storage/backup.py`): SQLite's online backup of the real journal file,
checked without the key, copied only into an empty folder, and given a device id of its own."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import sample_entry

from journal.storage import backup
from journal.storage.backup import BackupError


def test_inspect_counts_without_the_key(store, tmp_path):
    store.add_many([sample_entry(n) for n in range(3)])
    made = backup.write_backup(store.home, tmp_path / "b.db")
    assert (made.revisions, made.items, made.devices) == (3, 3, 1)
    assert made.vault_id == store.vault_id and made.slots == ("passphrase", "recovery")
    assert backup.inspect(tmp_path / "b.db") == made
    assert backup.ledger_count(tmp_path / "b.db", store.sealer, store.vault_id) == 3


def test_progress_is_told_in_pages(store, tmp_path):
    store.add_many([sample_entry(n, body="words " * 2000) for n in range(200)])
    seen: list[tuple[int, int]] = []
    backup.write_backup(store.home, tmp_path / "b.db", lambda done, total: seen.append(
        (done, total)))
    assert seen and seen[-1][0] == seen[-1][1] > 0


def test_a_half_made_journal_is_refused(tmp_path):
    target = tmp_path / "odd.db"
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("CREATE TABLE revisions (item_id TEXT, device_id TEXT)")
    conn.execute("CREATE TABLE key_slots (kind TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(BackupError, match="not a whole journal"):
        backup.inspect(target)


def test_a_newer_format_is_refused(store, tmp_path):
    backup.write_backup(store.home, tmp_path / "b.db")
    conn = sqlite3.connect(tmp_path / "b.db")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(BackupError, match="newer version"):
        backup.inspect(tmp_path / "b.db")


def test_become_new_device_changes_only_the_journal_device_id(store, tmp_path):
    store.add(sample_entry(1))
    backup.write_backup(store.home, tmp_path / "b.db")
    backup.restore_file(tmp_path / "b.db", tmp_path / "copy")
    old, new = backup.become_new_device(tmp_path / "copy")
    assert old == store.device_id != new
    conn = sqlite3.connect(tmp_path / "copy" / "journal.db")
    assert conn.execute("SELECT DISTINCT device_id FROM revisions").fetchall() == [(old,)]
    conn.close()
