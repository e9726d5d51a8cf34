"""Issue 14 (7): the sync position in the journal file is sealed. Changed without the key, it is
not believed: the sync falls back to what loses nothing, says so once, and the devices agree."""

from __future__ import annotations

import sqlite3

from conftest import sample_entry

from journal.storage.db import DB_NAME


def tamper(device, sql: str, *args) -> None:
    """Change the real journal file behind the journal's back, as anyone with the file could."""
    device.store.close()
    with sqlite3.connect(device.home / DB_NAME) as conn:
        conn.execute(sql, args)
    device.restart()


def test_a_sent_position_set_high_does_not_keep_entries_back(pair):
    a, b = pair
    tamper(a, "UPDATE meta SET value = '999999999' WHERE key = 'sync_sent_upto'")
    a.add(sample_entry(2, title="written after the tampering"))
    report = a.sync()
    assert any("sync position in its journal file does not check out" in p
               for p in report.problems), report
    assert report.sent >= 1
    assert b.sync().clean
    assert "written after the tampering" in {t[0] for t in b.titles().values()}
    assert a.sync().clean, "said once: the position is sealed again"
    a.add(sample_entry(3, title="and one more"))
    assert a.sync().sent == 1 and b.sync().clean
    assert b.revision_ids() == a.revision_ids()


def test_a_cursor_set_high_does_not_skip_another_devices_changes(pair):
    a, b = pair
    a.add(sample_entry(2, title="second"))
    a.sync()
    tamper(b, "UPDATE sync_cursors SET seq = 50")
    report = b.sync()
    assert not report.clean
    assert b.revision_ids() == a.revision_ids()
    assert b.sync().clean


def test_a_key_clock_set_ahead_does_not_make_this_devices_key_set_win(pair):
    """Without the seal, a keys_clock set far ahead would have B publish its key set as the
    newest, undoing every later passphrase change made on A."""
    _, b = pair
    tamper(b, "UPDATE meta SET value = '9999999999999-00000' WHERE key = 'keys_clock'")
    tamper(b, "UPDATE meta SET value = '1' WHERE key = 'keys_pending'")
    report = b.sync()
    assert not report.keys_sent and not report.clean
    assert not list((b.remote.root / b.store.vault_id / "keys").glob("9999999999999-*"))
    assert b.sync().clean


def test_a_journal_from_before_the_seal_is_believed_and_sealed(pair):
    a, _ = pair
    tamper(a, "DELETE FROM meta WHERE key IN ('sync_position_seal', 'sync_position_sealed')")
    a.add(sample_entry(2, title="second"))
    report = a.sync()
    assert report.clean and report.sent == 1
    tamper(a, "DELETE FROM meta WHERE key = 'sync_position_seal'")
    assert not a.sync().clean, "once sealed, a missing seal is itself a finding"
