"""Pilot test: the Supervision view lists the sealed packs sent, answered or waiting, and Enter
on an answered one reads what supervision said (the entry its reply became)."""

from __future__ import annotations

from conftest import make_store, sample_entry
from test_app import on_screen, palette, settle, unlock
from test_deleted import screen_text

from journal.app import JournalApp
from journal.export import identity, log, reply, seal
from journal.export.pack import ReplyTo
from journal.screens.entry import EntryScreen
from journal.screens.supervision import NONE_SENT, SupervisionScreen
from journal.session import supervision


def journal_with_two_packs(home) -> None:
    """Two sealed packs sent; the first answered through a real sealed reply."""
    store, _ = make_store(home)
    entry = store.add(sample_entry(1, title="Hard day"))
    recipient = identity.writer_recipient(store)
    for n, (pack_id, secret) in enumerate((("a" * 16, "b" * 32), ("c" * 16, "d" * 32))):
        log.record(store, log.Shared(f"2026-03-1{n}T10:00:00+00:00", [entry.id], "md",
                                     ["Ana"], False, f"pack{n}.md.age", 0, 0, pack_id, secret))
    text = (f"# Supervision reply\n\n## Overall notes\n\nA steady month.\n\n"
            f"## Entry: Hard day [{entry.id[:8]}]\n\nWell held.\n\n## Agreed actions\n\n"
            f"- Rest more\n\n---\n{reply.pack_line(ReplyTo('a' * 16, 'b' * 32, recipient))}\n")
    supervision.receive(store, seal.seal(text.encode(), recipients=[recipient]), "srn-values")
    store.close()


async def test_the_supervision_view_lists_packs_and_reads_what_was_said(home):
    journal_with_two_packs(home)
    app = JournalApp(home)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Supervision" not in await palette(app)  # locked: not offered
        await unlock(app, pilot)
        offered = await palette(app)
        assert "Supervision" in offered
        app.action_open_supervision()
        await on_screen(app, pilot, SupervisionScreen)
        shown = screen_text(app)
        assert "2 sealed packs sent, 1 answered" in shown
        assert "sent 2026-03-10  ·  1 entry  ·  pack0.md.age  ·  answered " in shown
        assert "sent 2026-03-11  ·  1 entry  ·  pack1.md.age  ·  waiting for a reply" in shown
        await pilot.press("enter")  # the newest, waiting: nothing to read yet
        await settle(app, pilot)
        assert isinstance(app.screen, SupervisionScreen)
        await pilot.press("up", "enter")
        await on_screen(app, pilot, EntryScreen)
        page = screen_text(app)
        assert "Supervision reply: pack of 2026-03-10" in page and "A steady month." in page
        await pilot.press("escape")
        await on_screen(app, pilot, SupervisionScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, SupervisionScreen)


async def test_with_no_sealed_pack_the_view_says_how_to_send_one(home):
    store, _ = make_store(home)
    store.add(sample_entry(1))
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(app, pilot)
        app.action_open_supervision()
        await on_screen(app, pilot, SupervisionScreen)
        assert NONE_SENT.split(".")[0] in screen_text(app)
