"""Pilot test: space on a value cycles none → lived → challenging → tagged → none, each shown in
words, the tagged mark (`R·`) is saved, and the help page says the whole cycle."""

from __future__ import annotations

from conftest import PASSPHRASE
from test_app import journal_home, on_screen, settle, unlock

from journal.app import JournalApp
from journal.screens import help as help_page
from journal.screens.editor import EditorScreen
from journal.storage.store import JournalStore
from journal.widgets.marks import ValueRow

__all__ = ["journal_home"]


async def test_space_cycles_to_tagged_and_back(journal_home):
    app = JournalApp(journal_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(app, pilot)
        await pilot.press("n")
        await on_screen(app, pilot, EditorScreen)
        app.screen.query_one("#title").value = "Tagged hope"
        app.screen.query_one("#body").text = "We talked; hope was there, quietly."
        row = app.screen.query_one("#value-hope", ValueRow)
        row.focus()
        seen = []
        for _ in range(4):
            await pilot.press("space")
            seen.append(str(row.render()))
        assert seen == ["[ + ] Hope  (lived)", "[ ! ] Hope  (challenging)",
                        "[ · ] Hope  (tagged)", "[   ] Hope"]
        await pilot.press("space", "space", "space")  # tagged again, and saved so
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    with JournalStore.unlock(journal_home, PASSPHRASE) as store:
        saved = next(e for e in store.entries() if e.title == "Tagged hope")
        assert saved.marks == {"hope": "tagged"}


def test_the_help_page_says_the_whole_cycle():
    page = help_page.help_markdown(JournalApp)
    assert "On a value: none → lived → challenging → tagged" in page
