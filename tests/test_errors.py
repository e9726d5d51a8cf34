"""One error family (journal/errors.py): every error a person can cause is a JournalError, keeps
its old base, and the command line turns each into one line (WrongSecret: exit code 2)."""

from __future__ import annotations

import errno
import sqlite3

import pytest

from journal.cli.base import EXIT_ERROR, EXIT_WRONG_KEY, translate
from journal.domain.dates import DateError
from journal.domain.framework import FrameworkError
from journal.domain.model import EntryError
from journal.domain.passphrase import PassphraseError
from journal.domain.people import PeopleError
from journal.domain.trends import PeriodError
from journal.errors import JournalError, WrongSecret
from journal.export.seal import SealError
from journal.export.supervisors import SupervisorError
from journal.export.write import ExportError
from journal.importers.jrnl import JrnlImportError
from journal.session.settings import SettingsError
from journal.storage.crypto import DamagedData, WrongKey
from journal.storage.store import Ambiguous, NotFound, StorageError
from journal.sync.engine import SyncRefused
from journal.sync.keyset import KeySetError
from journal.sync.remote import RemoteError
from journal.sync.segment import SegmentError

FAMILY = [(StorageError, Exception), (EntryError, ValueError), (NotFound, LookupError),
          (Ambiguous, LookupError), (DateError, ValueError), (PeriodError, ValueError),
          (SettingsError, ValueError), (JrnlImportError, ValueError), (DamagedData, Exception),
          (WrongKey, WrongSecret), (PeopleError, ValueError), (SealError, ValueError),
          (SupervisorError, ValueError), (ExportError, ValueError), (RemoteError, Exception),
          (SyncRefused, RemoteError), (KeySetError, Exception), (SegmentError, Exception),
          (FrameworkError, ValueError), (PassphraseError, ValueError)]


@pytest.mark.parametrize("error,base", FAMILY, ids=[e.__name__ for e, _ in FAMILY])
def test_each_error_is_in_the_family_and_keeps_its_base(error, base):
    assert issubclass(error, JournalError) and issubclass(error, base)


def test_the_command_line_gives_each_one_line():
    def line(exc):
        failure = translate(exc)
        assert failure is not None, exc
        return failure.exit_code, failure.format_message()

    assert line(DateError("bad date '2026-13-01'; use YYYY-MM-DD")) == (
        EXIT_ERROR, "bad date '2026-13-01'; use YYYY-MM-DD")
    assert line(WrongKey("wrong passphrase")) == (EXIT_WRONG_KEY, "wrong passphrase")
    problems = ['a.toml:1: no source; add source = "..."', "a.toml:5: no values"]
    assert line(FrameworkError(problems)) == (EXIT_ERROR, "\n".join(problems))
    assert "busy in another window" in line(sqlite3.OperationalError("database is locked"))[1]
    assert "damaged" in line(sqlite3.DatabaseError("file is not a database"))[1]
    full = line(OSError(errno.ENOSPC, "No space left on device", "/x/pack.md"))
    assert full[0] == EXIT_ERROR and "no space left on the disk (/x/pack.md)" in full[1]
    for sqlite_says in ("database or disk is full", "attempt to write a readonly database",
                        "unable to open database file"):  # never "damaged ... restore"
        code, message = line(sqlite3.OperationalError(sqlite_says))
        assert code == EXIT_ERROR and "is damaged" not in message and "backup" not in message
        assert "not damaged" in message or "intact" in message
    assert translate(RuntimeError("an entry's words")) is None  # a bug: reported without text
