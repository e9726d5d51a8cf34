"""At 80x24, read as a person reads the screen: the check-list's answers in words, tick boxes
that show their state without colour, a footer that never cuts a key, the first-run button on
screen, and the Support list in whole columns. Assertions are on the text drawn, not on classes.
"""

from __future__ import annotations

import pytest
from conftest import PASSPHRASE, make_store, sample_entry
from test_app import drawn, on_screen, settle, unlock, wait_for
from textual.app import App, ComposeResult

from journal.app import JournalApp
from journal.domain.model import Answer, Mark
from journal.screens.editor import EditorScreen
from journal.screens.entry import EntryScreen
from journal.screens.people import PeopleScreen
from journal.screens.settings import SettingsScreen
from journal.screens.setup import SetupScreen
from journal.screens.support import SupportScreen
from journal.screens.sync import SyncScreen
from journal.screens.timeline import TimelineScreen
from journal.screens.trends import TrendsScreen
from journal.storage.store import JournalStore
from journal.widgets.entry_list import EntryList
from journal.widgets.footer import KeysFooter
from journal.widgets.ticks import TickList

SMALL = (80, 24)


def reads(widget) -> str:
    """A widget's drawn lines as one line of text (a wrapped row reads on)."""
    return " ".join(line.rstrip() for line in drawn(widget).splitlines())


def screen_text(app: App[object]) -> list[str]:
    """Every line of the screen as the terminal shows it."""
    return ["".join(segment.text for segment in strip).rstrip()
            for strip in app.screen._compositor.render_strips()]


@pytest.fixture
def one_session(home):
    store, _ = make_store(home)
    store.add(sample_entry(0, title="Walk with P1", checks={
        "share-hope": Answer.YES, "broaden-identity": Answer.NO, "accept-peers": Answer.NA}))
    store.close()
    return home


async def test_check_list_answers_read_as_words(one_session):
    app = JournalApp(one_session)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(app, pilot)
        await pilot.press("enter")
        await on_screen(app, pilot, EntryScreen)
        await pilot.press("e")
        await on_screen(app, pilot, EditorScreen)
        rows = {b: app.screen.query_one(f"#check-{b}") for b in
                ("share-hope", "broaden-identity", "accept-peers", "self-care-responsibility")}
        assert reads(rows["share-hope"]).startswith("[yes ] Intentionally sharing")
        assert reads(rows["broaden-identity"]).startswith("[ no ] Help peers explore")
        assert reads(rows["accept-peers"]).startswith("[n/a ] Accepting peers")
        assert reads(rows["self-care-responsibility"]).startswith("[    ] Encourage")
        row = rows["self-care-responsibility"]
        row.focus()
        await pilot.pause()
        on_screen_now = "\n".join(screen_text(app))
        assert "[    ] Encourage" in on_screen_now  # scrolled into view with its answer box
        for key, shown in (("y", "[yes ]"), ("n", "[ no ]"), ("a", "[n/a ]"), ("x", "[    ]"),
                           ("space", "[yes ]")):
            await pilot.press(key)
            await pilot.pause()
            assert reads(row).startswith(f"{shown} Encourage"), key
            assert f"{shown} Encourage" in "\n".join(screen_text(app)), key
        await pilot.press("ctrl+s")
        await on_screen(app, pilot, EntryScreen)
    with JournalStore.unlock(one_session, PASSPHRASE) as store:
        assert store.entries()[0].checks["self-care-responsibility"] == Answer.YES


async def test_tick_boxes_show_their_state_without_colour(one_session):
    app = JournalApp(one_session)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(app, pilot)
        await pilot.press("s")
        await on_screen(app, pilot, SettingsScreen)
        streaks = app.screen.query_one("#streaks")
        assert drawn(streaks).startswith("▐ ▌ Show streaks")
        await pilot.click("#streaks")
        await pilot.pause()
        assert drawn(streaks).startswith("▐X▌ Show streaks") and app.session.settings.streaks


class TickListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield TickList[str](("Walk with P1", "a", True), ("Phone call", "b"), id="ticks")


async def test_a_tick_list_shows_which_options_are_chosen_without_colour():
    app = TickListApp()
    async with app.run_test(size=(40, 6)) as pilot:
        ticks = app.query_one("#ticks", TickList)
        assert options(app) == ["▐X▌ Walk with P1", "▐ ▌ Phone call"]
        ticks.select("b")
        ticks.deselect("a")
        await pilot.pause()
        assert options(app) == ["▐ ▌ Walk with P1", "▐X▌ Phone call"]


def options(app: App[object]) -> list[str]:
    """The list's rows as drawn, inside its border."""
    return [line.strip("▊▎ ") for line in screen_text(app) if "Walk" in line or "Phone" in line]


def footer_line(app: App[object]) -> str:
    return screen_text(app)[-1]


