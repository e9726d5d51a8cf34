"""A passphrase typed while the app is still starting (before it takes the terminal over) is
never left on the screen or in its scrollback, and still opens the journal; the terminal is
back to normal afterwards (journal/session/typed_ahead.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from conftest import PASSPHRASE, make_store, require_tool
from test_tmux import Tmux

pytestmark = pytest.mark.slow


def test_a_passphrase_typed_before_the_app_starts_is_never_shown(home, tmp_path):
    require_tool("tmux", "tmux")
    store, _ = make_store(home)
    store.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JOURNAL_", "TMUX"))}
    env["TMUX_TMPDIR"] = str(tmp_path)
    tmux = Tmux("typed-ahead", env)
    tmux.run("new-session", "-d", "-s", tmux.session, "-x", "80", "-y", "24", "bash --norc")
    try:
        tmux.wait_for("#")  # the shell's prompt
        tmux.type(f"JOURNAL_HOME={home} {sys.executable} -m journal; echo FIN$((1+1))")
        tmux.send("Enter")
        tmux.type(PASSPHRASE)  # at once: the app has not started yet
        tmux.send("Enter")
        tmux.wait_for("0 entries")  # what was typed ahead opened the journal
        tmux.send("C-q")
        tmux.wait_for("FIN2")
        tmux.type("echo seen-$((2+2))")  # the terminal echoes again
        tmux.send("Enter")
        deadline = time.monotonic() + 10
        history = ""
        while time.monotonic() < deadline and "seen-4" not in history:
            history = tmux.run("capture-pane", "-t", tmux.session, "-p", "-S", "-200")
            time.sleep(0.05)
        assert "echo seen-$((2+2))" in history and "seen-4" in history
        assert PASSPHRASE not in history
    finally:
        subprocess.run(["tmux", "kill-server"], env=env, capture_output=True)
