"""Reading a JSON archive (`journal archive --format json`) back into a journal.

Entries keep the ids they had, so an archive brought into the journal it came from (or into one
that already took it in) adds nothing twice: an id that is there already is skipped. Each entry
comes in as its current version, as a new revision on this device; earlier versions (an
archive made with --history) and deleted entries are left out, and the summary says so. The
people the archive names are added to the people list (with the pseudonym they had, when it is
free here), so exports keep replacing their names.

Every problem is one line naming the file and the entry (its number and id), and the whole
file is checked before anything is written. The file is read one entry at a time
(`jsonstream`), twice (check, then write), so an archive of 100,000 entries fits in flat
memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from journal.domain.model import Action, Answer, CheckIn, Entry, EntryError, Kind, Mark
from journal.errors import JournalError
from journal.export.archive import FORMAT, KIND
from journal.importers.jsonstream import EntryStream, StreamProblem

_ID = re.compile(r"[0-9a-f]{32}")
HINT = "give the file `journal archive --format json` wrote"


class ArchiveImportError(JournalError, ValueError):
    """The archive cannot be read; the message names the file (and entry) and what to do."""


@dataclass
class ReadArchive:
    entries: list[Entry] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    deleted: int = 0  # deleted entries in the archive (left out)
    earlier_versions: int = 0  # versions before the current one (left out)


def _text(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise ArchiveImportError(f"{where}: \"{key}\" is not text; fix it or remove the entry")
    return value


def _entry(data: Any, where: str) -> Entry:
    if not isinstance(data, dict):
        raise ArchiveImportError(f"{where} is not an object; fix it or remove it")
    entry_id = data.get("id")
    if not isinstance(entry_id, str) or not _ID.fullmatch(entry_id):
        raise ArchiveImportError(f"{where} has no valid \"id\" (32 hex characters); an archive "
                                 "entry keeps the id it had")
    where = f"{where} ({entry_id[:8]})"
    try:
        when = datetime.fromisoformat(str(data["date"]))
        if when.tzinfo is None:
            raise ValueError
    except (KeyError, ValueError):
        raise ArchiveImportError(f"{where} has no valid \"date\" (ISO 8601 with its offset); "
                                 "fix it or remove the entry") from None
    try:
        checkin = data.get("checkin")
        entry = Entry(
            id=entry_id, when=when, kind=Kind(data.get("kind", "daily")),
            title=_text(data, "title", where), body=_text(data, "body", where),
            framework_id=_text(data, "framework", where),
            marks={str(k): Mark(v) for k, v in dict(data.get("values") or {}).items()},
            checks={str(k): Answer(v) for k, v in dict(data.get("behaviours") or {}).items()},
            checkin=CheckIn(checkin.get("mood"), checkin.get("energy"),
                            str(checkin.get("need") or "")) if checkin else None,
            actions=[Action(str(a["text"]), bool(a.get("done", False)),
                            str(a.get("id") or "") or Action("").id)
                     for a in data.get("actions") or []],
            flagged=bool(data.get("flagged", False)), question=_text(data, "question", where),
            people=[str(p) for p in data.get("people") or []],
            tags=[str(t) for t in data.get("tags") or []])
        entry.validate()
    except EntryError as exc:
        raise ArchiveImportError(f"{where}: {exc}") from None
    except (KeyError, ValueError, TypeError, AttributeError):
        raise ArchiveImportError(f"{where} has a field of the wrong kind (a mark, an answer, "
                                 "the check-in or an action); fix it or remove the entry") from None
    return entry


class _Stream(EntryStream):
    """The archive's entries one at a time (`jsonstream`), keeping the small parts beside them
    (`format`, `kind`, `people`) in `header`. They come before the entries in every archive
    this program writes, and are checked before the first entry is taken."""

    def __init__(self, raw: IO[bytes], name: str) -> None:
        super().__init__(raw, name, "a journal archive", HINT)
        self.header: dict[str, Any] = {}

    def _other(self, key: str, value: Any) -> None:
        if key in ("format", "kind", "people"):
            self.header[key] = value

    def _before_items(self) -> None:
        self._check_header()

    def _check_header(self) -> None:
        if self.header.get("kind") != KIND:
            raise ArchiveImportError(f"{self.name} is not a journal archive (no \"kind\": "
                                     f"\"{KIND}\" before its entries); {HINT}")
        version = self.header.get("format")
        if not isinstance(version, int) or version > FORMAT:
            raise ArchiveImportError(f"{self.name} is an archive of format "
                                     f"{str(version)[:10]}, newer than this program reads "
                                     f"({FORMAT}): upgrade peer-journal")


def _items(path: Path) -> Iterator[tuple[_Stream, Any]]:
    """(the stream, each item of "entries"), reading the file once, in flat memory."""
    try:
        with path.open("rb") as handle:
            stream = _Stream(handle, path.name)
            for item in stream:
                yield stream, item
    except OSError as exc:
        raise ArchiveImportError(f"cannot read {path}: {exc.strerror}") from None
    except StreamProblem as exc:
        raise ArchiveImportError(str(exc)) from None


def check_start(path: Path) -> None:
    """The file is an archive this program reads, and its first entry is sound: told before
    the passphrase is asked (the import checks every entry before writing any)."""
    next(iter(entries(path)), None)


def entries(path: Path, found: ReadArchive | None = None) -> Iterator[Entry]:
    """Each live entry of the archive, checked, in the file's order; `found` is filled with
    its people and what is left out. A problem is one line naming the file and the entry."""
    found = found if found is not None else ReadArchive()
    name = path.name
    seen: set[str] = set()
    n = 0
    for stream, item in _items(path):
        n += 1
        entry = _entry(item, f"{name}: entry {n}")
        if entry.id in seen:
            raise ArchiveImportError(f"{name}: entry {n} ({entry.id[:8]}) has the id of an "
                                     "earlier entry; remove one of them")
        seen.add(entry.id)
        found.people = [p for p in stream.header.get("people") or [] if isinstance(p, dict)]
        if item.get("deleted"):
            found.deleted += 1
            continue
        history = item.get("history") or []
        found.earlier_versions += max(len(history) - 1, 0) if isinstance(history, list) else 0
        yield entry
