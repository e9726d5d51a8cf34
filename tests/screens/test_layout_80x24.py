"""At 80x24, every field's label and placeholder reads whole and nothing scrolls that need not:
the Export screen's date fields and the timeline's "More filters" dialog, read as drawn.

A placeholder cut to its first word ("From" for "From (YYYY-MM-DD, DD/MM/YYYY, 4w…)") leaves a
new writer guessing what the field takes; a dialog one row too tall scrolls, and hides its last
row behind a scroll bar.
"""

from __future__ import annotations

from datetime import UTC, datetime

from conftest import make_store, sample_entry
from rich.cells import cell_len
from test_app import on_screen, settle, unlock, wait_for
from textual.app import App
from textual.containers import Vertical
from textual.widgets import Input, Label

from journal.app import JournalApp
from journal.domain.model import Kind, Mark
from journal.screens.dialogs.filters import DAY_FORMATS, FiltersScreen
from journal.screens.dialogs.recovery_key import RecoveryKeyScreen
from journal.screens.editor import EditorScreen
from journal.screens.entry import EntryScreen
from journal.screens.export import PASSPHRASE, ExportScreen
from journal.screens.support import SupportScreen
from journal.screens.timeline import NOTHING_THIS_DAY, TimelineScreen

SMALL = (80, 24)


def screen_lines(app: App[object]) -> list[str]:
    """Every line of the screen as the terminal shows it."""
    return ["".join(segment.text for segment in strip).rstrip()
            for strip in app.screen._compositor.render_strips()]


def cut_fields(app: App[object]) -> list[str]:
    """The fields on screen whose placeholder or label is wider than the room it has (one in
    a step or tab not shown has no room at all, and is not counted)."""
    cut = []
    for field in app.screen.query(Input):
        room = field.content_region.width
        if field.region.area and cell_len(field.placeholder) > room:
            cut.append(f"{field.id}: {field.placeholder!r} in {room}")
    for label in app.screen.query(Label):
        text = str(label.render())
        if label.region.area and "\n" not in text and cell_len(text) > label.region.width:
            cut.append(f"label {text!r} in {label.region.width}")
    return cut


def inside_screen(app: App[object], widget) -> bool:
    width, height = app.size
    region = widget.region
    return region.x >= 0 and region.y >= 0 and region.right <= width \
        and region.bottom <= height


async def test_export_date_placeholders_read_whole(home):
    store, _ = make_store(home)
    store.add(sample_entry(0, title="Walk with P1", flagged=True))
    store.add(sample_entry(1, title="Team meeting", flagged=True, marks={}))
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(app, pilot)
        await pilot.press("x")
        await on_screen(app, pilot, ExportScreen)
        shown = "\n".join(screen_lines(app))
        assert f"From ({DAY_FORMATS})" in shown and f"Until ({DAY_FORMATS})" in shown, shown
        for words in ("Flagged only", "Any kind", "Any value", "Wellbeing",
                      "2 entries chosen", "Walk with P1", "Team meeting"):
            assert words in shown, words
        assert cut_fields(app) == []
        # A value is picked from the framework's own, by name, not typed as an id.
        app.screen.query_one("#value").value = "hope"
        await settle(app, pilot)
        shown = "\n".join(screen_lines(app))
        assert "Hope" in shown and "1 entry chosen" in shown and "Team meeting" not in shown
        # A date not yet right chooses nothing (the list kept the entries before it, and ]
        # would have reviewed them), and says what to type.
        app.screen.query_one("#since").value = "last week"
        await settle(app, pilot)
        shown = "\n".join(screen_lines(app))
        assert "bad date 'last week'" in shown and "Walk with P1" not in shown, shown
        assert app.screen.chosen_ids() == []
        app.screen.query_one("#since").value = "2026-02-01"
        await settle(app, pilot)
        assert "1 entry chosen" in "\n".join(screen_lines(app))


