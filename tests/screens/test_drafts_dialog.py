"""The drafts dialog names the discard key as its footer does, and that key discards."""

from __future__ import annotations

from test_app import journal_home, on_screen, text, unlock, wait_for

__all__ = ["journal_home"]  # the fixture, used by name

from journal.app import JournalApp
from journal.screens.dialogs.drafts import DraftsScreen
from journal.screens.editor import EditorScreen
from journal.screens.timeline import TimelineScreen
from journal.widgets.footer import KeysFooter


async def test_the_dialog_and_its_footer_agree_on_del(journal_home):
    app = JournalApp(journal_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(app, pilot)
        await pilot.press("n")
        await on_screen(app, pilot, EditorScreen)
        app.screen.query_one("#title").value = "Half a thought"
        await app.screen.autosave()
    again = JournalApp(journal_home)
    async with again.run_test(size=(100, 30)) as pilot:
        await unlock(again, pilot)
        await on_screen(again, pilot, DraftsScreen)
        said = " ".join(text(s) for s in again.screen.query("Static"))
        assert "Enter to carry on writing, del to discard, Escape to decide later." in said
        assert "x to discard" not in said
        footer = again.screen.query_one(KeysFooter)
        await wait_for(pilot, lambda: "Discard draft" in footer.shown_text)
        assert "del Discard draft" in footer.shown_text
        await pilot.press("delete")  # the key both name
        await on_screen(again, pilot, TimelineScreen)
        assert await again.run_store(again.session.drafts) == []
