"""Attacks on the hand-assembled age file (`export/age_stream.py`): the real `age` tool opens it
at every size around a 64 KiB chunk, no cut, lengthened, reordered or flipped file opens (with
pyrage, through `seal.open_sealed`, or with `age`), and a disk that fills midway leaves nothing
that opens: neither the bytes written so far nor, through the real `journal archive`, any file.
"""

from __future__ import annotations

import errno
import io
import os
import resource
import signal
import subprocess
import time
from pathlib import Path
from typing import IO, cast

import pexpect
import pytest
from conftest import PASSPHRASE as JOURNAL_PASSPHRASE
from conftest import PYTHON_M_JOURNAL, ok, sample_entry

from journal.export import age_stream, seal
from journal.storage.store import JournalStore

#: Typed at age's prompt as UTF-8, as a person's keyboard sends it.
PASSPHRASE = "lantern orchard velvet ünïcödé"
CHEAP = 10  # scrypt's log2 N for tests; the age tool takes any work factor it is given
CHUNK = 64 * 1024
SEALED_CHUNK = CHUNK + 16  # each chunk carries its Poly1305 tag


def age_decrypt(tmp_path: Path, data: bytes, passphrase: str = PASSPHRASE) -> tuple[int, bytes]:
    """(age's exit status, what it wrote) for `age -d` of `data`, the passphrase typed."""
    sealed, out = tmp_path / "in.age", tmp_path / "out.bin"
    sealed.write_bytes(data)
    out.unlink(missing_ok=True)
    opener = pexpect.spawn("age", ["-d", "-o", str(out), str(sealed)], timeout=60,
                           encoding="utf-8")
    if opener.expect(["Enter passphrase", pexpect.EOF]) == 0:  # a bad header: no prompt
        opener.sendline(passphrase)
        opener.expect(pexpect.EOF)
    opener.close()
    return opener.exitstatus, out.read_bytes() if out.exists() else b""


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 2 * CHUNK + 1])
def test_the_age_tool_opens_every_size_around_a_chunk(tmp_path, size):
    data = os.urandom(size)
    assert age_decrypt(tmp_path, age_stream.seal_bytes(data, PASSPHRASE, CHEAP)) == (0, data)


def _payload_start(sealed: bytes) -> int:
    """Where the chunks begin: after the header's MAC line and the 16-byte nonce."""
    return sealed.index(b"\n", sealed.index(b"\n---")) + 1 + 16


def _changed(sealed: bytes) -> dict[str, bytes]:
    start = _payload_start(sealed)
    chunk = [sealed[start + n * SEALED_CHUNK:start + (n + 1) * SEALED_CHUNK] for n in range(3)]
    flip = lambda at: sealed[:at] + bytes([sealed[at] ^ 1]) + sealed[at + 1:]  # noqa: E731
    return {
        "the final chunk cut off, at a chunk's end": sealed[:start + 2 * SEALED_CHUNK],
        "one byte cut off": sealed[:-1],
        "only the header": sealed[:start - 16],
        "the header and nonce, no chunk": sealed[:start],
        "a byte added": sealed + b"\0",
        "a chunk added again": sealed + chunk[0],
        "two chunks swapped": sealed[:start] + chunk[1] + chunk[0] + chunk[2],
        "a chunk left out": sealed[:start] + chunk[0] + chunk[2],
        "the header's MAC flipped": flip(start - 18),
        "the stanza's salt flipped": flip(sealed.index(b"scrypt ") + 8),
        "the work factor changed": sealed.replace(f" {CHEAP}\n".encode(),
                                                  f" {CHEAP + 1}\n".encode(), 1),
        "the payload nonce flipped": flip(start - 5),
        "a byte of the first chunk flipped": flip(start + 100),
        "the last byte flipped": flip(len(sealed) - 1),
    }


def test_no_changed_file_opens_with_pyrage():
    data = os.urandom(3 * CHUNK)  # three full chunks: the final one is full, not empty
    sealed = age_stream.seal_bytes(data, PASSPHRASE, CHEAP)
    assert seal.open_sealed(sealed, passphrase=PASSPHRASE) == data
    for how, changed in _changed(sealed).items():
        with pytest.raises(seal.SealError, match="the file does not open"):
            seal.open_sealed(changed, passphrase=PASSPHRASE)
            pytest.fail(how)


