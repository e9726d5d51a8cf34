"""Plain http only to a loopback address, and there never through a proxy (issue 14, point 10).

`localhost` is a name: a hosts file or a resolver decides where it goes, and a Basic-auth
password goes with it. And httpx honours HTTP_PROXY and friends, which would hand that password
to the proxy; a loopback server is reached directly, while https still uses the proxy a work
network sets.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import JournalCli, fails, ok
from webdav_server import PASSWORD, USER, webdav_server

from journal.sync.remote import RemoteAddress, RemoteError, parse_address
from journal.sync.settings import RemoteSettings, connect
from journal.sync.webdav import WebDavRemote

PROXY_VARIABLES = ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY",
                   "all_proxy")


@contextmanager
def proxy_that_notes_who_came() -> Iterator[tuple[str, list[bytes]]]:
    """A port on 127.0.0.1 that takes a connection, keeps its first line and hangs up: a proxy
    that never forwards anything."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    came: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    came.append(conn.recv(4096).split(b"\r\n", 1)[0])
                except OSError:
                    came.append(b"")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", came
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


@pytest.mark.parametrize("address", [
    "webdav+http://me@localhost:8080/dav",
    "webdav+http://me@LocalHost/dav",
    "webdav+http://me@localhost.localdomain/dav",
    "webdav+http://me@127.0.0.2/dav",
    "webdav+http://me@[::ffff:127.0.0.1]/dav",
    "webdav+http://me@dav.example.org/dav",
])
def test_plain_http_is_refused_for_any_host_but_a_loopback_address(cli, address):
    fails(cli("remote", "set", address), 1, "plain http would send your password unprotected",
          "use webdav+https:// (http is allowed only to 127.0.0.1 or [::1])")


@pytest.mark.parametrize(("address", "location"), [
    ("webdav+http://me@127.0.0.1:8080/dav", "http://127.0.0.1:8080/dav"),
    ("webdav+http://me@[::1]:8080/dav", "http://[::1]:8080/dav"),
    ("webdav+https://me@localhost/dav", "https://localhost/dav"),  # TLS checks the name
])
def test_loopback_addresses_may_use_plain_http(address, location):
    assert parse_address(address).location == location


def test_a_plain_http_remote_to_localhost_saved_before_is_refused_when_used():
    """An older version accepted `localhost`: such a remote fails in one line saying what to
    do, before any request carries the password."""
    saved = RemoteSettings(RemoteAddress("webdav", "http://localhost:8080/dav", "me"), "pw")
    with pytest.raises(RemoteError) as caught:
        connect(saved)
    assert str(caught.value) == (
        "http://localhost:8080/dav is plain http, which would send the password unprotected "
        "(http is allowed only to 127.0.0.1 or [::1]): run `journal remote set` again with a "
        "webdav+https:// address")


def test_proxy_variables_do_not_reach_a_loopback_server(cli: JournalCli, tmp_path: Path):
    """Every proxy variable names a proxy that forwards nothing: two devices still sync
    through the WebDAV server on 127.0.0.1, and the proxy never hears from them."""
    password_file = tmp_path / "webdav-password"
    password_file.write_text(PASSWORD + "\n")
    phone = JournalCli(tmp_path / "phone-home", cli.passphrase_file)
    with proxy_that_notes_who_came() as (proxy, came), \
            webdav_server(tmp_path / "dav") as (url, faults):
        env = {"JOURNAL_WEBDAV_PASSWORD_FILE": str(password_file), "NO_PROXY": "",
               "no_proxy": "", **dict.fromkeys(PROXY_VARIABLES, proxy)}
        address = url.replace("http://", f"webdav+http://{USER}@") + "/journal"
        ok(cli("add", "Walked with a peer", "--title", "walk"))
        ok(cli("remote", "set", address, env=cli.env(**env)))
        ok(cli("sync", env=cli.env(**env)))
        assert "Received 1 entry" in ok(phone("join", address, env=phone.env(**env))).out
        assert any(method == "PUT" for method, _ in faults.seen)
    assert came == []


def test_an_https_remote_still_goes_through_the_proxy_a_work_network_sets(monkeypatch):
    with proxy_that_notes_who_came() as (proxy, came):
        for name in PROXY_VARIABLES:
            monkeypatch.setenv(name, proxy)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        remote = WebDavRemote("https://dav.example.org/journal", USER, PASSWORD, timeout=5)
        with pytest.raises(RemoteError, match=r"cannot reach https://dav\.example\.org/journal"):
            remote.list("")
    assert came and came[0].startswith(b"CONNECT dav.example.org:443")
