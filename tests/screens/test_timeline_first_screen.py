"""While the rest of a large journal loads, the newest entries stay readable, with the count
saying so: never hidden behind Textual's loading dots. The screen's own flag was once called
`loading`, which is Textual's own reactive, so setting it covered the whole timeline (footer
included) with a loading indicator: 13 s at 100,000 entries. The load itself is too quick to
catch at a size a test can make, so the test sets the flag as the first load does."""

from __future__ import annotations

from conftest import make_store, sample_entry
from test_app import text, unlock
from textual.widgets import LoadingIndicator

from journal.app import JournalApp
from journal.screens.timeline import TimelineScreen
from journal.widgets.entry_list import EntryList


async def test_the_newest_stay_readable_while_the_rest_load(tmp_path):
    home = tmp_path / "home"
    store, _ = make_store(home)
    store.add_many([sample_entry(n, title=f"Session {n}") for n in range(3)])
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        screen.loading_rest = True  # as between the first screen and the rest
        screen.refilter()
        await pilot.pause()
        assert "3 entries (loading the rest…)" in text(screen.query_one("#summary"))
        assert not screen.query(LoadingIndicator) and not screen.loading
        assert len(screen.query_one(EntryList).rows) == 3


async def test_the_count_says_while_the_words_are_still_being_read(tmp_path):
    """Between the whole list and the words of every entry (9 s at 100,000 entries) a word
    filter matches titles and previews only, and the count says so."""
    home = tmp_path / "home"
    store, _ = make_store(home)
    store.add_many([sample_entry(n, title=f"Session {n}") for n in range(3)])
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        assert "(" not in text(screen.query_one("#summary"))  # all loaded: nothing pending
        screen.reading_words = True
        screen.refilter()
        await pilot.pause()
        assert "3 entries (reading their words…)" in text(screen.query_one("#summary"))
