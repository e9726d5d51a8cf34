"""Pilot tests of progress in the app (issue 17, "Progress on long work"): a sync against a
real folder remote counts its segments in the footer and on the Sync screen while it runs,
ending at the total; unlocking says what it is doing; a backup from Settings shows how far the
copy has got, then that it checks the copy.

Progress passes in a blink on a small journal, so each test records what the writer would
have read as it changed (a watch on the text shown), with every count let through."""

from __future__ import annotations

import asyncio
import os
import re
import threading

import pytest
from conftest import make_store, sample_entry
from sync_devices import Device
from test_app import on_screen, settle, text, unlock, wait_for

from journal.app import JournalApp
from journal.screens.settings import SettingsScreen
from journal.screens.sync import SyncScreen
from journal.screens.timeline import TimelineScreen
from journal.screens.unlock import UnlockScreen
from journal.sync import settings as remote_settings
from journal.sync.remote import FolderRemote, RemoteAddress
from journal.widgets import progress
from journal.widgets.footer import SyncBadge
from journal.widgets.progress import ProgressLine
from journal.widgets.status_line import StatusLine


@pytest.fixture
def every_count(monkeypatch):
    """Every count reaches the screen (in use, ten a second at most do)."""
    monkeypatch.setattr(progress, "EVERY", 0.0)


def record(node, obj, attribute: str) -> list[str]:
    """Each value `obj.attribute` takes from now on, as the screen is told it."""
    seen: list[str] = []
    node.watch(obj, attribute, lambda value: seen.append(value), init=False)
    return seen


def record_line(screen, selector: str) -> list[str]:
    """What a ProgressLine says, each time it changes ("" when it is hidden again)."""
    return record(screen, screen.query_one(f"{selector} StatusLine", StatusLine), "text")


def devices(tmp_path, segments: int) -> tuple[Device, Device]:
    """A laptop syncing with a folder, and a phone that has written `segments` entries since,
    each synced on its own: that many segments on the remote for the laptop to read."""
    remote_dir = tmp_path / "remote"
    remote_dir.mkdir()
    remote = FolderRemote(remote_dir)
    laptop = Device.first(tmp_path / "laptop", remote)
    laptop.add(sample_entry(0, title="written on the laptop"))
    remote_settings.save(laptop.store, remote_settings.RemoteSettings(
        RemoteAddress("folder", str(remote_dir))))
    laptop.sync()
    phone = Device.joining(tmp_path / "phone", remote)
    write_on(phone, segments)
    laptop.store.close()
    return laptop, phone


def write_on(phone: Device, segments: int) -> None:
    for _ in range(segments):
        n = len(phone.titles())
        phone.add(sample_entry(n, title=f"written on the phone {n}"))
        phone.sync()


async def test_a_sync_counts_in_the_footer_then_says_when(tmp_path, every_count):
    laptop, phone = devices(tmp_path, segments=12)
    phone.store.close()
    app = JournalApp(laptop.home)
    async with app.run_test(size=(100, 32)) as pilot:
        footer = record(app, app, "sync_status")
        await unlock(app, pilot)  # it syncs on unlock
        await wait_for(pilot, lambda: not app._syncing)
        counted = [s for s in footer if re.fullmatch(r"⟳ syncing \d+/\d+", s)]
        assert footer[0] == "⟳ syncing…"  # before the remote's listing is read
        assert counted == [f"⟳ syncing {n}/12" for n in range(13)]
        assert re.fullmatch(r"⟳ synced \d\d:\d\d", footer[-1])
        assert text(app.screen.query_one(SyncBadge)) == footer[-1]
        assert app.sync_progress is None
        await settle(app, pilot)


async def test_the_sync_screen_shows_a_sync_in_flight(tmp_path, every_count):
    laptop, phone = devices(tmp_path, segments=1)
    app = JournalApp(laptop.home)
    async with app.run_test(size=(100, 32)) as pilot:
        await unlock(app, pilot)
        await wait_for(pilot, lambda: not app._syncing)
        await pilot.press("y")
        await on_screen(app, pilot, SyncScreen)
        line = app.screen.query_one("#sync-progress", ProgressLine)
        assert line.text == "" and not line.display  # nothing runs: the screen as ever

        write_on(phone, 5)
        shown = record_line(app.screen, "#sync-progress")
        await pilot.press("s")
        await wait_for(pilot, lambda: "received 5" in text(app.screen.query_one("#sync-log")))
        await settle(app, pilot)
        assert shown[0] == "Syncing…"
        assert [s for s in shown if "segments" in s] == [
            f"Syncing {n}/5 segments" for n in range(6)]
        assert shown[-1] == "" and not line.display  # gone once it has finished
    phone.store.close()


