"""What every importer shares: the one-line error, duplicates, batches, progress and the summary.

An importer only turns its source into entries (`Found`: an entry, with `source` set, and where
it came from, for errors). `check` and `write` do the rest, the same way for every source, in two
passes over the source so that memory stays flat however large it is:

1. `check`: read everything, validate every entry and count duplicates, keeping nothing but the
   source keys seen. A bad entry stops the import here, before anything is written, with a line
   naming the file and the entry. `--dry-run` stops after this pass.
2. `write`: read again and add the new entries in batches (one transaction each). Interrupted,
   the batches written stay, and running the import again skips them as duplicates.

Duplicates are recognised by `Entry.source`: an id the source gives (Day One's uuid) or a
fingerprint of the entry's date and text (jrnl, Markdown), kept with every imported entry.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from journal.domain.framework import Framework
from journal.domain.model import Entry, EntryError, Mark
from journal.errors import JournalError

#: Entries per transaction: few large batches beat many small ones (each transaction is a
#: disk sync and a new chunk of the ledger's ids); 5,000 long entries are some tens of MB in
#: memory.
BATCH = 5000
#: Entries between two reports to the progress bar.
EVERY = 1000


class ImportProblem(JournalError, ValueError):
    """The source cannot be imported; the message names the file (and entry) and what to do."""


@dataclass
class Found:
    """One entry read from a source, and where: `notes.json: entry 12`, or a file's path."""

    where: str
    entry: Entry


#: An importer: a fresh pass over its source each call, noting what it could not keep in the
#: counter (a short phrase -> how many entries lost it).
Reader = Callable[[Counter[str]], Iterator[Found]]

#: Told how far a pass has got: (done, total), total 0 while it is not known.
Progress = Callable[[int, int], None]


@dataclass
class Summary:
    """What an import did (or, dry, would do)."""

    imported: int = 0
    duplicates: int = 0  # in the journal already
    repeated: int = 0  # twice or more in the source itself
    total: int = 0  # entries read
    notes: Counter[str] = field(default_factory=Counter)
    dry_run: bool = False

    def lines(self, source: Path) -> list[str]:
        """The summary a person reads: counts first, then every kind of loss."""
        verb = "Would import" if self.dry_run else "Imported"
        word = "entry" if self.imported == 1 else "entries"
        skipped = "".join(f" ({n} {why}, skipped)" for n, why in (
            (self.duplicates, "already imported"), (self.repeated, "repeated in the source"))
            if n)
        out = [f"{verb} {self.imported} {word} from {source}{skipped}."]
        out += [f"  {what}: {count}" for what, count in sorted(self.notes.items())]
        if self.dry_run:
            out.append("Nothing was written (--dry-run).")
        return out


def fingerprint(prefix: str, *parts: object) -> str:
    """A source key from an entry's own content: the same date and text, the same key."""
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    # surrogatepass: the same bytes for any real text, and no crash on a lone surrogate
    return f"{prefix}:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def is_text(text: str) -> bool:
    """False for a string JSON's `\\ud800` escapes left holding a lone surrogate."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def marks_and_tags(raw: list[str], framework: Framework) -> tuple[dict[str, Mark], list[str]]:
    """A source's tags: those naming a value of the active framework (`@hope`, `#Hope`) become
    that value's mark (tagged); the rest stay tags, once each, without the `@` or `#`."""
    value_ids = set(framework.value_ids)
    marks: dict[str, Mark] = {}
    tags: list[str] = []
    for tag in raw:
        name = tag.lstrip("@#").strip()
        if not name:
            continue
        if name.lower() in value_ids:
            marks[name.lower()] = Mark.TAGGED
        elif name not in tags:
            tags.append(name)
    return marks, tags


def _checked(found: Found) -> Entry:
    try:
        found.entry.validate()
    except EntryError as exc:
        raise ImportProblem(f"{found.where}: {exc}; fix it or remove it") from None
    return found.entry


def check(read: Reader, existing: set[str], report: Progress | None = None,
          every: int = EVERY) -> Summary:
    """The first pass: validate every entry `read` gives and count the new ones and the
    duplicates (`existing` holds the sources already in the journal). Writes nothing."""
    summary = Summary()
    seen: set[str] = set()
    done = 0
    for done, found in enumerate(read(summary.notes), start=1):
        entry = _checked(found)
        if entry.source in existing:
            summary.duplicates += 1
        elif entry.source in seen:
            summary.repeated += 1
        else:
            seen.add(entry.source)
            summary.imported += 1
        if report and done % every == 0:
            report(done, 0)
    summary.total = done
    if report:
        report(done, done)
    return summary


def write(read: Reader, existing: set[str], add: Callable[[list[Entry]], object],
          total: int, report: Progress | None = None, batch: int = BATCH) -> None:
    """The second pass: add the entries that are new, `batch` to a transaction."""
    seen: set[str] = set()
    pending: list[Entry] = []
    done = 0
    for done, found in enumerate(read(Counter()), start=1):
        entry = found.entry
        if entry.source not in existing and entry.source not in seen:
            seen.add(entry.source)
            pending.append(entry)
        if len(pending) >= batch:
            add(pending)
            pending = []
        if report and done % EVERY == 0:
            report(done, total)
    if pending:
        add(pending)
    if report:
        report(done, total)
