"""A remote cannot make a device read gigabytes (issue 14, point 10).

Anyone who can write to a remote can leave a file of any size where a segment, the vault file or
a key file belongs, and a WebDAV server can answer with more than it says. Every read stops at
what the journal could have written there; the file is then treated as a damaged one of its
kind (a fault in a chain, a key file passed over, a vault file refused), in one line.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import PYTHON_M_JOURNAL, JournalCli, fails, ok
from webdav_server import PASSWORD, USER, webdav_server

from journal.storage.db import RevisionRow
from journal.sync import segment
from journal.sync.remote import (
    MAX_KEY_FILE_BYTES,
    MAX_SEGMENT_FILE_BYTES,
    FolderRemote,
    RemoteError,
    RemoteTooBig,
    read_limit,
)
from journal.sync.webdav import MAX_LISTING_BYTES, WebDavRemote

GIB = 1024**3
VAULT, DEVICE = "0" * 32, "1" * 32


def test_the_limits_are_a_segments_and_a_key_files():
    assert read_limit(f"{VAULT}/vault.json") == MAX_KEY_FILE_BYTES == 64 * 1024
    assert read_limit(f"{VAULT}/keys/1764480000000-00001-{DEVICE}.json") == MAX_KEY_FILE_BYTES
    assert read_limit(f"{VAULT}/devices/{DEVICE}/00000001") == MAX_SEGMENT_FILE_BYTES
    assert read_limit(f"{VAULT}/devices/{DEVICE}/0001-00000001") == MAX_SEGMENT_FILE_BYTES


def test_the_largest_segment_a_journal_writes_is_under_the_limit():
    """The segment limit counts sealed revisions; the header listing their ids comes on top.
    Tiny revisions with two parents each (merged tombstones) make the header largest."""
    rows = [RevisionRow(secrets.token_hex(16), secrets.token_hex(16),
                        (secrets.token_hex(16), secrets.token_hex(16)), secrets.token_hex(16),
                        "1764480000000-00001", True, b"n" * 12, b"s" * 237)
            for _ in range(40_000)]
    batch = next(iter(segment.batches(rows)))
    largest = len(segment.MAGIC) + 12 + len(segment.encode(batch, 10**9)) + 16
    assert segment.MAX_SEGMENT_BYTES < largest < MAX_SEGMENT_FILE_BYTES


# -- a folder remote -----------------------------------------------------------------------------


def sparse(path: Path, size: int) -> None:
    """A file that says it is `size` bytes (holes: it takes no disk space)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.truncate(size)


def test_a_folder_remote_reads_up_to_the_limit_and_no_further(tmp_path):
    remote = FolderRemote(tmp_path)
    vault = f"{VAULT}/vault.json"
    (tmp_path / VAULT).mkdir()
    (tmp_path / vault).write_bytes(b"x" * MAX_KEY_FILE_BYTES)
    assert len(remote.read(vault)) == MAX_KEY_FILE_BYTES
    (tmp_path / vault).write_bytes(b"x" * (MAX_KEY_FILE_BYTES + 1))
    with pytest.raises(RemoteTooBig, match=r"vault.json on the remote is larger than the journal "
                                           r"ever writes there \(64 KB at most\)"):
        remote.read(vault)
    seg = f"{VAULT}/devices/{DEVICE}/00000001"
    sparse(tmp_path / seg, 4 * GIB)
    with pytest.raises(RemoteTooBig, match=r"00000001 .*\(24 MB at most\)"):
        remote.read(seg)


def test_a_pipe_or_a_device_in_place_of_a_file_is_not_read(tmp_path):
    """A named pipe would wait forever for a writer; /dev/zero never ends."""
    remote = FolderRemote(tmp_path)
    folder = tmp_path / VAULT / "devices" / DEVICE
    folder.mkdir(parents=True)
    os.mkfifo(folder / "00000001")
    (folder / "00000002").symlink_to("/dev/zero")
    for name in ("00000001", "00000002"):
        with pytest.raises(RemoteTooBig, match="is not a plain file, so it was not read"):
            remote.read(f"{VAULT}/devices/{DEVICE}/{name}")


@pytest.fixture
def laptop_and_phone(cli: JournalCli, tmp_path: Path) -> tuple[JournalCli, JournalCli, Path]:
    """Two devices in step through a folder remote; the laptop has sent one segment."""
    remote = tmp_path / "remote"
    remote.mkdir()
    phone = JournalCli(tmp_path / "phone-home", cli.passphrase_file)
    ok(cli("add", "Walked with a peer", "--title", "walk"))
    ok(cli("remote", "set", str(remote)))
    ok(cli("sync"))
    ok(phone("join", str(remote)))
    vault = next(p for p in remote.iterdir() if p.is_dir())
    return cli, phone, vault


def device_folder(vault: Path, cli: JournalCli) -> Path:
    return vault / "devices" / json.loads(cli("remote", "show", "--json").out)["device"]


#: Runs the command given to it and reports its peak memory on a last line of stderr. The
#: command is forked from this small process, not from pytest, whose memory a forked child
#: would count as its own until it execs.
MEASURE = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
           "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss; "
           "print(f'peak {peak}', file=sys.stderr); sys.exit(code)")


