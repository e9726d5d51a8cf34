"""Pilot tests of the first run and the recovery key: the strength line says each thing once,
the passphrase typed twice in one burst (Tab between) lands in both fields, and the recovery-key
screen starts with its tick box focused."""

from __future__ import annotations

from conftest import make_store
from test_app import on_screen, settle, text, unlock, wait_for
from textual import events

from journal.app import JournalApp
from journal.screens.dialogs.recovery_key import RecoveryKeyScreen
from journal.screens.setup import SetupScreen
from journal.widgets.fields import Field

STRONG = "walrus teapot orbit lantern"


async def test_strength_and_a_burst_with_tab(home):
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(app, pilot, SetupScreen)
        first = app.screen.query_one("#passphrase", Field)
        assert app.screen.focused is first
        for key in [*STRONG, "tab", *STRONG]:  # queued at once, as a fast burst arrives
            char = {"tab": None, " ": " "}.get(key, key)
            first.post_message(events.Key("space" if key == " " else key, char))
        again = app.screen.query_one("#again", Field)
        await wait_for(pilot, lambda: again.value == STRONG)
        assert first.value == STRONG
        assert text(app.screen.query_one("#strength")) == (
            "Strength: strong. Make sure you can remember it.")
        assert not app.screen.query_one("#create").disabled


async def test_the_recovery_key_screen_starts_on_its_tick_box(home):
    make_store(home)[0].close()
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        app.push_screen(RecoveryKeyScreen("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789"))
        await on_screen(app, pilot, RecoveryKeyScreen)
        assert app.screen.focused is app.screen.query_one("#written")
        await pilot.press("space")  # tick it without reaching for the mouse
        await settle(app, pilot)
        assert not app.screen.query_one("#continue").disabled
