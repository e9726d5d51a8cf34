"""A supervision pack: chosen entries, scrubbed, with an agenda and the trends behind it.

select -> scrub -> (render, in render.py) -> (seal). Everything here is plain Python over a
`JournalStore`: no UI. The pack holds only scrubbed text; the findings say what was replaced
or kept, and where, so the writer can review them before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from journal.domain import trends
from journal.domain.filter import EntryFilter
from journal.domain.framework import Catalogue, Framework
from journal.domain.model import Entry, Kind
from journal.domain.people import Person
from journal.export import scrub
from journal.storage.store import JournalStore

FUNCTIONS = {
    "normative": "Normative: practice and values",
    "formative": "Formative: learning",
    "restorative": "Restorative: wellbeing and support",
}


def select(store: JournalStore, chosen_by: EntryFilter) -> list[Entry]:
    """The chosen entries, oldest first (the order a supervisor reads them in): what the
    filter's conditions match, plus the entries it picks by hand (`ids`, any unique prefix)."""
    chosen: dict[str, Entry] = {}
    if chosen_by.narrows or not chosen_by.ids:
        for entry in store.query(replace(chosen_by, ids=[])):
            chosen[entry.id] = entry
    for entry_id in chosen_by.ids:
        entry = store.get(entry_id)
        chosen[entry.id] = entry
    return sorted(chosen.values(), key=lambda e: e.when)


@dataclass
class Place:
    """Where a finding is: which entry, which field."""

    entry_id: str
    field: str  # "title", "body", "question", "action", "need"


@dataclass
class Review:
    """Every finding with its place, and the writer's decisions: each finding is replaced
    unless kept. Decisions are by position in `findings`, so two identical names in two entries
    can be decided apart; the "like this" forms act on every finding with the same key."""

    findings: list[tuple[Place, scrub.Finding, str]]  # (place, finding, the field's text)
    kept: set[int] = field(default_factory=set)  # indices into findings

    def is_kept(self, index: int) -> bool:
        return index in self.kept

    def keep(self, index: int) -> None:
        self.kept.add(index)

    def replace(self, index: int) -> None:
        self.kept.discard(index)

    def like(self, index: int) -> list[int]:
        """Every finding like the one at `index` (same kind, same text in any case)."""
        key = self.findings[index][1].key
        return [i for i, (_, f, _) in enumerate(self.findings) if f.key == key]

    def replace_all_like(self, index: int) -> int:
        like = self.like(index)
        self.kept.difference_update(like)
        return len(like)

    def keep_all_like(self, index: int) -> int:
        like = self.like(index)
        self.kept.update(like)
        return len(like)

    def keep_matching(self, wanted: Callable[[scrub.Finding], bool]) -> None:
        """Keep every finding `wanted` says to (`--keep TEXT`)."""
        self.kept.update(i for i, (_, f, _) in enumerate(self.findings) if wanted(f))

    @property
    def replaced_count(self) -> int:
        return len(self.findings) - self.kept_count

    @property
    def kept_count(self) -> int:
        return len(self.kept)


@dataclass
class PackEntry:
    id: str
    when: str
    kind: str
    title: str
    marks: list[tuple[str, str]]  # (value name, lived|challenging|tagged)
    checks: list[tuple[str, str, str]]  # (area, behaviour text, yes|no|n/a)
    body: str
    question: str
    flagged: bool
    actions: list[tuple[str, bool]]
    checkin: dict[str, Any] | None


@dataclass(frozen=True)
class ReplyTo:
    """The way back, in a sealed pack only: the pack's id, a secret only its reader sees (a
    reply must quote both), and the writer's age public key to seal the reply to."""

    pack_id: str  # 16 hex characters
    secret: str  # 32 hex characters
    recipient: str  # age1…


@dataclass
class Pack:
    start: date
    end: date
    framework: str
    agenda: dict[str, list[str]]
    open_actions: list[str]
    challenging_values: list[str]
    rising: list[str]
    falling: list[str]
    trends_note: str
    entries: list[PackEntry]
    include_wellbeing: bool
    replaced: int
    kept: int
    hard: list[tuple[str, str]] = field(default_factory=list)  # most challenging: (id, name)
    reply: ReplyTo | None = None


def _texts(entry: Entry, include_wellbeing: bool) -> list[tuple[str, str]]:
    out = [("title", entry.title), ("body", entry.body), ("question", entry.question)]
    out += [("action", a.text) for a in entry.actions]
    if include_wellbeing and entry.checkin is not None and entry.checkin.need:
        out.append(("need", entry.checkin.need))
    return [(name, text) for name, text in out if text]


