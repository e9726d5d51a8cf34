"""Pilot tests: people in the editor. The writer attaches people (their pseudonyms) by ticking
them on the people list (f3); when the text names someone on the list who is not attached, one
line offers them and f5 accepts; nobody is ever attached without that key."""

from __future__ import annotations

import pytest
from conftest import PASSPHRASE, make_store, sample_entry
from test_app import on_screen, settle, unlock, wait_for

from journal.app import JournalApp
from journal.domain.people import save_person
from journal.screens.dialogs.people_picker import NO_ONE, PeoplePickerScreen
from journal.screens.editor import EditorScreen
from journal.screens.entry import EntryScreen
from journal.screens.timeline import TimelineScreen
from journal.storage.store import JournalStore
from journal.widgets.entry_list import EntryList


def shown(editor, selector: str) -> str:
    return str(editor.query_one(selector).render())


@pytest.fixture
def people_home(home):
    store, _ = make_store(home)
    save_person(store, "Sam", ["Sammy"])  # P1
    save_person(store, "Siobhán O'Neill", [])  # P2
    store.add(sample_entry(1, title="With Sam before", people=["P1"]))
    store.close()
    return home


async def write(app, pilot, title: str, words: str) -> EditorScreen:
    await pilot.press("n")
    await on_screen(app, pilot, EditorScreen)
    editor = app.screen
    await pilot.press(*title, "enter")  # the title, then on to the text
    await pilot.press(*words)
    return editor


def saved_people(home, title: str) -> list[str]:
    with JournalStore.unlock(home, PASSPHRASE) as store:
        return next(e for e in store.entries() if e.title == title).people


async def test_a_named_person_is_offered_and_attached_only_with_the_key(people_home):
    app = JournalApp(people_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(app, pilot)
        editor = await write(app, pilot, "Walk", "Walked with sammy to the allotment")
        hint = editor.query_one("#people-hint")
        await wait_for(pilot, lambda: hint.display)
        # an other name, typed in lower case, still finds Sam; nothing is attached yet
        assert shown(editor, "#people-hint") == "Sam is named in the text: f5 attaches them as P1"
        assert shown(editor, "#people-names") == "none (f3 to choose)"
        await pilot.press("f5")
        await wait_for(pilot, lambda: not hint.display)
        assert shown(editor, "#people-names") == "P1 Sam"
        await pilot.press(*" and siobhan o neill")  # no accent, a space for the apostrophe
        await wait_for(pilot, lambda: hint.display)
        assert shown(editor, "#people-hint") == (
            "Siobhán O'Neill is named in the text: f5 attaches them as P2")
        await pilot.press("ctrl+s")  # saved without f5: Siobhán is not attached
        await on_screen(app, pilot, TimelineScreen)
    assert saved_people(people_home, "Walk") == ["P1"]


async def test_people_are_ticked_on_the_list_and_shown_when_editing(people_home):
    app = JournalApp(people_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(app, pilot)
        editor = await write(app, pilot, "Phone call", "A long call")
        assert not editor.query_one("#people-hint").display  # no one named: nothing offered
        await pilot.press("f3")
        await on_screen(app, pilot, PeoplePickerScreen)
        picker = app.screen
        ticks = picker.query_one("#people-choices")
        rows = [str(ticks.get_option_at_index(i).prompt) for i in range(ticks.option_count)]
        assert rows == ["P1  Sam (Sammy)", "P2  Siobhán O'Neill"]
        await pilot.press("down", "space")  # tick Siobhán
        await pilot.press("ctrl+s")
        await on_screen(app, pilot, EditorScreen)
        assert shown(editor, "#people-names") == "P2 Siobhán O'Neill"
        await pilot.press("f3")
        await on_screen(app, pilot, PeoplePickerScreen)
        await pilot.press("space")  # tick Sam too
        await pilot.press("escape")  # ...and change nothing after all
        await on_screen(app, pilot, EditorScreen)
        assert shown(editor, "#people-names") == "P2 Siobhán O'Neill"
        await pilot.press("ctrl+s")
        await on_screen(app, pilot, TimelineScreen)
        assert saved_people(people_home, "Phone call") == ["P2"]
        # an entry written with `journal add --person P1` shows its person in the editor
        rows = app.screen.query_one(EntryList).rows
        app.screen.query_one(EntryList).cursor = next(
            i for i, r in enumerate(rows) if r.title == "With Sam before")
        await pilot.press("enter")
        await on_screen(app, pilot, EntryScreen)
        await pilot.press("e")
        await on_screen(app, pilot, EditorScreen)
        assert shown(app.screen, "#people-names") == "P1 Sam"
        await settle(app, pilot)


async def test_with_no_one_listed_the_list_says_how_to_add_people(journal_home_empty):
    app = JournalApp(journal_home_empty)
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(app, pilot)
        editor = await write(app, pilot, "Alone", "Sam came by")
        await pilot.press("f3")
        await on_screen(app, pilot, PeoplePickerScreen)
        assert str(app.screen.query_one("#no-one").render()) == NO_ONE
        await pilot.press("escape")
        await on_screen(app, pilot, EditorScreen)
        assert not editor.query_one("#people-hint").display


@pytest.fixture
def journal_home_empty(home):
    store, _ = make_store(home)
    store.close()
    return home