async def test_a_few_counts_a_second_reach_the_screen_and_always_the_last():
    """A sync or a backup may report thousands of times a second from its thread: the screen
    is told at most every `EVERY` seconds, in order, and always the count that ends it."""
    told: list[tuple[int, int]] = []
    report = progress.from_thread(lambda done, total: told.append((done, total)), every=0.05)
    worker = threading.Thread(target=lambda: [report(n, 20000) for n in range(20001)])
    worker.start()
    while worker.is_alive():
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.05)
    assert 1 <= len(told) < 200
    assert told == sorted(told)
    assert told[0] == (0, 20000) and told[-1] == (20000, 20000)


async def test_unlocking_says_what_it_is_doing(home):
    store, recovery = make_store(home)
    store.add(sample_entry(1))
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = record_line(app.screen, "#unlock-progress")
        await unlock(app, pilot, "not the passphrase at all")
        assert shown == ["Checking the passphrase…", ""]  # and then the message says why
        assert "does not open" in text(app.screen.query_one("#message"))

        shown.clear()
        await unlock(app, pilot)
        await on_screen(app, pilot, TimelineScreen)
        assert shown == ["Checking the passphrase…", "Opening your journal…"]

        await pilot.press("ctrl+l")
        await on_screen(app, pilot, UnlockScreen)
        shown = record_line(app.screen, "#unlock-progress")
        await pilot.press("ctrl+r")
        app.screen.query_one("#recovery").value = recovery
        app.screen.query_one("#new").value = app.screen.query_one("#again").value = (
            "a new passphrase for the journal")
        app.screen.query_one("#again").focus()
        await pilot.press("enter")
        await on_screen(app, pilot, TimelineScreen)
        assert shown == ["Checking the recovery key and setting the new passphrase…",
                         "Opening your journal…"]


async def test_a_backup_from_settings_shows_how_far_it_has_got(home, tmp_path, every_count):
    store, _ = make_store(home)
    # 400 entries of text that does not compress: about 6 MB, two steps of the copy
    store.add_many([sample_entry(n, body=os.urandom(12000).hex()) for n in range(400)])
    store.close()
    target = tmp_path / "copy.db"
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("s")
        await on_screen(app, pilot, SettingsScreen)
        app.screen.query_one("#backup-path").value = str(target)
        shown = record_line(app.screen, "#backup-progress")
        await pilot.press("ctrl+b")
        status = app.screen.query_one("#backup-status")
        await wait_for(pilot, lambda: text(status).startswith("Backed up"))
        await settle(app, pilot)
        assert shown[0] == "Backing up…"
        shares = [int(s.removeprefix("Backing up ").removesuffix("%")) for s in shown
                  if re.fullmatch(r"Backing up \d+%", s)]
        assert shares and shares == sorted(shares) and 0 < shares[-1] < 100, shown
        assert shown[-2:] == ["Checking the copy…", ""]  # then only the result
        assert text(status).startswith(f"Backed up to {target} (400 revisions), and checked")


async def test_the_export_review_counts_the_entries_it_scrubs(home, every_count):
    """Scrubbing is the export's long step (15 s for 3,000 entries): the review step counts
    the entries as they are scrubbed, then shows the findings."""
    from journal.screens.export import ExportScreen

    store, _ = make_store(home)
    store.add_many([sample_entry(n, flagged=True) for n in range(45)])
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("x")
        await on_screen(app, pilot, ExportScreen)
        shown = record_line(app.screen, "#review-progress")
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: app.screen.review is not None)
        await settle(app, pilot)
        assert "Scrubbing 20/45 entries" in shown and shown[-2:] == [
            "Scrubbing 45/45 entries", ""], shown
