"""The writer's archive: every entry as written (nothing scrubbed), in JSON, Markdown or HTML.

Unlike the supervision pack this is for the writer alone, so names stay names: each entry's
people are given with their real names beside the pseudonyms. Every format is written as a
stream, one entry at a time, so an archive of 100,000 entries never sits in memory whole:
`json` one document (README, "The archive's JSON", format 1), `md` a folder of one file per
entry with YAML front matter (Obsidian and any editor read it), `html` one self-contained file
(no script, nothing fetched). `journal import archive` reads the JSON back.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Any

import orjson

from journal import __version__
from journal.domain.framework import Catalogue
from journal.domain.model import Entry
from journal.domain.schema import entry_json
from journal.present.entry_text import checkin_words

#: The archive's JSON format; a reader refuses a newer one. Bumped only when a field changes
#: meaning or goes; new fields may be added within a version.
FORMAT = 1
FORMATS = ("json", "md", "html")
KIND = "peer-journal archive"


@dataclass(frozen=True)
class Archived:
    """One entry as it goes into the archive: its current version and, with --history, every
    saved version, oldest first."""

    entry: Entry
    history: list[Entry]


@dataclass(frozen=True)
class Header:
    made: str
    framework: dict[str, str]
    people: list[dict[str, Any]]  # {"pseudonym", "name", "aliases"}
    history: bool

    @property
    def names(self) -> dict[str, str]:
        """Pseudonym (any case) -> real name."""
        return {p["pseudonym"].casefold(): p["name"] for p in self.people if p["pseudonym"]}


def header(framework_id: str, framework_name: str, people: list[dict[str, Any]],
           history: bool) -> Header:
    listed = sorted(({"pseudonym": str(p.get("pseudonym", "")), "name": str(p.get("name", "")),
                      "aliases": [str(a) for a in p.get("aliases", [])]} for p in people),
                    key=lambda p: (len(p["pseudonym"]), p["pseudonym"], p["name"]))
    return Header(datetime.now(UTC).isoformat(timespec="seconds"),
                  {"id": framework_id, "name": framework_name}, listed, history)


def _names(entry: Entry, head: Header) -> list[str]:
    names = head.names
    return [names.get(p.casefold(), p) for p in entry.people]


def entry_document(entry: Entry, head: Header) -> dict[str, Any]:
    """An entry in the archive: the `--json` entry fields, plus `names` (the real names of its
    people, in the order of `people`)."""
    data = entry_json(entry)
    data["names"] = _names(entry, head)
    return data


# -- JSON -------------------------------------------------------------------------------------


def write_json(out: IO[bytes], head: Header, items: Iterable[Archived]) -> int:
    """One document, written entry by entry; returns how many entries."""
    top = {"format": FORMAT, "kind": KIND, "version": __version__, "made": head.made,
           "framework": head.framework, "history": head.history, "people": head.people}
    opening = json.dumps(top, ensure_ascii=False, indent=1)[:-2]  # without the closing "\n}"
    out.write((opening + ',\n "entries": [').encode("utf-8"))
    count = 0
    for item in items:
        data = entry_document(item.entry, head)
        if head.history:
            data["history"] = [entry_document(v, head) for v in item.history]
        out.write((b",\n  " if count else b"\n  ") + orjson.dumps(data))
        count += 1
    out.write(b"\n ]\n}\n")
    return count


# -- Markdown: one file per entry ------------------------------------------------------------


def _yaml(value: Any) -> str:
    """A YAML value: JSON's strings, numbers, lists and objects are valid YAML (1.2), and
    quoting every string keeps a title like `no: really` a string."""
    return json.dumps(value, ensure_ascii=False)


def md_name(entry: Entry, taken: set[str]) -> str:
    """`2026-11-20 1400 Cafe with P3.md` (an untitled entry: its first words): sortable,
    readable, safe on every file system."""
    words = entry.title or " ".join(entry.body.split()[:6]) or "untitled"
    title = re.sub(r"[^\w\- ,.()']+", " ", words, flags=re.UNICODE)
    title = " ".join(title.split()).strip(" .")[:60] or "untitled"
    name = f"{entry.when:%Y-%m-%d %H%M} {title}"
    if name.casefold() in taken:
        name = f"{name} ({entry.id[:8]})"
    taken.add(name.casefold())
    return name + ".md"


def entry_markdown(entry: Entry, head: Header, catalogue: Catalogue) -> str:
    """Front matter with every field, then the title, the text and the actions."""
    meta: dict[str, Any] = {
        "id": entry.id, "date": entry.when.isoformat(), "kind": entry.kind.value,
        "title": entry.title, "framework": entry.framework_id,
        "values": {k: str(v) for k, v in entry.marks.items()},
        "behaviours": {k: str(v) for k, v in entry.checks.items()},
        "flagged": entry.flagged, "question": entry.question,
        "people": _names(entry, head), "pseudonyms": entry.people, "tags": entry.tags,
    }
    if entry.checkin is not None:
        meta.update(mood=entry.checkin.mood, energy=entry.checkin.energy,
                    need=entry.checkin.need)
    if entry.deleted:
        meta["deleted"] = True
    lines = ["---", *(f"{k}: {_yaml(v)}" for k, v in meta.items()), "---", "",
             f"# {entry.title or '(untitled)'}", "", entry.body.rstrip(), ""]
    if entry.marks:
        lines += ["## Values", ""]
        lines += [f"- {catalogue.value_name(v)}: {m}" for v, m in entry.marks.items()]
        lines.append("")
    if entry.checks:
        lines += ["## Did I…?", ""]
        lines += [f"- **{a}**: {catalogue.behaviour_text(b)}" for b, a in entry.checks.items()]
        lines.append("")
    if entry.actions:
        lines += ["## Now what?", ""]
        lines += [f"- [{'x' if a.done else ' '}] {a.text}" for a in entry.actions]
        lines.append("")
    return "\n".join(lines)


# -- HTML: one self-contained file ------------------------------------------------------------

_STYLE = """body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;
line-height:1.5;color:#1a1a1a}h1{font-size:1.6rem}article{border-top:1px solid #bbb;
padding:1rem 0;break-inside:avoid-page}h2{font-size:1.2rem;margin:.2rem 0}.meta{color:#444}
.text{white-space:pre-wrap}ul{margin:.3rem 0}details{margin:.5rem 0}"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def html_start(head: Header, count: int) -> str:
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>Journal archive</title><style>{_STYLE}</style></head><body>\n"
            f"<h1>Journal archive</h1><p class=\"meta\">{count} entries · made {_e(head.made)}"
            f" · framework {_e(head.framework['name'])}. Not encrypted: keep it private.</p>\n")


