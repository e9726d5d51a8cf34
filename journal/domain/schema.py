"""The one entry shape, derived: the sealed record, the `--json` contract, summaries, the
editor's snapshot and the trends facts all come from the field declarations on `Entry`.

Each field of `Entry` says (in its dataclass metadata) its record key, its JSON key and its
roles; each field's type picks its codec from `CODECS`. So adding a field to `Entry` is one line
there, and a field of a type no codec knows fails at import, not at the first save.

The record keeps unknown keys (`Entry.extra`) so an older copy of the app never drops what a
newer one wrote. `--json` names are documented in README.md ("JSON output"): add fields, never
rename or remove them.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, get_type_hints

from journal.domain.model import (
    Action,
    Answer,
    CheckIn,
    Entry,
    EntrySummary,
    Facts,
    Kind,
    Mark,
)

PREVIEW_CHARS = 120
#: A Markdown ATX heading line ("## What?"), as CommonMark has it.
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")

_MARKS = {m.value: m for m in Mark}
_ANSWERS = {a.value: a for a in Answer}
_KINDS = {k.value: k for k in Kind}


@dataclass(frozen=True)
class Codec:
    """How a value of one type becomes plain JSON data and back (None: as it is), and what
    makes two values the same to the writer (`same`, None: their encodings are equal)."""

    encode: Callable[[Any], Any] | None
    decode: Callable[[Any], Any] | None
    same: Callable[[Any], Any] | None = None


def _sorted_pairs(mapping: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, str(v)) for k, v in mapping.items()))


def _checkin_out(c: CheckIn | None) -> dict[str, Any] | None:
    return None if c is None else {"mood": c.mood, "energy": c.energy, "need": c.need}


def _checkin_in(d: dict[str, Any] | None) -> CheckIn | None:
    return CheckIn(d.get("mood"), d.get("energy"), d.get("need", "")) if d else None


CODECS: dict[Any, Codec] = {
    str: Codec(None, None),
    int: Codec(None, int),
    bool: Codec(None, bool),
    datetime: Codec(datetime.isoformat, datetime.fromisoformat),
    Kind: Codec(str, _KINDS.__getitem__),
    list[str]: Codec(list, list),
    dict[str, Mark]: Codec(lambda m: {k: str(v) for k, v in m.items()},
                           lambda d: {k: _MARKS[v] for k, v in d.items()}, _sorted_pairs),
    dict[str, Answer]: Codec(lambda m: {k: str(v) for k, v in m.items()},
                             lambda d: {k: _ANSWERS[v] for k, v in d.items()}, _sorted_pairs),
    CheckIn | None: Codec(_checkin_out, _checkin_in),
    list[Action]: Codec(lambda actions: [{"id": a.id, "text": a.text, "done": a.done}
                                         for a in actions],
                        lambda items: [Action(a["text"], bool(a.get("done")), a.get("id", ""))
                                       for a in items],
                        # an action's id is the store's; to the writer it is its words and done
                        lambda actions: tuple((a.text, a.done) for a in actions)),
}


@dataclass(frozen=True)
class FieldSpec:
    """One declared field of `Entry`, with its codec looked up from its type."""

    name: str
    record: str | None
    json: str | None
    content: bool
    shared: bool
    summary: bool
    sparse: bool
    codec: Codec
    default: Callable[[], Any]


def _same(value: Any) -> Any:
    return value


def _specs() -> tuple[FieldSpec, ...]:
    hints = get_type_hints(Entry)
    out = []
    for f in dataclasses.fields(Entry):
        if "record" not in f.metadata:
            continue  # `extra`: the carrier of unknown keys, not a field of its own
        if hints[f.name] not in CODECS:
            raise TypeError(f"Entry.{f.name}: no codec for {hints[f.name]!r}; add one to CODECS")
        default: Callable[[], Any]
        if f.default is not dataclasses.MISSING:
            default = functools.partial(_same, f.default)
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory
        else:
            default = functools.partial(_same, None)  # required: `when` is in every record
        out.append(FieldSpec(f.name, f.metadata["record"], f.metadata["json"],
                             f.metadata["content"], f.metadata["shared"], f.metadata["summary"],
                             f.metadata["sparse"], CODECS[hints[f.name]], default))
    return tuple(out)


FIELDS = _specs()
#: Record keys besides the declared fields: worked out from the entry on save, so lists and
#: trends never inflate a body.
DERIVED = ("words", "preview", "type")
_BODY = "body"
#: Fields kept in the record itself (the body is stored apart, compressed).
_RECORDED = tuple(f for f in FIELDS if f.record is not None and f.name != _BODY)
_KNOWN = frozenset({f.record for f in _RECORDED} | set(DERIVED))
_SUMMARY = tuple(f for f in _RECORDED if f.summary)


def _encode(spec: FieldSpec, value: Any) -> Any:
    return value if spec.codec.encode is None else spec.codec.encode(value)


def _decoded(specs: tuple[FieldSpec, ...], meta: dict[str, Any]) -> dict[str, Any]:
    """Field values from a record, by table look-up (20,000 summaries at a time)."""
    out = {}
    for spec in specs:
        raw = meta.get(spec.record)  # type: ignore[arg-type]
        if raw is None:
            out[spec.name] = spec.default()
        else:
            decode = spec.codec.decode
            out[spec.name] = raw if decode is None else decode(raw)
    return out


def preview_of(body: str) -> str:
    """The start of the writing, standing in for a missing title in lists: a template's
    headings ("## What?") name no entry, so Markdown heading lines are skipped."""
    kept: list[str] = []
    for line in body.splitlines():
        if _HEADING.match(line):
            continue
        kept.append(line)
        if sum(map(len, kept)) >= PREVIEW_CHARS * 2:
            break
    return " ".join(" ".join(kept)[: PREVIEW_CHARS * 2].split())[:PREVIEW_CHARS]


def entry_to_record(entry: Entry) -> tuple[dict[str, Any], str]:
    """Split an entry into a small metadata dict and its body.

    The body is kept apart so that listing 20,000 entries never has to inflate 20,000 bodies.
    """
    meta: dict[str, Any] = dict(entry.extra)
    meta["type"] = "entry"
    for spec in _RECORDED:
        value = getattr(entry, spec.name)
        if spec.sparse and not value:
            continue
        meta[spec.record] = _encode(spec, value)  # type: ignore[index]
    meta["words"] = entry.word_count
    meta["preview"] = preview_of(entry.body)
    return meta, entry.body


def entry_from_record(meta: dict[str, Any], body: str) -> Entry:
    """Inverse of entry_to_record; unknown keys survive in `extra`."""
    return Entry(body=body, extra={k: v for k, v in meta.items() if k not in _KNOWN},
                 **_decoded(_RECORDED, meta))


def summary_from_record(meta: dict[str, Any], entry_id: str = "") -> EntrySummary:
    return EntrySummary(id=entry_id, preview=meta.get("preview", ""),
                        words=int(meta.get("words", 0)), **_decoded(_SUMMARY, meta))


def entry_json(entry: Entry, *, body: bool = True) -> dict[str, Any]:
    """The `--json` shape of an entry (README, "JSON output")."""
    data: dict[str, Any] = {}
    for spec in FIELDS:
        if spec.json is None or (spec.name == _BODY and not body):
            continue
        data[spec.json] = _encode(spec, getattr(entry, spec.name))
    data["words"] = entry.word_count
    return data


def snapshot(entry: Entry) -> tuple[Any, ...]:
    """What the writer can change, comparable: the editor asks "unsaved changes?" with it."""
    out = []
    for spec in FIELDS:
        if spec.content:
            value = getattr(entry, spec.name)
            if spec.name == "when":  # the editor shows minutes
                out.append(value.strftime("%Y%m%d%H%M"))
            elif spec.codec.same is not None:
                out.append(spec.codec.same(value))
            else:
                out.append(repr(_encode(spec, value)))
    return tuple(out)


#: The fields trends read, in the order of the `Facts` tuple.
FACT_FIELDS = ("when", "kind", "marks", "checks", "words", "checkin")


def facts_of(meta: dict[str, Any]) -> Facts | None:
    """An entry's trend facts (`model.Facts`) from its record; None for other records. Kept
    beside the record in the head index so trends over 20,000 entries parse no JSON. Odd
    shapes (a damaged or future record) give empty facts rather than an error: trends skip
    what they cannot read."""
    if meta.get("type", "entry") != "entry":
        return None
    marks, checks, checkin = meta.get("marks"), meta.get("checks"), meta.get("checkin")
    words = meta.get("words", 0)
    mood = checkin.get("mood") if isinstance(checkin, dict) else None
    energy = checkin.get("energy") if isinstance(checkin, dict) else None
    return (str(meta.get("when", ""))[:10], str(meta.get("kind", "daily")),
            tuple((str(k), str(v)) for k, v in marks.items()) if isinstance(marks, dict) else (),
            tuple((str(k), str(v)) for k, v in checks.items()) if isinstance(checks, dict) else (),
            words if isinstance(words, int) else 0,
            mood if isinstance(mood, int) else None, energy if isinstance(energy, int) else None)
