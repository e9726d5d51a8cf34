"""Opening the journal file: read-write in WAL mode, or read-only when it cannot be written.

A file or folder this user may not write, or a full disk, is opened read-only: reading still
works, and a write fails with SQLite's "readonly" error, which the command line explains (no
permission, or no space; the journal is intact). In a read-only folder or on a full disk SQLite
cannot make the WAL's shared-memory file, so a journal whose WAL holds nothing is read as
immutable.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

_EUID = os.access in os.supports_effective_ids


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK, effective_ids=_EUID)


def read_only_uri(path: Path, folder_ok: bool | None = None) -> str:
    """The URI that opens the journal file for reading only (`folder_ok`: whether SQLite can
    make files beside it; found out when not given)."""
    if folder_ok is None:
        folder_ok = _writable(path.parent) and os.statvfs(path.parent).f_bavail > 0
    wal = path.with_name(path.name + "-wal")
    still = not wal.exists() or wal.stat().st_size == 0
    mode = "ro" if folder_ok or not still else "ro&immutable=1"
    return f"{path.absolute().as_uri()}?mode={mode}"


def connect(path: Path) -> sqlite3.Connection:
    """The journal file, in WAL mode if it can be written, else read-only."""
    folder_ok = _writable(path.parent)
    if _writable(path) and folder_ok:
        conn = sqlite3.connect(path, timeout=10, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return conn
        except sqlite3.OperationalError:
            conn.close()
            if os.statvfs(path.parent).f_bavail:
                raise
            folder_ok = False  # a full disk: open it to read
    return sqlite3.connect(read_only_uri(path, folder_ok), timeout=10, isolation_level=None,
                           uri=True)
