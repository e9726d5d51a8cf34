"""In-memory search over decrypted entries: nothing is indexed on disk, so nothing leaks there.

Every word of the query must appear (in the title, text, tags, question or actions), ignoring
case and accents. Results keep the entries' order and carry a short snippet around the first hit.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from journal.model import Entry


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


def _haystack(entry: Entry) -> str:
    parts = [entry.title, entry.body, entry.question, " ".join(entry.tags)]
    parts.extend(a.text for a in entry.actions)
    return "\n".join(parts)


def snippet(text: str, term: str, width: int = 80) -> str:
    """About `width` characters of `text` around the first place `term` appears, on one line."""
    flat = " ".join(text.split())
    at = fold(flat).find(term) if term else -1
    if at < 0:
        return flat[:width] + ("…" if len(flat) > width else "")
    start = max(at - width // 3, 0)
    end = min(start + width, len(flat))
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")


def search(entries: list[Entry], query: str) -> list[SearchHit]:
    terms = [fold(t) for t in query.split()]
    if not terms:
        return []
    hits = []
    for entry in entries:
        folded = fold(_haystack(entry))
        if all(t in folded for t in terms):
            body_or_title = entry.body if terms[0] in fold(entry.body) else entry.title
            hits.append(SearchHit(entry, snippet(body_or_title, terms[0])))
    return hits