def entry_html(entry: Entry, head: Header, catalogue: Catalogue, *, tag: str = "article") -> str:
    parts = [f"<{tag} id=\"e{_e(entry.id)}\"><h2>{_e(entry.title or '(untitled)')}</h2>",
             f"<p class=\"meta\">{entry.when:%A %d %B %Y, %H:%M} · {_e(entry.kind.value)}"
             + (" · deleted" if entry.deleted else "") + "</p>"]
    if entry.flagged or entry.question:
        parts.append(f"<p><strong>Bring to supervision</strong> {_e(entry.question)}</p>")
    parts.append(f"<div class=\"text\">{_e(entry.body)}</div>")
    rows = [f"{_e(catalogue.value_name(v))}: {_e(m)}" for v, m in entry.marks.items()]
    rows += [f"Did I… {_e(catalogue.behaviour_text(b))}: <strong>{_e(a)}</strong>"
             for b, a in entry.checks.items()]
    rows += [f"Now what? {'☑' if a.done else '☐'} {_e(a.text)}" for a in entry.actions]
    if entry.checkin is not None:
        rows.append(f"Check-in: {_e(checkin_words(entry.checkin))}")
    if entry.people:
        rows.append("People: " + _e(", ".join(_names(entry, head))))
    if entry.tags:
        rows.append("Tags: " + _e(", ".join(entry.tags)))
    if rows:
        parts.append("<ul>" + "".join(f"<li>{r}</li>" for r in rows) + "</ul>")
    return "".join(parts) + f"</{tag}>\n"


def write_html(out: IO[bytes], head: Header, items: Iterable[Archived], count: int,
               catalogue: Catalogue) -> int:
    out.write(html_start(head, count).encode("utf-8"))
    written = 0
    for item in items:
        block = entry_html(item.entry, head, catalogue)
        if head.history and len(item.history) > 1:
            versions = "".join(entry_html(v, head, catalogue, tag="section")
                               for v in item.history)
            block = block.replace("</article>\n", f"<details><summary>{len(item.history)} saved "
                                  f"versions</summary>{versions}</details></article>\n")
        out.write(block.encode("utf-8"))
        written += 1
    out.write(b"</body></html>\n")
    return written
