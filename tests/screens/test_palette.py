"""The command palette offers the app's own commands, each once: typing "quit" finds one Quit,
and "theme" finds the app's theme key, not Textual's picker of themes the app does not have."""

from __future__ import annotations

from conftest import make_store
from test_app import unlock, wait_for
from textual.command import CommandPalette
from textual.widgets import OptionList

from journal.app import JournalApp


def _offers(app) -> list[str]:
    options = app.screen.query_one(OptionList)
    return [options.get_option_at_index(i).prompt.plain
            if hasattr(options.get_option_at_index(i).prompt, "plain")
            else str(options.get_option_at_index(i).prompt)
            for i in range(options.option_count)]


async def test_the_palette_offers_each_command_once(tmp_path):
    home = tmp_path / "home"
    store, _ = make_store(home)
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(app, pilot)
        for query, wanted in (("quit", "Quit"), ("theme", "Next theme")):
            await pilot.press("ctrl+p")
            await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
            await pilot.press(*query)
            await wait_for(pilot, lambda: bool(_offers(app)) and "Searching" not in _offers(app)[0])
            offers = _offers(app)
            assert sum(wanted in o for o in offers) == 1, offers
            assert not any("Change the current theme" in o or "as soon as possible" in o
                           for o in offers), offers
            await pilot.press("escape")
            await wait_for(pilot, lambda: not isinstance(app.screen, CommandPalette))
