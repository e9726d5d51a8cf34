"""Importing a jrnl journal (`jrnl --export json`): dates, titles, bodies and tags.

A tag like `@hope` that names a value of the active framework becomes a value mark; every other tag
is kept as a tag. Each imported entry remembers a fingerprint of its source, so importing the same
file twice adds nothing the second time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any

from journal.domain.dates import DateError, local_moment
from journal.domain.framework import Framework
from journal.domain.model import Entry, Kind, Mark
from journal.errors import JournalError


class JrnlImportError(JournalError, ValueError):
    """The file cannot be imported; the message names the file and what to do."""


@dataclass
class ImportPlan:
    entries: list[Entry]
    skipped_duplicates: int = 0


def read_jrnl_export(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise JrnlImportError(f"cannot read {path}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise JrnlImportError(
            f"{path}:{line}: not UTF-8 text; export it again with `jrnl --export json`"
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JrnlImportError(
            f"{path}:{exc.lineno}: not valid JSON ({exc.msg}); export it again with "
            "`jrnl --export json`"
        ) from None
    except RecursionError:  # thousands of nested brackets: not something jrnl writes
        raise JrnlImportError(f"{path}: nested too deeply to be a jrnl export; export it "
                              "again with `jrnl --export json`") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise JrnlImportError(f"{path}: not a jrnl JSON export (no \"entries\" list); "
                           "export it with `jrnl --export json`")
    return data


def _is_unicode(text: str) -> bool:
    """False for a string JSON's `\\ud800` escapes left holding a lone surrogate."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _fingerprint(item: dict[str, Any]) -> str:
    key = json.dumps([item.get("date"), item.get("time"), item.get("title"), item.get("body")],
                     ensure_ascii=False)
    # surrogatepass: the same bytes for any real text, and no crash on a lone surrogate
    return "jrnl:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def _when(item: dict[str, Any], number: int, path: Path) -> datetime:
    try:
        day = datetime.strptime(str(item["date"]), "%Y-%m-%d").date()
        clock = datetime.strptime(str(item.get("time") or "12:00"), "%H:%M").time() \
            if item.get("time") else time(12, 0)
    except (KeyError, ValueError):
        raise JrnlImportError(
            f"{path}: entry {number} has no valid \"date\" (YYYY-MM-DD); fix it or remove it"
        ) from None
    try:
        return local_moment(day, clock)
    except DateError as exc:
        raise JrnlImportError(f"{path}: entry {number}: {exc}; fix it or remove it") from None


def plan_import(path: Path, framework: Framework, existing_sources: set[str]) -> ImportPlan:
    """Turn a jrnl export into entries, without writing anything."""
    data = read_jrnl_export(path)
    value_ids = set(framework.value_ids)
    plan = ImportPlan([])
    seen = set(existing_sources)
    for number, item in enumerate(data["entries"], start=1):
        if not isinstance(item, dict):
            raise JrnlImportError(f"{path}: entry {number} is not an object; fix it or remove it")
        source = _fingerprint(item)
        if source in seen:
            plan.skipped_duplicates += 1
            continue
        seen.add(source)
        title = item.get("title") or ""
        body = item.get("body") or ""
        if not isinstance(title, str) or not isinstance(body, str):
            raise JrnlImportError(f"{path}: entry {number} has a title or body that is not text")
        raw_tags = item.get("tags") or []
        if not isinstance(raw_tags, list):
            raise JrnlImportError(f"{path}: entry {number} has \"tags\" that are not a list")
        if not all(_is_unicode(str(text)) for text in (title, body, *raw_tags)):
            raise JrnlImportError(f"{path}: entry {number} has a title, body or tag that is not "
                                  "valid text (a lone \\ud800-style escape); fix it or remove it")
        marks: dict[str, Mark] = {}
        tags: list[str] = []
        for tag in raw_tags:
            name = str(tag).lstrip("@#").strip()
            if not name:
                continue
            if name.lower() in value_ids:
                marks[name.lower()] = Mark.TAGGED
            elif name not in tags:
                tags.append(name)
        if item.get("starred"):
            tags.append("starred")
        plan.entries.append(
            Entry(
                when=_when(item, number, path),
                kind=Kind.DAILY,
                title=title.strip(),
                body=body.strip("\n"),
                framework_id=framework.id,
                marks=marks,
                tags=tags,
                source=source,
            )
        )
    return plan