async def test_more_filters_fits_without_scrolling(home):
    store, _ = make_store(home)
    store.add(sample_entry(0, title="Walk with P1"))
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(app, pilot)
        assert cut_fields(app) == []  # the timeline's own filter first
        assert "Filter (/): words, values, people…" in "\n".join(screen_lines(app))
        await pilot.press("m")
        await on_screen(app, pilot, FiltersScreen)
        dialog = app.screen.query_one(Vertical)
        assert inside_screen(app, dialog) and dialog.max_scroll_y == 0, dialog.region
        shown = "\n".join(screen_lines(app))
        for words in ("More filters", "Answered this behaviour", "any behaviour",
                      f"From ({DAY_FORMATS})", "Until (the same)", "Clear these", "Apply"):
            assert words in shown, words
        assert cut_fields(app) == []

        # A bad date says so in the dialog, which still fits whole.
        app.screen.query_one("#since").value = "not a date"
        app.screen.query_one("#since").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: "bad date" in "\n".join(screen_lines(app)))
        await pilot.pause()
        assert inside_screen(app, dialog) and dialog.max_scroll_y == 0, dialog.region
        shown = "\n".join(screen_lines(app))
        assert "bad date 'not a date'" in shown and "Apply" in shown


async def test_export_review_row_reads_whole(home, monkeypatch):
    """How the pack is sealed reads on one line, and the file it goes to has a row of its own,
    whole even under a long home folder."""
    monkeypatch.setenv("HOME", "/home/alexandra-mcallister-okonkwo")  # only named, not written
    store, _ = make_store(home)
    store.add(sample_entry(0, title="Walk with P1", flagged=True,
                           body="Walked with Sam to G12 8QQ."))
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(app, pilot)
        await pilot.press("x")
        await on_screen(app, pilot, ExportScreen)
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        screen = app.screen
        screen.query_one("#seal").value = PASSPHRASE
        await settle(app, pilot)
        lines = screen_lines(app)
        path = screen.query_one("#path", Input).value
        assert path.endswith(".md.age") and any(path in line for line in lines), lines
        assert any("Sealed with a passphrase" in line and "Write pack" in line
                   for line in lines), lines
        assert any("Passphrase for the pack" in line and "Repeat it" in line
                   for line in lines), lines
        assert "findings" in "\n".join(lines) and cut_fields(app) == []
        for widget in screen.query("#write-how, #path, #passphrase-row"):
            assert inside_screen(app, widget), widget


async def test_deleted_entry_offers_undo_and_says_so_once(home):
    """After d, the reading screen's footer offers u (the toast may be gone by the time the
    writer looks); back on the timeline, the same news is told once, not in two toasts."""
    store, _ = make_store(home)
    store.add(sample_entry(0, title="Walk with P1"))
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(app, pilot)
        assert not any("Undo delete" in line for line in screen_lines(app))
        await pilot.press("enter")
        await on_screen(app, pilot, EntryScreen)
        assert "u Undo delete" not in screen_lines(app)[-1]
        await pilot.press("d")
        await wait_for(pilot, lambda: "u Undo delete" in screen_lines(app)[-1])
        assert "d Delete" not in screen_lines(app)[-1]
        await pilot.press("escape")
        await on_screen(app, pilot, TimelineScreen)
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert said == ["Deleted. u brings it back; D lists every deleted entry."], said
        await pilot.press("u")
        await wait_for(pilot, lambda: "Walk with P1" in "\n".join(screen_lines(app)))


async def test_every_filter_in_force_is_said_at_80_columns(home):
    """A behaviour and a date range from More filters: the summary says both, wrapping to a
    second line rather than cutting the dates off the edge."""
    store, _ = make_store(home)
    store.add(sample_entry(0, title="Walk with P1"))
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(app, pilot)
        await pilot.press("m")
        await on_screen(app, pilot, FiltersScreen)
        app.screen.query_one("#behaviour").value = "share-hope"
        app.screen.query_one("#since").value = "2026-02-01"
        app.screen.query_one("#until").value = "2026-03-31"
        app.screen.query_one("#since").focus()
        await pilot.press("enter")
        await on_screen(app, pilot, TimelineScreen)
        await pilot.pause()
        shown = " ".join(line.strip() for line in screen_lines(app)[:2])
        assert "1 of 1 entry shown" in shown and "from 2026-02-01, until 2026-03-31" in shown
        assert "did: Intentionally sharing experien…" in shown, shown
        assert "Walk with P1" in "\n".join(screen_lines(app))
        await pilot.press("escape")  # every filter cleared: one line again
        await pilot.pause()
        assert screen_lines(app)[0].strip() == "HEAR ME  ·  1 entry"
        assert screen_lines(app)[1].startswith("Filter (/)")


