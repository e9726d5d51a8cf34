"""Reading a JSON archive (`journal archive --format json`) back into a journal.

Entries keep the ids they had, so an archive brought into the journal it came from (or into one
that already took it in) adds nothing twice: an id that is there already is skipped. Each entry
comes in as its current version, as a new revision on this device; earlier versions (an
archive made with --history) and deleted entries are left out, and the summary says so. The
people the archive names are added to the people list (with the pseudonym they had, when it is
free here), so exports keep replacing their names.

Every problem is one line naming the file and the entry (its number and id), and the whole
file is checked before anything is written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from journal.domain.model import Action, Answer, CheckIn, Entry, EntryError, Kind, Mark
from journal.errors import JournalError
from journal.export.archive import FORMAT, KIND

_ID = re.compile(r"[0-9a-f]{32}")


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


def read(path: Path) -> ReadArchive:
    """Read and check the whole archive; nothing is written."""
    name = path.name
    try:
        with path.open("rb") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise ArchiveImportError(f"cannot read {path}: {exc.strerror}") from None
    except (ValueError, RecursionError):
        raise ArchiveImportError(f"{name} is not valid JSON; give the file `journal archive "
                                 "--format json` wrote") from None
    if not isinstance(data, dict) or data.get("kind") != KIND or "entries" not in data:
        raise ArchiveImportError(f"{name} is not a journal archive (no \"kind\": \"{KIND}\"); "
                                 "give the file `journal archive --format json` wrote")
    version = data.get("format")
    if not isinstance(version, int) or version > FORMAT:
        raise ArchiveImportError(f"{name} is an archive of format {str(version)[:10]}, newer "
                                 f"than this program reads ({FORMAT}): upgrade peer-journal")
    if not isinstance(data["entries"], list):
        raise ArchiveImportError(f"{name}: \"entries\" is not a list")
    found = ReadArchive(people=[p for p in data.get("people") or [] if isinstance(p, dict)])
    seen: set[str] = set()
    for n, item in enumerate(data["entries"], 1):
        entry = _entry(item, f"{name}: entry {n}")
        if entry.id in seen:
            raise ArchiveImportError(f"{name}: entry {n} ({entry.id[:8]}) has the id of an "
                                     "earlier entry; remove one of them")
        seen.add(entry.id)
        if item.get("deleted"):
            found.deleted += 1
            continue
        history = item.get("history") or []
        found.earlier_versions += max(len(history) - 1, 0) if isinstance(history, list) else 0
        found.entries.append(entry)
    return found
