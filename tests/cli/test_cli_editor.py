"""`journal add --editor` and `journal edit ID --editor`: the writer's own $EDITOR, with a
private temporary file that leaves nothing behind.

The editor is a real program: a small shell script that records where it was given the file
and with what permissions, then writes a canary (a random word it reads from its environment,
so that no file holds it beforehand) into the file, and a backup copy beside it as vim does.
Afterwards every place the file could have been, and the journal's folder, is searched for the
canary: it is nowhere on disk, whether the editor saved, failed or was killed.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
import tempfile
import time
from pathlib import Path

import pytest
from conftest import add, fails, ok

EDITOR = r"""#!/bin/sh
# what a person's editor does: open the file, change it, save (and leave a backup, as vim does)
file="$1"
stat -c '%a %n' "$file" "$(dirname "$file")" > "$REPORT"
case "$MODE" in
  write) printf '# %s\n\nWrote about %s today.\n' "$TITLE" "$CANARY" > "$file" ;;
  append) printf '\nAnd %s as well.\n' "$CANARY" >> "$file" ;;
  keep) : ;;
  fail) printf 'half written %s\n' "$CANARY" > "$file"; exit 3 ;;
  killed) printf 'half written %s\n' "$CANARY" > "$file"; kill -9 $$ ;;
  stopped) printf 'half written %s\n' "$CANARY" > "$file"; kill -TERM $PPID; sleep 30 ;;
