"""The one filter: which entries `journal list`, the timeline and the export's choice show.

One type (`EntryFilter`) spells every condition once. It is applied two ways, both here:
- on a stored record, before any entry is built (`RecordMatcher`: the store filters 20,000 head
  records this way, deciding most on the JSON bytes without decoding them);
- on what the timeline holds in memory (`select` over `Searchable` items, re-filtered on every
  keystroke).
A test checks that both agree on the same entries.

The words of a filter match the whole text (title, body, question, actions, tags) as `journal
search` does, plus what the timeline shows beside it (value names, people, kind).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Protocol

from journal.domain.framework import Catalogue
from journal.domain.model import Answer, Entry, EntrySummary, Mark
from journal.domain.search import fold
from journal.errors import JournalError


@dataclass
class EntryFilter:
    """What to show. Empty fields select everything; every field given narrows.

    `ids` picks entries by hand (the export's "pick"): they are added to what the other fields
    match, or are the whole choice when nothing else is given.
    """

    text: str = ""
    since: date | None = None
    until: date | None = None
    values: list[str] = field(default_factory=list)  # "id" (marked) or "id:lived" and so on
    behaviours: list[str] = field(default_factory=list)  # "id" (answered) or "id:yes|no|n/a"
    kinds: list[str] = field(default_factory=list)
    flagged: bool = False
    ids: list[str] = field(default_factory=list)
    include_deleted: bool = False
    limit: int | None = None

    @property
    def narrows(self) -> bool:
        """True when a condition other than the words or hand-picked ids is set."""
        return bool(self.since or self.until or self.values or self.behaviours or self.kinds
                    or self.flagged)

    @property
    def active(self) -> bool:
        """True when anything would be left out."""
        return bool(self.text.strip() or self.narrows or self.ids)

    @property
    def terms(self) -> list[str]:
        return [fold(t) for t in self.text.split()]

    def answers(self) -> list[tuple[str, str | None]]:
        """The behaviours as (id, answer or None for "answered at all")."""
        return [_split(spec) for spec in self.behaviours]

    def marks(self) -> list[tuple[str, str | None]]:
        """The values as (id, mark or None for "marked at all")."""
        return [_split(spec) for spec in self.values]

    def check(self, catalogue: Catalogue) -> None:
        """Refuse a value, mark, behaviour or answer no entry can have, naming the ones there
        are (a typo would otherwise quietly match nothing)."""
        for vid, mark in self.marks():
            if vid not in catalogue.values:
                raise FilterError(f"unknown value {vid!r}; the values are: "
                                  f"{', '.join(catalogue.values)}")
            if mark is not None and mark not in _MARK_WORDS:
                raise FilterError(f"{vid}:{mark}: the mark after ':' is one of "
                                  f"{', '.join(_MARK_WORDS)}")
        for bid, answer in self.answers():
            if bid not in catalogue.behaviours:
                known = ", ".join(catalogue.behaviours) or "(no framework has behaviours)"
                raise FilterError(f"unknown behaviour {bid!r}; the behaviours are: {known}")
            if answer is not None and answer not in _ANSWER_WORDS:
                raise FilterError(f"{bid}:{answer}: the answer after ':' is one of "
                                  f"{', '.join(_ANSWER_WORDS)}")


class FilterError(JournalError, ValueError):
    """A filter that names what no entry can have; the message lists what there is."""


_MARK_WORDS = tuple(m.value for m in Mark)
_ANSWER_WORDS = tuple(a.value for a in Answer)


def _split(spec: str) -> tuple[str, str | None]:
    ident, _, word = spec.partition(":")
    return ident, word or None


@dataclass
class Selection:
    """The entries a filter picked (newest first, at most `limit`) and how many matched in all."""

    entries: list[Entry]
    matched: int
    total: int


@dataclass
class SummarySelection:
    """Like Selection, without the entries' text: for lists, the timeline and trends."""

    summaries: list[EntrySummary]
    matched: int
    total: int


class StoredRecord(Protocol):
    """What the store keeps of an entry's head: its date as written, and its metadata both as
    JSON bytes and decoded (on first use)."""

    @property
    def when(self) -> str: ...

    @property
    def meta_json(self) -> bytes: ...

    @property
    def meta(self) -> dict[str, Any]: ...


class RecordMatcher:
    """An EntryFilter's conditions (not its words) as a predicate over a stored record."""

    def __init__(self, f: EntryFilter) -> None:
        self.f = f
        self.since = f.since.isoformat() if f.since else None
        self.until = f.until.isoformat() if f.until else None
        self.answers = f.answers()
        self.marks = f.marks()
        self.trivial = not f.narrows
        # a marked value or an answered behaviour always appears in the record as "id":"word"
        self.tokens = [(f'"{i}":"{w}"' if w else f'"{i}":"').encode()
                       for i, w in [*self.marks, *self.answers]]

    def __call__(self, record: StoredRecord) -> bool:
        f = self.f
        day = record.when[:10]  # the date in the writer's zone when they wrote it
        if self.since and day < self.since:
            return False
        if self.until and day > self.until:
            return False
        if not (f.kinds or f.flagged or f.values or self.answers):
            return True
        text = record.meta_json
        # Cheap certain "no"s on the JSON text before decoding it: a marked value or an answered
        # behaviour always appears as "id":"...
        for token in self.tokens:
            if token not in text:
                return False
        meta = record.meta
        if f.kinds and meta.get("kind") not in f.kinds:
            return False
        if f.flagged and not meta.get("flagged"):
            return False
        marks = meta.get("marks", {})
        if not all(v in marks and (m is None or marks[v] == m) for v, m in self.marks):
            return False
        checks = meta.get("checks", {})
        return all(bid in checks and not (answer and checks[bid] != answer)
                   for bid, answer in self.answers)


@dataclass
class Searchable:
    """A summary and the folded words a filter looks at. `text` is the folded whole text
    (title, body, question, actions, tags) when the session has read it; until then the
    summary's preview stands in. The rest is folded on first use and then kept, so the timeline
    appears before any folding and each later keystroke only compares."""

    summary: EntrySummary
    names: dict[str, str] = field(repr=False, default_factory=dict)
    text: str | None = field(default=None, repr=False)
    _folded: str | None = field(default=None, repr=False)

    @property
    def folded(self) -> str:
        if self._folded is None:
            s = self.summary
            words = [s.title, s.preview, s.question, *s.tags, *s.people,
                     *(self.names.get(v, v) for v in s.marks), s.kind.value]
            self._folded = fold(" ".join(words))
            if self.text is not None:
                self._folded += "\n" + self.text
        return self._folded


def searchable_text(title: str, body: str, question: str, tags: Sequence[str],
                    actions: Sequence[str]) -> str:
    """The folded words `journal search` looks in, for `Searchable.text`: each distinct word
    once, a line each. A filter's word holds no space, so it can only ever match inside one
    word: the distinct words match exactly what the whole text would, in a third of the size."""
    words = fold("\n".join([title, body, question, " ".join(tags), *actions])).split()
    return "\n".join(dict.fromkeys(words))


class TextIndex:
    """Every item's folded words in one UTF-8 blob, an item per line block, so a word is found
    in 20,000 entries by a few C-speed `find`s instead of 20,000 Python comparisons."""

    def __init__(self, items: Sequence[Searchable]) -> None:
        parts = [item.folded.encode("utf-8") for item in items]
        self.starts: list[int] = []
        at = 0
        for part in parts:
            self.starts.append(at)
            at += len(part) + 1
        self.blob = b"\0".join(parts)

    def holding(self, term: str) -> list[int]:
        """Positions (in the items' order) of the items whose words contain `term`."""
        needle = term.encode("utf-8")
        starts, blob, out = self.starts, self.blob, []
        find, after, end = blob.find, bisect.bisect_right, len(starts)
        at = 0
        while (at := find(needle, at)) >= 0:
            index = after(starts, at) - 1
            out.append(index)
            at = starts[index + 1] if index + 1 < end else len(blob)
        return out


class Timeline(list[Searchable]):
    """The timeline's items, newest first, with their text index (built on first use)."""

    _index: TextIndex | None = None
    #: Whether each item carries its whole text, or (until `add_texts`) only its summary's.
    worded: bool = False

    @property
    def text_index(self) -> TextIndex:
        if self._index is None:
            self._index = TextIndex(self)
        return self._index

    def add_texts(self, texts: dict[str, str]) -> None:
        """Give each item its whole text (by entry id), read after the list was shown: at
        100,000 entries the list comes in 4 s and the words 9 s later. The index is built
        again here, off the UI thread, and replaces the old one only when it is whole (a
        keystroke meanwhile uses the old one)."""
        for item in self:
            item.text, item._folded = texts.get(item.summary.id), None
        index = TextIndex(self)
        self._index, self.worded = index, True


def prepare(summaries: list[EntrySummary], catalogue: Catalogue,
            texts: dict[str, str] | None = None) -> Timeline:
    """Wrap summaries for filtering, with the whole texts by entry id when given."""
    names = {vid: value.name for vid, value in catalogue.values.items()}
    timeline = Timeline(Searchable(s, names, (texts or {}).get(s.id)) for s in summaries)
    if texts is not None:
        timeline.worded = True
        _ = timeline.text_index  # built here, off the UI thread, so the first keystroke is quick
    return timeline


def matches(item: Searchable, f: EntryFilter, terms: list[str]) -> bool:
    """The filter on an item the timeline holds; `terms` are `f.terms`, folded once."""
    s = item.summary
    if f.ids:
        if s.id in f.ids:
            return True  # picked by hand
        if not (f.narrows or terms):
            return False  # nothing but the picked ones
    if terms:
        folded = item.folded
        if not all(t in folded for t in terms):
            return False
    for vid, mark in f.marks():
        if vid not in s.marks or (mark is not None and s.marks[vid] != mark):
            return False
    for bid, answer in f.answers():
        if bid not in s.checks or (answer and s.checks[bid] != answer):
            return False
    if f.kinds and s.kind not in f.kinds:
        return False
    if f.flagged and not s.flagged:
        return False
    if f.since is not None or f.until is not None:
        day = s.when.date()
        if (f.since and day < f.since) or (f.until and day > f.until):
            return False
    return f.include_deleted or not s.deleted


def select(items: list[Searchable], f: EntryFilter) -> list[Searchable]:
    """The items that pass the filter, in their existing (newest first) order."""
    if not f.active:
        return items
    terms = f.terms
    if terms and isinstance(items, Timeline) and not f.ids:
        # the longest word through the index; the rest of the filter on what it found
        longest = max(terms, key=len)
        rest = [t for t in terms if t != longest]
        return [item for item in (items[i] for i in items.text_index.holding(longest))
                if matches(item, f, rest)]
    return [item for item in items if matches(item, f, terms)]


def apply(items: list[Searchable], f: EntryFilter) -> list[EntrySummary]:
    return [i.summary for i in select(items, f)]


class Narrower:
    """Re-filters as the writer types: when the new filter only adds to the words of the last
    one, only the last result can match, so it is filtered instead of the whole journal."""

    def __init__(self) -> None:
        self._last: tuple[EntryFilter, list[Searchable], int] | None = None

    def select(self, items: list[Searchable], f: EntryFilter) -> list[Searchable]:
        if isinstance(items, Timeline):
            return select(items, f)  # the index is quicker than any narrowing
        pool = items
        if self._last is not None:
            last, result, source = self._last
            same_rest = replace(last, text="") == replace(f, text="")
            if source == id(items) and same_rest and f.text.startswith(last.text):
                pool = result
        chosen = select(pool, f)
        self._last = (replace(f), chosen, id(items))
        return chosen


def on_this_day(summaries: list[EntrySummary], today: date) -> list[EntrySummary]:
    """Entries written on this calendar day in earlier years, newest first."""
    return [s for s in summaries
            if s.when.month == today.month and s.when.day == today.day
            and s.when.year < today.year]
