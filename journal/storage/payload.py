"""The plaintext inside a sealed revision: a small header, the metadata JSON, then the body.

Kept apart from the sealing (crypto.py): this is the format of what is sealed, not how.
"""

from __future__ import annotations

import zlib

from journal.storage.errors import DamagedData

_PAYLOAD_VERSION = 1
#: Payload = version byte, metadata length in four 7-bit bytes, metadata JSON, codec byte, body.
#: Every header byte is below 0x80, so a payload whose text is ASCII is ASCII as a whole, and a
#: search can test it without slicing (see `payload_is_plain_ascii`).
_HEADER_SIZE = 5
_MAX_META = 1 << 28
#: Bodies shorter than this are stored as they are: decrypting is cheaper than inflating, and a
#: typical reflection (80-600 words) gains little. Longer ones are compressed.
COMPRESS_FROM = 4096
_RAW, _ZLIB = b"\x00", b"\x01"


def pack_body(body: str) -> bytes:
    """A codec byte, then the UTF-8 body, compressed when that is worth it."""
    raw = body.encode("utf-8")
    if len(raw) >= COMPRESS_FROM:
        packed = zlib.compress(raw, 6)
        if len(packed) < len(raw):
            return _ZLIB + packed
    return _RAW + raw


def pack_header(meta_len: int) -> bytes:
    if meta_len >= _MAX_META:
        raise ValueError("metadata too large to seal")
    return bytes((_PAYLOAD_VERSION, (meta_len >> 21) & 0x7F, (meta_len >> 14) & 0x7F,
                  (meta_len >> 7) & 0x7F, meta_len & 0x7F))


def _meta_length(payload: bytes) -> int:
    if len(payload) < _HEADER_SIZE or max(payload[1:_HEADER_SIZE]) >= 0x80:
        raise DamagedData("opens, but its contents are malformed")
    if payload[0] != _PAYLOAD_VERSION:
        raise DamagedData(f"written by a newer version (payload format {payload[0]})")
    return (payload[1] << 21) | (payload[2] << 14) | (payload[3] << 7) | payload[4]


def split_payload(payload: bytes) -> tuple[bytes, bytes]:
    """(metadata JSON bytes, packed body) of a decrypted revision payload."""
    end = _HEADER_SIZE + _meta_length(payload)
    if end >= len(payload):
        raise DamagedData("opens, but its contents are malformed")
    return payload[_HEADER_SIZE:end], payload[end:]


def payload_is_plain_ascii(payload: bytes) -> bool:
    """True when the payload holds every text field as plain ASCII (body not compressed): then
    a byte search of the whole payload sees exactly what a reader would, header included."""
    try:
        codec_at = _HEADER_SIZE + _meta_length(payload)
    except DamagedData:
        return False
    return payload[codec_at : codec_at + 1] == _RAW and payload.isascii()


def body_utf8(packed: bytes) -> bytes:
    """The body as UTF-8 bytes (unpacked but not decoded): enough for an ASCII search."""
    codec = packed[:1]
    try:
        if codec == _RAW:
            return packed[1:]
        if codec == _ZLIB:
            return zlib.decompress(memoryview(packed)[1:])
    except zlib.error:
        pass
    raise DamagedData("entry text is malformed")


def inflate_body(packed: bytes) -> str:
    """Inverse of pack_body."""
    try:
        return body_utf8(packed).decode("utf-8")
    except UnicodeDecodeError:
        raise DamagedData("entry text is malformed") from None
