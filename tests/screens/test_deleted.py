"""Pilot test: a delete is undone after leaving the entry (u on the timeline), and the Deleted
view lists deleted entries with their title and when, to read or bring back."""

from __future__ import annotations

import time

from conftest import PASSPHRASE
from test_app import journal_home, on_screen, palette, settle, unlock

from journal.app import JournalApp
from journal.screens.deleted import NONE_DELETED, DeletedScreen
from journal.screens.entry import EntryScreen
from journal.screens.timeline import TimelineScreen
from journal.storage.store import JournalStore
from journal.widgets.entry_list import EntryList


def screen_text(app) -> str:
    return "\n".join("".join(segment.text for segment in strip).rstrip()
                     for strip in app.screen._compositor.render_strips())


def titles(app) -> list[str]:
    return [row.title for row in app.screen.query_one(EntryList).rows]


async def delete_the_top_entry(app, pilot) -> str:
    await pilot.press("enter")
    await on_screen(app, pilot, EntryScreen)
    title = app.screen.entry.title
    await pilot.press("d")
    await settle(app, pilot)
    assert app.screen.entry.deleted
    await pilot.press("escape")
    await on_screen(app, pilot, TimelineScreen)
    return title


async def test_undo_after_leaving_the_entry_and_the_deleted_view(journal_home):
    app = JournalApp(journal_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(app, pilot)
        assert "Undo delete" not in screen_text(app)  # nothing to undo yet
        offered = await palette(app)
        assert {"Timeline: Deleted entries", "Timeline: Quick note"} <= set(offered)
        assert "Timeline: Undo delete" not in offered

        gone = await delete_the_top_entry(app, pilot)
        assert gone not in titles(app)
        await pilot.pause()
        assert "u Undo delete" in screen_text(app)  # still reachable, in the footer
        await pilot.press("u")
        await settle(app, pilot)
        assert gone in titles(app)
        assert "Undo delete" not in screen_text(app)

        gone = await delete_the_top_entry(app, pilot)
        await pilot.press("D")
        await on_screen(app, pilot, DeletedScreen)
        rows = app.screen.query_one("#deleted-list")
        assert rows.option_count == 1
        row = str(rows.get_option_at_index(0).prompt)
        assert row.startswith(f"deleted {time.strftime('%d %b %Y')} ") and gone in row, row
        assert "1 deleted entry" in str(app.screen.query_one("#deleted-status").render())

        await pilot.press("enter")  # read it: the entry page says how to bring it back
        await on_screen(app, pilot, EntryScreen)
        assert "Press u to bring it back." in app.screen.query_one("#entry-text").source
        await pilot.press("escape")
        await on_screen(app, pilot, DeletedScreen)

        await pilot.press("r")
        await settle(app, pilot)
        assert str(app.screen.query_one("#deleted-status").render()) == NONE_DELETED
        await pilot.press("escape")
        await on_screen(app, pilot, TimelineScreen)
        assert gone in titles(app) and len(titles(app)) == 13
        assert "Undo delete" not in screen_text(app)  # brought back: nothing left to undo
    with JournalStore.unlock(journal_home, PASSPHRASE) as store:
        assert store.count() == 13 and not store.count(include_deleted=True) > 13


__all__ = ["journal_home"]  # the fixture, shared with test_app
