"""The streamed passphrase age file (`export/age_stream.py`) is a standard age file: pyrage
(rage) and Debian's `age` tool open it, at every size around the 64 KiB chunk, and a file cut
short by a failure never opens."""

from __future__ import annotations

import io
import os
import re

import pytest
from pyrage import DecryptError
from pyrage import passphrase as rage
from test_seal import open_with_age

from journal.export import age_stream

PASSPHRASE = "lantern orchard velvet"
#: Tests use a cheap work factor; the real one (age_stream.LOG_N) is checked once below.
CHEAP = 10


@pytest.mark.parametrize("size", [0, 1, 65_535, 65_536, 65_537, 131_072, 200_001])
def test_every_size_opens_with_rage(size):
    data = os.urandom(size)
    assert rage.decrypt(age_stream.seal_bytes(data, PASSPHRASE, CHEAP), PASSPHRASE) == data


def test_the_header_is_age_v1_with_one_scrypt_stanza_at_the_age_tools_work_factor():
    sealed = age_stream.seal_bytes(b"note", PASSPHRASE)
    lines = sealed.split(b"\n")
    assert lines[0] == b"age-encryption.org/v1"
    assert re.fullmatch(rb"-> scrypt [A-Za-z0-9+/]{22} 18", lines[1]), lines[1]
    assert re.fullmatch(rb"[A-Za-z0-9+/]{43}", lines[2]) and lines[3].startswith(b"--- ")
    assert rage.decrypt(sealed, PASSPHRASE) == b"note"
    with pytest.raises(DecryptError):
        rage.decrypt(sealed, "not the passphrase")


def test_written_in_pieces_as_an_archive_is(tmp_path):
    pieces = [os.urandom(n) for n in (3, 70_000, 1, 65_536, 10)]
    out = io.BytesIO()
    with age_stream.PassphraseSealed(out, PASSPHRASE, CHEAP) as sealed:
        for piece in pieces:
            sealed.write(piece)
    assert rage.decrypt(out.getvalue(), PASSPHRASE) == b"".join(pieces)


def test_a_failure_midway_leaves_a_file_that_never_opens():
    out = io.BytesIO()
    with pytest.raises(RuntimeError), age_stream.PassphraseSealed(out, PASSPHRASE,
                                                                  CHEAP) as sealed:
        sealed.write(os.urandom(200_000))
        raise RuntimeError("the disk filled")
    with pytest.raises(DecryptError):
        rage.decrypt(out.getvalue(), PASSPHRASE)


def test_the_age_tool_opens_it(tmp_path):
    data = b"x" * 150_000 + b"a reflection, quillfeather"
    sealed = tmp_path / "archive.json.age"
    sealed.write_bytes(age_stream.seal_bytes(data, PASSPHRASE))
    out = tmp_path / "opened.json"
    open_with_age(sealed, out, PASSPHRASE)
    assert out.read_bytes() == data
