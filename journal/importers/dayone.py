"""Importing Day One's JSON export: the zip Day One writes, or a journal's JSON file from it.

The export is `{"metadata": {...}, "entries": [...]}`, one file per journal (`Journal.json`)
beside `photos/`, `videos/`, `audios/` and `pdfs/` folders in the zip. An entry becomes:

- date: `creationDate` is UTC; `timeZone` (an IANA name such as `Europe/London`) gives the
  local date and time it was written at (an unknown zone: this computer's, and the summary
  says how many);
- title and text: Day One's first line is the title (a `# ` heading or not); the rest is the
  text, with Day One's Markdown escapes (`\\.`, `\\-`, `\\!` ...) undone. Photos, videos, audio
  and PDFs (`![](dayone-moment://ID)`) become a short placeholder, `[photo]`, not a dead link;
- tags: one naming a value of the active framework becomes that value's mark, the rest tags;
- `starred`: the tag `starred` (the ⚑ flag means "bring to supervision", not a favourite);
- `location`: left out unless `with_location`, then a last line `Place: ...` of the text (the
  place's name, town, region and country; no coordinates), where the writer sees it and a
  supervision export's scrubber finds it;
- `uuid`: the source key, so importing the same export again adds nothing.

Everything else Day One keeps (weather, step counts, the device, edit times, `richText`, which
repeats the text) is left out, and the summary counts each.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from journal.domain.dates import FIRST_YEAR, LAST_YEAR
from journal.domain.framework import Framework
from journal.domain.model import MAX_TITLE_CHARS, Entry, Kind
from journal.importers.common import (
    Found,
    ImportProblem,
    Reader,
    fingerprint,
    is_text,
    marks_and_tags,
)
from journal.importers.jsonstream import EntryStream, StreamProblem

HINT = "export it again from Day One (File > Export > JSON)"
STARRED = "starred"

#: Fields an entry's text or date already carries, or that say nothing about it.
_MAPPED = {"uuid", "creationDate", "timeZone", "text", "richText", "tags", "starred",
           "location", "photos", "videos", "audios", "pdfAttachments"}
#: What the summary calls each field Day One keeps that the journal does not.
_LEFT_OUT = {
    "weather": "weather", "userActivity": "step counts and activity", "music": "music",
    "modifiedDate": "last-edited dates", "editingTime": "editing times",
    "creationDevice": "device details", "creationDeviceType": "device details",
    "creationDeviceModel": "device details", "creationOSName": "device details",
    "creationOSVersion": "device details", "isPinned": "pins", "isAllDay": "all-day marks",
    "template": "templates", "sourceString": "sources", "duration": "durations",
}
_MOMENT = re.compile(r"!?\[[^\]\n]*\]\(dayone-moment:/{1,2}(?:(video|audio|pdfAttachment)/)?"
                     r"[A-Za-z0-9-]+\)|dayone-moment:/{1,2}(?:(video|audio|pdfAttachment)/)?"
                     r"[A-Za-z0-9-]+")
_PLACEHOLDER = {None: "[photo]", "video": "[video]", "audio": "[audio recording]",
                "pdfAttachment": "[PDF]"}
#: Day One writes a backslash before Markdown's punctuation (`Hello\.`, `\- item`).
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|<=:])")
_ATTACHMENTS = {"photos": "photos shown as [photo] (the images are not imported)",
                "videos": "videos shown as [video] (not imported)",
                "audios": "audio recordings shown as [audio recording] (not imported)",
                "pdfAttachments": "PDFs shown as [PDF] (not imported)"}


class DayOneImportError(ImportProblem):
    """The export cannot be imported; the message names the file (and entry) and what to do."""


def _placeholder(match: re.Match[str]) -> str:
    return _PLACEHOLDER[match.group(1) or match.group(2)]


def unescape(text: str) -> str:
    """Day One's Markdown as a person wrote it: escapes undone, attachments as placeholders."""
    return _ESCAPE.sub(r"\1", _MOMENT.sub(_placeholder, text))


def _split_title(text: str) -> tuple[str, str]:
    """Day One shows the first line as the title: (title, the rest)."""
    text = text.strip("\n")
    first, _, rest = text.partition("\n")
    title = first.lstrip("#").strip() if first.startswith("#") else first.strip()
    if not title or len(title) > MAX_TITLE_CHARS or title.startswith("["):
        return "", text  # a long first line is a paragraph; a placeholder is not a title
    return title, rest.strip("\n")


def _when(item: dict[str, Any], where: str, notes: Counter[str]) -> datetime:
    raw = item.get("creationDate")
    try:
        moment = datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
    except ValueError:
        raise DayOneImportError(f"{where} has no valid \"creationDate\" (like "
                                "2024-03-01T18:30:00Z); fix it or remove it") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise DayOneImportError(f"{where}: the date {raw!r} is out of range: an entry's date is "
                                f"between {FIRST_YEAR} and {LAST_YEAR}; fix it or remove it")
    zone = item.get("timeZone")
    try:
        return moment.astimezone(ZoneInfo(str(zone)))
    except (ZoneInfoNotFoundError, ValueError):
        notes["entries with no time zone Day One names, dated in this computer's zone"] += 1
        return moment.astimezone()


