"""Importing a jrnl journal (`jrnl --export json`): dates, titles, bodies, tags and stars.

A tag like `@hope` that names a value of the active framework becomes a value mark; every other
tag is kept as a tag. jrnl's star becomes the tag `starred`, as Day One's does (the journal's ⚑
flag means "bring to supervision", which a favourite is not). Each imported entry remembers a
fingerprint of its source, so importing the same file twice adds nothing the second time. The
export is read one entry at a time (`jsonstream`): 100,000 entries fit in flat memory.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import suppress
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import orjson

from journal.domain.dates import DateError, local_moment
from journal.domain.framework import Framework
from journal.domain.model import Entry, Kind
from journal.importers.common import Found, ImportProblem, Reader, is_text, marks_and_tags
from journal.importers.jsonstream import EntryStream, StreamProblem

HINT = "export it again with `jrnl --export json`"
STARRED = "starred"
STARRED_NOTE = "starred entries, kept as the tag 'starred'"


#: `json.dumps(..., ensure_ascii=False)`, made once: the fingerprint's text must not change.
_ENCODER = json.JSONEncoder(ensure_ascii=False)


class JrnlImportError(ImportProblem):
    """The file cannot be imported; the message names the file and what to do."""


def _fingerprint(item: dict[str, Any]) -> str:
    """The key every version of this importer gave, so earlier imports stay recognised: a hash
    of `json.dumps([date, time, title, body], ensure_ascii=False)`. orjson writes the same
    bytes for any text (a test holds it to that) in a fifth of the time; json is kept for what
    orjson refuses (a lone surrogate) and for values that are not text."""
    parts = [item.get("date"), item.get("time"), item.get("title"), item.get("body")]
    key = None
    if all(part is None or type(part) is str for part in parts):
        with suppress(orjson.JSONEncodeError):
            key = b"[" + b", ".join(orjson.dumps(part) for part in parts) + b"]"
    if key is None:
        # surrogatepass: the same bytes for any real text, and no crash on a lone surrogate
        key = _ENCODER.encode(parts).encode("utf-8", "surrogatepass")
    return "jrnl:" + hashlib.sha256(key).hexdigest()[:24]


_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")


def _when(item: dict[str, Any], where: str) -> datetime:
    day = _DAY.fullmatch(str(item.get("date", "")))
    clock = _CLOCK.fullmatch(str(item["time"])) if item.get("time") else None
    try:
        if day is None or (item.get("time") and clock is None):
            raise ValueError
        year, month, mday = (int(part) for part in day.groups())
        at = time(int(clock[1]), int(clock[2])) if clock else time(12, 0)
        moment = local_moment(date(year, month, mday), at)
    except DateError as exc:  # a real date, outside the years an entry may be about
        raise JrnlImportError(f"{where}: {exc}; fix it or remove it") from None
    except ValueError:
        raise JrnlImportError(
            f"{where} has no valid \"date\" (YYYY-MM-DD); fix it or remove it") from None
    return moment


def _entry(item: Any, where: str, framework: Framework) -> Entry:
    if not isinstance(item, dict):
        raise JrnlImportError(f"{where} is not an object; fix it or remove it")
    title = item.get("title") or ""
    body = item.get("body") or ""
    if not isinstance(title, str) or not isinstance(body, str):
        raise JrnlImportError(f"{where} has a title or body that is not text")
    raw_tags = item.get("tags") or []
    if not isinstance(raw_tags, list):
        raise JrnlImportError(f"{where} has \"tags\" that are not a list")
    if not all(is_text(str(text)) for text in (title, body, *raw_tags)):
        raise JrnlImportError(f"{where} has a title, body or tag that is not valid text (a "
                              "lone \\ud800-style escape); fix it or remove it")
    marks, tags = marks_and_tags([str(t) for t in raw_tags], framework)
    if item.get("starred") and STARRED not in tags:
        tags.append(STARRED)
    return Entry(when=_when(item, where), kind=Kind.DAILY, title=title.strip(),
                 body=body.strip("\n"), framework_id=framework.id, marks=marks, tags=tags,
                 source=_fingerprint(item))


def reader(path: Path, framework: Framework) -> Reader:
    """The import's reader (`common.Reader`): each pass streams the file anew."""

    def read(lost: Counter[str]) -> Iterator[Found]:
        try:
            handle = path.open("rb")
        except OSError as exc:
            raise JrnlImportError(f"cannot read {path}: {exc.strerror}") from None
        with handle:
            stream = EntryStream(handle, str(path), "a jrnl JSON export", HINT)
            try:
                for number, item in enumerate(stream, start=1):
                    where = f"{path}: entry {number}"
                    entry = _entry(item, where, framework)
                    if STARRED in entry.tags and item.get("starred"):
                        lost[STARRED_NOTE] += 1
                    yield Found(where, entry)
            except StreamProblem as exc:
                raise JrnlImportError(str(exc)) from None

    return read


def check_file(path: Path) -> None:
    """Fail at once if `path` cannot be opened or does not start like a jrnl export (before
    the passphrase is asked); the whole file is checked by the import's first pass."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as exc:
        raise JrnlImportError(f"cannot read {path}: {exc.strerror}") from None
    if head and not head.startswith(b"{"):
        raise JrnlImportError(f"{path}: not a jrnl JSON export (no \"entries\" list); {HINT}")
