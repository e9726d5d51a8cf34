"""Pilot tests of f4 (write in my own editor) where it cannot run: nothing changes in the form
and one line says why. The editor itself, with the app suspended, is tested for real in tmux
(tests/test_tmux_own_editor.py): App.suspend needs a real terminal."""

from __future__ import annotations

from test_app import journal_home, on_screen, settle, unlock

from journal.app import JournalApp
from journal.screens.dialogs.choice import ChoiceScreen
from journal.screens.dialogs.own_editor import CANNOT_SUSPEND
from journal.screens.editor import EditorScreen
from journal.session.external_editor import TOLD

__all__ = ["journal_home"]  # the fixture, used by name


def said(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_no_editor_set_says_how_to_set_one(journal_home, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = JournalApp(journal_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(app, pilot)
        await pilot.press("n")
        await on_screen(app, pilot, EditorScreen)
        await pilot.press(*"Kept", "f4")
        await settle(app, pilot)
        # The app read its environment when it started: an export now cannot reach it.
        assert said(app) == ["error: no editor is set. Quit the journal (ctrl+q), set EDITOR "
                             "in your shell (for example `export EDITOR=nano`) and start the "
                             "journal again: it reads EDITOR only when it starts."]
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.query_one("#title").value == "Kept"
    assert not (journal_home / TOLD).exists()  # nothing was said about a file: none was made


async def test_an_editor_not_found_says_to_start_again(journal_home, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "no-such-editor-here")
    app = JournalApp(journal_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(app, pilot)
        await pilot.press("n")
        await on_screen(app, pilot, EditorScreen)
        await pilot.press("f4")
        await settle(app, pilot)
        assert said(app) == ["error: the editor 'no-such-editor-here' was not found; set EDITOR "
                             "to an editor you have. The journal reads EDITOR only when it "
                             "starts: quit (ctrl+q), set it in your shell and start the journal "
                             "again."]


async def test_the_first_use_asks_until_the_writer_goes_on(journal_home, monkeypatch):
    monkeypatch.setenv("VISUAL", "true")
    app = JournalApp(journal_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(app, pilot)
        await pilot.press("n")
        await on_screen(app, pilot, EditorScreen)
        await pilot.press(*"Kept", "f4")
        await on_screen(app, pilot, ChoiceScreen)
        question = str(app.screen.query_one("Label").render())
        assert question.startswith("Note: while your editor has it, the text sits in a "
                                   "temporary file, readable only by you")
        await pilot.press("enter")  # "Not now", the safe answer, has the focus
        await on_screen(app, pilot, EditorScreen)
        assert app.screen.query_one("#title").value == "Kept"
        assert not (journal_home / TOLD).exists()
        await pilot.press("f4")  # "Not now" was no use of it: asked again
        await on_screen(app, pilot, ChoiceScreen)
        await pilot.press("tab", "enter")  # "Open my editor"
        await on_screen(app, pilot, EditorScreen)
        assert said(app) == [CANNOT_SUSPEND]  # here no terminal can be handed over
        assert (journal_home / TOLD).exists()
        await pilot.press("f4")  # told once: not asked again
        await settle(app, pilot)
        assert isinstance(app.screen, EditorScreen)
        assert said(app) == [CANNOT_SUSPEND, CANNOT_SUSPEND]
        assert app.screen.query_one("#title").value == "Kept"
