"""A command stopped by SIGTERM (`kill`, a logout, systemd stopping a job) stops as ctrl+c
does: a file it was writing is removed, and it says so in one line (found by the attack helper:
an archive stopped this way was left cut short, looking like an archive)."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

from conftest import PASSPHRASE, PYTHON_M_JOURNAL, sample_entry

from journal.session.archive import target_path
from journal.storage.store import JournalStore


def test_an_archive_stopped_by_sigterm_leaves_no_file(cli, tmp_path):
    """session/archive.py writes straight to the target name and removes it only on a Python
    exception: SIGTERM (a logout, `kill`, systemd stopping a timer's job) leaves a file cut short
    (it never opens, but it sits there as if it were an archive). Writing to a temporary name in
    the same folder and renaming it at the end would leave nothing."""
    with JournalStore.unlock(cli.home, PASSPHRASE) as store:
        store.add_many([sample_entry(n, body="we sat with the quiet. " * 300)
                        for n in range(3000)])
    key = tmp_path / "k.txt"
    key.write_text("lantern orchard velvet\n")
    key.chmod(0o600)
    out = tmp_path / "archive.json.age"
    proc = subprocess.Popen([*PYTHON_M_JOURNAL, "archive", "-o", str(out),
                             "--pack-passphrase-file", str(key)], env=cli.env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    while proc.poll() is None and not (out.exists() and out.stat().st_size > 150_000):
        time.sleep(0.005)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate()
    assert proc.returncode != 0 and "cancelled; nothing is left half-written" in err, err
    assert not out.exists(), out.stat().st_size
    assert not list(tmp_path.glob("archive*")), list(tmp_path.glob("archive*"))


def test_a_sealed_md_archive_is_named_as_the_tar_it_holds():
    for given in ("notes.md.age", "notes.md", "notes.tar", "notes.tar.age"):
        assert target_path(Path(given), "md", sealed=True).name in (
            "notes.md.tar.age", "notes.tar.age"), given
    assert target_path(Path("a.json.age"), "json", sealed=True).name == "a.json.age"


def test_an_md_folder_stopped_by_sigterm_is_removed(cli, tmp_path):
    with JournalStore.unlock(cli.home, PASSPHRASE) as store:
        store.add_many([sample_entry(n, title=f"Session {n}") for n in range(3000)])
    out = tmp_path / "notes"
    proc = subprocess.Popen([*PYTHON_M_JOURNAL, "archive", "--format", "md", "-o", str(out)],
                            env=cli.env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    while proc.poll() is None and not (out.is_dir() and len(list(out.iterdir())) > 50):
        time.sleep(0.005)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate()
    assert proc.returncode != 0 and "cancelled" in err, err
    assert not out.exists()
