"""The scrubber measured on sentences a peer worker writes (`scrub_corpus.txt`).

Each sentence marks what must be found, `{kind:text}`; everything else must be left as written.
Two figures, used by `test_scrub_corpus.py` (as a floor) and `bench/scrub_corpus.py` (to print):

- recall: the share of marked identifiers whose every letter and digit a finding replaces (the
  kind may differ: a name found as "maybe a name" still leaves the pack);
- over-scrubbing: the share of findings that replace nothing marked (words the supervisor
  needs, replaced for nothing), and how many sentences with nothing to find had a finding.

The allowlist is the one a fresh journal gives: the default framework, the shipped templates
and Support list, no "not a name" words yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from journal.domain import framework as frameworks
from journal.domain.people import Person
from journal.export import scrub
from journal.session.facade import DEFAULT_SUPPORT
from journal.session.names import scrub_allow

CORPUS = Path(__file__).with_name("scrub_corpus.txt")
#: Written after the scrubber was finished, never tuned on: printed by the bench, not held.
HELD_OUT = Path(__file__).with_name("scrub_heldout.txt")
TODAY = date(2026, 11, 22)
KINDS = {"name": scrub.NAME, "maybe": scrub.MAYBE_NAME, "nhs": scrub.NHS, "chi": scrub.CHI,
         "ni": scrub.NI, "ten": scrub.TEN_DIGITS, "postcode": scrub.POSTCODE,
         "address": scrub.ADDRESS, "dob": scrub.DATE_OF_BIRTH, "phone": scrub.PHONE,
         "email": scrub.EMAIL, "url": scrub.URL, "handle": scrub.HANDLE}
MARK = re.compile(r"\{(\w+):([^{}]+)\}")


@dataclass
class Sentence:
    text: str
    expected: list[tuple[str, int, int]]  # (kind, start, end)


@dataclass
class Measure:
    sentences: int = 0
    expected: int = 0
    caught: int = 0
    findings: int = 0
    needless: int = 0
    clean_sentences: int = 0
    clean_flagged: int = 0
    missed: list[str] = field(default_factory=list)
    over: list[str] = field(default_factory=list)
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [caught, expected]

    @property
    def recall(self) -> float:
        return self.caught / self.expected if self.expected else 1.0

    @property
    def over_scrubbing(self) -> float:
        return self.needless / self.findings if self.findings else 0.0


def load(path: Path = CORPUS) -> tuple[list[Person], list[Sentence]]:
    people, sentences = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("person:"):
            name, aliases, pseudonym = (part.strip() for part in line[7:].split("|"))
            people.append(Person(name, tuple(a.strip() for a in aliases.split(",") if a.strip()),
                                 pseudonym))
            continue
        text, expected, last = "", [], 0
        for m in MARK.finditer(line):
            text += line[last:m.start()]
            expected.append((KINDS[m.group(1)], len(text), len(text) + len(m.group(2))))
            text += m.group(2)
            last = m.end()
        sentences.append(Sentence(text + line[last:], expected))
    return people, sentences


def measure(path: Path = CORPUS) -> Measure:
    people, sentences = load(path)
    framework = frameworks.resolve(frameworks.DEFAULT_FRAMEWORK, path.parent)
    allow = scrub_allow(framework, DEFAULT_SUPPORT, [])
    out = Measure()
    for sentence in sentences:
        text = sentence.text
        found = scrub.find(text, people, today=TODAY, allow=allow)
        covered = {i for f in found for i in range(f.start, f.end)}
        out.sentences += 1
        out.clean_sentences += not sentence.expected
        out.clean_flagged += bool(not sentence.expected and found)
        for kind, start, end in sentence.expected:
            counts = out.by_kind.setdefault(kind, [0, 0])
            counts[1] += 1
            out.expected += 1
            if all(i in covered for i in range(start, end) if text[i].isalnum()):
                out.caught += 1
                counts[0] += 1
            else:
                out.missed.append(f"{kind} {text[start:end]!r} in: {text}")
        marked = {i for _, start, end in sentence.expected for i in range(start, end)}
        for f in found:
            out.findings += 1
            if not any(i in marked for i in range(f.start, f.end)):
                out.needless += 1
                out.over.append(f"{f.kind} {f.text!r} in: {text}")
    return out
