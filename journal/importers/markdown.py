"""Importing a folder of Markdown files (Obsidian, a notes folder): one entry per `.md` file.

Found recursively, in name order. For each file:

- date: YAML front matter's `date` (a day means midday, as `--date` does), else a `YYYY-MM-DD`
  in the file's name, else the file's modification time;
- title: front matter's `title`, else the first `# ` heading (taken out of the text), else the
  file's name;
- tags: front matter's `tags` (a list, or words separated by commas or spaces) and every
  `#hashtag` in the text; one naming a value of the active framework becomes that value's mark;
- kind: front matter's `kind` when it is one of the journal's (`session`, `daily` ...).

Other front matter keys are left out and counted in the summary. A file imported before is
recognised by its date and text (with the date only when it came from the file itself, not
its modification time, which a copy changes), so importing the folder again adds nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from journal.domain.dates import DateError, local_moment, parse_when
from journal.domain.framework import Framework
from journal.domain.model import Entry, Kind
from journal.importers.common import Found, ImportProblem, Reader, fingerprint, marks_and_tags

_DAY_IN_NAME = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
#: `#word` after white space (or at the start): not a heading (`# x`), not a link's `#anchor`.
_HASHTAG = re.compile(r"(?<!\S)#([^\W\d][\w/-]*)")
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_KNOWN = {"date", "title", "tags", "tag", "kind"}


class MarkdownImportError(ImportProblem):
    """A file cannot be imported; the message names it and what to do."""


def _front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """(the YAML front matter, the text after it); no front matter: ({}, text)."""
    if not text.startswith("---"):
        return {}, text
    first, _, rest = text.partition("\n")
    if first.strip() != "---":
        return {}, text
    end = re.search(r"^(---|\.\.\.)[ \t]*$", rest, re.MULTILINE)
    if end is None:
        return {}, text  # a rule at the top, not front matter
    import yaml  # only here: most commands never read YAML

    try:
        data = yaml.safe_load(rest[: end.start()])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise MarkdownImportError(f"{path}{line}: the front matter is not valid YAML "
                                  f"({problem}); fix it or remove it") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise MarkdownImportError(f"{path}: the front matter is not a set of `key: value` "
                                  "lines; fix it or remove it")
    return {str(k): v for k, v in data.items()}, rest[end.end():].lstrip("\n")


def _date(value: Any, path: Path) -> datetime:
    """Front matter's `date`: YAML gives a date, a datetime or text."""
    try:
        if isinstance(value, datetime):
            return value if value.tzinfo else local_moment(value.date(), value.time())
        if isinstance(value, date):
            return local_moment(value, time(12, 0))
        text = str(value).strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):  # a past day: midday, as --date has it
            return local_moment(date.fromisoformat(text), time(12, 0))
        return parse_when(text)
    except (DateError, ValueError) as exc:
        raise MarkdownImportError(f"{path}: front matter date {value!r} is not a date ({exc}); "
                                  "write it as YYYY-MM-DD or YYYY-MM-DD HH:MM") from None


def _when(meta: dict[str, Any], path: Path, notes: Counter[str]) -> tuple[datetime, bool]:
    """The entry's moment, and whether it came from the file itself (not its mtime)."""
    if meta.get("date") not in (None, ""):
        return _date(meta["date"], path), True
    named = _DAY_IN_NAME.search(path.name)
    if named:
        try:
            return local_moment(date(*map(int, named.groups())), time(12, 0)), True
        except (ValueError, DateError):
            pass
    notes["files dated by their modification time (no date in them or their name)"] += 1
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).astimezone(), False
    except (OSError, ValueError, OverflowError) as exc:
        raise MarkdownImportError(f"{path}: no date, and its modification time cannot be "
                                  f"read ({exc}); add `date: YYYY-MM-DD` front matter") from None


def _tags(meta: dict[str, Any], body: str) -> list[str]:
    raw = meta.get("tags", meta.get("tag"))
    if isinstance(raw, str):
        found = [t for t in re.split(r"[,\s]+", raw) if t]
    elif isinstance(raw, list):
        found = [str(t) for t in raw if t is not None]
    else:
        found = [] if raw is None else [str(raw)]
    found += _HASHTAG.findall(_FENCE.sub("", body))
    return found


def _entry(path: Path, framework: Framework, notes: Counter[str]) -> Entry | None:
    """The file's entry; None for a file with nothing in it."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise MarkdownImportError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise MarkdownImportError(f"{path}: not UTF-8 text (byte {exc.start}); save it as "
                                  "UTF-8 and try again") from None
    text = text.replace("\r\n", "\n")
    meta, body = _front_matter(text, path)
    if not body.strip() and not meta.get("title"):
        notes["empty files skipped"] += 1
        return None
    when, dated_inside = _when(meta, path, notes)
    title = meta.get("title")
    title = "" if title is None else str(title).strip()
    if not title:
        heading = _HEADING.search(body)
        if heading:
            title = heading.group(1).strip()
            body = body[: heading.start()] + body[heading.end():].lstrip("\n")
        else:
            title = path.stem
    body = body.strip("\n")
    marks, tags = marks_and_tags(_tags(meta, body), framework)
    kind = Kind.DAILY
    if meta.get("kind") is not None:
        try:
            kind = Kind(str(meta["kind"]).strip().lower())
        except ValueError:
            notes[f"files whose kind {meta['kind']!r} is not one here, imported as daily"] += 1
    for key in sorted(set(meta) - _KNOWN):
        notes[f"front matter '{key}' left out (files)"] += 1
    source = fingerprint("markdown", when.isoformat() if dated_inside else "", title, body)
    return Entry(when=when, kind=kind, title=title, body=body, framework_id=framework.id,
                 marks=marks, tags=tags, source=source)


def _files(root: Path) -> list[Path]:
    """Every .md file under `root`, in name order, leaving out hidden folders (.obsidian,
    .git, .trash)."""
    found = []
    for path in root.rglob("*"):
        parts = path.relative_to(root).parts
        if any(p.startswith(".") for p in parts):
            continue
        if path.suffix.lower() in (".md", ".markdown") and path.is_file():
            found.append(path)
    return sorted(found)


def reader(root: Path, framework: Framework) -> Reader:
    """The import's reader (`common.Reader`): each pass reads the folder anew."""

    def read(notes: Counter[str]) -> Iterator[Found]:
        for path in _files(root):
            entry = _entry(path, framework, notes)
            if entry is not None:
                yield Found(str(path), entry)

    return read


def check_folder(root: Path) -> None:
    """Fail at once when `root` is not a folder of Markdown files (before the passphrase)."""
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "does not exist"
        raise MarkdownImportError(f"{root} {what}: give the folder that holds your .md files")
    if not _files(root):
        raise MarkdownImportError(f"{root}: no .md files in it or its folders")
