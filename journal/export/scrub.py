"""Find what could identify the people the writer supports, before anything leaves the journal.

`find(text, people)` returns every finding (its kind, the text, where it is and what would
replace it); `apply(text, findings, keep)` writes the scrubbed text. Nothing is replaced behind
the writer's back: the app and `journal export --dry-run` show every finding first, and a
finding is replaced unless the writer keeps it. When two findings overlap, the more certain one
wins (an e-mail address over a name inside it; a checked NHS number over a phone number).

What is found:
- names and aliases from the writer's people list: whole words, any case, possessives ("Sam's"
  becomes "P3's"), replaced by that person's pseudonym, the same in every export;
- NHS numbers (10 digits, alone or spaced 3-3-4, valid mod-11 check digit) and CHI numbers
  (a DDMMYY date then four digits, passing the mod-11 or mod-10 check); any other run of 10
  digits is still found, for review;
- UK postcodes (with or without the space), dates of birth (full dates next to "born", "DOB",
  "birthday", or with a year at least 16 years ago), phone numbers (the `phonenumbers`
  library, UK by default), e-mail addresses and URLs (also inside Markdown links);
- capitalised words that look like names but are not on the list: "maybe a name".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass
from datetime import date

import phonenumbers

from journal.domain.people import Person

NAME = "name"
MAYBE_NAME = "maybe-name"
NHS = "nhs-number"
CHI = "chi-number"
TEN_DIGITS = "ten-digits"
POSTCODE = "postcode"
DATE_OF_BIRTH = "date-of-birth"
PHONE = "phone"
EMAIL = "email"
URL = "url"

LABELS = {
    NAME: "name on your people list", MAYBE_NAME: "maybe a name", NHS: "NHS number",
    CHI: "CHI number", TEN_DIGITS: "10-digit number", POSTCODE: "postcode",
    DATE_OF_BIRTH: "date of birth", PHONE: "phone number", EMAIL: "e-mail address", URL: "link",
}
REPLACEMENTS = {
    MAYBE_NAME: "[name]", NHS: "[NHS number]", CHI: "[CHI number]", TEN_DIGITS: "[number]",
    POSTCODE: "[postcode]", DATE_OF_BIRTH: "[date of birth]", PHONE: "[phone number]",
    EMAIL: "[e-mail]", URL: "[link]",
}
#: When findings overlap, the earlier kind in this list wins.
PRIORITY = [EMAIL, URL, NAME, NHS, CHI, TEN_DIGITS, DATE_OF_BIRTH, PHONE, POSTCODE, MAYBE_NAME]
MIN_PHONE_DIGITS = 6


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    start: int
    end: int
    replacement: str

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    @property
    def key(self) -> tuple[str, str]:
        """Findings "like this one": same kind, same text in any case ("replace all like
        this", and `--keep TEXT`)."""
        return self.kind, self.text.casefold()

    def context(self, text: str, width: int = 30) -> tuple[str, str, str]:
        """(before, the finding, after), each on one line, for review; the space next to the
        finding is kept, so the three read as written when put together."""
        raw_before = text[max(0, self.start - width):self.start]
        raw_after = text[self.end:self.end + width]
        before = " ".join(raw_before.split()) + (" " if raw_before[-1:].isspace() else "")
        after = (" " if raw_after[:1].isspace() else "") + " ".join(raw_after.split())
        return before.lstrip(), self.text, after.rstrip()


# -- numbers ------------------------------------------------------------------------------------


def mod11_ok(digits: str) -> bool:
    """The NHS (and CHI) check: weights 10 to 2 on the first nine digits."""
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def mod10_ok(digits: str) -> bool:
    """The Luhn check, which some CHI ranges use."""
    total = 0
    for n, d in enumerate(reversed(digits)):
        value = int(d) * (2 if n % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _ddmmyy(digits: str) -> bool:
    day, month, year = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    for century in (1900, 2000):
        try:
            date(century + year, month, day)
            return True
        except ValueError:
            continue
    return False


TEN = re.compile(r"(?<![\d.,])(?:\d{3} \d{3} \d{4}|\d{3}-\d{3}-\d{4}|\d{10})(?![\d])")


def _numbers(text: str) -> Iterable[Finding]:
    for m in TEN.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if _ddmmyy(digits) and (mod11_ok(digits) or mod10_ok(digits)):
            kind = CHI
        elif mod11_ok(digits):
            kind = NHS
        else:
            kind = TEN_DIGITS
        yield Finding(kind, m.group(), m.start(), m.end(), REPLACEMENTS[kind])


# -- places, dates, contacts --------------------------------------------------------------------

POSTCODE_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})"
    r"(?![A-Za-z0-9])", re.IGNORECASE)
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+", re.IGNORECASE)
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_RE = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?P<d1>\d{1,2})[/.-](?P<m1>\d{1,2})[/.-](?P<y1>\d{4}|\d{2})"
    r"|(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})"
    rf"|(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?(?: of)? (?P<m3>{_MONTH}),? (?P<y3>\d{{4}})"
    rf"|(?P<m4>{_MONTH}) (?P<d4>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y4>\d{{4}})"
    r")(?![\w/])", re.IGNORECASE)
BIRTH_WORDS = re.compile(r"\b(?:born|birth|birthday|dob|d\.o\.b\.?|age[ds]?)\b", re.IGNORECASE)
ADULT_YEARS = 16


def _month(text: str) -> int:
    if text.isdigit():
        return int(text)
    word = text.lower().rstrip(".")
    return next(n for n, name in enumerate(MONTHS, 1) if name.startswith(word[:3]))


