"""Pilot tests of the Export screen: choose with a live count, review findings (keep, replace,
replace all like this), write unencrypted only after a warning, seal to a supervisor."""

from __future__ import annotations

from conftest import make_store, sample_entry
from pyrage import x25519
from test_app import on_screen, settle, unlock, wait_for

from journal.app import JournalApp
from journal.domain.people import save_person
from journal.export import seal
from journal.export.supervisors import save_supervisor
from journal.screens.dialogs.choice import ChoiceScreen
from journal.screens.export import ExportScreen

BODY = "Walked with Sam to G12 8QQ; Mary rang on 0141 496 0000."


async def test_choose_review_and_write(home, tmp_path):
    store, _ = make_store(home)
    save_person(store, "Sam Okafor", ["Sam"])
    identity = x25519.Identity.generate()
    save_supervisor(store, "Ana", str(identity.to_public()))
    for n in range(5):
        store.add(sample_entry(n, title=f"Session {n}", body=BODY, flagged=n % 2 == 0))
    store.close()

    app = JournalApp(home)
    async with app.run_test(size=(120, 36)) as pilot:
        await unlock(app, pilot)
        await pilot.press("x")
        await on_screen(app, pilot, ExportScreen)
        screen = app.screen
        count = screen.query_one("#export-count")
        assert str(count.render()) == "3 entries chosen"  # flagged only, by default
        screen.query_one("#flagged").value = False
        await settle(app, pilot)
        assert str(count.render()) == "5 entries chosen"
        picker = screen.query_one("#export-entries")
        picker.deselect(picker.get_option_at_index(0).value)  # picked out by hand
        await pilot.pause()
        assert str(count.render()) == "4 entries chosen of 5 matching"
        screen.query_one("#since").value = "31/02/2026"
        await settle(app, pilot)
        assert "bad date" in str(screen.query_one("#choose-error").render())
        screen.query_one("#since").value = ""
        screen.query_one("#flagged").value = True
        await settle(app, pilot)

        # Review: every finding replaced unless kept; "like this" acts on every entry.
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        review = screen.review
        kinds = [f.kind for _, f, _ in review.findings]
        assert kinds.count("name") == 3 and kinds.count("postcode") == 3
        assert review.kept_count == 0
        summary = screen.query_one("#review-summary")
        assert "12 findings: 12 will be replaced, 0 kept" in str(summary.render())
        mary = next(i for i, (_, f, _) in enumerate(review.findings) if f.text == "Mary")
        screen.query_one("#findings").move_cursor(row=mary)
        await pilot.press("K")  # keep all like this: Mary in every entry
        assert review.kept_count == 3
        await pilot.press("r")  # but replace this one
        assert review.kept_count == 2 and not review.is_kept(mary)
        await pilot.press("up", "a")  # replace all like this again
        assert review.kept_count == 0
        await pilot.press("k")
        assert review.kept_count == 1
        assert "11 will be replaced, 1 kept" in str(summary.render())

        # Unencrypted: asked first; going back writes nothing.
        plain = tmp_path / "pack.md"
        screen.query_one("#path").value = str(plain)
        await pilot.press("w")
        await on_screen(app, pilot, ChoiceScreen)
        await pilot.press("escape")
        await on_screen(app, pilot, ExportScreen)
        assert not plain.exists() and "Nothing was written" in str(
            screen.query_one("#export-status").render())
        await pilot.press("w")
        await on_screen(app, pilot, ChoiceScreen)
        await pilot.click("#write")
        await on_screen(app, pilot, ExportScreen)
        written = plain.read_text()
        assert "Sam" not in written and "G12 8QQ" not in written and "P1" in written
        assert written.count("Mary") == 1 and oct(plain.stat().st_mode & 0o777) == "0o600"

        # Sealed to a saved supervisor: no warning, opens with her key only.
        screen.query_one("#seal").value = "Ana"
        screen.query_one("#format").value = "html"
        sealed = tmp_path / "pack.html.age"
        screen.query_one("#path").value = str(sealed)
        await settle(app, pilot)
        await pilot.press("w")
        await settle(app, pilot)
        assert not isinstance(app.screen, ChoiceScreen)
        opened = seal.open_sealed(sealed.read_bytes(), identities=[str(identity)])
        assert opened.startswith(b"<!doctype html>") and b"Sam" not in opened
        assert "sealed with age to Ana" in str(screen.query_one("#export-status").render())

        # A passphrase must be typed twice alike; nothing is written until it is.
        screen.query_one("#seal").value = "passphrase"
        await settle(app, pilot)
        assert screen.query_one("#pack-passphrase").display
        screen.query_one("#path").value = str(tmp_path / "p.md.age")
        screen.query_one("#pack-passphrase").value = "one thing"
        screen.query_one("#pack-repeat").value = "another"
        await pilot.press("w")
        await settle(app, pilot)
        assert "differ" in str(screen.query_one("#export-status").render())
        assert not (tmp_path / "p.md.age").exists()

        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        shared = screen.query_one("#shared")
        assert shared.row_count == 2
        assert str(shared.get_row_at(0)[3]) == "to Ana"
        assert str(shared.get_row_at(1)[3]) == "not sealed"


