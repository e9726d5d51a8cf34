"""In-memory search over decrypted entries: nothing is indexed on disk, so nothing leaks there.

Every word of the query must appear (in the title, text, tags, question or actions), ignoring
case and accents. Results keep the entries' order and carry a short snippet around the first hit.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from journal.domain.model import Entry


@dataclass(frozen=True)
class SearchHit:
    entry: Entry
    snippet: str


def fold(text: str) -> str:
    """Lower-case and strip accents, so 'cafe' finds 'Café'. ASCII takes the fast path."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def snippet(text: str, term: str, width: int = 80) -> str:
    """About `width` characters of `text` around the first place `term` appears, on one line,
    starting and ending at word boundaries."""
    if len(text) > width * 40:  # look only near the first hit in a long text
        at = fold(text).find(term) if term else 0
        start = max(at - width * 2, 0) if at >= 0 else 0
        text = text[start : start + width * 4]
    flat = " ".join(text.split())
    folded = fold(flat)
    at = folded.find(term) if term and len(folded) == len(flat) else -1
    if at < 0:
        cut = flat[:width].rsplit(" ", 1)[0] if len(flat) > width else flat
        return cut + ("…" if len(flat) > width else "")
    start = max(at - width // 3, 0)
    if start:
        space = flat.find(" ", start)
        start = space + 1 if 0 <= space < at else start
    end = min(start + width, len(flat))
    if end < len(flat):
        space = flat.rfind(" ", at + len(term), end)
        end = space if space > at else end
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")


class Query:
    """A parsed search: the folded words that must all appear."""

    def __init__(self, text: str) -> None:
        self.terms = [fold(t) for t in text.split()]

    def _matches(self, parts: Iterable[str]) -> bool:
        if not self.terms:
            return False
        haystack = fold("\n".join(parts))
        return all(t in haystack for t in self.terms)

    def matches(self, entry: Entry) -> bool:
        return self._matches([entry.title, entry.body, entry.question, " ".join(entry.tags),
                              *(a.text for a in entry.actions)])

    def excludes_ascii(self, lowered: bytes) -> bool:
        """A certain "no" for an ASCII text holding every searchable field, lower-cased.

        A term missing from it is missing from the entry. (A term present may still sit in a
        field search ignores, so a "not excluded" needs the precise check.)
        """
        return not all(t.isascii() and t.encode("ascii") in lowered for t in self.terms)

    def matches_record(self, meta: dict[str, Any], body: str) -> bool:
        """The precise test on a stored record, before any Entry is built."""
        return self._matches([meta.get("title", ""), body, meta.get("question", ""),
                              " ".join(meta.get("tags", ())),
                              *(a.get("text", "") for a in meta.get("actions", ()))])

    def snippet_for(self, entry: Entry) -> str:
        first = self.terms[0] if self.terms else ""
        source = entry.body if first and first in fold(entry.body) else entry.title
        return snippet(source, first)


def search(entries: Iterable[Entry], text: str) -> list[SearchHit]:
    """Entries (already decrypted, as the app holds them) containing every word of `text`."""
    query = Query(text)
    return [SearchHit(e, query.snippet_for(e)) for e in entries if query.matches(e)]
