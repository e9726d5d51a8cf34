"""The sync commands, run as a user runs them: two JOURNAL_HOMEs, one remote (in-process)."""

from __future__ import annotations

import json

import pytest
from conftest import JournalCli, sample_entry
from webdav_server import PASSWORD, USER, webdav_server

CANARY = "marmalade-otter"


@pytest.fixture
def laptop(cli: JournalCli, tmp_path) -> JournalCli:
    (tmp_path / "remote").mkdir()
    return cli


@pytest.fixture
def phone(laptop: JournalCli, tmp_path) -> JournalCli:
    return JournalCli(tmp_path / "phone-home", laptop.passphrase_file)


def test_two_devices_through_a_folder_with_a_conflict_resolved(laptop, phone, tmp_path):
    remote = str(tmp_path / "remote")
    assert laptop("add", f"Met Sam about {CANARY}", "--title", "laptop entry").code == 0
    result = laptop("remote", "set", remote)
    assert result.code == 0 and "Run `journal sync`" in result.out
    result = laptop("sync")
    assert result.code == 0, result.err
    assert "Sent 1 change(s)" in result.out and "conflicts 0" in result.out

    result = phone("join", remote)
    assert result.code == 0, result.err
    assert "Received 1 entry" in result.out
    shown = json.loads(phone("remote", "show", "--json").out)
    assert shown["address"] == remote and shown["kind"] == "folder"
    entry_id = json.loads(phone("list", "--json").out)["entries"][0]["id"]

    assert laptop("edit", entry_id, "--title", "edited on laptop").code == 0
    assert phone("edit", entry_id, "--title", "edited on phone").code == 0
    assert laptop("sync").code == 0
    result = phone("sync", "--json")
    assert result.code == 3, "conflicts wait: exit 3"
    assert json.loads(result.out)["conflicts"] == 1

    listed = json.loads(phone("conflicts", "--json").out)
    assert [c["id"] for c in listed] == [entry_id]
    titles = {v["title"]: v["revision"] for v in listed[0]["versions"]}
    assert set(titles) == {"edited on laptop", "edited on phone"}
    text = phone("conflicts").out
    assert "2 versions" in text and "journal resolve" in text

    result = phone("resolve", entry_id[:8], "--keep", titles["edited on laptop"][:8])
    assert result.code == 0 and "Kept version" in result.out
    assert phone("sync").code == 0
    result = laptop("sync")
    assert result.code == 0 and "conflicts 0" in result.out
    assert json.loads(laptop("show", entry_id, "--json").out)["title"] == "edited on laptop"
    assert laptop("conflicts").out.startswith("No conflicts")

    for path in (tmp_path / "remote").rglob("*"):
        if path.is_file():
            assert CANARY.encode() not in path.read_bytes()


def test_sync_commands_refuse_bad_input_in_one_line(laptop, phone, tmp_path):
    cases = [
        (laptop("sync"), 1, "no remote set"),
        (laptop("remote", "set", "ftp://example.org/x"), 1, "webdav+https"),
        (laptop("remote", "set", "webdav+http://example.org/x"), 1, "plain http"),
        (laptop("remote", "set", "webdav+https://me:secret@example.org/x"), 1,
         "leave the password out"),
        (laptop("remote", "set", str(tmp_path / "no" / "such" / "drive")), 1, "does not exist"),
        (laptop("remote", "set", "webdav+http://me@127.0.0.1:9/x"), 1,
         "JOURNAL_WEBDAV_PASSWORD_FILE"),
        (laptop("join", str(tmp_path / "remote")), 1, "already exists"),
        (phone("join", str(tmp_path / "remote")), 1, "no journal on that remote"),
        (laptop("resolve", "zzzz", "--keep", "abc"), 1, "no entry"),
    ]
    for result, code, words in cases:
        assert result.code == code, (words, result)
        assert words in result.err and result.err.count("\n") == 1, result.err
        assert "Traceback" not in result.err
    assert laptop("remote", "show").out.startswith("No remote set")


def test_joining_with_a_wrong_passphrase_exits_2_and_leaves_nothing(laptop, phone, tmp_path):
    remote = str(tmp_path / "remote")
    laptop("remote", "set", remote)
    laptop("sync")
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase at all\n")
    result = phone("join", remote, env=phone.env(JOURNAL_PASSPHRASE_FILE=str(wrong)))
    assert result.code == 2 and "does not open" in result.err
    assert not phone.home.exists() or not (phone.home / "journal.db").exists()


def test_a_remote_holding_another_journal_is_refused(laptop, tmp_path):
    remote = str(tmp_path / "remote")
    other = JournalCli(tmp_path / "other-home", laptop.passphrase_file)
    from conftest import make_store

    make_store(other.home)[0].close()
    assert other("remote", "set", remote).code == 0
    assert other("sync").code == 0
    result = laptop("remote", "set", remote)
    assert result.code == 1 and "holds another journal" in result.err
    assert "journal join" in result.err


