"""The app keeps the journal open for hours while `journal` commands (or a sync run from the
shell) write to the same file: the open store notices (issue 16, 7), and its writes never
undo the other process's count in the ledger (a false "rows added outside the journal")."""

from __future__ import annotations

from conftest import PASSPHRASE, make_store, sample_entry

from journal.storage.store import JournalStore


def test_an_open_store_sees_another_processs_writes_and_keeps_the_ledger_whole(home):
    app, _ = make_store(home)
    app.add(sample_entry(1, title="written in the app"))
    assert [e.title for e in app.entries()] == ["written in the app"]  # the view is loaded
    assert app.changed_elsewhere() is False, "its own writes are not someone else's"

    with JournalStore.unlock(home, PASSPHRASE) as cli:  # `journal add` in another terminal
        cli.add(sample_entry(2, title="added from the shell"))

    assert app.changed_elsewhere() is True
    assert app.changed_elsewhere() is False, "said once per change"
    assert {e.title for e in app.entries()} == {"written in the app", "added from the shell"}

    app.add(sample_entry(3, title="and one more in the app"))
    assert app.integrity(full=True).ok, "the app's write kept the shell's row in the count"
    assert app.verify() == (3, [])
    app.close()
    with JournalStore.unlock(home, PASSPHRASE) as again:
        assert again.integrity(full=True).ok and len(again.entries()) == 3
