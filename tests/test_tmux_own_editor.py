"""End to end in tmux: f4 in the app's editor hands the title and text to the writer's own
$EDITOR (the app suspended), and brings back what it saved.

The editor is a real program, a shell script, as in tests/cli/test_cli_editor.py: it records
the file's and folder's permissions, writes a canary it reads from its environment and leaves a
backup copy beside the file as vim does. The first use asks first, saying the text sits in a
temporary file meanwhile; afterwards no file on disk holds the canary, and the journal holds it
sealed only.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import PASSPHRASE, make_store, require_tool
from test_tmux import Tmux

from journal.storage.store import JournalStore

pytestmark = pytest.mark.slow

EDITOR = r"""#!/bin/sh
file="$1"
stat -c '%a %n' "$file" "$(dirname "$file")" > "$REPORT"
printf '# From my editor\n\nWrote about %s today.\n' "$CANARY" > "$file"
cp "$file" "$file~"
"""


def files_holding(needle: bytes, *roots: Path, since: float) -> list[str]:
    """Files under `roots`, and those changed since `since` in the shared temporary folders,
    that hold `needle`."""
    found = []
    places = [(r, 0.0) for r in roots] + [(Path("/dev/shm"), since),
                                          (Path(tempfile.gettempdir()), since)]
    for root, after in places:
        for folder, _dirs, files in os.walk(root):
            for name in files:
                path = Path(folder) / name
                try:
                    if not path.is_symlink() and path.stat().st_mtime >= after \
                            and needle in path.read_bytes():
                        found.append(str(path))
                except OSError:
                    continue
    return found


def test_f4_writes_in_my_own_editor_and_leaves_no_copy(home, tmp_path):
    require_tool("tmux", "tmux")
    store, _ = make_store(home)
    store.close()
    runtime = Path(tempfile.mkdtemp(prefix="runtime-", dir="/dev/shm"))
    script, report = tmp_path / "my-editor", tmp_path / "editor-saw.txt"
    script.write_text(EDITOR)
    script.chmod(0o700)
    canary = "canary-" + secrets.token_hex(8)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("JOURNAL_", "TMUX", "VISUAL", "EDITOR"))}
    env["TMUX_TMPDIR"] = str(tmp_path)
    tmux = Tmux("journal-own-editor", env)
    began = time.time() - 1
    command = (f"EDITOR={script} XDG_RUNTIME_DIR={runtime} REPORT={report} CANARY={canary} "
               f"JOURNAL_HOME={home} {sys.executable} -m journal")
    tmux.run("new-session", "-d", "-s", tmux.session, "-x", "100", "-y", "30", command)
    try:
        tmux.wait_for("Passphrase")
        tmux.type(PASSPHRASE)
        tmux.send("Enter")
        tmux.wait_for("0 entries")
        tmux.send("n")
        tmux.wait_for("People   none (f3 to choose)")  # the editor is open
        tmux.type("Before")
        tmux.wait_for("Title    Before")
        tmux.send("F4")
        screen = tmux.wait_for("Note: while your editor has it")  # said before, once
        said = " ".join(line.strip(" █") for line in screen.splitlines()).split()
        assert (
            "Note: while your editor has it, the text sits in a temporary file, readable only "
            f"by you (in {runtime}, which is kept in memory); it is overwritten and removed "
            "when the editor closes.") in " ".join(said)
        tmux.send("Tab")  # from "Not now" to "Open my editor"
        time.sleep(0.5)  # (a Tab and Enter in one burst are read as pasted text)
        tmux.send("Enter")
        screen = tmux.wait_for(f"Wrote about {canary} today.")  # back in the app, the text
        assert "Title    From my editor" in screen
        assert "temporary file" not in screen
        tmux.send("C-s")
        tmux.wait_for("1 entry")
        tmux.send("n")
        tmux.wait_for("People   none (f3 to choose)")
        tmux.send("F4")  # the second time: straight to the editor, no question
        screen = tmux.wait_for(f"Wrote about {canary} today.")
        assert "temporary file" not in screen
    finally:
        subprocess.run(["tmux", "kill-server"], env=env, capture_output=True)
    try:
        file_mode, file_path, folder_mode, folder_path = report.read_text().split()
        assert (file_mode, folder_mode) == ("600", "700")
        assert Path(folder_path).parent == runtime and Path(file_path).parent == Path(folder_path)
        assert list(runtime.iterdir()) == []  # the folder went, with the editor's backup
        assert files_holding(canary.encode(), runtime, home, tmp_path, since=began) == []
        with JournalStore.unlock(home, PASSPHRASE) as store:
            entry = store.entries()[0]
        assert entry.title == "From my editor"
        assert f"Wrote about {canary} today." in entry.body
    finally:
        for inner in runtime.iterdir():
            inner.rmdir() if inner.is_dir() else inner.unlink()
        runtime.rmdir()
