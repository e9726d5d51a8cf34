"""Pilot tests: the app driven as a person would, on a real encrypted journal."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import pytest
from conftest import PASSPHRASE, make_store, sample_entry

from journal.app import JournalApp
from journal.domain.model import Answer, Kind, Mark
from journal.screens.dialogs.choice import ChoiceScreen
from journal.screens.dialogs.drafts import DraftsScreen
from journal.screens.dialogs.filters import FiltersScreen
from journal.screens.dialogs.history import HistoryScreen
from journal.screens.dialogs.recovery_key import RecoveryKeyScreen
from journal.screens.editor import EditorScreen
from journal.screens.entry import EntryScreen
from journal.screens.people import PeopleScreen
from journal.screens.settings import SettingsScreen
from journal.screens.setup import SetupScreen
from journal.screens.support import SupportScreen
from journal.screens.timeline import TimelineScreen
from journal.screens.trends import TrendsScreen
from journal.screens.unlock import UnlockScreen
from journal.storage.store import JournalStore
from journal.widgets.entry_list import EntryList


async def wait_for(pilot, predicate: Callable[[], object], timeout: float = 10.0) -> None:
    """Let the app run until `predicate()` holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting after {timeout} s: {predicate.__doc__ or ''}")
        await pilot.pause()


def busy(app) -> bool:
    """True while the screen on top still has work in flight (loading, saving). A worker of a
    screen underneath, waiting for a dialog's answer, does not count."""
    return any(not w.is_finished for w in app.workers if w.node is app.screen)


async def settle(app, pilot, timeout: float = 10.0) -> None:
    """Until the screen on top has finished what it started."""
    await pilot.pause()
    await wait_for(pilot, lambda: not busy(app), timeout)


async def on_screen(app, pilot, screen: type, timeout: float = 10.0) -> None:
    """Until a `screen` is on top and has finished loading."""
    await wait_for(pilot, lambda: isinstance(app.screen, screen), timeout)
    await settle(app, pilot, timeout)


def text(widget) -> str:
    return str(widget.render())


def drawn(widget) -> str:
    """What the widget draws on the screen, line by line."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


async def unlock(app, pilot, passphrase: str = PASSPHRASE) -> None:
    """Type the passphrase; wait for the timeline, or for the unlock screen's answer."""
    app.screen.query_one("#passphrase").value = passphrase
    await pilot.press("enter")

    def answered() -> bool:
        if not isinstance(app.screen, UnlockScreen):
            return True
        return text(app.screen.query_one("#message")) not in ("", "Opening…")

    await wait_for(pilot, answered)
    await settle(app, pilot)


@pytest.fixture
def journal_home(home):
    store, _ = make_store(home)
    store.add_many([sample_entry(n, title=f"Session {n}") for n in range(12)])
    store.add(sample_entry(20, title="Flagged one", flagged=True, question="Boundaries?",
                           marks={"empowerment": Mark.CHALLENGING}))
    store.close()
    return home


@pytest.mark.slow
async def test_first_run_creates_a_journal(home):
    app = JournalApp(home)
    async with app.run_test(size=(100, 32)) as pilot:
        assert isinstance(app.screen, SetupScreen)
        create = app.screen.query_one("#create")
        await pilot.press(*"short")
        assert create.disabled and "too short" in str(app.screen.query_one("#strength").render())
        app.screen.query_one("#passphrase").value = "four unrelated words here"
        app.screen.query_one("#again").value = "four unrelated words there"
        await pilot.pause()
        assert create.disabled and "different" in str(app.screen.query_one("#mismatch").render())
        app.screen.query_one("#again").value = "four unrelated words here"
        await pilot.pause()
        assert not create.disabled
        await pilot.click("#create")
        await on_screen(app, pilot, RecoveryKeyScreen, timeout=30)  # the real KDF: 64 MiB, t=3
        assert isinstance(app.screen, RecoveryKeyScreen)
        key = str(app.screen.query_one("#key").render())
        assert key.count("-") == 7
        assert app.screen.query_one("#continue").disabled
        await pilot.click("#written")
        await pilot.click("#continue")
        await on_screen(app, pilot, TimelineScreen)
        assert "0 entries" in str(app.screen.query_one("#summary").render())
    with JournalStore.unlock_with_recovery(home, key) as store:
        assert store.count() == 0


