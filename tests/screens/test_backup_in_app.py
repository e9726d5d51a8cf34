"""Pilot tests of backup in the app: a gentle note at unlock after 30 days without a backup or
sync (none otherwise), and Settings' "Back up now" writing a checked backup where it says."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from conftest import PASSPHRASE, make_store, sample_entry
from test_app import on_screen, settle, text, unlock, wait_for

from journal.app import JournalApp
from journal.screens.settings import SettingsScreen, default_backup
from journal.screens.timeline import TimelineScreen
from journal.session import backup


def notes(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def journal_backed_up(home: Path, days_ago: int) -> None:
    store, _ = make_store(home)
    store.add(sample_entry(1))
    when = datetime.now(UTC) - timedelta(days=days_ago)
    store.put_local("backup", "last-backup", {"when": when.isoformat(timespec="seconds")})
    store.close()


async def test_a_note_at_unlock_after_30_days_without_a_copy(home):
    journal_backed_up(home, days_ago=45)
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await on_screen(app, pilot, TimelineScreen)
        assert notes(app) == [
            "No backup or sync for 45 days. A backup is one file, still encrypted: journal "
            "backup create FILE, or Back up now in Settings (s)."]


async def test_no_note_after_a_recent_backup(home):
    journal_backed_up(home, days_ago=3)
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await on_screen(app, pilot, TimelineScreen)
        assert not any("backup" in n for n in notes(app))


async def test_back_up_now_in_settings(home, tmp_path):
    journal_backed_up(home, days_ago=3)
    target = tmp_path / "copy.db"
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("s")
        await on_screen(app, pilot, SettingsScreen)
        path = app.screen.query_one("#backup-path")
        assert path.value == str(default_backup()) == str(
            Path.home() / f"journal-backup-{date.today().isoformat()}.db")
        path.value = str(target)
        await pilot.press("ctrl+b")
        status = app.screen.query_one("#backup-status")
        await wait_for(pilot, lambda: text(status).startswith("Backed up"))
        assert text(status) == (
            f"Backed up to {target} (1 revision), and checked: it opens with your "
            "passphrase or recovery key as they are now.")
        await pilot.press("ctrl+b")  # never over a file
        await settle(app, pilot)
        assert text(status) == (f"{target} already exists; choose another file (a backup "
                                "never overwrites one).")
        path.value = str(tmp_path / "no such folder" / "copy.db")
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: text(status).startswith("No backup was made: "))
    checked = backup.check(target, PASSPHRASE)
    assert checked.entries == 1 and checked.damaged == 0
