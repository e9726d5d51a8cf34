"""What the scrubber finds: its kinds, their labels and replacements, one finding, and how two
spellings are compared (`fold`: without case, accents or apostrophe styles).

Declared once here so the finders (numbers, places, names) and the review (app, CLI, pack)
agree on every kind's name, how it is shown and what replaces it.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

APOSTROPHES = "'’‘`´ʼ′"
DASHES = "-‐‑‒–—"


@functools.lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    if char in APOSTROPHES:
        return "'"
    if char in DASHES:
        return "-"
    bare = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    folded = bare.casefold()
    if len(folded) == 1:
        return folded
    lower = char.lower()
    return lower if len(lower) == 1 else char


def fold(text: str) -> str:
    """`text` without case, accents or apostrophe styles, one character for each of its own."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


def name_key(folded: str) -> str:
    """Spellings that count as the same: without apostrophes, hyphens or spaces."""
    return "".join(folded.replace("'", "").replace("-", "").split())


NAME = "name"
MAYBE_NAME = "maybe-name"
NHS = "nhs-number"
CHI = "chi-number"
NI = "ni-number"
TEN_DIGITS = "ten-digits"
POSTCODE = "postcode"
ADDRESS = "address"
DATE_OF_BIRTH = "date-of-birth"
PHONE = "phone"
EMAIL = "email"
URL = "url"
HANDLE = "handle"

LABELS = {
    NAME: "name on your people list", MAYBE_NAME: "maybe a name", NHS: "NHS number",
    CHI: "CHI number", NI: "National Insurance number", TEN_DIGITS: "10-digit number",
    POSTCODE: "postcode", ADDRESS: "street address", DATE_OF_BIRTH: "date of birth",
    PHONE: "phone number", EMAIL: "e-mail address", URL: "link", HANDLE: "social media handle",
}
#: Short labels for a narrow review list (80 columns).
SHORT_LABELS = {
    NAME: "name", MAYBE_NAME: "maybe name", NHS: "NHS no.", CHI: "CHI no.", NI: "NI no.",
    TEN_DIGITS: "number", POSTCODE: "postcode", ADDRESS: "address", DATE_OF_BIRTH: "birth date",
    PHONE: "phone", EMAIL: "e-mail", URL: "link", HANDLE: "handle",
}
REPLACEMENTS = {
    MAYBE_NAME: "[name]", NHS: "[NHS number]", CHI: "[CHI number]", NI: "[NI number]",
    TEN_DIGITS: "[number]", POSTCODE: "[postcode]", ADDRESS: "[address]",
    DATE_OF_BIRTH: "[date of birth]", PHONE: "[phone number]", EMAIL: "[e-mail]",
    URL: "[link]", HANDLE: "[handle]",
}
#: When findings overlap, the earlier kind in this list wins: the more certain, or the one
#: that hides more (a whole street address over a listed name inside it).
PRIORITY = [EMAIL, URL, HANDLE, ADDRESS, NAME, NHS, CHI, NI, TEN_DIGITS, DATE_OF_BIRTH, PHONE,
            POSTCODE, MAYBE_NAME]


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
    def short_label(self) -> str:
        return SHORT_LABELS[self.kind]

    @property
    def learnable(self) -> bool:
        """A guess the writer can teach the journal about: add the person, or "not a name"."""
        return self.kind == MAYBE_NAME

    @property
    def key(self) -> tuple[str, str]:
        """Findings "like this one": same kind, same text in any case, with or without accents
        and apostrophes ("replace all like this", and `--keep TEXT`)."""
        return self.kind, name_key(fold(self.text))

    def context(self, text: str, width: int = 30) -> tuple[str, str, str]:
        """(before, the finding, after), each on one line, for review; the space next to the
        finding is kept, so the three read as written when put together."""
        raw_before = text[max(0, self.start - width):self.start]
        raw_after = text[self.end:self.end + width]
        before = " ".join(raw_before.split()) + (" " if raw_before[-1:].isspace() else "")
        after = (" " if raw_after[:1].isspace() else "") + " ".join(raw_after.split())
        return before.lstrip(), self.text, after.rstrip()
