"""Sealing a pack with age (through pyrage), so only the supervisor (or a passphrase) opens it.

The result is a standard age file: `age -d -i key.txt pack.md.age` opens one sealed to
recipients, `age -d pack.md.age` one sealed with a passphrase (written by `age_stream.py`,
which streams and uses the age tool's own work factor). The age format allows a
passphrase only on its own (its scrypt stanza must be the file's only one), so a pack is sealed
either to recipients or with a passphrase, never both.
"""

from __future__ import annotations

import pyrage
from pyrage import passphrase as age_passphrase
from pyrage import x25519

from journal.domain.passphrase import check_new
from journal.errors import JournalError
from journal.export import age_stream

#: The start of an age X25519 public key; the whole key is 62 characters of Bech32.
KEY_PREFIX = "age1"


class SealError(JournalError, ValueError):
    """A key or passphrase cannot be used, or a sealed file does not open; says what to do."""


def parse_recipient(key: str) -> x25519.Recipient:
    """An `age1…` public key, checked (Bech32 and its checksum) before it is ever used."""
    key = key.strip()
    if key.upper().startswith("AGE-SECRET-KEY-"):
        raise SealError("that is a secret key: give the public key (age1…), which "
                        "`age-keygen -y KEYFILE` prints; keep the secret key private")
    if not key.startswith(KEY_PREFIX):
        raise SealError(f"{key[:20]!r} is not an age public key: it should start with "
                        f"{KEY_PREFIX!r} (ask your supervisor for the line `age-keygen` printed)")
    try:
        return x25519.Recipient.from_str(key)
    except pyrage.RecipientError:
        raise SealError(f"{key[:12]}… is not a valid age public key (a character is wrong or "
                        "missing); copy it again") from None


def seal(data: bytes, *, recipients: list[str] | None = None,
         passphrase: str | None = None) -> bytes:
    """`data` as an age file, to the recipients' public keys or with a passphrase."""
    if recipients and passphrase is not None:
        raise SealError("age seals a file either to people's keys or with a passphrase, not "
                        "both: export twice if you need both")
    if passphrase is not None:
        if not passphrase:
            raise SealError("the passphrase is empty; type one, or seal to a key with --to")
        check_new(passphrase, "pack passphrase")  # the pack may travel: guessed offline
        return age_stream.seal_bytes(data, passphrase)
    if not recipients:
        raise SealError("nothing to seal to: name a supervisor with --to, or use --passphrase")
    return bytes(pyrage.encrypt(data, [parse_recipient(key) for key in recipients]))


def open_sealed(data: bytes, *, identities: list[str] | None = None,
                passphrase: str | None = None) -> bytes:
    """Open an age file with secret keys (`AGE-SECRET-KEY-1…`) or a passphrase. A changed
    byte anywhere makes this fail: age authenticates the whole file."""
    try:
        if passphrase is not None:
            return bytes(age_passphrase.decrypt(data, passphrase))
        keys = [x25519.Identity.from_str(i.strip()) for i in identities or []]
        return bytes(pyrage.decrypt(data, keys))
    except pyrage.IdentityError:
        raise SealError("that is not an age secret key (AGE-SECRET-KEY-1…)") from None
    except pyrage.DecryptError:
        raise SealError("the file does not open: it was changed or damaged, or it was sealed "
                        "to another key or passphrase") from None
