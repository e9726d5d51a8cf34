"""What to select from the journal (`EntryFilter`) and its test on a head's metadata.

Matching runs over the head index's metadata, before any entry is built, so filtering 20,000
entries decodes only the JSON of those the cheap checks cannot rule out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from journal.storage.heads import Head


@dataclass
class EntryFilter:
    """What to select. Empty fields select everything."""

    since: date | None = None
    until: date | None = None
    values: list[str] = field(default_factory=list)
    behaviours: list[str] = field(default_factory=list)  # "id" (answered) or "id:yes|no|n/a"
    kinds: list[str] = field(default_factory=list)
    flagged: bool = False
    include_deleted: bool = False
    limit: int | None = None


class _MetaMatcher:
    """EntryFilter as a predicate over an entry's metadata dict (no objects built)."""

    def __init__(self, f: EntryFilter) -> None:
        self.f = f
        self.since = f.since.isoformat() if f.since else None
        self.until = f.until.isoformat() if f.until else None
        self.behaviours: list[tuple[str, str | None]] = []
        for spec in f.behaviours:
            bid, _, answer = spec.partition(":")
            self.behaviours.append((bid, answer or None))
        self.trivial = not (self.since or self.until or f.kinds or f.flagged or f.values
                            or f.behaviours)
        self.tokens = [f'"{i}":"'.encode() for i in [*f.values, *(b for b, _ in self.behaviours)]]

    def __call__(self, head: Head) -> bool:
        f = self.f
        day = head.when[:10]  # the date in the writer's zone when they wrote it
        if self.since and day < self.since:
            return False
        if self.until and day > self.until:
            return False
        if not (f.kinds or f.flagged or f.values or self.behaviours):
            return True
        text = head.meta_json
        # Cheap certain "no"s on the JSON text before decoding it: a marked value or an answered
        # behaviour always appears as "id":"...
        for token in self.tokens:
            if token not in text:
                return False
        meta = head.meta
        if f.kinds and meta.get("kind") not in f.kinds:
            return False
        if f.flagged and not meta.get("flagged"):
            return False
        marks = meta.get("marks", {})
        if f.values and not all(v in marks for v in f.values):
            return False
        checks = meta.get("checks", {})
        for bid, answer in self.behaviours:
            if bid not in checks or (answer and checks[bid] != answer):
                return False
        return True