esac
cp "$file" "$file~"
"""


@pytest.fixture
def runtime():
    """A private folder on a RAM-backed filesystem, as $XDG_RUNTIME_DIR is on a desktop."""
    if not Path("/dev/shm").is_dir():
        pytest.fail("this test needs /dev/shm (a tmpfs), as Linux has")
    folder = Path(tempfile.mkdtemp(prefix="runtime-", dir="/dev/shm"))
    yield folder
    for inner in sorted(folder.rglob("*"), reverse=True):
        inner.rmdir() if inner.is_dir() else inner.unlink()
    folder.rmdir()


@pytest.fixture
def editing(cli, tmp_path, runtime):
    script = tmp_path / "fake-editor"
    script.write_text(EDITOR)
    script.chmod(0o700)
    canary = "canary-" + secrets.token_hex(8)
    report = tmp_path / "editor-saw.txt"

    def run(*args, mode="write", title="From my editor"):
        env = cli.env(EDITOR=str(script), XDG_RUNTIME_DIR=str(runtime), MODE=mode,
                      CANARY=canary, TITLE=title, REPORT=str(report))
        env.pop("VISUAL", None)
        return cli(*args, env=env)

    run.canary = canary
    run.report = report
    return run


def copies_on_disk(canary: str, *roots: Path, since: float) -> list[str]:
    """Every file under `roots` (and the system's temporary folders, for files changed since
    the test began) that holds the canary."""
    found = []
    needle = canary.encode()
    places = [(root, 0.0) for root in roots]
    places += [(Path("/dev/shm"), since), (Path(tempfile.gettempdir()), since)]
    for root, after in places:
        for folder, _dirs, files in os.walk(root):
            for name in files:
                path = Path(folder) / name
                try:
                    if path.is_symlink() or path.stat().st_mtime < after:
                        continue
                    if needle in path.read_bytes():
                        found.append(str(path))
                except OSError:
                    continue
    return sorted(set(found))


def shown(cli, entry_id):
    return json.loads(ok(cli("show", entry_id, "--json")).out)


def test_add_in_the_editor_leaves_no_copy_on_disk(cli, editing, runtime, tmp_path):
    began = time.time() - 1
    first = ok(editing("add", "--editor", "--kind", "session"))
    assert "the text sits in a temporary file, readable only by you" in first.err
    assert f"in {runtime}, which is kept in memory" in first.err
    entry = shown(cli, first.out.strip())
    assert entry["title"] == "From my editor"
    assert entry["body"] == f"Wrote about {editing.canary} today."
    assert entry["kind"] == "session"

    modes = editing.report.read_text().split()
    file_mode, file_path, folder_mode, folder_path = modes
    assert (file_mode, folder_mode) == ("600", "700")
    assert Path(folder_path).parent == runtime and Path(file_path).parent == Path(folder_path)
    assert not Path(folder_path).exists()  # the folder is gone, with the editor's backup
    assert list(runtime.iterdir()) == []

    again = ok(editing("add", "--editor"))
    assert "temporary file" not in again.err  # said once
    assert copies_on_disk(editing.canary, runtime, cli.home, tmp_path, since=began) == []


@pytest.mark.parametrize("mode, said", [
    ("fail", "the editor ended with exit status 3; nothing was saved"),
    ("killed", "the editor was stopped by SIGKILL; nothing was saved"),
    # SIGTERM to the journal itself (here the test's own process, running the command
    # in-process) while the editor is open: the edit ends in order, the file still removed
    ("stopped", "stopped while the editor was open; nothing was saved"),
])
def test_an_editor_that_fails_or_is_killed_saves_nothing_and_leaves_nothing(
        cli, editing, runtime, tmp_path, mode, said):
    began = time.time() - 1
    entry_id = add(cli, "--title", "Kept as it was")
    first = editing("add", "--editor", mode=mode)  # the first use: the notice, then the error
    assert first.code == 1 and "temporary file" in first.err.splitlines()[0]
    assert first.err.splitlines()[1].startswith(f"error: {said}")
    assert first.err.splitlines()[1].endswith("the temporary file is removed")
    fails(editing("edit", entry_id, "--editor", mode=mode), 1, said)
    assert list(runtime.iterdir()) == []
    assert copies_on_disk(editing.canary, runtime, cli.home, tmp_path, since=began) == []
    listed = json.loads(ok(cli("list", "--json")).out)
    assert listed["total"] == 1 and shown(cli, entry_id)["title"] == "Kept as it was"


def test_edit_in_the_editor_with_the_title_as_a_heading(cli, editing, runtime, tmp_path):
    began = time.time() - 1
    entry_id = add(cli, "--title", "Cafe with P3", text="We talked about the ward.")
    done = ok(editing("edit", entry_id, "--editor", mode="append"))
    assert done.out.strip() == shown(cli, entry_id)["id"]
    entry = shown(cli, entry_id)
    assert entry["title"] == "Cafe with P3"
    assert entry["body"] == f"We talked about the ward.\n\nAnd {editing.canary} as well."
    assert len(json.loads(ok(cli("history", entry_id, "--json")).out)["revisions"]) == 2

    untouched = ok(editing("edit", entry_id, "--editor", mode="keep"))
    assert "Nothing changed" in untouched.err
    assert len(json.loads(ok(cli("history", entry_id, "--json")).out)["revisions"]) == 2

    renamed = ok(editing("edit", entry_id, "--editor", title="Cafe, and the bus"))
    assert shown(cli, renamed.out.strip())["title"] == "Cafe, and the bus"
    assert copies_on_disk(editing.canary, runtime, cli.home, tmp_path, since=began) == []


def test_no_editor_and_mistakes_are_one_line(cli, editing, tmp_path):
    env = cli.env(XDG_RUNTIME_DIR=str(tmp_path))
    env.pop("EDITOR", None)
    env.pop("VISUAL", None)
    fails(cli("add", "--editor", env=env), 1, "no editor is set: set EDITOR")
    env["EDITOR"] = str(tmp_path / "no-such-editor")
    fails(cli("add", "--editor", env=env), 1, "was not found; set EDITOR")
    entry_id = add(cli)
    fails(editing("edit", entry_id, "new text", "--editor"), 1, "not both")
    assert json.loads(ok(cli("list", "--json")).out)["total"] == 1


def test_the_file_is_private_even_without_a_runtime_folder(tmp_path):
    from journal.session import external_editor

    base, ram = external_editor.private_base({"XDG_RUNTIME_DIR": str(tmp_path)})
    # tmp_path is not RAM-backed: /dev/shm is taken instead where it is a tmpfs
    assert base != tmp_path
    assert ram == (base == Path("/dev/shm"))
    with external_editor.private_file("secret words", env={}) as path:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        (path.parent / ".entry.md.swp").write_text("secret words")
        folder = path.parent
    assert not folder.exists()
