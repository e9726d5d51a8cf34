"""Find what could identify the people the writer supports, before anything leaves the journal.

`find(text, people)` returns every finding (its kind, the text, where it is and what would
replace it); `apply(text, findings, keep)` writes the scrubbed text. Nothing is replaced behind
the writer's back: the app and `journal export --dry-run` show every finding first, and a
finding is replaced unless the writer keeps it. When two findings overlap, the more certain one
wins (an e-mail address over a name inside it; a checked NHS number over a phone number).

What is found (each part in its own module):
- names.py: names and other names from the writer's people list, however they are typed (any
  case, accents or none, either apostrophe, possessives: "Sam's" becomes "P3's"), replaced by
  that person's pseudonym, the same in every export; and words that may be a name: capitalised
  mid-sentence and not on the allowlist, or a given name at the start of a sentence;
- numbers.py: NHS numbers (10 digits, alone or spaced 3-3-4, valid mod-11 check digit), CHI
  numbers (a DDMMYY date then four digits, passing the mod-11 or mod-10 check), any other run
  of 10 digits (for review), and National Insurance numbers (with or without spaces);
- places.py: UK postcodes (with or without the space), street addresses (a house number and a
  street: "14 Maryhill Road"), dates of birth (full dates next to "born", "DOB", "birthday", or
  with a year at least 16 years ago), phone numbers (the `phonenumbers` library, UK by
  default), e-mail addresses, URLs (also inside Markdown links) and social media handles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date

from journal.domain.people import Person
from journal.export.scrub import names, numbers, places
from journal.export.scrub.finding import (
    ADDRESS,
    CHI,
    DATE_OF_BIRTH,
    EMAIL,
    HANDLE,
    LABELS,
    MAYBE_NAME,
    NAME,
    NHS,
    NI,
    PHONE,
    POSTCODE,
    PRIORITY,
    REPLACEMENTS,
    TEN_DIGITS,
    URL,
    Finding,
    fold,
    name_key,
)
from journal.export.scrub.names import allow_words
from journal.export.scrub.numbers import mod10_ok, mod11_ok

__all__ = [
    "ADDRESS", "CHI", "DATE_OF_BIRTH", "EMAIL", "HANDLE", "LABELS", "MAYBE_NAME", "NAME", "NHS",
    "NI", "PHONE", "POSTCODE", "PRIORITY", "REPLACEMENTS", "TEN_DIGITS", "URL", "Finding",
    "allow_words", "apply", "find", "fold", "keep_texts", "mod10_ok", "mod11_ok",
]


def find(text: str, people: Sequence[Person] = (), *, region: str = "GB",
         today: date | None = None, allow: frozenset[str] = frozenset()) -> list[Finding]:
    """Every finding in `text`, in order, none overlapping another. `allow` holds folded
    words that are not names (see `allow_words`), on top of the shipped allowlist."""
    today = today or date.today()
    folded = fold(text)
    candidates = [
        *places.contacts(text), *places.addresses(text), *names.listed(text, people, folded),
        *numbers.ten_digits(text), *numbers.national_insurance(text),
        *places.phones(text, region), *places.postcodes(text),
        *places.dates_of_birth(text, today), *names.maybe(text, allow, folded, people),
    ]
    rank = {kind: n for n, kind in enumerate(PRIORITY)}
    candidates.sort(key=lambda f: (rank[f.kind], f.start, -(f.end - f.start)))
    taken: list[Finding] = []
    for finding in candidates:
        if all(finding.end <= t.start or finding.start >= t.end for t in taken):
            taken.append(finding)
    return sorted(taken, key=lambda f: f.start)


def apply(text: str, findings: Iterable[Finding],
          keep: Callable[[Finding], bool] = lambda _f: False) -> str:
    """The text with every finding replaced, except those `keep` says to leave."""
    out, last = [], 0
    for f in sorted(findings, key=lambda f: f.start):
        if keep(f):
            continue
        out.append(text[last:f.start])
        out.append(f.replacement)
        last = f.end
    out.append(text[last:])
    return "".join(out)


def keep_texts(texts: Iterable[str]) -> Callable[[Finding], bool]:
    """`--keep TEXT`: keep every finding with this text, in any case, with or without accents
    and apostrophes."""
    wanted = {name_key(fold(t)) for t in texts}
    return lambda f: name_key(fold(f.text)) in wanted
