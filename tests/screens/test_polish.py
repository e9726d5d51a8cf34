"""Pilot tests of small things a new user tripped over at 80x24: typing a name on the People
screen, the Shared table's columns, the Create button that says what it waits for, the sync
help, the own-editor key with no editor set, and the Support screen's footer."""

from __future__ import annotations

import re

from conftest import PASSPHRASE, make_store, sample_entry
from test_app import on_screen, settle, unlock, wait_for
from test_palette import _offers as offers
from textual.command import CommandPalette

from journal.app import JournalApp
from journal.domain.people import save_person
from journal.export.write import Sealing
from journal.screens.export import ExportScreen
from journal.screens.help import help_markdown
from journal.screens.people import PeopleScreen
from journal.screens.setup import SetupScreen
from journal.screens.support import SupportScreen
from journal.screens.sync import WHEN_IT_SYNCS, SyncScreen
from journal.screens.timeline import TimelineScreen
from journal.session.facade import Session
from journal.widgets.footer import KeysFooter

SMALL = (80, 24)


def said(widget) -> str:
    return str(widget.render())


def footer_keys(app) -> str:
    """The footer's keys: those shown, then those hidden for want of room."""
    footer = app.screen.query_one(KeysFooter)
    return "  ".join([footer.shown_text, *footer.hidden_keys])


def screen_lines(app) -> list[str]:
    """Every line of the screen as the terminal shows it."""
    return ["".join(segment.text for segment in strip).rstrip()
            for strip in app.screen._compositor.render_strips()]


async def test_people_names_typed_go_into_the_name_field(home):
    """With people listed, the screen used to open on the list: the `a` of "Mary" was Add
    person, and Enter said "a person needs a name". After a save the focus left the field."""
    store, _ = make_store(home)
    save_person(store, "Sam", [])
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(app, pilot)
        await pilot.press("p")
        await on_screen(app, pilot, PeopleScreen)
        screen = app.screen
        name = screen.query_one("#name")
        await pilot.press(*"Mary", "enter")
        await settle(app, pilot)
        table = screen.query_one("#people-table")
        await wait_for(pilot, lambda: table.row_count == 2)
        assert [str(table.get_row_at(n)[1]) for n in range(2)] == ["Sam", "Mary"]
        assert said(screen.query_one("#people-status")) == ""
        assert screen.focused is name and name.value == ""
        await pilot.press(*"Ann", "enter")  # the next one, straight after
        await settle(app, pilot)
        await wait_for(pilot, lambda: table.row_count == 3)
        assert str(table.get_row_at(2)[1]) == "Ann" and screen.focused is name
        shown = " ".join(" ".join(screen_lines(app)).split())
        assert ("Type a name below and press Enter to add someone; shift+tab goes to the list, "
                "to change or remove them.") in shown
        await pilot.press("shift+tab")
        assert screen.focused is table


BODY = "## What?\nMet Sam at the cafe.\n\n## So what?\nSam said it helped."


async def test_shared_table_reads_whole_at_80_columns_and_contexts_lose_their_hashes(
        home, tmp_path):
    """The Shared table had File before Replaced and Kept, which ran off the edge (the header
    read just `R`); a finding's context showed the Markdown heading marks (`## What?`)."""
    store, _ = make_store(home)
    save_person(store, "Sam Okafor", ["Sam"])
    cafe = sample_entry(0, title="Cafe", body=BODY, flagged=True)
    store.add(cafe)
    store.close()
    session = Session(home)
    session.unlock(PASSPHRASE)
    entries, review = session.export_review([cafe.id], include_wellbeing=False)
    session.write_export(entries, review, "md", tmp_path / "supervision-2026-11-30.md", False,
                         Sealing())
    session.lock()
    app = JournalApp(home)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(app, pilot)
        await pilot.press("x")
        await on_screen(app, pilot, ExportScreen)
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        await wait_for(pilot, lambda: app.screen.review is not None)
        await settle(app, pilot)
        shown = "\n".join(screen_lines(app))
        assert "…What? Met Sam at the ca…" in shown  # the row
        assert "…What? Met Sam at the cafe. So what? Sam said it helped.…" in shown  # below it
        assert "#" not in shown
        tabs = app.screen.query_one("#export-tabs")
        app.screen.query_one("#write").focus()
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: tabs.active == "tab-shared")
        await settle(app, pilot)
        lines = screen_lines(app)
        header = next(line for line in lines if line.lstrip().startswith("When"))
        assert header.split() == ["When", "Entries", "Format", "Sealed", "Replaced", "Kept",
                                  "File"]
        row = re.split(r"\s{2,}", lines[lines.index(header) + 1].strip())
        assert row[1:6] == ["1", "md", "not sealed", "2", "0"]
        assert row[6].startswith("supervision-2026")  # the file's name runs on past the edge


