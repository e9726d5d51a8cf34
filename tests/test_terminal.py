"""On a terminal the passphrase is asked for, hidden, never echoed (a real pseudo-terminal)."""

from __future__ import annotations

import os
import pty
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
