"""On a terminal the passphrase is asked for, hidden, never echoed (a real pseudo-terminal)."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time

import pytest

SECRET = "terminal passphrase 42"


def converse(args, env, replies, timeout=60.0):
    """Run `journal ARGS` on a pseudo-terminal, answering each prompt in turn; return output."""
    main, secondary = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "journal", *args], stdin=secondary,
                            stdout=secondary, stderr=secondary, env=env, close_fds=True)
    os.close(secondary)
    seen, pending = b"", list(replies)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        if pending and seen.rstrip().endswith(pending[0][0].encode()):
            os.write(main, (pending.pop(0)[1] + "\n").encode())
            seen += b"\n"
        if proc.poll() is not None and not ready:
            break
    proc.wait(timeout=10)
    os.close(main)
    return proc.returncode, seen.decode("utf-8", "replace")


@pytest.mark.slow
def test_init_and_unlock_on_a_terminal(home):
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNAL_")}
    env["JOURNAL_HOME"] = str(home)
    code, out = converse(["init"], env, [("Choose a passphrase:", SECRET),
                                         ("Repeat for confirmation:", SECRET)])
    assert code == 0, out
    assert "recovery key" in out and SECRET not in out
    code, out = converse(["add", "hello from a terminal", "--title", "tty"], env,
                         [("Passphrase:", SECRET)])
    assert code == 0 and SECRET not in out
    code, out = converse(["list"], env, [("Passphrase:", "wrong one")])
    assert code == 2 and "wrong passphrase" in out and "Traceback" not in out


def test_show_draws_the_entry_page_on_a_terminal_and_gives_markdown_to_a_pipe(cli):
    """The same page the app shows: drawn (no Markdown marks) on a terminal, the Markdown
    itself when piped."""
    entry_id = cli("add", "We talked about **hope**.", "--title", "Cafe", "--value",
                   "hope:lived").out.strip()
    env = {**cli.env(), "COLUMNS": "80"}
    code, drawn = converse(["show", entry_id[:8]], env, [])
    assert code == 0, drawn
    out = re.sub(r"\x1b\[[0-9;]*m", "", drawn)  # what the reader sees, without the colours
    assert "Cafe" in out and "Values: Hope (lived)" in out and "We talked about hope." in out
    assert "**" not in out and "# Cafe" not in out
    piped = cli("show", entry_id[:8]).out
    assert piped.startswith("# Cafe") and "**Values:** Hope (lived)" in piped