async def test_support_footer_says_how_to_save_an_edit(home):
    """Editing the support list, the footer offers ctrl+s (not e, which now types an e);
    saved, it offers e again."""
    store, _ = make_store(home)
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(app, pilot)
        await pilot.press("ctrl+g")
        await on_screen(app, pilot, SupportScreen)
        footer = screen_lines(app)[-1]
        assert "e Edit list" in footer and "Save list" not in footer, footer
        await pilot.press("e")
        await wait_for(pilot, lambda: "^s Save list" in screen_lines(app)[-1])
        assert "Edit list" not in screen_lines(app)[-1]
        app.screen.query_one("#support-edit").text = "My GP | 0141 000 0000 | weekdays"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "e Edit list" in screen_lines(app)[-1])
        shown = "\n".join(screen_lines(app))
        assert "My GP" in shown and "0141 000 0000" in shown


async def test_steps_move_on_from_any_field_of_a_step(home):
    """] and [ move between the export's steps wherever the focus is: from the Write pack
    button the step used to snap back, since a focused field takes its tab back."""
    store, _ = make_store(home)
    store.add(sample_entry(0, title="Walk with P1", flagged=True))
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(app, pilot)
        await pilot.press("x")
        await on_screen(app, pilot, ExportScreen)
        tabs = app.screen.query_one("#export-tabs")
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        app.screen.query_one("#write").focus()
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: tabs.active == "tab-shared")
        await pilot.pause()
        assert tabs.active == "tab-shared"
        app.screen.query_one("#shared").focus()
        await pilot.press("left_square_bracket", "left_square_bracket")
        await wait_for(pilot, lambda: tabs.active == "tab-choose")
        await pilot.pause()
        assert tabs.active == "tab-choose" and "1 entry chosen" in "\n".join(screen_lines(app))


async def test_editing_an_entry_typing_adds_to_its_title(home):
    """e on an entry, then typing: the words go after the title. The title field used to start
    with all of it selected, so the first key wiped it."""
    store, _ = make_store(home)
    store.add(sample_entry(0, title="Walk with P1", question="How much is too much?"))
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(app, pilot)
        await pilot.press("enter")
        await on_screen(app, pilot, EntryScreen)
        await pilot.press("e")
        await on_screen(app, pilot, EditorScreen)
        await pilot.press("space", *"(again)")
        assert app.screen.query_one("#title").value == "Walk with P1 (again)"
        app.screen.query_one("#question").focus()
        await pilot.press("space", *"Ask.")
        assert app.screen.query_one("#question").value == "How much is too much? Ask."


async def test_recovery_key_button_says_what_it_waits_for():
    """The recovery key's button reads "Tick the box first" until the box is ticked: a
    disabled button differs only by being dimmer, which is colour alone."""

    class Shown(App[None]):
        def on_mount(self) -> None:
            self.push_screen(RecoveryKeyScreen("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"))

    app = Shown()
    async with app.run_test(size=SMALL) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, RecoveryKeyScreen))
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567" in shown
        assert "Tick the box first" in shown and "Continue" not in shown
        await pilot.press("space")  # the tick box has the focus from the start
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "Continue" in shown and "Tick the box first" not in shown
        assert not app.screen.query_one("#continue").disabled


async def test_on_this_day_with_nothing_to_show_says_so(home):
    """o with no entry from this day in earlier years says that, not "Nothing matches the
    filter" when no filter was typed."""
    store, _ = make_store(home)
    store.add(sample_entry(0, title="Written today", when=datetime.now(UTC)))
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert NOTHING_THIS_DAY in shown and "on this day" in screen_lines(app)[0]
        assert NOTHING_THIS_DAY == ("Nothing written on this day in earlier years: o or Esc "
                                    "shows every entry.")
        await pilot.press("o")
        await pilot.pause()
        assert "Written today" in "\n".join(screen_lines(app))


async def test_a_long_value_name_reads_whole_on_the_timeline(home):
    """The learning log's "Use of Language and Communications" chosen as the timeline's value
    filter wraps in its box rather than being cut to "Use of Language and"."""
    from journal.session.settings import Settings, save_settings

    store, _ = make_store(home)
    save_settings(home, Settings(framework="learning-log"))
    store.add(sample_entry(0, title="Week 3", kind=Kind.LEARNING, framework_id="learning-log",
                           marks={"language-communication": Mark.LIVED}, checks={}))
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(app, pilot)
        app.screen.query_one("#value").value = "language-communication"
        await settle(app, pilot)
        lines = screen_lines(app)
        top = " ".join(line.strip() for line in lines[:4])
        assert "Use of Language and" in top and "Communications" in top, lines[:4]
        assert "Week 3" in "\n".join(lines)
