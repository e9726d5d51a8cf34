"""The gentle note after 30 days with neither a backup nor a sync (`session/backup.py`): counted
from the later of the two, or, with neither ever, from the first thing written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from conftest import PASSPHRASE, JournalCli, ok, sample_entry

from journal.session import backup


def test_an_empty_journal_says_nothing(store):
    assert backup.days_without_copy(store) is None
    assert backup.reminder(store) is None


def test_counted_from_the_first_entry_when_there_was_never_a_copy(store):
    store.add(sample_entry(1))
    forty_days_on = datetime.now(UTC) + timedelta(days=40, hours=1)
    assert backup.days_without_copy(store, forty_days_on) == 40
    note = backup.reminder(store, forty_days_on)
    assert note == ("No backup or sync for 40 days. A backup is one file, still encrypted: "
                    "journal backup create FILE")


def test_a_backup_or_a_sync_resets_it(store, tmp_path):
    store.add(sample_entry(1))
    now = datetime.now(UTC)
    assert backup.reminder(store, now + timedelta(days=30)) is None  # 30 days: not yet
    backup.create(store, tmp_path / "b.db")
    made = backup.last_backup(store)
    assert made is not None
    # counted from the backup itself (a second may pass between `now` and the backup)
    assert backup.days_without_copy(store, made + timedelta(days=45)) == 45
    assert "45 days" in (backup.reminder(store, made + timedelta(days=45)) or "")

    remote = tmp_path / "remote"
    remote.mkdir()
    from journal.sync import engine
    from journal.sync.remote import FolderRemote

    engine.sync(store, FolderRemote(remote))
    synced = datetime.fromisoformat(store.sync_state().last_sync)
    later = synced + timedelta(days=10)
    assert backup.days_without_copy(store, later) == 10  # the sync was later than the backup


def test_the_backup_command_remembers_when(cli: JournalCli, tmp_path):
    ok(cli("add", "hello"))
    ok(cli("backup", "create", str(tmp_path / "b.db")))
    from journal.storage.store import JournalStore

    store = JournalStore.unlock(cli.home, PASSPHRASE)
    try:
        assert backup.days_without_copy(store) == 0
    finally:
        store.close()


def test_the_app_asks_through_the_session(tmp_path):
    from conftest import make_store

    from journal.session.facade import Session

    make_store(tmp_path / "j")[0].close()
    session = Session(tmp_path / "j")
    assert backup.app_reminder(session) is None  # locked: nothing to say
    session.unlock(PASSPHRASE)
    try:
        assert backup.app_reminder(session) is None  # nothing written yet
    finally:
        session.lock()
