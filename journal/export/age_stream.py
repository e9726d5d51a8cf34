"""An age file sealed with a passphrase, written as a stream (age-encryption.org/v1).

pyrage seals to keys as a stream (`pyrage.encrypt_io`), but with a passphrase only from bytes
held in memory, at an scrypt work factor it picks by timing the machine (2^19 here: 512 MiB).
An archive of 100,000 entries sealed with a passphrase, held whole twice beside that, peaked
at 842 MiB. The format is small and public (c2sp.org/age): a header with one scrypt stanza
wrapping a random 16-byte file key, an HMAC of the header, then the payload in 64 KiB chunks
sealed with ChaCha20-Poly1305 under a key derived from the file key and a nonce. This writes
exactly that from `cryptography`'s primitives, one chunk at a time, at the age tool's own
default work factor (2^18: 256 MiB, for about half a second, before the first byte is
written). Opening stays with pyrage; the tests open what this writes with pyrage and with the
real `age` tool.
"""

from __future__ import annotations

import base64
import hmac
import io
import os
from hashlib import sha256
from typing import IO, TYPE_CHECKING

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

#: log2 of scrypt's N: what `age -p` uses (the Go implementation's default).
LOG_N = 18
_CHUNK = 64 * 1024
_SALT_LABEL = b"age-encryption.org/v1/scrypt"
_ZERO_NONCE = bytes(12)


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _hkdf(key: bytes, salt: bytes | None, info: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt, info).derive(key)


def header(file_key: bytes, passphrase: str, log_n: int = LOG_N) -> bytes:
    """The header: the version line, one scrypt stanza wrapping `file_key`, and its MAC."""
    salt = os.urandom(16)
    wrap_key = Scrypt(_SALT_LABEL + salt, 32, 2 ** log_n, 8, 1).derive(passphrase.encode())
    body = _b64(ChaCha20Poly1305(wrap_key).encrypt(_ZERO_NONCE, file_key, None))
    # a 32-byte body is 43 characters: one line, shorter than 64, as a stanza must end
    text = (b"age-encryption.org/v1\n-> scrypt " + _b64(salt) + b" " + str(log_n).encode()
            + b"\n" + body + b"\n---")
    mac = hmac.new(_hkdf(file_key, None, b"header"), text, sha256).digest()
    return text + b" " + _b64(mac) + b"\n"


class _Payload(io.RawIOBase):
    """The payload's chunks, sealed as they fill; the last one, flagged final, on close."""

    def __init__(self, out: IO[bytes], file_key: bytes) -> None:
        super().__init__()
        nonce = os.urandom(16)
        out.write(nonce)
        self._out = out
        self._aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
        self._pending = bytearray()
        self._counter = 0
        self._finished = False

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer, /) -> int:
        size = memoryview(data).nbytes
        if self._finished or self._out.closed:  # after a failure, at garbage collection
            return size
        self._pending += data
        # a full chunk is sealed only once more follows: the final one must not be empty
        while len(self._pending) > _CHUNK:
            self._seal(bytes(self._pending[:_CHUNK]), final=False)
            del self._pending[:_CHUNK]
        return size

    def _seal(self, chunk: bytes, *, final: bool) -> None:
        nonce = self._counter.to_bytes(11, "big") + (b"\x01" if final else b"\x00")
        self._out.write(self._aead.encrypt(nonce, chunk, None))
        self._counter += 1

    def finish(self) -> None:
        """Seal what is left as the final chunk (empty only when nothing was written)."""
        if not self._finished:
            self._finished = True
            self._seal(bytes(self._pending), final=True)
            self._pending.clear()


class PassphraseSealed:
    """`with PassphraseSealed(out, passphrase) as sealed: sealed.write(...)`: an age file on
    `out`, finished only when the block ends without an error (a file cut short does not
    open: age refuses a payload without its final chunk)."""

    def __init__(self, out: IO[bytes], passphrase: str, log_n: int = LOG_N) -> None:
        file_key = os.urandom(16)
        out.write(header(file_key, passphrase, log_n))
        self._payload = _Payload(out, file_key)
        self.stream: IO[bytes] = io.BufferedWriter(self._payload, buffer_size=_CHUNK)

    def __enter__(self) -> IO[bytes]:
        return self.stream

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            self.stream.flush()
            self._payload.finish()


def seal_bytes(data: bytes, passphrase: str, log_n: int = LOG_N) -> bytes:
    """`data` sealed with `passphrase`, as one age file in memory (a supervision pack)."""
    out = io.BytesIO()
    with PassphraseSealed(out, passphrase, log_n) as sealed:
        sealed.write(data)
    return out.getvalue()