def test_remote_unset_deletes_nothing(laptop, tmp_path):
    remote = tmp_path / "remote"
    laptop("add", "kept", "--title", "kept")
    laptop("remote", "set", str(remote))
    laptop("sync")
    before = sorted(p for p in remote.rglob("*"))
    result = laptop("remote", "unset")
    assert result.code == 0 and "Nothing was deleted" in result.out
    assert sorted(p for p in remote.rglob("*")) == before
    assert json.loads(laptop("list", "--json").out)["matched"] == 1


def test_webdav_through_the_command_line_with_a_password_file(laptop, phone, tmp_path):
    password_file = tmp_path / "webdav-password"
    password_file.write_text(PASSWORD + "\n")
    with webdav_server(tmp_path / "dav") as (url, _faults):
        assert not (tmp_path / "dav" / "journal").exists()  # remote set makes it (MKCOL)
        address = url.replace("http://", f"webdav+http://{USER}@") + "/journal"
        env = {"JOURNAL_WEBDAV_PASSWORD_FILE": str(password_file)}
        laptop("add", "over webdav", "--title", "dav entry")
        result = laptop("remote", "set", address, env=laptop.env(**env))
        assert result.code == 0, result.err
        assert laptop("sync", env=laptop.env(**env)).code == 0
        result = phone("join", address, env=phone.env(**env))
        assert result.code == 0 and "Received 1 entry" in result.out, result.err
        # Without the password file and with none stored, a one-line error says what to do.
        result = phone("sync")
        assert result.code == 1 and "no password" in result.err
        bad = tmp_path / "bad-password"
        bad.write_text("wrong\n")
        result = phone("sync", env=phone.env(JOURNAL_WEBDAV_PASSWORD_FILE=str(bad)))
        assert result.code == 1 and "refused the user name or password" in result.err


# -- the remote heals (issue 13) -----------------------------------------------------------------


def _device_folder(remote, cli: JournalCli):
    vault = next(p for p in remote.iterdir() if p.is_dir())
    device = json.loads(cli("remote", "show", "--json").out)["device"]
    return vault / "devices" / device


def _synced_three_times(laptop: JournalCli, remote) -> None:
    assert laptop("remote", "set", str(remote)).code == 0
    for n in (1, 2, 3):
        assert laptop("add", f"entry {n}", "--title", f"entry {n}").code == 0
        assert laptop("sync").code == 0


def test_bad_remote_addresses_are_one_line_and_exit_1(laptop, tmp_path):
    cases = [("webdav+https://u@h:99999/x", "not a usable address"),
             ("webdav+https://u@[::1/x", "not a usable address"),
             ("~nouser/x", "not a usable folder"),
             ("/", "top of the disk"),
             ("file://", "names no folder"),
             ("file:///", "top of the disk")]
    for address, words in cases:
        result = laptop("remote", "set", address)
        assert result.code == 1, (address, result)
        assert result.err.startswith("error:") and words in result.err, result.err
        assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert laptop("remote", "show").out.startswith("No remote set")


def test_remote_set_makes_the_top_folder_0700_when_its_parent_exists(laptop, tmp_path):
    remote = tmp_path / "Sync" / "journal"
    (tmp_path / "Sync").mkdir()
    assert laptop("add", "x", "--title", "x").code == 0
    assert laptop("remote", "set", str(remote)).code == 0
    assert laptop("sync").code == 0
    for path in [remote, *remote.rglob("*")]:
        if path.is_dir():
            assert path.stat().st_mode & 0o777 == 0o700, path


