"""Trends' keys do what the footer says every time: `5` opens the custom dates again."""

from __future__ import annotations

from conftest import make_store, sample_entry
from test_app import on_screen, settle, unlock

from journal.app import JournalApp
from journal.screens.trends import TrendsScreen


async def test_5_reopens_the_custom_dates(home):
    store, _ = make_store(home)
    store.add_many([sample_entry(n) for n in range(6)])  # 1 to 6 March 2026
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("t")
        await on_screen(app, pilot, TrendsScreen)
        screen = app.screen
        custom = screen.query_one("#custom")
        await pilot.press("5", *"2026-03-01..2026-03-02", "enter")
        await settle(app, pilot)
        assert screen.result.entries == 2 and screen.focused is not custom
        await pilot.press("5")  # again: the dates open, ready to change
        await pilot.pause()
        assert custom.display and screen.focused is custom
        custom.value = ""
        await pilot.press(*"2026-03-01..2026-03-04", "enter")
        await settle(app, pilot)
        assert screen.result.entries == 4
        assert "4 entries" in str(screen.query_one("#trends-header").render())
