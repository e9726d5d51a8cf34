"""Names: those on the writer's people list, and words that may be someone's name.

Listed names are matched the way people type them, not the way they were saved: any case, with
or without accents ("Siobhan" for "Siobhán"), with a straight or typographic apostrophe, a
space or none ("O’Neill", "O Neill", "ONeill"), a hyphen or a space ("Mary Kate"). Matching
runs on a folded copy of the text that has exactly one character for each of the original's,
so every finding points at the text as written.

Unlisted names are guessed. Mid-sentence, a capitalised word is "maybe a name" unless it is on
the allowlist (`data/not-names.txt`, plus the words the session adds: the framework's, the
templates', the Support screen's, the writer's own "not a name" words). At the start of a
sentence capitalisation says nothing, so there a word is a "maybe" only if it is a given name
(the US 1990 census list plus a list of names common in the UK, `data/`), and not one that is
far more often an ordinary word ("Will you…").
"""

from __future__ import annotations

import functools
import gzip
import re
from collections.abc import Iterable, Sequence, Set
from importlib import resources

from journal.domain.people import Person
from journal.export.scrub.finding import MAYBE_NAME, NAME, REPLACEMENTS, Finding, fold, name_key


def _spelling_pattern(spelling: str) -> str:
    parts = []
    for part in fold(spelling).split():
        pattern = ""
        for char in part:
            if char == "'":
                pattern += r"(?:'|\s)?"  # O'Neill, ONeill, O Neill
            elif char == "-":
                pattern += r"[-\s]"
            else:
                pattern += re.escape(char)
        parts.append(pattern)
    return r"\s+".join(parts)


@functools.lru_cache(maxsize=4)
def _people_matcher(people: tuple[Person, ...]) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """One pattern for every name and other name on the list (longest first), built once per
    list: an export scrubs hundreds of fields against the same people."""
    spellings = sorted(
        ((spelling.strip(), person.pseudonym) for person in people
         for spelling in (person.name, *person.aliases) if spelling.strip()),
        key=lambda pair: -len(pair[0]))
    if not spellings:
        return None
    by_name = {name_key(fold(s)): p for s, p in spellings}
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(_spelling_pattern(s) for s, _ in spellings)
                         + r")(?!\w)")
    return pattern, by_name


def listed(text: str, people: Sequence[Person], folded: str | None = None) -> Iterable[Finding]:
    """Every name and other name from the people list, as written, with its pseudonym."""
    matcher = _people_matcher(tuple(people))
    if matcher is None:
        return
    pattern, by_name = matcher
    for m in pattern.finditer(fold(text) if folded is None else folded):
        pseudonym = by_name[name_key(m.group())]
        yield Finding(NAME, text[m.start():m.end()], m.start(), m.end(), pseudonym)


# -- unlisted names -----------------------------------------------------------------------------


def _data(name: str) -> str:
    raw = (resources.files("journal.export.scrub") / "data" / name).read_bytes()
    return (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8")


def _words(text: str) -> Iterable[str]:
    for line in text.splitlines():
        yield from line.split("#", 1)[0].split()


@functools.cache
def given_names() -> frozenset[str]:
    """Given names, folded: the 1990 US census list and names common in the UK."""
    return frozenset(fold(w) for name in ("us-census-1990-given-names.txt.gz",
                                          "uk-given-names.txt") for w in _words(_data(name)))


@functools.cache
def _common_given_names() -> frozenset[str]:
    return frozenset(fold(w) for w in _words(_data("common-given-names.txt")))


@functools.cache
def not_names() -> frozenset[str]:
    """The shipped allowlist, folded."""
    return frozenset(fold(w) for w in _words(_data("not-names.txt")))


WORD = re.compile(r"(?<![\w'’@#/.-])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w@])")
POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
PSEUDONYM = re.compile(r"P\d+")
SENTENCE_START = re.compile(
    r"(?:^|[.!?:;…][\"”’')]*\s+|\n\s*(?:[-*+>#]+\s*|\d+[.)]\s*)?|[\"“‘(]\s*)$")


def allow_words(texts: Iterable[str]) -> frozenset[str]:
    """The words of `texts` (a framework's value names, a service's name…), folded, to pass
    to `find` as words that are not names."""
    return frozenset(fold(POSSESSIVE.sub("", m.group())) for text in texts
                     for m in WORD.finditer(text))


@functools.lru_cache(maxsize=8)
def _allowed(extra: frozenset[str]) -> frozenset[str]:
    return not_names() | extra


def _is_allowed(word: str, allowed: Set[str]) -> bool:
    return word in allowed or (word.endswith("s") and word[:-1] in allowed)


@functools.lru_cache(maxsize=4)
def listed_words(people: tuple[Person, ...]) -> frozenset[str]:
    """Every word of every name on the list, folded: alone ("Okafor rang") it is a maybe,
    even where capitalisation says nothing."""
    return frozenset(fold(word) for p in people for s in (p.name, *p.aliases)
                     for word in s.split())


def maybe(text: str, allow: frozenset[str] = frozenset(), folded: str | None = None,
          people: Sequence[Person] = ()) -> Iterable[Finding]:
    """Capitalised words that could be names and are not on the people list."""
    allowed = _allowed(allow)
    folded = fold(text) if folded is None else folded
    given, common = given_names(), _common_given_names()
    known = listed_words(tuple(people))
    for m in WORD.finditer(text):
        word = POSSESSIVE.sub("", m.group())
        if not word[0].isupper() or not any(c.islower() for c in word):
            continue
        key = folded[m.start():m.start() + len(word)]
        if _is_allowed(key, allowed) or PSEUDONYM.fullmatch(word):
            continue
        if SENTENCE_START.search(text[max(0, m.start() - 8):m.start()]) \
                and key not in known \
                and (key.split("-")[0] not in given or key in common):
            continue
        yield Finding(MAYBE_NAME, word, m.start(), m.start() + len(word),
                      REPLACEMENTS[MAYBE_NAME])