async def palette(app) -> dict[str, object]:
    """The command palette's offers on the current screen: title -> what choosing it runs."""
    from journal.screens.palette import JournalCommands

    return {str(hit.display): hit.command async for hit in JournalCommands(app.screen).discover()}


async def test_unlock_wrong_then_right(journal_home):
    app = JournalApp(journal_home)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, UnlockScreen)
        offered = await palette(app)  # locked: nothing that needs the journal open
        assert {"Unlocking: Use recovery key", "Get support", "Help"} <= set(offered)
        assert not {"Lock", "Sync", "Sync now"} & set(offered)
        await unlock(app, pilot, "not my passphrase")
        assert isinstance(app.screen, UnlockScreen)
        assert "does not open" in str(app.screen.query_one("#message").render())
        assert app.screen.query_one("#passphrase").value == ""
        await unlock(app, pilot)
        assert isinstance(app.screen, TimelineScreen)
        rows = app.screen.query_one(EntryList).rows
        assert len(rows) == 13 and rows[0].title == "Flagged one"
        offered = await palette(app)
        assert {"Timeline: New entry", "Timeline: Trends", "Lock", "Sync now"} <= set(offered)
        await offered["Timeline: Trends"]()  # what choosing it in the palette does
        await wait_for(pilot, lambda: isinstance(app.screen, TrendsScreen))


async def test_recovery_key_route(home):
    store, recovery = make_store(home)
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+r")
        app.screen.query_one("#recovery").value = recovery.lower()
        app.screen.query_one("#new").value = "a fresh new passphrase"
        app.screen.query_one("#again").value = "a fresh new passphrase"  # asked twice
        app.screen.query_one("#again").focus()
        await pilot.press("enter")
        await on_screen(app, pilot, TimelineScreen)
    JournalStore.unlock(home, "a fresh new passphrase").close()


