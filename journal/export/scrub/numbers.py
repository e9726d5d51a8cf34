"""Numbers that identify a person: NHS and CHI numbers, National Insurance numbers, and any
other run of ten digits (found for review, since a number nobody can check is still someone's).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from journal.export.scrub.finding import CHI, NHS, NI, REPLACEMENTS, TEN_DIGITS, Finding


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
#: Two letters, six digits (often written in pairs) and a letter A to D. The prefix rules are
#: not checked: HMRC's own example, QQ 12 34 56 C, breaks them, and writers copy it. Without the
#: final letter only an upper-case prefix counts ("AB 12 34 56").
NI_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-Da-d]|[A-Z]{2} ?\d{2} ?\d{2} ?\d{2})"
    r"(?![A-Za-z0-9])")


def ten_digits(text: str) -> Iterable[Finding]:
    for m in TEN.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if _ddmmyy(digits) and (mod11_ok(digits) or mod10_ok(digits)):
            kind = CHI
        elif mod11_ok(digits):
            kind = NHS
        else:
            kind = TEN_DIGITS
        yield Finding(kind, m.group(), m.start(), m.end(), REPLACEMENTS[kind])


def national_insurance(text: str) -> Iterable[Finding]:
    for m in NI_RE.finditer(text):
        yield Finding(NI, m.group(), m.start(), m.end(), REPLACEMENTS[NI])
