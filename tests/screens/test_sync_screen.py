"""Pilot test of sync in the app: it syncs on unlock and after saving, the footer says how it
went, the Sync screen lists entries with two versions, and one is kept side by side."""

from __future__ import annotations

from conftest import sample_entry
from sync_devices import Device
from test_app import on_screen, settle, unlock, wait_for

from journal.app import JournalApp
from journal.screens.editor import EditorScreen
from journal.screens.resolve import ResolveScreen, VersionPane
from journal.screens.sync import SyncScreen
from journal.screens.timeline import TimelineScreen
from journal.sync import settings as remote_settings
from journal.sync.remote import FolderRemote, RemoteAddress
from journal.widgets.footer import SyncBadge


async def test_sync_on_unlock_and_save_and_resolve_side_by_side(tmp_path):
    (tmp_path / "remote").mkdir()
    remote = FolderRemote(tmp_path / "remote")
    laptop = Device.first(tmp_path / "laptop", remote)
    entry = laptop.add(sample_entry(1, title="written on the laptop"))
    remote_settings.save(laptop.store, remote_settings.RemoteSettings(
        RemoteAddress("folder", str(tmp_path / "remote"))))
    laptop.sync()
    phone = Device.joining(tmp_path / "phone", remote)
    for device, title in ((laptop, "laptop's edit"), (phone, "phone's edit")):
        changed = device.store.get(entry.id)
        changed.title = title
        device.store.update(changed)
    phone.sync()
    laptop.store.close()

    app = JournalApp(laptop.home)
    app.SYNC_AFTER_SAVE = 1.0  # a short quiet moment
    async with app.run_test(size=(100, 32)) as pilot:
        await unlock(app, pilot)
        await wait_for(pilot, lambda: not app._syncing)  # it syncs on unlock
        assert app.sync_status == "⟳ 1 conflict (y)"
        assert "1 conflict" in str(app.screen.query_one(SyncBadge).render())

        await pilot.press("y")
        await on_screen(app, pilot, SyncScreen)
        assert "Syncing with" in str(app.screen.query_one("#sync-remote").render())
        assert "sent 1, received 1, conflicts 1" in str(app.screen.query_one("#sync-log").render())
        await pilot.press("enter")
        await on_screen(app, pilot, ResolveScreen)
        panes = list(app.screen.query(VersionPane))
        assert sorted(p.entry.title for p in panes) == ["laptop's edit", "phone's edit"]
        if app.screen.focused.entry.title != "phone's edit":
            await pilot.press("right")
        assert app.screen.focused.entry.title == "phone's edit"
        await pilot.press("k")
        await on_screen(app, pilot, SyncScreen)
        await wait_for(pilot, lambda: not app._syncing)
        assert app.sync_status.startswith("⟳ synced")  # the choice went out at once
        await pilot.press("escape")
        await on_screen(app, pilot, TimelineScreen)

        # A new entry saved in the app reaches the phone with no command typed.
        await pilot.press("n")
        await on_screen(app, pilot, EditorScreen)
        app.screen.query_one("#title").value = "written in the app"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen))
        assert app._sync_timer is not None, "a save syncs after a quiet moment, not at once"
        await wait_for(pilot, lambda: app._sync_timer is None and not app._syncing)
        await settle(app, pilot)

    phone.sync()
    assert phone.titles()[entry.id] == ["phone's edit"]
    assert "written in the app" in {t[0] for t in phone.titles().values()}
    phone.store.close()


async def test_one_sync_in_the_app_repairs_a_damaged_remote(tmp_path):
    """A segment of this device deleted from the remote: the sync on unlock publishes its
    changes anew in the same go (no second sync needed), and a device joining then gets all."""
    remote_dir = tmp_path / "remote"
    remote_dir.mkdir()
    remote = FolderRemote(remote_dir)
    laptop = Device.first(tmp_path / "laptop", remote)
    remote_settings.save(laptop.store, remote_settings.RemoteSettings(
        RemoteAddress("folder", str(remote_dir))))
    for n in range(3):
        laptop.add(sample_entry(n, title=f"entry {n}"))
        laptop.sync()
    first = next(remote_dir.glob("*/devices/*/00000001"))
    first.unlink()
    laptop.store.close()

    app = JournalApp(laptop.home)
    async with app.run_test(size=(100, 32)) as pilot:
        await unlock(app, pilot)
        await wait_for(pilot, lambda: not app._syncing)
        assert app.sync_status.startswith("⟳ synced"), app.sync_status
        log = " ".join(line.text for line in app.session.sync_log.lines)
        assert "publishes all its changes anew" in log
        await settle(app, pilot)

    phone = Device.joining(tmp_path / "phone", remote)
    assert sorted(t[0] for t in phone.titles().values()) == ["entry 0", "entry 1", "entry 2"]
    phone.store.close()


async def test_the_open_app_shows_what_another_process_wrote(tmp_path):
    """An entry added by `journal add` in another terminal while the app is open appears on the
    timeline within seconds, with no lock and unlock (issue 16, 7)."""
    from conftest import PASSPHRASE, make_store

    from journal.storage.store import JournalStore

    home = tmp_path / "home"
    store, _ = make_store(home)
    store.add(sample_entry(1, title="written before"))
    store.close()
    app = JournalApp(home)
    app.ELSEWHERE_CHECK_SECONDS = 0.2
    async with app.run_test(size=(100, 32)) as pilot:
        await unlock(app, pilot)
        await on_screen(app, pilot, TimelineScreen)
        with JournalStore.unlock(home, PASSPHRASE) as shell:
            shell.add(sample_entry(2, title="added from the shell"))

        def shown() -> str:
            """what the timeline draws, line by line"""
            entries = app.screen.query_one("#entries")
            return "\n".join(entries.render_line(y).text for y in range(entries.size.height))

        await wait_for(pilot, lambda: "added from the shell" in shown(), timeout=10)
        assert "written before" in shown()
        await settle(app, pilot)
    # however the app ends (here: the test stops it, no ctrl+q), the journal file is closed
    assert not app.session.unlocked


async def test_a_failed_sync_says_so_in_the_warning_colour(tmp_path):
    """Every status starts with "⟳ ": the badge once looked for statuses starting "sync
    failed", so a failure was drawn like a success."""
    from conftest import make_store

    home = tmp_path / "home"
    store, _ = make_store(home)
    gone = tmp_path / "not-a-folder"
    gone.write_text("a file where the remote folder should be")
    remote_settings.save(store, remote_settings.RemoteSettings(RemoteAddress("folder",
                                                                             str(gone))))
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=(100, 32)) as pilot:
        await unlock(app, pilot)
        await wait_for(pilot, lambda: not app._syncing)
        badge = app.screen.query_one(SyncBadge)
        await pilot.pause()
        assert str(badge.render()) == "⟳ sync failed (y)"
        failed = _ink(badge)
        app.sync_status = "⟳ synced 12:00"
        await pilot.pause()
        assert _ink(badge) != failed and str(badge.render()) == "⟳ synced 12:00"


def _ink(widget) -> set:
    """The colours the widget's text is drawn in."""
    return {seg.style.color for seg in widget.render_line(0) if seg.text.strip() and seg.style}