def run_measured(argv: list[str], env: dict[str, str]) -> tuple[int, str, float, int]:
    """Run a real process: its exit code, stderr, seconds taken and peak memory (bytes)."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", MEASURE, *argv], env=env, capture_output=True,
                          text=True, timeout=60)
    *err, peak = done.stderr.splitlines(keepends=True)
    return done.returncode, "".join(err), time.monotonic() - started, \
        int(peak.split()[1]) * 1024


def test_a_4_gib_segment_on_a_folder_remote_costs_the_real_command_nothing(laptop_and_phone):
    """The phone's real `journal sync` meets a 4 GiB file as the laptop's next segment: it
    reads none of it, warns in one line and exits 1, in well under a second of work."""
    laptop, phone, vault = laptop_and_phone
    sparse(device_folder(vault, laptop) / "00000002", 4 * GIB)
    code, err, seconds, peak = run_measured([*PYTHON_M_JOURNAL, "sync"], phone.env())
    assert code == 1 and "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("warning: ")
    assert "00000002 on the remote is larger than the journal ever writes there (24 MB at " \
           "most), so it was not read" in lines[0]
    assert seconds < 10 and peak < 200 * 1024**2, (seconds, peak)


def test_an_oversized_key_file_is_passed_over_and_an_oversized_vault_file_refused(
        laptop_and_phone):
    laptop, phone, vault = laptop_and_phone
    device = device_folder(vault, laptop).name
    key_file = vault / "keys" / f"1764480000000-00001-{device}.json"
    sparse(key_file, GIB)
    result = ok(phone("sync"))
    assert f"key file {key_file.name} on the remote is damaged; it was ignored" in result.err
    key_file.unlink()
    (vault / "vault.json").unlink()
    sparse(vault / "vault.json", GIB)
    fails(phone("sync"), 1, "vault.json on the remote is larger than the journal ever writes "
          "there (64 KB at most), so it was not read", "refusing to sync with it")


# -- a WebDAV server -----------------------------------------------------------------------------


def test_a_4_gib_segment_on_a_webdav_server_is_not_read(tmp_path, cli: JournalCli):
    """wsgidav serves the file with its true Content-Length: refused before its body is read."""
    password_file = tmp_path / "webdav-password"
    password_file.write_text(PASSWORD + "\n")
    env = {"JOURNAL_WEBDAV_PASSWORD_FILE": str(password_file)}
    phone = JournalCli(tmp_path / "phone-home", cli.passphrase_file)
    with webdav_server(tmp_path / "dav") as (url, faults):
        address = url.replace("http://", f"webdav+http://{USER}@") + "/journal"
        ok(cli("add", "Walked with a peer", "--title", "walk"))
        ok(cli("remote", "set", address, env=cli.env(**env)))
        ok(cli("sync", env=cli.env(**env)))
        ok(phone("join", address, env=phone.env(**env)))
        vault = next(p for p in (tmp_path / "dav" / "journal").iterdir() if p.is_dir())
        sparse(device_folder(vault, cli) / "00000002", 4 * GIB)
        started = time.monotonic()
        result = phone("sync", env=phone.env(**env))
        assert result.code == 1 and time.monotonic() - started < 10
        assert len(result.err.splitlines()) == 1, result.err
        assert "00000002 on the remote is larger than the journal ever writes there (24 MB " \
               "at most), so it was not read" in result.err
        assert ("GET", f"/journal/{vault.name}/devices/{device_folder(vault, cli).name}/"
                       "00000002") in faults.seen


class _Lying(BaseHTTPRequestHandler):
    """A server that answers without a length (chunked), forever or compressed."""

    def do_GET(self) -> None:
        if self.path.endswith("gzip"):
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", "20")
            self.end_headers()
            self.wfile.write(b"\x1f\x8b" + b"\0" * 18)
            return
        self._endless()

    def do_PROPFIND(self) -> None:
        self._endless()

    def _endless(self) -> None:
        self.send_response(200 if self.command == "GET" else 207)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"x" * 65536
        try:
            while True:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except OSError:  # the client stopped reading, as it should
            return

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def lying_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Lying)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_server_that_never_stops_sending_is_cut_off_at_the_limit():
    with lying_server() as url:
        remote = WebDavRemote(f"{url}/journal", USER, PASSWORD, timeout=5)
        started = time.monotonic()
        with pytest.raises(RemoteTooBig, match=r"vault.json on the remote is larger than the "
                                               r"journal ever writes there \(64 KB at most\)"):
            remote.read(f"{VAULT}/vault.json")
        with pytest.raises(RemoteTooBig, match=r"00000001 on the remote .*\(24 MB at most\)"):
            remote.read(f"{VAULT}/devices/{DEVICE}/00000001")
        with pytest.raises(RemoteTooBig, match=f"sent an answer over "
                                               f"{MAX_LISTING_BYTES // 1024**2} MB to a PROPFIND"):
            remote.list(f"{VAULT}/devices")
        assert time.monotonic() - started < 10


def test_a_compressed_answer_is_refused():
    """Asked for uncompressed answers; a compressed one could unpack to any size."""
    with lying_server() as url:
        remote = WebDavRemote(f"{url}/journal", USER, PASSWORD, timeout=5)
        with pytest.raises(RemoteError, match=r"sent a compressed answer \(gzip\) though asked "
                                              "not to, so it was not read") as caught:
            remote.read(f"{VAULT}/keys/gzip")
        assert "\n" not in str(caught.value)
