"""The folder remote and addresses: the small interface sync is built on (issue 6, first step).

A real folder on disk; the protocol's promises checked directly: files appear whole or not at
all, nothing is ever replaced, only temp files are ever removed, and bad addresses say why.
"""

from __future__ import annotations

import os

import pytest

from journal.sync.remote import (
    TEMP_MARK,
    FolderRemote,
    RemoteError,
    RemoteMissing,
    parse_address,
    put,
)


def test_put_writes_whole_files_that_are_listed_and_read_back(tmp_path):
    (tmp_path / "remote").mkdir()
    remote = FolderRemote(tmp_path / "remote")
    assert remote.list("vault/devices/d1") == []  # a missing folder is empty, not an error
    put(remote, "vault/devices/d1/00000002", b"second")
    put(remote, "vault/devices/d1/00000001", b"first")
    assert remote.list("vault/devices/d1") == ["00000001", "00000002"]
    assert remote.read("vault/devices/d1/00000001") == b"first"
    files = list((tmp_path / "remote").rglob("*"))
    assert not [f for f in files if TEMP_MARK in f.name]  # no temp file left behind
    assert oct((tmp_path / "remote/vault/devices/d1/00000001").stat().st_mode & 0o777) == "0o600"


def test_nothing_is_ever_replaced_or_deleted(tmp_path):
    remote = FolderRemote(tmp_path)
    put(remote, "v/devices/d1/00000001", b"original")
    with pytest.raises(RemoteError, match="already exists"):
        put(remote, "v/devices/d1/00000001", b"replacement")
    assert remote.read("v/devices/d1/00000001") == b"original"
    assert remote.list("v/devices/d1") == ["00000001"]  # the failed attempt's temp is gone
    with pytest.raises(RemoteError, match="only temp files"):
        remote.remove_temp("v/devices/d1/00000001")
    with pytest.raises(RemoteError, match="already exists"):
        remote.write_new("v/devices/d1/00000001", b"x")


def test_a_temp_file_from_a_crash_is_invisible_and_removable(tmp_path):
    remote = FolderRemote(tmp_path)
    temp = f"v/devices/d1/00000003{TEMP_MARK}abcd"
    remote.write_new(temp, b"half")  # a crash here: written, never renamed
    assert remote.list("v/devices/d1") == []
    remote.remove_temp(temp)
    assert not (tmp_path / temp).exists()


def test_paths_cannot_leave_the_remote(tmp_path):
    remote = FolderRemote(tmp_path)
    for bad in ("../outside", "/etc/passwd", "a/../../b", ""):
        with pytest.raises(RemoteError, match="not a path inside the remote"):
            remote.read(bad)


def test_missing_files_and_unusable_folders_say_so(tmp_path):
    remote = FolderRemote(tmp_path)
    with pytest.raises(RemoteMissing, match="missing from the remote"):
        remote.read("v/vault.json")
    (tmp_path / "v").write_text("a file where a folder should be")
    with pytest.raises(RemoteError, match="is a file, not a folder"):
        remote.list("v")
    if os.geteuid() != 0:  # root reads and writes anything
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(RemoteError, match="permission denied"):
            put(FolderRemote(locked), "v/x", b"x")


def test_addresses(tmp_path):
    folder = parse_address("sync/journal", cwd=tmp_path)
    assert folder.kind == "folder" and folder.location == str(tmp_path / "sync/journal")
    assert parse_address("file:///srv/j").location == "/srv/j"
    assert parse_address("~/Sync").location == os.path.expanduser("~/Sync")
    dav = parse_address("webdav+https://sam@cloud.example.org/remote.php/dav/files/sam/journal/")
    assert (dav.kind, dav.user) == ("webdav", "sam")
    assert dav.location == "https://cloud.example.org/remote.php/dav/files/sam/journal"
    assert str(dav) == "webdav+https://sam@cloud.example.org/remote.php/dav/files/sam/journal"
    assert parse_address("webdav+http://127.0.0.1:8080/dav").location == \
        "http://127.0.0.1:8080/dav"
    for bad, why in (("", "give a folder"),
                     ("webdav+https://sam:secret@host/x", "leave the password out"),
                     ("webdav+http://cloud.example.org/x", "plain http"),
                     ("s3://bucket/x", "use a folder path"),
                     ("webdav+https:///x", "no server name")):
        with pytest.raises(RemoteError, match=why):
            parse_address(bad)


def test_a_missing_remote_folder_is_an_error_not_an_empty_remote(tmp_path):
    """An unplugged USB stick must never look like a remote with nothing on it."""
    remote = FolderRemote(tmp_path / "unplugged")
    for call in (lambda: remote.list("v"), lambda: remote.write_new("v/x", b"data")):
        with pytest.raises(RemoteError, match="is not there"):
            call()
    assert not (tmp_path / "unplugged").exists()
