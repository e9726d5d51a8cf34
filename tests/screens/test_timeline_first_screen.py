"""While a large journal loads in steps, the newest entries stay readable and the count says
what is still coming: never hidden behind Textual's loading dots. The screen's own flag was
once called `loading`, which is Textual's own reactive, so setting it covered the whole
timeline (footer included) with a loading indicator: 13 s at 100,000 entries. The steps are
too quick to catch at a size a test can make, so each test sets the flag as the load does."""

from __future__ import annotations

import pytest
from conftest import make_store, sample_entry
from test_app import text, unlock
from textual.widgets import LoadingIndicator

from journal.app import JournalApp
from journal.screens.timeline import TimelineScreen
from journal.widgets.entry_list import EntryList


@pytest.mark.parametrize("flag,said", [
    ("loading_rest", "3 entries (loading the rest…)"),  # the newest shown, the rest to come
    ("reading_words", "3 entries (reading their words…)"),  # listed; the word filter waits
])
async def test_the_count_says_what_is_still_coming(tmp_path, flag, said):
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
        setattr(screen, flag, True)
        screen.refilter()
        await pilot.pause()
        assert said in text(screen.query_one("#summary"))
        assert not screen.query(LoadingIndicator) and not screen.loading
        assert len(screen.query_one(EntryList).rows) == 3