def assert_whole_keys(app: App[object]) -> None:
    """Every key the footer shows is drawn whole, left of the palette key, and f1 is there."""
    footer = app.screen.query_one(KeysFooter)
    line = footer_line(app)
    assert line.rstrip().endswith("^p palette"), line
    keys_part = line[:line.index("▏")]
    shown = footer.shown_text.split("  ")
    assert shown[-1] == "f1 all keys", (type(app.screen).__name__, line)
    position = 0
    for key in shown:  # in order, each whole
        found = keys_part.find(key, position)
        assert found >= 0, (type(app.screen).__name__, key, line)
        position = found + len(key)


async def test_the_footer_shows_whole_keys_then_f1_all_keys(one_session):
    app = JournalApp(one_session)
    async with app.run_test(size=SMALL) as pilot:
        assert_whole_keys(app)  # the unlock screen
        await unlock(app, pilot)
        footer = app.screen.query_one(KeysFooter)
        assert_whole_keys(app)
        assert "⏎ Open  n New entry" in footer_line(app)
        assert footer.hidden_keys, "at 80 columns the timeline has more keys than fit"
        hidden = footer.hidden_keys[0]
        assert hidden not in footer_line(app)
        for key, screen in (("t", TrendsScreen), ("p", PeopleScreen), ("s", SettingsScreen),
                            ("y", SyncScreen), ("ctrl+g", SupportScreen)):
            await pilot.press(key)
            await on_screen(app, pilot, screen)
            assert_whole_keys(app)
            await pilot.press("escape")
            await on_screen(app, pilot, TimelineScreen)
        await pilot.resize_terminal(200, 24)
        await pilot.pause()
        await wait_for(pilot, lambda: hidden in footer_line(app))
        assert_whole_keys(app)


async def test_first_run_button_is_on_screen_at_80x24(home):
    app = JournalApp(home)
    async with app.run_test(size=SMALL) as pilot:
        assert isinstance(app.screen, SetupScreen)
        await pilot.pause()
        lines = screen_text(app)  # the button says what it waits for until it can be pressed
        assert any("Choose a passphrase first" in line for line in lines[:-1]), "\n".join(lines)
        scroller = app.screen.query_one("#setup")
        assert scroller.max_scroll_y == 0  # nothing below the fold to find by scrolling
        await pilot.press(*"four unrelated words here")
        await pilot.pause()
        assert any("Strength:" in line for line in screen_text(app))
        assert any("Type it again first" in line for line in screen_text(app)[:-1])


async def test_support_lists_whole_numbers_and_the_edit_box_is_on_screen(one_session):
    app = JournalApp(one_session)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(app, pilot)
        await pilot.press("ctrl+g")
        await on_screen(app, pilot, SupportScreen)
        text = "\n".join(screen_text(app))
        assert "0800 83 85 87" in text  # never split over two lines
        assert "Breathing Space  0800 83 85 87  If you are feeling down" in text
        assert "│" not in text and "┌" not in text  # no table, so no empty header row
        await pilot.press("e")
        await settle(app, pilot)
        text = "\n".join(screen_text(app))
        assert "Samaritans | 116 123 | Any time, day or night" in text  # the edit box, visible
        assert app.screen.focused is app.screen.query_one("#support-edit")
        await pilot.press("escape")  # leaves the edit box, not the page
        await pilot.pause()
        assert isinstance(app.screen, SupportScreen)
        assert "Samaritans       116 123" in "\n".join(screen_text(app))


async def test_side_panel_headings_wrap_instead_of_being_cut(one_session):
    app = JournalApp(one_session)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(app, pilot)
        await pilot.press("n")
        await on_screen(app, pilot, EditorScreen)
        await pilot.press("f2")
        await pilot.pause()
        heading = app.screen.query_one("#side .heading")
        words = "Values (space: none → lived → challenging → tagged)"
        assert " ".join(drawn(heading).split()) == words



async def test_value_badges_stand_in_columns(home):
    store, _ = make_store(home)
    store.add_many([
        sample_entry(0, title="Both"),  # hope lived, mutuality challenging
        sample_entry(1, title="Mutuality only", marks={"mutuality": Mark.CHALLENGING}),
        sample_entry(2, title="Hope and more", marks={"hope": Mark.LIVED,
                                                      "responsibility": Mark.TAGGED}),
    ])
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(app, pilot)
        lines = drawn(app.screen.query_one(EntryList)).splitlines()[:3]
        for badge in ("H+", "M!"):
            columns = {line.index(badge) for line in lines if badge in line}
            assert len(columns) == 1, (badge, lines)
        at = {b: next(line.index(b) for line in lines if b in line) for b in ("H+", "R·", "M!")}
        assert at["H+"] < at["R·"] < at["M!"]  # the framework's order
