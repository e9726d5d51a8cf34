"""The journal's domain: plain dataclasses with no I/O, no crypto and no UI.

Everything a writer records lives here, so storage, sync, trends, export and the app all speak the
same language. Records are converted to and from plain dicts (`entry_to_record` /
`entry_from_record`) with stable field names; unknown fields are carried through untouched so an
older copy of the app never drops what a newer one wrote.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

#: Longest body we accept: roughly 170,000 words, far past any reflection. Larger text is almost
#: always a paste by mistake, and would make the editor, sync and export crawl.
MAX_BODY_BYTES = 1024 * 1024
MAX_TITLE_CHARS = 300


class Kind(StrEnum):
    """What an entry is about; each kind has its own template in the editor."""

    SESSION = "session"
    DAILY = "daily"
    SUPERVISION = "supervision"
    LEARNING = "learning"
    QUICK = "quick"


class Mark(StrEnum):
    """How an entry touches a value: lived well, found hard, or simply related."""

    LIVED = "lived"
    CHALLENGING = "challenging"
    TAGGED = "tagged"


class Answer(StrEnum):
    """An answer to one "Did I…?" behaviour of the framework."""

    YES = "yes"
    NO = "no"
    NA = "n/a"


class EntryError(ValueError):
    """An entry that cannot be saved as it is; the message says what to change."""


def new_id() -> str:
    """A random 128-bit id as 32 hex characters: reveals nothing, and prefixes stay unique."""
    return secrets.token_hex(16)


@dataclass
class CheckIn:
    """An optional wellbeing check-in, private to the writer."""

    mood: int | None = None  # 1 (low) to 5 (good)
    energy: int | None = None  # 1 (drained) to 5 (full)
    need: str = ""  # "What do I need?"

    def validate(self) -> None:
        for name in ("mood", "energy"):
            value = getattr(self, name)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5
            ):
                raise EntryError(f"{name} must be a whole number from 1 to 5, not {value!r}")


@dataclass
class Action:
    """A "Now what?" step; it carries forward from entry to entry until it is done."""

    text: str
    done: bool = False
    id: str = field(default_factory=lambda: secrets.token_hex(4))


@dataclass
class Entry:
    """One reflection. The store sets `id`, `revision_id`, `updated`, `versions` and `deleted`."""

    when: datetime
    kind: Kind = Kind.DAILY
    title: str = ""
    body: str = ""
    framework_id: str = ""
    marks: dict[str, Mark] = field(default_factory=dict)
    checks: dict[str, Answer] = field(default_factory=dict)
    checkin: CheckIn | None = None
    actions: list[Action] = field(default_factory=list)
    flagged: bool = False
    question: str = ""
    people: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    source: str = ""  # where an imported entry came from, so a second import skips it
    id: str = ""
    revision_id: str = ""
    updated: str = ""  # hybrid logical clock of the head revision
    versions: int = 1  # more than one when devices edited the entry concurrently
    deleted: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def word_count(self) -> int:
        return len(self.body.split())

    def validate(self) -> None:
        """Raise EntryError with a message that says how to fix the entry."""
        if self.when.tzinfo is None:
            raise EntryError("the entry's date needs a time zone")
        try:
            Kind(self.kind)
        except ValueError:
            raise EntryError(
                f"unknown kind {self.kind!r}; use one of: {', '.join(k.value for k in Kind)}"
            ) from None
        if not self.title.strip() and not self.body.strip():
            raise EntryError("nothing to save: write some text or give a title")
        if len(self.title) > MAX_TITLE_CHARS:
            raise EntryError(f"the title is {len(self.title)} characters; keep it under "
                             f"{MAX_TITLE_CHARS}")
        fields = (("title", self.title), ("text", self.body), ("question", self.question))
        for label, text in fields:
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                raise EntryError(f"the {label} is not valid UTF-8 text; save the file as UTF-8 "
                                 "and try again") from None
        size = len(self.body.encode("utf-8"))
        if size > MAX_BODY_BYTES:
            raise EntryError(
                f"the text is {size / 1_000_000:.1f} MB; an entry holds at most "
                f"{MAX_BODY_BYTES // 1024 // 1024} MB: split it into several entries"
            )
        for value_id, mark in self.marks.items():
            if mark not in set(Mark):
                raise EntryError(f"value {value_id!r}: mark must be lived, challenging or tagged")
        for behaviour_id, answer in self.checks.items():
            if answer not in set(Answer):
                raise EntryError(f"behaviour {behaviour_id!r}: answer must be yes, no or n/a")
        if self.checkin is not None:
            self.checkin.validate()

    @property
    def open_actions(self) -> list[Action]:
        return [a for a in self.actions if not a.done]


@dataclass(frozen=True)
class Revision:
    """One sealed version of an entry, as history shows it. `entry` is None when it is damaged."""

    id: str
    entry_id: str
    parents: tuple[str, ...]
    device_id: str
    clock: str
    deleted: bool
    entry: Entry | None
    error: str = ""


@dataclass(frozen=True)
class Damage:
    """A revision that failed to open: reported by verify, never silently dropped."""

    entry_id: str
    revision_id: str
    reason: str


#: What trends read of an entry, kept beside its metadata in the head index (see
#: `storage.heads.facts_of`): (day "YYYY-MM-DD" as written, kind, ((value id, mark), ...),
#: ((behaviour id, answer), ...), words, mood or None, energy or None).
Facts = tuple[str, str, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...], int,
              int | None, int | None]


@dataclass(slots=True)
class EntrySummary:
    """An entry without its body: what lists, the timeline and trends need, cheap for 20,000.

    `preview` is the start of the body, for entries without a title.
    """

    id: str
    when: datetime
    kind: Kind
    title: str
    preview: str
    framework_id: str
    marks: dict[str, Mark]
    checks: dict[str, Answer]
    checkin: CheckIn | None
    actions: list[Action]
    flagged: bool
    question: str
    people: list[str]
    tags: list[str]
    words: int
    versions: int = 1
    deleted: bool = False

    @property
    def label(self) -> str:
        return self.title or self.preview or "(untitled)"


_KNOWN = {
    "when", "kind", "title", "framework", "marks", "checks", "checkin", "actions", "flagged",
    "question", "people", "tags", "source", "words", "type", "preview",
}
_MARKS = {m.value: m for m in Mark}
_ANSWERS = {a.value: a for a in Answer}
_KINDS = {k.value: k for k in Kind}
PREVIEW_CHARS = 120


def _preview(body: str) -> str:
    return " ".join(body[: PREVIEW_CHARS * 2].split())[:PREVIEW_CHARS]


def entry_to_record(entry: Entry) -> tuple[dict[str, Any], str]:
    """Split an entry into a small metadata dict and its body.

    The body is kept apart so that listing 20,000 entries never has to inflate 20,000 bodies.
    """
    meta: dict[str, Any] = dict(entry.extra)
    meta.update(
        type="entry",
        when=entry.when.isoformat(),
        kind=str(entry.kind),
        title=entry.title,
        framework=entry.framework_id,
        marks={k: str(v) for k, v in entry.marks.items()},
        checks={k: str(v) for k, v in entry.checks.items()},
        actions=[{"id": a.id, "text": a.text, "done": a.done} for a in entry.actions],
        flagged=entry.flagged,
        question=entry.question,
        people=list(entry.people),
        tags=list(entry.tags),
        words=entry.word_count,
        preview=_preview(entry.body),
    )
    if entry.source:
        meta["source"] = entry.source
    if entry.checkin is not None:
        meta["checkin"] = {
            "mood": entry.checkin.mood,
            "energy": entry.checkin.energy,
            "need": entry.checkin.need,
        }
    return meta, entry.body


def _common(meta: dict[str, Any]) -> dict[str, Any]:
    """Fields shared by Entry and EntrySummary, decoded with table look-ups (20,000 at a time)."""
    checkin = meta.get("checkin")
    return {
        "when": datetime.fromisoformat(meta["when"]),
        "kind": _KINDS[meta.get("kind", "daily")],
        "title": meta.get("title", ""),
        "framework_id": meta.get("framework", ""),
        "marks": {k: _MARKS[v] for k, v in meta.get("marks", {}).items()},
        "checks": {k: _ANSWERS[v] for k, v in meta.get("checks", {}).items()},
        "checkin": CheckIn(checkin.get("mood"), checkin.get("energy"), checkin.get("need", ""))
        if checkin
        else None,
        "actions": [Action(a["text"], bool(a.get("done")), a.get("id", ""))
                    for a in meta.get("actions", ())],
        "flagged": bool(meta.get("flagged", False)),
        "question": meta.get("question", ""),
        "people": list(meta.get("people", ())),
        "tags": list(meta.get("tags", ())),
    }


def entry_from_record(meta: dict[str, Any], body: str) -> Entry:
    """Inverse of entry_to_record; unknown keys survive in `extra`."""
    return Entry(
        body=body,
        source=meta.get("source", ""),
        extra={k: v for k, v in meta.items() if k not in _KNOWN},
        **_common(meta),
    )


def summary_from_record(meta: dict[str, Any], entry_id: str = "") -> EntrySummary:
    return EntrySummary(
        id=entry_id, preview=meta.get("preview", ""), words=int(meta.get("words", 0)),
        **_common(meta),
    )
