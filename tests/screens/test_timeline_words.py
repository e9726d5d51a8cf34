"""The timeline's word filter reads the whole text, as `journal search` does: a word from the
middle of a long entry finds it, drawn on the screen a writer sees."""

from __future__ import annotations

from conftest import make_store, sample_entry
from test_app import drawn, text, unlock, wait_for

from journal.app import JournalApp
from journal.widgets.entry_list import EntryList


async def test_a_word_from_the_middle_of_an_entry_finds_it(tmp_path):
    home = tmp_path / "home"
    store, _ = make_store(home)
    body = "We walked along the canal. " * 40 + "She spoke about her allotment. " + "Rain. " * 30
    store.add(sample_entry(1, title="Canal walk", body=body))
    store.add(sample_entry(2, title="Team meeting", body="Rotas and leave."))
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        entries = app.screen.query_one(EntryList)
        await wait_for(pilot, lambda: len(entries.rows) == 2 and not app.screen.loading_rest)
        await pilot.press("slash", *"allotment")
        await wait_for(pilot, lambda: [r.title for r in entries.rows] == ["Canal walk"])
        assert "Canal walk" in drawn(entries) and "Team meeting" not in drawn(entries)
        assert "1 of 2 entries shown" in text(app.screen.query_one("#summary"))
        await pilot.press(*"x")  # "allotmentx" is nowhere
        await wait_for(pilot, lambda: entries.rows == [])
        await pilot.pause()
        assert "Nothing matches the filter: press Esc to clear it." in drawn(entries)
        assert "No entries yet" not in drawn(entries)
