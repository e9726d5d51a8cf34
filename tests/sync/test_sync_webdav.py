"""Sync through a real WebDAV server (wsgidav on cheroot, on 127.0.0.1), faults included."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import sample_entry
from sync_devices import Device
from webdav_server import PASSWORD, USER, Faults, webdav_server

from journal.sync.remote import RemoteError
from journal.sync.webdav import WebDavRemote

CANARY = "pelicanquartz"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, Path, Faults]]:
    root = tmp_path_factory.mktemp("webdav")
    with webdav_server(root) as (url, faults):
        yield url, root, faults


@pytest.fixture
def remote(server, request) -> Iterator[WebDavRemote]:
    url, root, faults = server
    assert not (root / request.node.name).exists(), "each test starts with no folder there"
    faults.clear()
    yield WebDavRemote(f"{url}/{request.node.name}", USER, PASSWORD, timeout=1.5)
    faults.clear()


def test_three_devices_sync_through_webdav_and_the_server_sees_only_ciphertext(
        tmp_path, remote, server):
    _, root, faults = server
    a = Device.first(tmp_path / "a", remote)
    a.add(sample_entry(1, title="laptop", body=f"Talked with a peer about {CANARY}."))
    a.sync()
    b = Device.joining(tmp_path / "b", remote)
    c = Device.joining(tmp_path / "c", remote)
    b.add(sample_entry(2, title="phone"))
    c.add(sample_entry(3, title="home"))
    for d in (b, c, a, b):
        assert d.sync().clean
    assert a.titles() == b.titles() == c.titles()
    assert len(a.titles()) == 3
    files = [p for p in (root / "test_three_devices_sync_through_webdav_and_the_server_sees_only_"
                                 "ciphertext").rglob("*") if p.is_file()]
    assert files
    for path in files:
        data = path.read_bytes()
        assert CANARY.encode() not in data and b"laptop" not in data, path
    assert not any(method in ("LOCK", "DELETE") for method, path in faults.seen
                   if ".tmp-" not in path)
    for d in (a, b, c):
        d.store.close()


@pytest.mark.parametrize("method", ["PUT", "MOVE", "GET", "PROPFIND"])
def test_server_errors_fail_the_sync_in_one_line_and_lose_nothing(tmp_path, remote, server,
                                                                  method):
    _, _, faults = server
    a = Device.first(tmp_path / "a", remote)
    a.add(sample_entry(1, title="first"))
    a.sync()
    b = Device.joining(tmp_path / "b", remote)
    a.add(sample_entry(2, title="second"))
    faults.set(methods={method}, status=500)
    try:
        report = a.sync()
        failed_with = report.error
    except RemoteError as exc:
        failed_with = str(exc)
    assert failed_with and "HTTP 500" in failed_with and "\n" not in failed_with
    faults.clear()
    assert len(a.titles()) == 2
    a.sync()
    b.sync()
    assert sorted(t[0] for t in b.titles().values()) == ["first", "second"]
    for d in (a, b):
        d.store.close()


def test_a_server_that_stops_answering_times_out(tmp_path, remote, server):
    _, _, faults = server
    a = Device.first(tmp_path / "a", remote)
    a.add(sample_entry(1))
    faults.set(methods={"PROPFIND", "GET"}, stall=2.5, times=1)
    with pytest.raises(RemoteError, match="did not answer in time"):
        a.sync()
    faults.clear()
    assert a.sync().sent == 1
    a.store.close()


def test_a_wrong_password_is_one_clear_line(remote):
    wrong = WebDavRemote(remote.location, USER, "not the password", timeout=1.5)
    with pytest.raises(RemoteError, match="refused the user name or password"):
        wrong.list("")


def test_a_missing_folder_is_made_by_sync_and_a_missing_parent_is_one_line(tmp_path, remote,
                                                                            server, request):
    url, root, _ = server
    a = Device.first(tmp_path / "a", remote)
    a.add(sample_entry(1))
    assert a.sync().clean
    assert (root / request.node.name).is_dir(), "MKCOL made the remote's folder"
    orphan = WebDavRemote(f"{url}/no-such-parent/journal", USER, PASSWORD, timeout=1.5)
    with pytest.raises(RemoteError, match="does not exist on the server") as caught:
        orphan.ensure_root()
    assert "\n" not in str(caught.value)
    assert not (root / "no-such-parent").exists()
    a.store.close()


def test_repairs_work_over_webdav(tmp_path, remote, server, request):
    _, root, _ = server
    a = Device.first(tmp_path / "a", remote)
    for n in (1, 2, 3):
        a.add(sample_entry(n, title=f"entry {n}"))
        a.sync()
    folder = root / request.node.name / a.store.vault_id / "devices" / a.store.device_id
    (folder / "00000001").unlink()
    (folder / "00000003").write_bytes((folder / "00000003").read_bytes()[:50])
    report = a.sync()
    assert report.clean and report.repaired and report.sent == 3
    late = Device.joining(tmp_path / "late", remote)
    assert late.revision_ids() == a.revision_ids() and late.sync().clean
    for d in (a, late):
        d.store.close()
