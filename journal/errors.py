"""The journal's one error family.

Every failure a person can cause and put right (a bad date, an unknown id, a wrong passphrase, a
remote that refuses) is a `JournalError`: its message is one line that says what to do, and never
holds text from an entry. The command line prints it as `error: ...`; the app shows it in place.
Anything else that escapes is a bug, and is reported without its message.

Each module keeps its own error class (`EntryError`, `RemoteError`, ...) for callers that catch
one kind, and each also inherits its old base (an `EntryError` is still a `ValueError`).
"""

from __future__ import annotations


class JournalError(Exception):
    """A failure the writer can act on; `str()` is the one-line message."""


class WrongSecret(JournalError):
    """A passphrase or recovery key that does not open the journal (exit code 2)."""