async def test_sync_is_said_to_come_after_a_quiet_moment_in_one_way(home):
    """The help said "after every save" and the Sync screen "shortly after each save": the app
    waits until the writer has stopped saving for SYNC_AFTER_SAVE seconds."""
    assert f"about {JournalApp.SYNC_AFTER_SAVE:.0f} s after you stop saving" in WHEN_IT_SYNCS
    page = help_markdown(JournalApp)
    assert ("With a remote set (`journal remote set ADDRESS` in a terminal), the app syncs "
            "when you unlock, and about 20 s after you stop saving (or when it locks or you "
            "quit, if sooner); the footer shows how it went.") in page
    make_store(home)[0].close()
    app = JournalApp(home)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(app, pilot)
        await pilot.press("y")
        await on_screen(app, pilot, SyncScreen)
        shown = " ".join(" ".join(screen_lines(app)).split())
        assert ("then the app syncs when you unlock, and about 20 s after you stop saving (or "
                "when it locks or you quit, if sooner).") in shown
    for said_before in ("after every save", "shortly after each save"):
        assert said_before not in page and said_before not in shown


async def test_create_says_what_it_waits_for(home):
    """"Create my journal" was disabled with only its colour to show it: until it can be
    pressed it says what is missing, as the recovery key's button does."""
    app = JournalApp(home)
    async with app.run_test(size=SMALL) as pilot:
        await on_screen(app, pilot, SetupScreen)
        create = app.screen.query_one("#create")
        first, again = app.screen.query_one("#passphrase"), app.screen.query_one("#again")
        shown = []
        for typed, twice in (("", ""), ("short", ""), ("password1234", ""),
                             (" walrus teapot orbit lantern", ""),
                             ("walrus teapot orbit lantern", ""),
                             ("walrus teapot orbit lantern", "walrus teapot orbit"),
                             ("walrus teapot orbit lantern", "walrus teapot orbit lantern")):
            first.value, again.value = typed, twice
            await pilot.pause()
            shown.append((str(create.label), create.disabled))
            assert str(create.label) in "\n".join(screen_lines(app))  # whole, at 80x24
        assert shown == [
            ("Choose a passphrase first", True),
            ("Choose a longer passphrase first", True),
            ("Choose a stronger passphrase first", True),
            ("Remove the space at the start or end first", True),
            ("Type it again first", True),
            ("Make the two the same first", True),
            ("Create my journal", False),
        ]


async def test_get_support_is_not_offered_on_the_support_screen(home):
    """The Support screen's footer offered `^g Get support`, the screen it is on."""
    make_store(home)[0].close()
    app = JournalApp(home)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(app, pilot)
        assert "Get support" in footer_keys(app)  # (at 80 columns, among those f1 lists)
        await pilot.press("ctrl+g")
        await on_screen(app, pilot, SupportScreen)
        await pilot.pause()
        assert "Get support" not in footer_keys(app)
        assert app.screen.query_one(KeysFooter).shown_text.startswith("esc Back  e Edit list")
        await pilot.press("ctrl+p")  # nor in the palette
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"support")
        await wait_for(pilot, lambda: bool(offers(app)) and "Searching" not in offers(app)[0])
        assert not any(o.split("\n")[0] == "Get support" for o in offers(app)), offers(app)
        await pilot.press("escape")
        await on_screen(app, pilot, SupportScreen)
        await pilot.press("escape")
        await on_screen(app, pilot, TimelineScreen)
        assert "Get support" in footer_keys(app)
