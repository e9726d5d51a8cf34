"""Pilot tests of writing: templates guide and are never saved, every field is labelled, focus
starts in the title, a quick note is one key away, Home and End keep to the line as drawn, and a
value's side panel shows its statements."""

from __future__ import annotations

from conftest import PASSPHRASE
from test_app import drawn, journal_home, on_screen, settle, unlock, wait_for

from journal.app import JournalApp
from journal.domain.model import Kind
from journal.domain.templates import TEMPLATES
from journal.export.write import Sealing
from journal.screens.editor import EditorScreen
from journal.screens.timeline import TimelineScreen
from journal.session.facade import Session
from journal.storage.store import JournalStore
from journal.widgets.entry_list import EntryList


def screen_text(app) -> str:
    """Every line of the screen as the terminal shows it."""
    return "\n".join("".join(segment.text for segment in strip).rstrip()
                     for strip in app.screen._compositor.render_strips())


def shown(widget) -> str:
    return str(widget.render())


async def new_entry(app, pilot) -> EditorScreen:
    await pilot.press("n")
    await on_screen(app, pilot, EditorScreen)
    editor = app.screen
    assert isinstance(editor, EditorScreen)
    return editor


async def test_an_untouched_template_saves_nothing_and_says_so(journal_home):
    app = JournalApp(journal_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(app, pilot)
        before = len(app.screen.query_one(EntryList).rows)
        editor = await new_entry(app, pilot)
        body = editor.query_one("#body").text
        assert "## What?" in body and "What happened?" not in body  # headings, no prompts
        guide = shown(editor.query_one("#guide"))
        assert "What happened? Who was there" in guide  # the prompt guides, beside the text
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, EditorScreen)
        status = shown(editor.query_one("#editor-status"))
        assert "Not saved: nothing is written yet, only the template's headings" in status
        await pilot.press("escape")  # nothing written: leaves without asking
        await on_screen(app, pilot, TimelineScreen)
        assert len(app.screen.query_one(EntryList).rows) == before
    with JournalStore.unlock(journal_home, PASSPHRASE) as store:
        assert store.count() == before