def _dates_of_birth(text: str, today: date) -> Iterable[Finding]:
    for m in DATE_RE.finditer(text):
        groups = m.groupdict()
        n = next(i for i in "1234" if groups[f"y{i}"])
        year = int(groups[f"y{n}"])
        if year < 100:
            year += 1900 if year > today.year % 100 else 2000
        try:
            when = date(year, _month(groups[f"m{n}"]), int(groups[f"d{n}"]))
        except (ValueError, StopIteration):
            continue
        near = text[max(0, m.start() - 25):m.start()]
        if BIRTH_WORDS.search(near) or when.year <= today.year - ADULT_YEARS:
            yield Finding(DATE_OF_BIRTH, m.group(), m.start(), m.end(),
                          REPLACEMENTS[DATE_OF_BIRTH])


#: Stretches of text that could hold a phone number: the library only looks at these, so prose
#: without digits costs a regular-expression scan, not a parse per word.
DIALLABLE = re.compile(r"[+(]?\d[\d \t().+-]{4,}\d(?:\s*(?:ext|x)\.?\s*\d+)?", re.IGNORECASE)


def _phones(text: str, region: str) -> Iterable[Finding]:
    """Every number that could be dialled (POSSIBLE, not VALID: a number in a range the library
    does not know is still someone's number), except dates the library mistakes for one."""
    for stretch in DIALLABLE.finditer(text):
        start = max(0, stretch.start() - 1)
        part = text[start:stretch.end() + 1]
        for match in phonenumbers.PhoneNumberMatcher(part, region,
                                                     leniency=phonenumbers.Leniency.POSSIBLE):
            raw = match.raw_string
            if DATE_RE.fullmatch(raw) or sum(c.isdigit() for c in raw) < MIN_PHONE_DIGITS:
                continue
            yield Finding(PHONE, raw, start + match.start, start + match.end,
                          REPLACEMENTS[PHONE])


def _contacts(text: str) -> Iterable[Finding]:
    for m in EMAIL_RE.finditer(text):
        yield Finding(EMAIL, m.group(), m.start(), m.end(), REPLACEMENTS[EMAIL])
    for m in URL_RE.finditer(text):
        url = m.group().rstrip(".,;:!?'\"")
        yield Finding(URL, url, m.start(), m.start() + len(url), REPLACEMENTS[URL])


def _postcodes(text: str) -> Iterable[Finding]:
    for m in POSTCODE_RE.finditer(text):
        yield Finding(POSTCODE, m.group(), m.start(), m.end(), REPLACEMENTS[POSTCODE])


# -- names --------------------------------------------------------------------------------------


def _name_pattern(name: str) -> str:
    return r"\s+".join(re.escape(part) for part in name.split())


@functools.lru_cache(maxsize=4)
def _known_words(people: tuple[Person, ...]) -> frozenset[str]:
    """Every word of every name on the list, so "maybe a name" skips them."""
    return frozenset(part.casefold() for p in people for s in (p.name, *p.aliases)
                     for part in s.split())


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
    by_name = {" ".join(s.casefold().split()): p for s, p in spellings}
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(_name_pattern(s) for s, _ in spellings)
                         + r")(?!\w)", re.IGNORECASE)
    return pattern, by_name


def _people(text: str, people: Sequence[Person]) -> Iterable[Finding]:
    matcher = _people_matcher(tuple(people))
    if matcher is None:
        return
    pattern, by_name = matcher
    for m in pattern.finditer(text):
        pseudonym = by_name[" ".join(m.group().casefold().split())]
        yield Finding(NAME, m.group(), m.start(), m.end(), pseudonym)


CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?(?![\w'’-])")
SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*(?:[-*+>#]+\s*|\d+[.)]\s*)?|[\"“]\s*)$")
#: Capitalised words that are not names: calendar words, pronouns, services and words of the
#: work that the writer will use often. A short list on purpose: a false "maybe" costs one key.
_NOT_NAMES_TEXT = """
I I'm I've I'd I'll Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
March April May June July August September October November December Christmas Easter Mr Mrs
Ms Miss Dr NHS GP A&E Recovery College Peer Peers Team Self Hope Experience Authenticity
Responsibility Mutuality Empowerment What So Now Why How When Where Who Which Did Do Does
English Scottish Scotland England Wales Welsh British Samaritans Breathing Space Mind
"""
NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())


def _maybe_names(text: str, known: Set[str]) -> Iterable[Finding]:
    for m in CAPITALISED.finditer(text):
        word = m.group()
        if word in NOT_NAMES or word.casefold() in known or re.fullmatch(r"P\d+", word):
            continue
        if SENTENCE_START.search(text[max(0, m.start() - 6):m.start()]):
            continue
        yield Finding(MAYBE_NAME, word, m.start(), m.end(), REPLACEMENTS[MAYBE_NAME])


# -- all together -------------------------------------------------------------------------------


def find(text: str, people: Sequence[Person] = (), *, region: str = "GB",
         today: date | None = None) -> list[Finding]:
    """Every finding in `text`, in order, none overlapping another."""
    today = today or date.today()
    known = _known_words(tuple(people))
    candidates = [
        *_contacts(text), *_people(text, people), *_numbers(text), *_phones(text, region),
        *_postcodes(text), *_dates_of_birth(text, today), *_maybe_names(text, known),
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
    """`--keep TEXT`: keep every finding with this text, in any case."""
    wanted = {t.casefold() for t in texts}
    return lambda f: f.text.casefold() in wanted
