"""Where someone lives and how to reach them: postcodes, street addresses, dates of birth,
phone numbers (the `phonenumbers` library), e-mail addresses, links and social media handles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import phonenumbers

from journal.export.scrub.finding import (
    ADDRESS,
    DATE_OF_BIRTH,
    EMAIL,
    HANDLE,
    PHONE,
    POSTCODE,
    REPLACEMENTS,
    URL,
    Finding,
)

MIN_PHONE_DIGITS = 6
POSTCODE_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})"
    r"(?![A-Za-z0-9])", re.IGNORECASE)
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+", re.IGNORECASE)
#: "@morag_c", "@Sam.Okafor": an @ that does not follow a word (so not an e-mail address), then
#: what Instagram, TikTok and X allow, with at least one letter.
HANDLE_RE = re.compile(r"(?<![\w@.])@(?=[\w.]*[A-Za-z])[A-Za-z0-9_](?:[\w.]{0,28}\w)?(?![\w@])")
STREET_WORDS = ("Road|Rd|Street|St|Avenue|Ave|Drive|Dr|Lane|Ln|Crescent|Cres|Place|Pl|Terrace|"
                "Terr|Court|Ct|Gardens|Gdns|Way|Close|Square|Sq|Grove|Park|Walk|Row|Wynd|Brae|"
                "Mews|Rise|Parade|Quay|View|Hill|Green|Gate|Loan|Vennel|Boulevard|Circus|Loaning")
#: A house number (a Glasgow flat "2/1," before it, a letter after it), then one to three
#: capitalised words and a street word: "14 Maryhill Road", "2/1, 7a St Vincent Crescent".
ADDRESS_RE = re.compile(
    r"(?<![\w/.,])(?:\d{1,3}/\d{1,2},?\s+)?\d{1,4}[A-Za-z]?,?[ \t]+"
    r"(?:[A-Z][\w'’-]*[ \t]+){1,3}"
    rf"(?:{STREET_WORDS})(?![\w'’-])")
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


def dates_of_birth(text: str, today: date) -> Iterable[Finding]:
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


def phones(text: str, region: str) -> Iterable[Finding]:
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


def contacts(text: str) -> Iterable[Finding]:
    for m in EMAIL_RE.finditer(text):
        yield Finding(EMAIL, m.group(), m.start(), m.end(), REPLACEMENTS[EMAIL])
    for m in URL_RE.finditer(text):
        url = m.group().rstrip(".,;:!?'\"")
        yield Finding(URL, url, m.start(), m.start() + len(url), REPLACEMENTS[URL])
    for m in HANDLE_RE.finditer(text):
        handle = m.group().rstrip(".")
        yield Finding(HANDLE, handle, m.start(), m.start() + len(handle), REPLACEMENTS[HANDLE])


def postcodes(text: str) -> Iterable[Finding]:
    for m in POSTCODE_RE.finditer(text):
        yield Finding(POSTCODE, m.group(), m.start(), m.end(), REPLACEMENTS[POSTCODE])


def addresses(text: str) -> Iterable[Finding]:
    for m in ADDRESS_RE.finditer(text):
        yield Finding(ADDRESS, m.group(), m.start(), m.end(), REPLACEMENTS[ADDRESS])