def screen_text(app) -> str:
    """Every line of the screen as the terminal shows it."""
    return "\n".join("".join(segment.text for segment in strip).rstrip()
                     for strip in app.screen._compositor.render_strips())


LEARNING = ("Callum came too, her youngest. We met at Connect Cafe on Mondays, as we do; "
            "Callum was brighter than last week.")


async def review_step(app, pilot) -> ExportScreen:
    await pilot.press("x")
    await on_screen(app, pilot, ExportScreen)
    await pilot.press("right_square_bracket")
    await settle(app, pilot)
    await wait_for(pilot, lambda: app.screen.review is not None)
    await settle(app, pilot)
    return app.screen


async def test_review_at_80x24_shows_the_finding_and_its_context_and_learns(home):
    store, _ = make_store(home)
    store.add(sample_entry(0, title="Drop-in", body=LEARNING, flagged=True))
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        screen = await review_step(app, pilot)
        found = [(f.kind, f.text) for _, f, _ in screen.review.findings]
        assert found == [("maybe-name", "Callum"), ("maybe-name", "Connect"),
                         ("maybe-name", "Cafe"), ("maybe-name", "Callum")]
        shown = screen_text(app)
        # each row: the decision, the finding's own text, and words either side of it
        assert "→ [name]  Connect  …We met at Connect Cafe on M…" in shown
        # under the list, the one under the cursor: where, what, and its sentence
        assert "body: maybe a name, replaced by [name] · p add to people · n not a\n name" in shown
        assert "…Callum came too, her youngest. We met at Connect Cafe on Mondays,…" in shown

        # p: Callum goes on the people list, both mentions become his pseudonym
        await pilot.press("p")
        await wait_for(pilot, lambda: screen.review.findings[0][1].kind == "name")
        await settle(app, pilot)
        assert [(f.text, f.replacement) for _, f, _ in screen.review.findings] == [
            ("Callum", "P1"), ("Connect", "[name]"), ("Cafe", "[name]"), ("Callum", "P1")]
        assert "→ P1" in screen_text(app)

        # n on Connect and on Cafe: not names, gone from this review and every later one
        screen.query_one("#findings").move_cursor(row=1)
        await pilot.press("n")
        await wait_for(pilot, lambda: len(screen.review.findings) == 3)
        screen.query_one("#findings").move_cursor(row=1)
        await pilot.press("n")
        await wait_for(pilot, lambda: len(screen.review.findings) == 2)
        await settle(app, pilot)
        assert app.session.not_names() == ["Connect", "Cafe"]
        assert [p.name for p in app.session.people()] == ["Callum"]
        # p and n do nothing to a finding that is not a guess
        await pilot.press("p")
        await settle(app, pilot)
        assert [p.name for p in app.session.people()] == ["Callum"]
        await app.run_store(app.session.lock)  # closes the journal file (as quitting does)


async def test_review_decisions_survive_leaving_the_screen(home):
    store, _ = make_store(home)
    store.add(sample_entry(0, title="Walk", body=BODY, flagged=True))
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        screen = await review_step(app, pilot)
        mary = next(i for i, (_, f, _) in enumerate(screen.review.findings) if f.text == "Mary")
        screen.query_one("#findings").move_cursor(row=mary)
        await pilot.press("k")
        assert screen.review.kept_count == 1
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, ExportScreen)

        again = await review_step(app, pilot)
        assert again is not screen
        kept = [f.text for i, (_, f, _) in enumerate(again.review.findings)
                if again.review.is_kept(i)]
        assert kept == ["Mary"]
        assert "0141 496 0000" not in kept
        assert "keep" in screen_text(app) and "1 kept" in screen_text(app)

        # locking drops them, with every decrypted word
        await app.lock()
        await settle(app, pilot)
        assert app.session.review_kept == set()