def review(entries: list[Entry], people: list[Person], include_wellbeing: bool = False,
           today: date | None = None, allow: frozenset[str] = frozenset(),
           progress: Callable[[int, int], None] | None = None) -> Review:
    """Find everything that could identify someone, in every field that will be exported;
    `allow` holds words that are not names (`scrub.allow_words`). `progress` is told
    (entries done, entries) every 20 entries: a large pack takes seconds."""
    findings = []
    for done, entry in enumerate(entries, 1):
        for name, text in _texts(entry, include_wellbeing):
            for finding in scrub.find(text, people, today=today, allow=allow):
                findings.append((Place(entry.id, name), finding, text))
        if progress is not None and (done % 20 == 0 or done == len(entries)):
            progress(done, len(entries))
    return Review(findings)


def _scrubbed(text: str, entry_id: str, name: str, rev: Review,
              where: dict[tuple[str, str, str], list[int]]) -> str:
    replaced = [rev.findings[i][1] for i in where.get((entry_id, name, text), [])
                if not rev.is_kept(i)]
    return scrub.apply(text, replaced)


def _by_field(rev: Review) -> dict[tuple[str, str, str], list[int]]:
    """Finding indices per (entry, field, text): looked up once per field, not searched for
    (a pack of 200 long entries has thousands of findings)."""
    where: dict[tuple[str, str, str], list[int]] = {}
    for i, (place, _, source) in enumerate(rev.findings):
        where.setdefault((place.entry_id, place.field, source), []).append(i)
    return where


def build(store: JournalStore, entries: list[Entry], rev: Review, framework: Framework,
          catalogue: Catalogue, include_wellbeing: bool = False,
          today: date | None = None, reply: ReplyTo | None = None) -> Pack:
    """The pack, from scrubbed text only; `reply` (sealed packs) ends it with a reply
    template."""
    today = today or date.today()
    start = min((e.when.date() for e in entries), default=today)
    end = max((e.when.date() for e in entries), default=today)

    where = _by_field(rev)

    def clean(entry: Entry, name: str, text: str) -> str:
        return _scrubbed(text, entry.id, name, rev, where) if text else ""

    agenda: dict[str, list[str]] = {key: [] for key in FUNCTIONS}
    open_actions: list[str] = []
    pack_entries = []
    for e in entries:
        question = clean(e, "question", e.question)
        if e.flagged:
            label = f"{e.when:%d %b}: " + (question or clean(e, "title", e.title) or "(flagged)")
            function = "formative" if e.kind in (Kind.LEARNING, Kind.SUPERVISION) \
                else "normative"
            agenda[function].append(label)
        for action in e.actions:
            if not action.done:
                open_actions.append(clean(e, "action", action.text))
        need = clean(e, "need", e.checkin.need) if include_wellbeing and e.checkin else ""
        if include_wellbeing and need:
            agenda["restorative"].append(f"{e.when:%d %b}: {need}")
        pack_entries.append(PackEntry(
            e.id, e.when.isoformat(), str(e.kind), clean(e, "title", e.title),
            [(catalogue.value_name(v), str(m)) for v, m in e.marks.items()],
            [(catalogue.behaviours[b].area if b in catalogue.behaviours else "other",
              catalogue.behaviour_text(b), str(a)) for b, a in e.checks.items()],
            clean(e, "body", e.body), question, e.flagged,
            [(clean(e, "action", a.text), a.done) for a in e.actions],
            ({"mood": e.checkin.mood, "energy": e.checkin.energy, "need": need}
             if include_wellbeing and e.checkin else None),
        ))
    # Trends over the period the pack covers: the most challenging values and the behaviours
    # rising and falling against the period of equal length before it.
    points = trends.Points.from_facts(store.entry_facts())
    period = trends.Period(f"{start}..{end}", start, end)
    names = trends.Names(framework, catalogue)
    hard = trends.most_challenging(points, start, end, names)
    change = trends.compare(points, period, names, max(today, end))
    values = [f"{c.label} (marked challenging in {c.count} of {c.out_of} entries)"
              for c in hard.values]
    rising = [f"{b.text} ({trends_percent(b.before.share)} to {trends_percent(b.now.share)})"
              for b in change.rising]
    falling = [f"{b.text} ({trends_percent(b.before.share)} to {trends_percent(b.now.share)})"
               for b in change.falling]
    note = "" if change.comparable else f"No change shown: {change.reason}."
    if not hard.enough:
        note = (note + " " if note else "") + \
            f"Most challenging: {trends.NOT_ENOUGH} ({trends.MINIMUM} needed)."
    if values:
        agenda["normative"].append("Values found hard: " + ", ".join(c.label for c in hard.values))
    return Pack(start, end, framework.name, agenda, open_actions, values, rising, falling, note,
                pack_entries, include_wellbeing, rev.replaced_count, rev.kept_count,
                [(c.id, c.label) for c in hard.values], reply)


def trends_percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f}%"
