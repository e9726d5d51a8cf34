"""Pilot test: the Export screen at 80x24 uses the house widgets, so its tick boxes read as
ticked or not without colour and its footer shows the keys that fit plus "f1 all keys"."""

from __future__ import annotations

from conftest import make_store, sample_entry
from test_app import on_screen, settle, unlock

from journal.app import JournalApp
from journal.screens.export import ExportScreen


def screen_text(app) -> str:
    return "\n".join("".join(segment.text for segment in strip).rstrip()
                     for strip in app.screen._compositor.render_strips())


async def test_export_at_80x24_reads_without_colour(home):
    store, _ = make_store(home)
    for n in range(3):
        store.add(sample_entry(n, title=f"Session {n}", flagged=True))
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("x")
        await on_screen(app, pilot, ExportScreen)
        picker = app.screen.query_one("#export-entries")
        picker.deselect(picker.get_option_at_index(0).value)
        await settle(app, pilot)
        shown = screen_text(app)
        assert "▐X▌ Flagged only" in shown and "▐ ▌ Wellbeing" in shown
        lines = shown.splitlines()
        rows = [line for line in lines if "Session" in line]
        assert len(rows) == 3 and sum("▐ ▌" in r for r in rows) == 1, rows
        assert "2 entries chosen of 3 matching" in shown
        assert lines[-1].rstrip().endswith("^p palette") and "f1 all keys" in lines[-1]
