"""Pilot test: a version saved under a clock that ran ahead shows as an unknown time in the app's
conflict screen and history, as `journal conflicts` says it, never as a date a year away."""

from __future__ import annotations

import time

from conftest import sample_entry
from sync_devices import Device
from test_app import on_screen, settle, unlock, wait_for

from journal.app import JournalApp
from journal.screens.dialogs.history import HistoryScreen
from journal.screens.entry import EntryScreen
from journal.screens.resolve import ResolveScreen, VersionPane
from journal.screens.sync import SyncScreen
from journal.sync import settings as remote_settings
from journal.sync.remote import FolderRemote, RemoteAddress

A_YEAR_MS = 365 * 86_400_000


async def test_a_fast_clock_is_an_unknown_time_in_conflicts_and_history(tmp_path):
    remote_dir = tmp_path / "remote"
    remote_dir.mkdir()
    remote = FolderRemote(remote_dir)
    laptop = Device.first(tmp_path / "laptop", remote)
    shared = laptop.add(sample_entry(1, title="shared"))
    laptop.sync()
    phone = Device.joining(tmp_path / "phone", remote)
    remote_settings.save(phone.store, remote_settings.RemoteSettings(
        RemoteAddress("folder", str(remote_dir))))
    fast = Device.joining(tmp_path / "fast", remote)
    fast.store.use_wall_clock(lambda: time.time_ns() // 1_000_000 + A_YEAR_MS)
    fast.add(sample_entry(2, title="from the fast device"))
    fast.sync()
    laptop.sync()  # the laptop's hybrid clock now carries the fast clock on
    for device, title in ((laptop, "laptop, after the fast clock"), (phone, "phone's edit")):
        changed = device.store.get(shared.id)
        changed.title = title
        device.store.update(changed)
    laptop.sync()
    for device in (laptop, fast):
        device.store.close()
    phone.store.close()
    next_year = str(time.localtime().tm_year + 1)

    app = JournalApp(phone.home)
    async with app.run_test(size=(100, 32)) as pilot:
        await unlock(app, pilot)
        await wait_for(pilot, lambda: not app._syncing)
        assert app.sync_status == "⟳ 1 conflict (y)"
        await pilot.press("y")
        await on_screen(app, pilot, SyncScreen)
        await pilot.press("enter")
        await on_screen(app, pilot, ResolveScreen)
        heads = {pane.entry.title: str(pane.query_one(".version-head").render())
                 for pane in app.screen.query(VersionPane)}
        fast_head = heads["laptop, after the fast clock"]
        assert "saved at an unknown time (a clock ran ahead" in fast_head, heads
        assert "saved " + time.strftime("%d %b") in heads["phone's edit"], heads
        assert "unknown" not in heads["phone's edit"]

        await pilot.press("k")  # keep the version in focus; both stay in the history
        await on_screen(app, pilot, SyncScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        app.push_screen(EntryScreen(shared.id))
        await on_screen(app, pilot, EntryScreen)
        await pilot.press("h")
        await on_screen(app, pilot, HistoryScreen)
        lines = [str(app.screen.query_one("#revisions").get_option_at_index(n).prompt)
                 for n in range(app.screen.query_one("#revisions").option_count)]
        assert any(line.startswith("unknown time (clock ahead)  edited") for line in lines), lines
        assert not any(next_year in line for line in lines), lines
        assert lines[0].startswith(time.strftime("%d %b %Y")), lines  # created: a real time
