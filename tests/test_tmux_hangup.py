"""Issue 16 (10): drafts survive a closed terminal. The real app in tmux, killed right after
typing (tmux sends SIGHUP, as a closed terminal window does; `kill` sends SIGTERM): every
character typed is in the draft the next unlock offers."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from conftest import PASSPHRASE, make_store
from test_tmux import moved_on, real_app

from journal.session.drafts import load_drafts
from journal.storage.store import JournalStore

pytestmark = pytest.mark.slow

LAST = "and this is the last sentence typed before the terminal closed."


def app_pid(tmux) -> int:
    """The journal process itself (the pane runs it under a shell)."""
    shell = tmux.run("display", "-p", "-t", tmux.session, "#{pane_pid}").strip()
    children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
    return int(children[0]) if children else int(shell)


def gone(pid: int, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("how", ["closed terminal", "kill"])
def test_a_draft_survives_the_terminal_closing_right_after_typing(home, tmp_path, how):
    store, _ = make_store(home)
    store.close()
    with real_app(home, tmp_path, f"hangup-{how.split()[0]}", size=(100, 30)) as tmux:
        tmux.wait_for("Passphrase")
        tmux.type(PASSPHRASE)
        tmux.send("Enter")
        tmux.wait_for("0 entries")
        tmux.send("n")
        tmux.wait_for("What happened?")
        tmux.type("Closed")
        tmux.wait_for("Closed")
        moved_on(tmux, "Enter")
        tmux.type(f"Sat with P2, {LAST}")
        tmux.wait_for("terminal closed.")  # on screen: the app has every key
        pid = app_pid(tmux)
        if how == "kill":
            os.kill(pid, 15)
        else:
            subprocess.run(["tmux", "kill-session", "-t", tmux.session], env=tmux.env,
                           capture_output=True)
        assert gone(pid), "the app did not stop"
    with JournalStore.unlock(home, PASSPHRASE) as again:
        drafts = load_drafts(again)
        assert len(drafts) == 1, "the draft was sealed before the app stopped"
        draft = drafts[0].entry
        assert draft.title == "Closed" and LAST in draft.body
        assert again.entries() == [], "a draft, not a saved entry"
