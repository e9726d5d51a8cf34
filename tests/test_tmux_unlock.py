"""The unlock screen in a real terminal takes every key typed from the moment the app starts.

A writer who types the passphrase while the app is still starting used to see it refused or
ignored: keys sent before the terminal was in raw mode turn the Return into a line feed
(ctrl+j), and keys that reached the screen before its field had focus went nowhere. Here the
keys are sent with no wait for the screen at all, as one quick burst.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import PASSPHRASE, make_store, require_tool, sample_entry
from test_tmux import Tmux, real_app

pytestmark = pytest.mark.slow

NEW = "a brand new passphrase"


def test_a_passphrase_typed_at_once_opens_the_journal(home, tmp_path):
    store, _ = make_store(home)
    store.add(sample_entry(1, title="Allotment walk"))
    store.close()
    for attempt in range(5):
        sockets = tmp_path / f"tmux-{attempt}"  # a server of its own: the last one may
        sockets.mkdir()  # still be shutting down
        with real_app(home, sockets, f"unlock-{attempt}") as tmux:
            tmux.type(PASSPHRASE)  # at once: the app has not even started
            tmux.send("Enter")
            screen = tmux.wait_for("Allotment walk")
            assert "1 entry" in screen and "does not open" not in screen


def test_recovery_typed_in_one_burst_changes_the_passphrase(home, tmp_path):
    store, recovery = make_store(home)
    store.close()
    with real_app(home, tmp_path, "unlock-recovery", size=(80, 24)) as tmux:
        tmux.wait_for("Passphrase")
        tmux.send("C-r")
        tmux.wait_for("Recovery key (8 groups of 4)")
        for text in (recovery, NEW, NEW):  # Enter moves on to the next field
            tmux.type(text)
            tmux.send("Enter")
        tmux.wait_for("0 entries")
        screen = tmux.wait_for("Your passphrase has changed")  # said on the timeline
        assert recovery not in screen
    from journal.storage.store import JournalStore

    JournalStore.unlock(home, NEW).close()


def test_the_demo_opens_on_its_timeline(tmp_path):
    require_tool("tmux", "tmux")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JOURNAL_", "TMUX"))}
    env["TMUX_TMPDIR"] = str(tmp_path)
    tmux = Tmux("demo", env)
    tmux.run("new-session", "-d", "-s", "demo", "-x", "100", "-y", "30",
             f"{sys.executable} -m journal --demo")
    try:
        screen = tmux.wait_for(" with P", timeout=60)  # "Cafe with P3": nothing typed
        assert "Passphrase" not in screen
        tmux.send("C-l")  # locked, it shows how to get back in
        screen = tmux.wait_for("You locked it")
        assert "This is a demo journal. Its passphrase is: demo " in screen
    finally:
        subprocess.run(["tmux", "kill-server"], env=env, capture_output=True)