async def test_what_is_saved_is_the_writers_words_under_their_headings(journal_home, tmp_path):
    app = JournalApp(journal_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(app, pilot)
        editor = await new_entry(app, pilot)
        body = editor.query_one("#body")
        assert app.screen.focused is editor.query_one("#title")  # focus starts in the title
        await pilot.press("enter")  # Enter after the title: on to the text, under "## What?"
        assert app.screen.focused is body
        assert body.cursor_location == (1, 0)
        await pilot.press(*"We walked", "down", "down", "down")
        guide = editor.query_one("#guide")
        await wait_for(pilot, lambda: "Which values did I live" in shown(guide))
        await pilot.press(*"Hope")
        await pilot.press("ctrl+s")
        await on_screen(app, pilot, TimelineScreen)
        top = app.screen.query_one(EntryList).rows[0]
        assert top.title == ""  # the title never comes from a template or a prompt
    with JournalStore.unlock(journal_home, PASSPHRASE) as store:
        saved = store.get(top.id)
        assert saved.body == "## What?\n\nWe walked\n\n## So what?\n\nHope\n"
        assert saved.title == ""
    session = Session(journal_home)  # and the supervisor's pack holds no prompt either
    session.unlock(PASSPHRASE)
    entries, review = session.export_review([top.id], include_wellbeing=False)
    written = tmp_path / "pack.md"
    session.write_export(entries, review, "md", written, False, Sealing())
    session.lock()
    pack = written.read_text()
    assert "We walked" in pack and "Hope" in pack
    for section in TEMPLATES["driscoll"].sections:
        assert section.prompt not in pack


async def test_every_field_has_a_label_and_wellbeing_keeps_its_names(journal_home):
    app = JournalApp(journal_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(app, pilot)
        editor = await new_entry(app, pilot)
        editor.query_one("#mood").value = 2
        editor.query_one("#energy").value = 1
        editor.query_one("#need").scroll_visible(animate=False)
        await settle(app, pilot)
        text = screen_text(app)
        for label in ("Title", "Kind", "Date", "Template", "Text", "Now what?",
                      "Bring to supervision", "Question for supervision", "Mood", "Energy",
                      "What do I need?"):
            assert label in text, label
        lines = text.splitlines()
        mood = next(line for line in lines if "Mood" in line)
        energy = next(line for line in lines if "Energy" in line)
        assert "2 of 5" in mood and "1 of 5" in energy, (mood, energy)


async def test_the_value_panel_shows_each_values_statements(journal_home):
    app = JournalApp(journal_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(app, pilot)
        editor = await new_entry(app, pilot)
        await pilot.press("f2")  # Hope has focus
        await settle(app, pilot)
        info = shown(editor.query_one("#value-info"))
        assert info.startswith("We believe in the reality of recovery for all and that:\n")
        assert "• Peer workers are powerful role models and evidence of the reality of " \
               "recovery." in info
        assert "• It is possible to learn and grow from challenges and setbacks." in info
        assert "Where did hope show up today" in info  # the reflective prompt, last


async def test_home_and_end_keep_to_the_line_as_it_is_drawn(journal_home):
    words = " ".join(f"word{n}" for n in range(40))
    app = JournalApp(journal_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        editor = await new_entry(app, pilot)
        body = editor.query_one("#body")
        body.text = words
        body.focus()
        body.cursor_location = (0, 0)
        await pilot.pause()
        drawn_lines = [line.strip() for line in drawn(body).splitlines() if line.strip()]
        second = drawn_lines[1].strip("▊▎ ")
        await pilot.press("down")
        start = body.cursor_location
        assert words[start[1]:].startswith(second.split()[0])  # the start of the 2nd drawn line
        await pilot.press("end")
        row, end = body.cursor_location
        assert row == 0 and words[start[1]:end].strip() == second  # its end, not the paragraph's
        await pilot.press("home")
        assert body.cursor_location == start


async def test_a_quick_note_is_one_key_and_only_a_title_and_text(journal_home):
    app = JournalApp(journal_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("q")
        await on_screen(app, pilot, EditorScreen)
        editor = app.screen
        assert editor.focused is editor.query_one("#title")
        for hidden in ("#kind-row", "#template-row", "#side", "#guide"):
            assert not editor.query_one(hidden).display, hidden
        assert editor.query_one("#body").text == ""
        assert "f2" not in screen_text(app)  # no values to jump to
        await pilot.press(*"Call back", "enter", *"Ring P3 about the group")
        await pilot.press("ctrl+s")
        await on_screen(app, pilot, TimelineScreen)
        top = app.screen.query_one(EntryList).rows[0]
        assert top.title == "Call back"
    with JournalStore.unlock(journal_home, PASSPHRASE) as store:
        saved = store.get(top.id)
        assert saved.kind is Kind.QUICK and saved.body == "Ring P3 about the group"
        assert saved.marks == {} and saved.checks == {}


__all__ = ["journal_home"]  # the fixture, shared with test_app


async def test_a_template_chosen_after_writing_is_added_below_with_its_prompts_beside(
        journal_home):
    app = JournalApp(journal_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(app, pilot)
        editor = await new_entry(app, pilot)
        body = editor.query_one("#body")
        body.text = "My own words first."
        editor.query_one("#template").value = "gibbs"
        await settle(app, pilot)
        assert body.text.startswith("My own words first.\n## Description\n")
        assert body.document[body.cursor_location[0] - 1] == "## Description"
        assert shown(editor.query_one("#guide")) == "Description  What happened?"
        editor.query_one("#kind").value = "daily"  # written in: the text stays as it is
        await settle(app, pilot)
        assert body.text.startswith("My own words first.")
        body.text = ""
        editor.query_one("#kind").value = "supervision"  # empty: Johns' headings instead
        await settle(app, pilot)
        assert body.text.startswith("## Description\n") and "## Ethics" in body.text
        guide = shown(editor.query_one("#guide"))
        assert guide == "Description  What happened, and what stood out?"
