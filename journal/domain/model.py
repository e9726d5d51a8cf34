"""The journal's domain: plain dataclasses with no I/O, no crypto and no UI.

Everything a writer records lives here, so storage, sync, trends, export and the app all speak the
same language. An entry's fields are declared once, on `Entry`; `journal.domain.schema` derives
its record, its JSON and its summary from those declarations.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from journal.errors import JournalError

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


class EntryError(JournalError, ValueError):
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


def _field(record: str | None, json: str | None, *, content: bool = True, shared: bool = True,
           summary: bool = True, sparse: bool = False, **default: Any) -> Any:
    """Declare an entry field once: its key in the sealed record (None: set by the store),
    its key in the `--json` contract (None: not shown), whether the writer edits it (the
    editor's unsaved-changes check), whether it goes into a supervision pack, and whether
    lists carry it without the text (`EntrySummary`); `sparse` ones are left out of the record
    when empty. `journal.domain.schema` derives the
    record encoding, the JSON, the summary and the editor's snapshot from these."""
    meta = {"record": record, "json": json, "content": content, "shared": shared,
            "summary": summary, "sparse": sparse}
    return field(metadata=meta, **default)


@dataclass
class Entry:
    """One reflection. The store sets `id`, `revision_id`, `updated`, `versions` and `deleted`.

    The field declarations below are the ONE entry shape: add a field here (with its keys) and
    the record, `--json`, summaries and the editor's snapshot follow; a test names any other
    place (trends facts, the pack's entry) that must learn of it.
    """

    when: datetime = _field("when", "date")
    kind: Kind = _field("kind", "kind", default=Kind.DAILY)
    title: str = _field("title", "title", default="")
    body: str = _field("body", "body", summary=False, default="")  # kept apart from the record
    framework_id: str = _field("framework", "framework", content=False, shared=False,
                               default="")
    marks: dict[str, Mark] = _field("marks", "values", default_factory=dict)
    checks: dict[str, Answer] = _field("checks", "behaviours", default_factory=dict)
    checkin: CheckIn | None = _field("checkin", "checkin", sparse=True, default=None)
    actions: list[Action] = _field("actions", "actions", default_factory=list)
    flagged: bool = _field("flagged", "flagged", default=False)
    question: str = _field("question", "question", default="")
    people: list[str] = _field("people", "people", shared=False, default_factory=list)
    tags: list[str] = _field("tags", "tags", shared=False, default_factory=list)
    # where an imported entry came from, so a second import skips it
    source: str = _field("source", None, content=False, shared=False, summary=False,
                         sparse=True, default="")
    # what supervision said of this entry (`journal pack receive`): shown, never edited here
    supervision: str = _field("supervision", "supervision", content=False, shared=False,
                              summary=False, sparse=True, default="")
    id: str = _field(None, "id", content=False, default="")
    revision_id: str = _field(None, "revision", content=False, shared=False, summary=False,
                              default="")
    updated: str = _field(None, "updated", content=False, shared=False, summary=False,
                          default="")  # hybrid logical clock of the head revision
    # more than one when devices edited the entry concurrently
    versions: int = _field(None, "versions", content=False, shared=False, default=1)
    deleted: bool = _field(None, "deleted", content=False, shared=False, default=False)
    extra: dict[str, Any] = field(default_factory=dict)  # record keys a newer version wrote

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


#: What `verify` says of the ledger (storage/ledger.py) when it is gone or does not open: every
#: row may still be there, but their number can no longer be vouched for.
LEDGER_GONE = "the journal's sealed record of its revisions is missing or damaged"


@dataclass(frozen=True)
class Damage:
    """A revision that failed to open: reported by verify, never silently dropped."""

    entry_id: str
    revision_id: str
    reason: str


#: What trends read of an entry, kept beside its metadata in the head index (see
#: `domain.schema.facts_of`): (day "YYYY-MM-DD" as written, kind, ((value id, mark), ...),
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
