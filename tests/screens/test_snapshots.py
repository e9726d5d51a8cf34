"""Snapshots of the main screens at 80x24 and 120x40 (pytest --snapshot-update to rewrite).

A fixed journal (entries on 29 February 2020, so "on this day" only shows on leap days), no
blinking cursors, and the unlock done before the picture is taken.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import PASSPHRASE, make_store, sample_entry
from test_app import on_screen, settle

from journal.app import JournalApp
from journal.domain.model import Action, Answer, CheckIn, Kind, Mark
from journal.screens.timeline import TimelineScreen
from journal.session.settings import Settings, save_settings

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def fixed_home(tmp_path):
    home = tmp_path / "snap"
    store, _ = make_store(home)
    day = datetime(2020, 2, 29, 9, 0, tzinfo=UTC)
    store.add_many([
        sample_entry(0, when=day.replace(hour=9), title="Walk to the allotment with P1",
                     body="## What?\n\nWe walked to the allotment and talked about spring.",
                     marks={"hope": Mark.LIVED, "mutuality": Mark.CHALLENGING},
                     checks={"share-hope": Answer.YES, "broaden-identity": Answer.NO,
                             "accept-peers": Answer.NA}),
        sample_entry(0, when=day.replace(hour=12), kind=Kind.DAILY, title="Team meeting",
                     marks={"responsibility": Mark.TAGGED}, checks={}, flagged=True,
                     question="How do I challenge language gently?"),
        sample_entry(0, when=day.replace(hour=15), title="Phone call with P2",
                     checkin=CheckIn(3, 2, "an early night"),
                     actions=[Action("Book supervision", False, "a1")]),
    ])
    store.close()
    save_settings(home, Settings())
    return home


def no_blink(app) -> None:
    for widget in app.screen.query("Input, TextArea"):
        widget.cursor_blink = False


async def unlocked(pilot, *keys: str) -> None:
    """Unlock, then press `keys`, each once the screen on top has finished loading."""
    app = pilot.app
    app.screen.query_one("#passphrase").value = PASSPHRASE
    await pilot.press("enter")
    await on_screen(app, pilot, TimelineScreen)
    for key in keys:
        await pilot.press(key)
        await settle(app, pilot)
    no_blink(app)
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_unlock_screen(snap_compare, fixed_home, size):
    async def before(pilot):
        no_blink(pilot.app)

    assert snap_compare(JournalApp(fixed_home), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_timeline(snap_compare, fixed_home, size):
    async def before(pilot):
        await unlocked(pilot)

    assert snap_compare(JournalApp(fixed_home), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_entry_view(snap_compare, fixed_home, size):
    async def before(pilot):
        await unlocked(pilot, "enter")

    assert snap_compare(JournalApp(fixed_home), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_editor(snap_compare, fixed_home, size):
    async def before(pilot):
        await unlocked(pilot, "down", "down", "enter", "e", "f2")

    assert snap_compare(JournalApp(fixed_home), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_editor_check_list(snap_compare, fixed_home, size):
    """The check-list's answers in words: yes, no, n/a and one not answered yet."""
    async def before(pilot):
        await unlocked(pilot, "down", "down", "enter", "e", "f2")
        pilot.app.screen.query_one("#check-accept-peers").focus()  # scrolls the list to it
        await pilot.pause()

    assert snap_compare(JournalApp(fixed_home), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_first_run(snap_compare, tmp_path, size):
    """Set-up: every field and the button on screen, at 80x24 too."""
    async def before(pilot):
        no_blink(pilot.app)
        await pilot.pause()

    assert snap_compare(JournalApp(tmp_path / "new"), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_support(snap_compare, fixed_home, size):
    async def before(pilot):
        await unlocked(pilot, "ctrl+g")

    assert snap_compare(JournalApp(fixed_home), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, fixed_home, size):
    async def before(pilot):
        await unlocked(pilot, "f1")

    assert snap_compare(JournalApp(fixed_home), terminal_size=size, run_before=before)


@pytest.fixture
def trends_home(tmp_path):
    """Four weeks of February 2020, with a pattern in the marks and answers to draw."""
    home = tmp_path / "trends"
    store, _ = make_store(home)
    values = ["hope", "experience", "authenticity", "responsibility", "mutuality",
              "empowerment"]
    behaviours = ["share-hope", "power", "boundaries", "reflective-practice",
                  "use-supervision", "team-member"]
    answers = [Answer.YES, Answer.YES, Answer.NO, Answer.NA]
    entries = []
    for n in range(28):
        marks = {values[n % 6]: Mark.LIVED, values[(n * 5 + 1) % 6]: Mark.CHALLENGING}
        checks = {b: answers[(n + i) % 4] for i, b in enumerate(behaviours) if (n + i) % 5}
        entries.append(sample_entry(0, when=datetime(2020, 2, 1 + n, 10, tzinfo=UTC),
                                    kind=Kind.SESSION if n % 3 else Kind.DAILY,
                                    title=f"Day {n + 1}", marks=marks,
                                    checks=checks if n % 3 else {},
                                    checkin=CheckIn(1 + n % 5, 5 - n % 5) if n % 2 else None))
    store.add_many(entries)
    store.close()
    save_settings(home, Settings())
    return home


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("view", ["values", "check-list"])
def test_trends(snap_compare, trends_home, size, view):
    """A custom period in the past, so the picture does not move with today's date."""
    async def before(pilot):
        await unlocked(pilot, "t", "5")
        pilot.app.screen.query_one("#custom").value = "2020-02-01..2020-02-29"
        await pilot.press("enter")
        await settle(pilot.app, pilot)
        if view == "check-list":
            await pilot.press("right_square_bracket")
        no_blink(pilot.app)
        await pilot.pause()

    assert snap_compare(JournalApp(trends_home), terminal_size=size, run_before=before)
