"""Issue 13, damage cannot hide: revision rows removed from a device's journal file come back
from the remote on its next sync, which says so; rows no device has published stay a finding."""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import JournalCli, add, fails, ok


@pytest.fixture
def devices(cli: JournalCli, tmp_path) -> tuple[JournalCli, JournalCli]:
    remote = tmp_path / "remote"
    remote.mkdir()
    phone = JournalCli(tmp_path / "phone-home", cli.passphrase_file)
    ok(cli("remote", "set", str(remote)))
    return cli, phone


def _drop(cli: JournalCli, where: str, *args: str) -> list[str]:
    conn = sqlite3.connect(cli.home / "journal.db", isolation_level=None)
    gone = [r[0] for r in conn.execute(f"SELECT rev_id FROM revisions WHERE {where}", args)]
    conn.execute(f"DELETE FROM revisions WHERE {where}", args)
    conn.close()
    return gone


def test_rows_a_remote_still_has_come_back_on_the_next_sync(devices):
    laptop, phone = devices
    mine = add(laptop, text="written on the laptop")
    ok(laptop("edit", mine, "edited on the laptop"))
    ok(laptop("sync"))
    ok(phone("join", str(laptop.home.parent / "remote")))
    theirs = add(phone, text="written on the phone")
    ok(phone("sync"))
    ok(laptop("sync"))
    ok(laptop("verify"))

    _drop(laptop, "item_id = ?", theirs)  # another device's entry, gone
    newest = _drop(laptop, "rev_id = (SELECT rev_id FROM revisions WHERE item_id = ? "
                           "ORDER BY seq DESC LIMIT 1)", mine)  # and a rollback of its own
    assert newest
    fails(laptop("verify"), 1, "problem(s)")

    synced = ok(laptop("sync"))
    assert "the remote had them, and they are back" in synced.out
    assert "All 3 revisions open and are intact." in ok(laptop("verify")).out
    shown = json.loads(ok(laptop("show", mine, "--json")).out)
    assert shown["body"] == "edited on the laptop" and "warning" not in laptop("list").err
    assert theirs in {e["id"] for e in json.loads(ok(laptop("list", "--json")).out)["entries"]}


def test_rows_no_device_published_stay_a_finding(devices):
    laptop, _ = devices
    ok(laptop("sync"))  # the remote holds nothing of what comes next
    written = add(laptop, text="never synced")
    ok(laptop("verify"))
    _drop(laptop, "item_id = ?", written)
    synced = laptop("sync")
    assert synced.code == 1 and "lost revisions that no device has on the remote" in synced.err
    fails(laptop("verify"), 1, "problem(s)")