def test_no_changed_file_opens_with_the_age_tool(tmp_path):
    data = os.urandom(3 * CHUNK)
    sealed = age_stream.seal_bytes(data, PASSPHRASE, CHEAP)
    for how, changed in _changed(sealed).items():
        status, _ = age_decrypt(tmp_path, changed)
        assert status != 0, how


class FullDisk(io.RawIOBase):
    """A file on a disk with `room` bytes left: past them, every write fails as a full disk's
    does (ENOSPC). What reached the disk stays in `kept`."""

    def __init__(self, room: int) -> None:
        super().__init__()
        self.room, self.kept = room, bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        data = bytes(data)
        if len(self.kept) + len(data) > self.room:
            self.kept += data[:self.room - len(self.kept)]
            raise OSError(errno.ENOSPC, "No space left on device")
        self.kept += data
        return len(data)


@pytest.mark.parametrize("room", [20, 140, 170, 200, CHUNK, 2 * SEALED_CHUNK + 100,
                                  3 * SEALED_CHUNK])
def test_a_disk_that_fills_midway_raises_and_what_was_written_never_opens(room):
    """Room for part of the header, the nonce, a chunk, or all but the end of the final one:
    the error reaches the caller (who removes the file), and the bytes never open."""
    out = FullDisk(room)
    file = cast(IO[bytes], out)
    with pytest.raises(OSError) as raised, age_stream.PassphraseSealed(file, PASSPHRASE,
                                                                       CHEAP) as sealed:
        for _ in range(3):
            sealed.write(os.urandom(CHUNK))
    assert raised.value.errno == errno.ENOSPC
    with pytest.raises(seal.SealError):
        seal.open_sealed(bytes(out.kept), passphrase=PASSPHRASE)


def _archive_cli(cli, tmp_path: Path, entries: int) -> tuple[list[str], dict[str, str]]:
    """The `journal archive` command sealing with a passphrase, on a journal of `entries`
    entries of about 7 KB each."""
    with JournalStore.unlock(cli.home, JOURNAL_PASSPHRASE) as store:
        store.add_many([sample_entry(n, body=f"Reflection {n}: " + "we sat with the quiet. " * 300)
                        for n in range(entries)])
    key = tmp_path / "pack-passphrase.txt"
    key.write_text(PASSPHRASE + "\n")
    key.chmod(0o600)
    return ([*PYTHON_M_JOURNAL, "archive", "--pack-passphrase-file", str(key)], cli.env())


def test_an_archive_on_a_disk_that_fills_leaves_no_file(cli, tmp_path):
    """The real command, its file limited to 100 KB (the kernel refuses writes past it, as a
    full disk does, without needing a small disk mounted): one error line, nothing left."""
    command, env = _archive_cli(cli, tmp_path, 40)

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))

    for fmt in ("json", "md", "html"):
        out = tmp_path / f"archive-{fmt}.age"
        done = subprocess.run([*command, "--format", fmt, "-o", str(out)], env=env,
                              capture_output=True, text=True, preexec_fn=small_files,
                              timeout=120)
        assert done.returncode == 1, (fmt, done.stderr)
        assert done.stderr.splitlines()[-1].startswith("error: "), done.stderr
        assert "larger than this system allows" in done.stderr  # and what to do
        assert "another disk" in done.stderr and "Traceback" not in done.stderr
        assert not list(tmp_path.glob("archive-*")), fmt
    ok(cli("list"))  # the journal is as it was


def test_an_archive_stopped_midway_never_opens(cli, tmp_path):
    """Killed while it writes (SIGKILL: nothing can clean up), the file it leaves is cut short
    of its final chunk, and neither pyrage nor age opens it."""
    command, env = _archive_cli(cli, tmp_path, 3000)
    out = tmp_path / "archive.json.age"
    proc = subprocess.Popen([*command, "-o", str(out)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    while proc.poll() is None and not (out.exists() and out.stat().st_size > 150_000):
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if proc.returncode == 0:
        pytest.fail("the archive finished before it could be stopped: make it larger")
    cut = out.read_bytes()
    with pytest.raises(seal.SealError):
        seal.open_sealed(cut, passphrase=PASSPHRASE)
    assert age_decrypt(tmp_path, cut)[0] != 0
