"""What storage raises when a key does not fit or data does not open: kept apart so crypto and
the payload format can both raise them without importing each other."""

from __future__ import annotations

from journal.errors import JournalError, WrongSecret


class CryptoError(JournalError):
    """Base for failures that mean 'this key does not open this data'."""


class WrongKey(CryptoError, WrongSecret):
    """The passphrase or recovery key does not open the journal."""


class DamagedData(CryptoError):
    """A ciphertext failed its authentication: damaged, moved, or tampered with."""