async def test_write_a_session_entry_and_see_it(journal_home):
    app = JournalApp(journal_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(app, pilot)
        await pilot.press("n")
        await on_screen(app, pilot, EditorScreen)
        editor = app.screen
        assert "## What?" in editor.query_one("#body").text  # Driscoll for sessions
        editor.query_one("#title").value = "Walk with P4"
        editor.query_one("#body").text = "We walked to the library. I shared my story."
        await pilot.press("f2", "space", "down", "space", "space")  # hope lived, exp. challenging
        editor.query_one("#check-share-hope").focus()
        await pilot.press("y")
        shown = drawn(editor.query_one("#check-share-hope"))  # plain text, not markup
        assert "[yes ] Intentionally sharing" in shown, shown
        editor.query_one("#check-power").focus()
        await pilot.press("n")
        await pilot.press("ctrl+s")
        await on_screen(app, pilot, TimelineScreen)
        top = app.screen.query_one(EntryList).rows[0]
        assert top.title == "Walk with P4"
        assert top.marks == {"hope": Mark.LIVED, "experience": Mark.CHALLENGING}
    with JournalStore.unlock(journal_home, PASSPHRASE) as store:
        saved = store.get(top.id)
        assert saved.checks == {"share-hope": Answer.YES, "power": Answer.NO}
        assert saved.kind is Kind.SESSION and saved.body.startswith("We walked")


async def test_filter_by_text_flag_and_value(journal_home):
    app = JournalApp(journal_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        entries = app.screen.query_one(EntryList)
        await pilot.press("slash", *"session 1")
        await pilot.pause()
        assert sorted(r.title for r in entries.rows) == ["Session 1", "Session 10", "Session 11"]
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.pause()
        assert len(entries.rows) == 13
        await pilot.press("f")
        await pilot.pause()
        assert [r.title for r in entries.rows] == ["Flagged one"]
        assert "flagged only" in str(app.screen.query_one("#summary").render())
        await pilot.press("f")
        app.screen.query_one("#value").value = "empowerment"
        await pilot.pause()
        assert [r.title for r in entries.rows] == ["Flagged one"]


async def test_edit_shows_in_history_then_delete_and_undo(journal_home):
    app = JournalApp(journal_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(app, pilot)
        await pilot.press("enter")
        await on_screen(app, pilot, EntryScreen)
        entry_id = app.screen.entry_id
        await pilot.press("e")
        await on_screen(app, pilot, EditorScreen)
        app.screen.query_one("#title").value = "Flagged one, revised"
        await pilot.press("ctrl+s")
        await on_screen(app, pilot, EntryScreen)
        assert app.screen.entry.title == "Flagged one, revised"
        await pilot.press("h")
        await on_screen(app, pilot, HistoryScreen)
        options = app.screen.query_one("#revisions")
        assert options.option_count == 2
        await pilot.press("escape")
        await on_screen(app, pilot, EntryScreen)
        await pilot.press("d")
        await settle(app, pilot)
        assert app.screen.entry.deleted
        assert "Bring it back" not in app.screen.query_one("#entry-text").source  # keys here
        assert "Press u to bring it back." in app.screen.query_one("#entry-text").source
        await pilot.press("u")
        await settle(app, pilot)
        assert not app.screen.entry.deleted
        await pilot.press("escape")
        await on_screen(app, pilot, TimelineScreen)
        assert app.screen.query_one(EntryList).rows[0].title == "Flagged one, revised"
    with JournalStore.unlock(journal_home, PASSPHRASE) as store:
        assert [r.deleted for r in store.history(entry_id)] == [False, False, True, False]


async def test_leaving_with_unsaved_changes_asks(journal_home):
    app = JournalApp(journal_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(app, pilot)
        await pilot.press("n")
        await on_screen(app, pilot, EditorScreen)
        app.screen.query_one("#title").value = "Half a thought"
        await pilot.press("escape")
        await on_screen(app, pilot, ChoiceScreen)
        assert "not saved" in text(app.screen.query_one("Label"))  # the question is shown
        await pilot.press("escape")  # keep writing
        await on_screen(app, pilot, EditorScreen)
        await pilot.press("escape")
        await on_screen(app, pilot, ChoiceScreen)
        await pilot.click("#discard")
        await on_screen(app, pilot, TimelineScreen)
        assert len(app.screen.query_one(EntryList).rows) == 13
        assert await app.run_store(app.session.drafts) == []


async def test_draft_survives_a_crash_and_is_offered_back(journal_home):
    app = JournalApp(journal_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(app, pilot)
        await pilot.press("n")
        await on_screen(app, pilot, EditorScreen)
        app.screen.query_one("#title").value = "Interrupted"
        app.screen.query_one("#body").text = "Words that must not be lost."
        await app.screen.autosave()
        # The app dies here: no save, no clean exit of the editor.
    again = JournalApp(journal_home)
    async with again.run_test(size=(100, 30)) as pilot:
        await unlock(again, pilot)
        await on_screen(again, pilot, DraftsScreen)  # offered as soon as the journal opens
        options = again.screen.query_one("#draft-list")
        assert options.option_count == 1
        await pilot.press("enter")
        await on_screen(again, pilot, EditorScreen)
        assert again.screen.query_one("#body").text == "Words that must not be lost."
        await pilot.press("ctrl+s")
        await on_screen(again, pilot, TimelineScreen)
        assert again.screen.query_one(EntryList).rows[0].title == "Interrupted"
        assert await again.run_store(again.session.drafts) == []


async def test_auto_lock_drops_the_key_and_keeps_the_draft(journal_home):
    app = JournalApp(journal_home)
    app.IDLE_CHECK_SECONDS = 0.05  # look for idleness often, so the test need not wait
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("n")
        await on_screen(app, pilot, EditorScreen)
        app.screen.query_one("#title").value = "Before the lock"
        app.last_activity -= app.idle_limit + 1  # as if the writer left a while ago
        await on_screen(app, pilot, UnlockScreen)
        assert app.screen.locked
        assert "Locked after a quiet spell." in text(app.screen.query_one("#locked-note"))
        assert not app.session.unlocked and app.session.store is None
        assert len(app.screen_stack) == 2  # the default screen and the unlock screen only
        await unlock(app, pilot)
        await on_screen(app, pilot, DraftsScreen)
        assert app.screen.query_one("#draft-list").option_count == 1
        await pilot.press("escape")
        await on_screen(app, pilot, TimelineScreen)
        await pilot.press("ctrl+l")  # the writer's own lock says no more than that
        await on_screen(app, pilot, UnlockScreen)
        note = text(app.screen.query_one("#locked-note"))
        assert note.startswith("Locked.") and "quiet spell" not in note


async def test_support_is_one_key_away_and_editable(journal_home):
    app = JournalApp(journal_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+g")  # even before unlocking
        await on_screen(app, pilot, SupportScreen)
        assert "Samaritans" in " ".join(text(w) for w in app.screen.query("#places Static"))
        await pilot.press("escape")
        await on_screen(app, pilot, UnlockScreen)
        await unlock(app, pilot)
        await pilot.press("ctrl+g")
        await on_screen(app, pilot, SupportScreen)
        await pilot.press("e")
        app.screen.query_one("#support-edit").text = "My GP | 0141 000 0000 | weekdays"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "My GP  0141 000 0000  weekdays" in "  ".join(
            text(w) for w in app.screen.query("#places Static"))
    with JournalStore.unlock(journal_home, PASSPHRASE) as store:
        assert next(iter(store.records("support").values()))["places"][0]["name"] == "My GP"


async def test_timeline_handles_20000_entries_instantly(home):
    """The virtual list: showing and filtering 20,000 rows costs no more than 30."""
    from journal.domain.model import EntrySummary

    app = JournalApp(home)
    store, _ = make_store(home)
    store.close()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        rows = [EntrySummary(f"{n:032x}", sample_entry(n).when, Kind.DAILY, f"entry {n}", "",
                             "srn-values", {}, {}, None, [], False, "", [], [], 10)
                for n in range(20000)]
        entries = app.screen.query_one(EntryList)
        began = time.perf_counter()
        entries.set_rows(rows)
        await pilot.pause()
        assert time.perf_counter() - began < 0.5
        await pilot.press("end")
        assert entries.cursor == 19999
        assert entries.show_vertical_scrollbar and entries.max_scroll_y > 19000
        entries.set_rows(rows[:3])  # a short list: the scrollbar goes, the top row shows
        await pilot.pause()
        assert not entries.show_vertical_scrollbar
        assert entries.scroll_offset.y == 0 and entries.cursor == 0
        entries.set_rows(rows)
        await pilot.pause()
        assert entries.show_vertical_scrollbar and entries.max_scroll_y > 19000


async def test_people_list_is_kept_encrypted(journal_home):
    app = JournalApp(journal_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(app, pilot)
        await pilot.press("p")
        await on_screen(app, pilot, PeopleScreen)
        app.screen.query_one("#name").value = "Morag Campbell"
        app.screen.query_one("#aliases").value = "Mo, Morag C"
        app.screen.query_one("#name").focus()
        await pilot.press("enter")
        await settle(app, pilot)
        table = app.screen.query_one("#people-table")
        assert table.row_count == 1 and str(table.get_row_at(0)[0]) == "P1"
        await pilot.press("escape")
    with JournalStore.unlock(journal_home, PASSPHRASE) as store:
        people = list(store.records("person").values())
        assert people == [{"name": "Morag Campbell", "aliases": ["Mo", "Morag C"],
                           "pseudonym": "P1"}]
    assert b"Morag" not in (journal_home / "journal.db").read_bytes()


async def test_settings_change_framework_theme_and_lock_time(journal_home):
    app = JournalApp(journal_home)
    async with app.run_test(size=(100, 32)) as pilot:
        await unlock(app, pilot)
        await pilot.press("s")
        await on_screen(app, pilot, SettingsScreen)
        app.screen.query_one("#theme").value = "journal-high-contrast"
        app.screen.query_one("#auto-lock").value = "3"
        app.screen.query_one("#template-daily").value = "gibbs"
        app.screen.query_one("#framework").value = "core-principles"
        await pilot.pause()
        assert app.theme == "journal-high-contrast" and app.idle_limit == 180
        await pilot.press("escape")
        await on_screen(app, pilot, TimelineScreen)
        # Old tags still show under their own names after the switch.
        assert app.screen.query_one(EntryList).rows[0].marks == {"empowerment": Mark.CHALLENGING}
        assert app.screen.query_one(EntryList)._labels["empowerment"] == "Emp"
    from journal.session.settings import load_settings

    saved = load_settings(journal_home)
    assert (saved.theme, saved.auto_lock_minutes, saved.framework) == (
        "journal-high-contrast", 3, "core-principles")
    assert saved.templates == {"daily": "gibbs"}


async def test_filter_by_behaviour_and_dates(journal_home):
    app = JournalApp(journal_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(app, pilot)
        entries = app.screen.query_one(EntryList)
        await pilot.press("m")
        await on_screen(app, pilot, FiltersScreen)
        app.screen.query_one("#since").value = "2026-03-05"
        app.screen.query_one("#until").value = "07/03/2026"
        app.screen.query_one("#behaviour").value = "power"
        await pilot.click("#apply")
        await on_screen(app, pilot, TimelineScreen)
        assert sorted(r.title for r in entries.rows) == ["Session 4", "Session 5", "Session 6"]
        assert "from 2026-03-05" in str(app.screen.query_one("#summary").render())
        await pilot.press("m")
        await on_screen(app, pilot, FiltersScreen)
        app.screen.query_one("#since").value = "not a date"
        await pilot.click("#apply")
        await pilot.pause()
        assert "bad date" in str(app.screen.query_one("#filters-error").render())
        await pilot.click("#clear")
        await on_screen(app, pilot, TimelineScreen)
        assert len(entries.rows) == 13


async def test_a_failed_save_says_so_and_keeps_the_text(journal_home):
    app = JournalApp(journal_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(app, pilot)
        await pilot.press("n")
        await on_screen(app, pilot, EditorScreen)
        app.screen.query_one("#title").value = "Must not vanish"
        app.screen.query_one("#body").text = "Every word of this."
        # A real fault: the journal's database connection goes away under the store.
        await app.run_store(app.session.store._db.conn.close)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, EditorScreen)
        status = str(app.screen.query_one("#editor-status").render())
        assert "Not saved" in status and "stays here" in status
        assert app.screen.query_one("#body").text == "Every word of this."


async def test_pressing_enter_twice_opens_once(journal_home):
    app = JournalApp(journal_home)
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#passphrase").value = PASSPHRASE
        await pilot.press("enter", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, (TimelineScreen, EntryScreen)))
        await app.workers.wait_for_complete()  # both Enters have had their effect
        await pilot.pause()
        # One timeline; an Enter that arrives after it is up opens the highlighted entry.
        assert sum(isinstance(s, TimelineScreen) for s in app.screen_stack) == 1
        assert isinstance(app.screen, (TimelineScreen, EntryScreen))


def rendered(widget) -> str:
    """The text a Static shows, as a terminal 100 columns wide would show it."""
    from rich.console import Console

    console = Console(width=100, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(widget.content)
    return console.export_text()


async def test_trends_periods_views_and_streaks(journal_home):
    app = JournalApp(journal_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(app, pilot)
        await pilot.press("t")
        await on_screen(app, pilot, TrendsScreen)
        screen = app.screen
        assert screen.result.period.name == "4w"
        await pilot.press("4")  # the whole journal
        await settle(app, pilot)
        result = screen.result
        assert result.period.name == "all" and result.entries == 13
        hope = next(v for v in result.values if v.id == "hope")
        assert (hope.lived, hope.challenging) == (12, 0)
        header = str(screen.query_one("#trends-header").render())
        assert "13 entries" in header and "all" in header
        values_text = rendered(screen.query_one("#trend-values"))
        assert "Values over time" in values_text and "We believe in the reality" in values_text
        await pilot.press("right_square_bracket")
        assert screen.query_one("TabbedContent").active == "tab-behaviours"
        # A custom period: a bad one says what to type, a good one is shown.
        await pilot.press("5")
        await pilot.press(*"2026-03-10..2026-03-01", "enter")
        error = screen.query_one("#period-error")
        assert "ends before it starts" in str(error.render()) and error.display
        screen.query_one("#custom").value = "2026-03-01..2026-03-05"
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.result.entries == 5 and not error.display
        assert screen.result.activity.streaks is None
        await pilot.press("escape")
        assert isinstance(app.screen, TimelineScreen)
        # Streaks appear only once turned on in settings.
        await pilot.press("s")
        await on_screen(app, pilot, SettingsScreen)
        await pilot.click("#streaks")
        await pilot.press("escape")
        await on_screen(app, pilot, TimelineScreen)
        assert app.session.settings.streaks
        await pilot.press("t")
        await on_screen(app, pilot, TrendsScreen)
        await pilot.press("4")
        await settle(app, pilot)
        streaks = app.screen.result.activity.streaks
        assert streaks is not None and streaks.longest_days == 12


def screen_classes() -> list[type]:
    """Every Screen the package defines, found by walking `journal.screens` (not kept by hand)."""
    import importlib
    import inspect
    import pkgutil

    from textual.screen import Screen

    import journal.screens

    found = []
    for info in pkgutil.walk_packages(journal.screens.__path__, "journal.screens."):
        module = importlib.import_module(info.name)
        found += [c for c in vars(module).values() if inspect.isclass(c)
                  and issubclass(c, Screen) and c.__module__ == module.__name__]
    return found


def test_every_key_is_on_the_help_page_and_in_the_palette():
    """The bindings are the one description of the keys: the help page and the command palette
    are generated from them, and every binding of every screen shows in both."""
    from journal.screens import help as help_page
    from journal.screens.palette import commands, own_bindings

    text = help_page.help_markdown(JournalApp)
    screens = screen_classes()
    assert len(screens) >= 15, screens
    for cls in [JournalApp, *screens]:
        declared = own_bindings(cls)
        if not declared:
            continue
        assert cls is JournalApp or cls in help_page.SCREENS, f"{cls.__name__}: not on the page"
        section = text.split(f"## {cls.HELP_SECTION.title}\n", 1)[1].split("\n## ", 1)[0]
        titles = [c.title for c in commands(cls, titled=cls is not JournalApp)]
        for binding in declared:
            where = f"{cls.__name__} {binding.key or binding.action}"
            assert binding.id and binding.tooltip and binding.description, where
            assert any(t.endswith(binding.description) for t in titles), where
            if binding.key:
                does = binding.tooltip.replace("|", "\\|")  # as a Markdown table cell
                assert f"| {help_page.key_names(binding.key)} | {does} |" in section, where
            else:
                assert binding.description in section, where
        for widget in cls.HELP_SECTION.widgets:  # on the page of each screen that uses it
            for binding in own_bindings(widget):
                assert (binding.group.description if binding.group else binding.tooltip) \
                    in section, f"{cls.__name__} {widget.__name__} {binding.key}"
                assert all(k in section for k in help_page.key_names(binding.key).split())


async def test_a_crash_reports_no_text_the_app_held(journal_home, capsys, monkeypatch):
    """Textual's crash report shows local variables and the error's text: the app's says only
    what kind of error it was (as the command line does)."""
    monkeypatch.delenv("JOURNAL_DEBUG", raising=False)
    canary = "CANARY-a-line-of-an-entry"

    def boom() -> None:
        held = canary  # a local variable, as decrypted text would be
        raise RuntimeError(f"{held} in the error's text")

    app = JournalApp(journal_home)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await unlock(app, pilot)
            app.call_later(boom)
            await pilot.pause()
    shown = capsys.readouterr()
    assert canary not in shown.err + shown.out
    assert "unexpected RuntimeError" in shown.err and "Traceback" not in shown.err