def _place(location: Any) -> str:
    if not isinstance(location, dict):
        return ""
    parts = [location.get(k) for k in ("placeName", "localityName", "administrativeArea",
                                       "country")]
    seen: list[str] = []
    for part in parts:
        if isinstance(part, str) and part.strip() and part.strip() not in seen:
            seen.append(part.strip())
    return ", ".join(seen)


def _entry(item: Any, where: str, framework: Framework, with_location: bool,
           notes: Counter[str]) -> Entry:
    if not isinstance(item, dict):
        raise DayOneImportError(f"{where} is not an object; fix it or remove it")
    text = item.get("text") or ""
    raw_tags = item.get("tags") or []
    if not isinstance(text, str):
        raise DayOneImportError(f"{where} has a \"text\" that is not text")
    if not isinstance(raw_tags, list) or not all(isinstance(t, str) for t in raw_tags):
        raise DayOneImportError(f"{where} has \"tags\" that are not a list of text")
    if not all(is_text(t) for t in (text, *raw_tags)):
        raise DayOneImportError(f"{where} has text or a tag that is not valid text (a lone "
                                "\\ud800-style escape); fix it or remove it")
    when = _when(item, where, notes)
    title, body = _split_title(unescape(text))
    marks, tags = marks_and_tags(raw_tags, framework)
    if item.get("starred"):
        notes["starred entries, kept as the tag 'starred'"] += 1
        if STARRED not in tags:
            tags.append(STARRED)
    place = _place(item.get("location"))
    if place and with_location:
        body = f"{body}\n\nPlace: {place}".lstrip("\n")
        notes["places kept as the text's last line 'Place: ...'"] += 1
    elif place:
        notes["locations left out (--with-location keeps the place)"] += 1
    for key, what in _ATTACHMENTS.items():
        if isinstance(item.get(key), list) and item[key]:
            notes[what] += len(item[key])
    dropped = {_LEFT_OUT.get(key, key) for key in set(item) - _MAPPED
               if item[key] not in (None, "", [], {}, False, 0)}
    for what in dropped:
        notes[f"{what} left out (entries)"] += 1
    uuid = item.get("uuid")
    source = f"dayone:{uuid}" if isinstance(uuid, str) and uuid.strip() \
        else fingerprint("dayone", when.isoformat(), text)
    return Entry(when=when, kind=Kind.DAILY, title=title, body=body,
                 framework_id=framework.id, marks=marks, tags=tags, source=source)


def _journals(path: Path) -> Iterator[tuple[str, IO[bytes]]]:
    """(name for errors, open file) of each journal's JSON in the export."""
    if zipfile.is_zipfile(path):
        try:
            archive = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as exc:
            raise DayOneImportError(f"{path}: not a readable zip ({exc}); {HINT}") from None
        with archive:
            names = [n for n in archive.namelist()
                     if n.lower().endswith(".json") and "/" not in n.strip("/")
                     and not n.startswith("__MACOSX")]
            if not names:
                raise DayOneImportError(f"{path}: no journal (.json) in this zip; {HINT}")
            for name in sorted(names):
                with archive.open(name) as handle:
                    yield f"{path}:{name}", handle
        return
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise DayOneImportError(f"cannot read {path}: {exc.strerror}") from None
    with handle:
        yield str(path), handle


def reader(path: Path, framework: Framework, with_location: bool) -> Reader:
    """The import's reader (`common.Reader`): each pass reads the export anew."""

    def read(notes: Counter[str]) -> Iterator[Found]:
        for name, handle in _journals(path):
            stream = EntryStream(handle, name, "a Day One JSON export", HINT)
            try:
                for number, item in enumerate(stream, start=1):
                    uuid = item.get("uuid") if isinstance(item, dict) else None
                    where = f"{name}: entry {number}" + \
                        (f" (uuid {uuid})" if isinstance(uuid, str) and uuid else "")
                    entry = _entry(item, where, framework, with_location, notes)
                    if entry.title or entry.body.strip():
                        yield Found(where, entry)
                    else:
                        notes["empty entries (no text) skipped"] += 1
            except StreamProblem as exc:
                raise DayOneImportError(str(exc)) from None

    return read


def check_file(path: Path) -> None:
    """Fail at once on a file that cannot be a Day One export (before the passphrase)."""
    if path.is_dir():
        raise DayOneImportError(f"{path} is a folder: give the zip Day One wrote, or the "
                                "journal's .json file in it")
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise DayOneImportError(f"cannot read {path}: {exc.strerror}") from None
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"PK") and body and not body.startswith(b"{"):
        raise DayOneImportError(f"{path}: not a Day One export (a zip or a JSON file); {HINT}")
