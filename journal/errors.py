"""The journal's one error family.

Every failure a person can cause and put right (a bad date, an unknown id, a wrong passphrase, a
remote that refuses) is a `JournalError`: its message is one line that says what to do, and never
holds text from an entry. The command line prints it as `error: ...`; the app shows it in place.
Anything else that escapes is a bug, and is reported without its message.

Each module keeps its own error class (`EntryError`, `RemoteError`, ...) for callers that catch
one kind, and each also inherits its old base (an `EntryError` is still a `ValueError`).
"""

from __future__ import annotations

from pathlib import Path


class JournalError(Exception):
    """A failure the writer can act on; `str()` is the one-line message."""


class WrongSecret(JournalError):
    """A passphrase or recovery key that does not open the journal (exit code 2)."""


def disk_problem(exc: BaseException, folder: Path | None = None) -> str | None:
    """The one line for a failure of the disk or of permissions (None for anything else).

    A full disk or a file that may not be written is never a damaged journal: SQLite rolled
    the change back, so the journal is as it was, and the line says so instead of sending the
    writer to a backup. Never holds text from an entry (only SQLite's code and a file name).
    With the journal's `folder`, a disk with no space left is named as the cause even when
    SQLite says only "disk I/O error" (what it says when it cannot make its shared-memory file
    on a full disk).
    """
    import errno
    import os
    import sqlite3

    if isinstance(exc, sqlite3.OperationalError):
        code = getattr(exc, "sqlite_errorname", "") or ""
        text = str(exc).lower()
        if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
            return "the journal is busy in another window; try again in a moment"
        try:
            no_space = folder is not None and os.statvfs(folder).f_bavail == 0
        except OSError:
            no_space = False
        if code.startswith("SQLITE_FULL") or "disk is full" in text or no_space:
            return ("no space left on the disk that holds the journal: nothing was written and "
                    "the journal is intact; free some space and try again")
        if code.startswith("SQLITE_READONLY") or "readonly" in text:
            return ("no permission to write the journal (its file or folder is read-only): "
                    "nothing was written and the journal is intact; reading still works, and "
                    "to write, make the journal folder and its files writable by you")
        if code.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM")) or "unable to open" in text:
            return ("the journal file cannot be opened (no permission to read it or its folder, "
                    "or the folder is gone): the journal is not damaged; make it readable by you")
        if code.startswith("SQLITE_IOERR") or "disk i/o error" in text:
            return ("the disk failed to read or write the journal (an I/O error): nothing was "
                    "written; check the disk, then try again")
        return None
    if isinstance(exc, OSError) and exc.errno is not None:
        where = f" ({exc.filename})" if exc.filename else ""
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return (f"no space left on the disk{where}: that file was not written; the journal "
                    "itself is unchanged; free some space and try again")
        if exc.errno == errno.EFBIG:
            return (f"the file grew larger than this system allows{where} (a FAT32 disk takes "
                    "at most 4 GiB a file, or a limit is set on file sizes): it was not kept; "
                    "the journal itself is unchanged; write it to another disk")
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return (f"no permission{where}: {exc.strerror}; the journal itself is unchanged; "
                    "check the permissions of that file or folder")
        return f"{exc.strerror}{where}"
    return None
