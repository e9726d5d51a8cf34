"""Pilot test: Trends' Change view says a value's marks as counts out of each period's entries
("5 of 14 → 7 of 14"), not as "+8 pts per entry"."""

from __future__ import annotations

from conftest import make_store, sample_entry
from test_app import on_screen, settle, unlock

from journal.app import JournalApp
from journal.domain.model import Mark
from journal.screens.trends import TrendsScreen


def screen_text(app) -> str:
    return "\n".join("".join(segment.text for segment in strip).rstrip()
                     for strip in app.screen._compositor.render_strips())


async def test_change_says_counts_out_of_entries(home):
    store, _ = make_store(home)
    # 1 to 28 March 2026: hope lived in 5 of the first 14 days and 7 of the last 14
    store.add_many([sample_entry(n, marks={"hope": Mark.LIVED} if (
        n % 3 == 0 if n < 14 else n % 2 == 0) else {}) for n in range(28)])
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(app, pilot)
        await pilot.press("t")
        await on_screen(app, pilot, TrendsScreen)
        await pilot.press("5", *"2026-03-15..2026-03-28", "enter")
        await settle(app, pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")  # to Change
        await settle(app, pilot)
        shown = screen_text(app)
        assert "In how many of each period's entries the value was marked" in shown
        assert "+ lived: before → now" in shown
        hope = next(line for line in shown.splitlines() if line.strip().startswith("Hope"))
        assert "5 of 14 → 7 of 14" in hope and "0 of 14 → 0 of 14" in hope, hope
        assert "pts per entry" not in shown
