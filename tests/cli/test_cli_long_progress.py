"""`journal verify`, `sync`, `join` and `export` show a progress bar with counts on a terminal
(a real pseudo-terminal, the real process) and stay quiet when piped."""

from __future__ import annotations

import re

import pytest
from conftest import PASSPHRASE, JournalCli, ok, sample_entry
from test_terminal import converse

from journal.storage.store import JournalStore

ENTRIES = 1200


def screen(out: str) -> str:
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out)  # the bar's drawing, as plain text


@pytest.fixture
def filled(cli: JournalCli) -> JournalCli:
    with JournalStore.unlock(cli.home, PASSPHRASE) as store:
        store.add_many([sample_entry(n) for n in range(ENTRIES)])
    return cli


@pytest.mark.slow
def test_verify_sync_and_join_draw_bars_with_counts_on_a_terminal(filled, tmp_path):
    code, out = converse(["verify"], filled.env(), [])
    assert code == 0, out
    assert "Verifying" in screen(out) and f"{ENTRIES}/{ENTRIES} revisions" in screen(out)
    assert f"All {ENTRIES} revisions open and are intact." in out

    code, out = converse(["export", "--kind", "session", "-o", str(tmp_path / "pack.md")],
                         filled.env(), [])
    assert code == 0, out
    assert "Scrubbing" in screen(out) and f"{ENTRIES}/{ENTRIES} entries" in screen(out)
    assert (tmp_path / "pack.md").exists()

    remote = tmp_path / "remote"
    remote.mkdir()
    ok(filled("remote", "set", str(remote)))
    code, out = converse(["sync"], filled.env(), [])
    assert code == 0, out
    assert "Syncing" in screen(out) and "1/1 segments" in screen(out)
    assert re.search(r"Sent 12\d\d change\(s\)", out)  # the entries, and the export's log

    phone = JournalCli(tmp_path / "phone-home", filled.passphrase_file)
    code, out = converse(["join", str(remote)], phone.env(), [])
    assert code == 0, out
    assert "Receiving" in screen(out) and "1/1 segments" in screen(out)
    assert f"Received {ENTRIES} entries." in out


def test_quiet_when_piped(filled, tmp_path):
    assert ok(filled("verify")).err == ""
    exported = ok(filled("export", "--kind", "session", "-o", str(tmp_path / "pack.md")))
    assert "Scrubbing" not in exported.err and "━" not in exported.err
    assert exported.err.startswith("Writing ")
    remote = tmp_path / "remote"
    remote.mkdir()
    ok(filled("remote", "set", str(remote)))
    assert ok(filled("sync")).err == ""
    phone = JournalCli(tmp_path / "phone-home", filled.passphrase_file)
    joined = ok(phone("join", str(remote)))
    assert joined.err == "" and f"Received {ENTRIES} entries." in joined.out
