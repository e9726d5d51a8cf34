"""The app says so when the journal file no longer holds every revision it wrote."""

from __future__ import annotations

import sqlite3

from conftest import make_store, sample_entry
from test_app import unlock, wait_for

from journal.app import JournalApp


def _notes(app) -> str:
    """The notifications the app raised, title and text (under the test driver Textual keeps
    them without mounting the toasts that draw them)."""
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


async def test_a_rolled_back_entry_is_announced_on_unlock(tmp_path):
    home = tmp_path / "home"
    store, _ = make_store(home)
    entry = store.add(sample_entry(1, title="Ward round"))
    entry.body = "Edited later."
    store.update(entry)
    assert store.integrity().ok
    store.close()
    conn = sqlite3.connect(home / "journal.db", isolation_level=None)
    newest = conn.execute("SELECT rev_id FROM revisions ORDER BY seq DESC LIMIT 1").fetchone()[0]
    conn.execute("DELETE FROM revisions WHERE rev_id = ?", (newest,))
    conn.close()
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await wait_for(pilot, lambda: "Cannot be trusted" in _notes(app))
        drawn = " ".join(_notes(app).split())
        assert "no longer holds every revision it wrote" in drawn and "journal verify" in drawn


async def test_an_intact_journal_says_nothing(tmp_path):
    home = tmp_path / "home"
    store, _ = make_store(home)
    store.add(sample_entry(1))
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await wait_for(pilot, lambda: not app.screen.loading_rest)
        await app.workers.wait_for_complete()
        assert "no longer holds" not in _notes(app)
