"""Pilot tests of the unlock screen: no key is lost before a field has focus, a Return that
arrives as a line feed opens, recovery asks the new passphrase twice behind a masked key and
says when the passphrase has changed, and the lock note says who locked."""

from __future__ import annotations

from conftest import PASSPHRASE, make_store
from test_app import on_screen, settle, text, unlock, wait_for
from textual import events

from journal.app import JournalApp
from journal.screens.timeline import TimelineScreen
from journal.screens.unlock import CHANGED, UnlockScreen
from journal.storage.store import JournalStore
from journal.widgets.fields import Field

NEW = "a brand new passphrase"


def notes(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_keys_before_focus_reach_the_passphrase_and_ctrl_j_opens(home):
    make_store(home)[0].close()
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(app, pilot, UnlockScreen)
        field = app.screen.query_one("#passphrase", Field)
        assert app.screen.focused is field  # from the first moment
        app.screen.set_focus(None)  # as before a field has focus
        await pilot.press(*PASSPHRASE[:4])
        assert field.value == PASSPHRASE[:4] and app.screen.focused is field
        field.value = PASSPHRASE
        await pilot.press("ctrl+j")  # a Return typed before the terminal was in raw mode
        await on_screen(app, pilot, TimelineScreen)


async def test_recovery_asks_twice_masks_the_key_and_says_it_changed(home):
    store, recovery = make_store(home)
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(app, pilot, UnlockScreen)
        await pilot.press("ctrl+r")
        screen = app.screen
        key = screen.query_one("#recovery", Field)
        assert screen.focused is key and key.password  # masked until asked
        assert "type it twice" in text(screen.query_one("#message"))
        await pilot.click("#show-key")
        assert not key.password
        key.value = recovery
        screen.query_one("#new", Field).value = NEW
        again = screen.query_one("#again", Field)
        again.value = NEW + "x"
        again.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert text(screen.query_one("#message")) == (
            "The two new passphrases are different. Type the new one again.")
        assert again.value == "" and isinstance(app.screen, UnlockScreen)
        await pilot.press(*NEW, "enter")
        await on_screen(app, pilot, TimelineScreen)
        assert CHANGED in notes(app)
        assert CHANGED == "Your passphrase has changed. Use the new one from now on."
    JournalStore.unlock(home, NEW).close()


async def test_enter_moves_on_at_once_in_a_burst(home):
    """Keys already on their way when Enter moves on go to the next field, in order."""
    make_store(home)[0].close()
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(app, pilot, UnlockScreen)
        await pilot.press("ctrl+r")
        screen = app.screen
        key = screen.query_one("#recovery", Field)
        for k in ("a", "b", "enter", "c", "d", "enter", "e"):
            key.post_message(events.Key(k, None if k == "enter" else k))
        await wait_for(pilot, lambda: screen.query_one("#again", Field).value == "e")
        assert key.value == "ab" and screen.query_one("#new", Field).value == "cd"


async def test_the_lock_note_says_who_locked(home):
    make_store(home)[0].close()
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("ctrl+l")
        await on_screen(app, pilot, UnlockScreen)
        assert text(app.screen.query_one("#locked-note")) == (
            "Locked. You locked it (ctrl+l). Anything you were writing was kept.")


async def test_a_given_passphrase_opens_at_once(home):
    """The demo's way in: nothing to type."""
    make_store(home)[0].close()
    app = JournalApp(home, passphrase=PASSPHRASE, banner="This is a demo journal.")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(app, pilot, TimelineScreen)