def test_a_stray_file_at_the_next_segment_is_repaired_by_the_next_sync(laptop, phone, tmp_path):
    remote = tmp_path / "remote"
    _synced_three_times(laptop, remote)
    folder = _device_folder(remote, laptop)
    (folder / "00000004").write_bytes((folder / "00000002").read_bytes())  # a replayed copy
    assert laptop("add", "entry 4", "--title", "entry 4").code == 0
    result = laptop("sync", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["repaired"], result.out
    assert laptop("add", "entry 5", "--title", "entry 5").code == 0
    result = laptop("sync")
    assert result.code == 0 and "Repaired" not in result.out, result
    result = phone("join", str(remote))
    assert result.code == 0 and "Received 5 entries" in result.out, result


def test_a_deleted_segment_leaves_no_later_joiner_short(laptop, phone, tmp_path):
    remote = tmp_path / "remote"
    _synced_three_times(laptop, remote)
    (_device_folder(remote, laptop) / "00000001").unlink()
    result = phone("join", str(remote))
    assert result.code == 1, "short is a warning and exit 1, never exit 0 with a note"
    assert "warning:" in result.err and "Received 0 entries" in result.out  # chained after 1
    result = laptop("sync")
    assert result.code == 0 and "Repaired: this device's files on the remote" in result.out
    result = phone("sync")
    assert result.code == 0, result.err
    assert json.loads(phone("list", "--json").out)["matched"] == 3
    tablet = JournalCli(tmp_path / "tablet-home", laptop.passphrase_file)
    result = tablet("join", str(remote))
    assert result.code == 0 and "Received 3 entries" in result.out, result
    assert tablet("remote", "check").code == 0


def test_a_permanent_gap_exits_1_with_a_warning(laptop, phone, tmp_path):
    remote = tmp_path / "remote"
    _synced_three_times(laptop, remote)
    (_device_folder(remote, laptop) / "00000002").unlink()
    result = phone("join", str(remote))  # the laptop never syncs again
    assert result.code == 1 and "warning:" in result.err and "missing" in result.err
    result = phone("sync")
    assert result.code == 1 and "warning:" in result.err
    result = phone("remote", "check", "--json")
    assert result.code == 1 and not json.loads(result.out)["healthy"]


def test_a_file_named_like_a_device_does_not_stop_syncing(laptop, phone, tmp_path):
    remote = tmp_path / "remote"
    _synced_three_times(laptop, remote)
    assert phone("join", str(remote)).code == 0
    (_device_folder(remote, laptop).parent / ("0" * 32)).write_bytes(b"stray")
    assert laptop("add", "entry 4", "--title", "entry 4").code == 0
    result = laptop("sync")
    assert result.code == 1 and "Sent 1 change" in result.out
    assert "warning: device 00000000" in result.err and "skipped" in result.err
    result = phone("sync")
    assert result.code == 1 and "received 1" in result.out
    assert json.loads(phone("list", "--json").out)["matched"] == 4


def test_remote_check_says_what_is_damaged_and_writes_nothing(laptop, tmp_path):
    remote = tmp_path / "remote"
    _synced_three_times(laptop, remote)
    result = laptop("remote", "check")
    assert result.code == 0 and "healthy" in result.out and "would receive 3" in result.out
    (_device_folder(remote, laptop) / "00000002").write_bytes(b"truncated")
    before = sorted(remote.rglob("*"))
    result = laptop("remote", "check")
    assert result.code == 1 and "would repair" in result.out and "segment 2" in result.out
    assert sorted(remote.rglob("*")) == before
    assert laptop("sync").code == 0
    assert laptop("remote", "check").code == 0


def test_conflicts_do_not_show_a_fast_clock_as_a_saved_time(laptop, phone, tmp_path):
    """A device a year ahead syncs; the laptop's later edit carries that clock on (the hybrid
    clock never goes back), so its "saved" time would be a date a year away: not shown as one."""
    import time

    from sync_devices import Device

    from journal.sync.remote import FolderRemote

    remote = tmp_path / "remote"
    assert laptop("add", "shared", "--title", "shared").code == 0
    assert laptop("remote", "set", str(remote)).code == 0
    assert laptop("sync").code == 0
    assert phone("join", str(remote)).code == 0
    passphrase = laptop.passphrase_file.read_text().splitlines()[0]
    fast = Device.joining(tmp_path / "fast", FolderRemote(remote), passphrase)
    fast.store.use_wall_clock(lambda: time.time_ns() // 1_000_000 + 365 * 86_400_000)
    fast.add(sample_entry(9, title="from the fast device"))
    fast.sync()
    fast.store.close()
    assert laptop("sync").code == 0
    entries = json.loads(laptop("list", "--json").out)["entries"]
    shared = next(e["id"] for e in entries if e["title"] == "shared")
    assert laptop("edit", shared, "--title", "laptop, after the fast clock").code == 0
    assert phone("edit", shared, "--title", "phone").code == 0
    assert laptop("sync").code == 0
    assert phone("sync").code == 3
    text = phone("conflicts").out
    next_year = str(time.localtime().tm_year + 1)
    laptop_line = next(line for line in text.splitlines() if "laptop, after" in line)
    assert "unknown time" in laptop_line and "later than now" in laptop_line, text
    assert f"saved {next_year}" not in text
    phone_line = next(line for line in text.splitlines() if "phone" in line)
    assert "unknown time" not in phone_line
    versions = json.loads(phone("conflicts", "--json").out)[0]["versions"]
    assert {v["title"]: v["clock_ahead"] for v in versions} == {
        "laptop, after the fast clock": True, "phone": False}


def test_remote_set_again_on_a_damaged_remote_repairs_it(laptop, phone, tmp_path):
    remote = tmp_path / "remote"
    _synced_three_times(laptop, remote)
    (_device_folder(remote, laptop) / "00000002").unlink()
    result = laptop("remote", "set", str(remote))
    assert result.code == 0 and "already holds this journal" in result.out
    result = laptop("sync", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["repaired"]
    result = phone("join", str(remote))
    assert result.code == 0 and "Received 3 entries" in result.out, result
