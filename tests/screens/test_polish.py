"""Pilot tests of small things a new user tripped over at 80x24: typing a name on the People
screen, the Shared table's columns, the Create button that says what it waits for, the sync
help, the own-editor key with no editor set, and the Support screen's footer."""

from __future__ import annotations

from conftest import make_store
from test_app import on_screen, settle, unlock, wait_for

from journal.app import JournalApp
from journal.domain.people import save_person
from journal.screens.people import PeopleScreen

SMALL = (80, 24)


def said(widget) -> str:
    return str(widget.render())


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
