"""Seeded generator of realistic journals for the benchmarks (never committed: it makes them).

    python bench/generate.py DIR --entries 20000 [--seed 7]

Writes a journal with the production KDF into DIR (passphrase in DIR/passphrase.txt). Bodies are
80-600 words of peer-work reflection, each entry marks 1-4 values and, for sessions, answers 6-15
behaviours of the default framework. Entries are spread over ten years.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from journal.domain.framework import load_framework_file, shipped_paths
from journal.domain.model import Action, Answer, CheckIn, Entry, Kind, Mark
from journal.session.settings import Settings, save_settings
from journal.storage.store import JournalStore

PASSPHRASE = "benchmark passphrase, not a secret"

OPENINGS = [
    "Met P{n} at the community cafe", "Sat with P{n} on the ward", "Phone call with P{n}",
    "Walked with P{n} to the library", "Group session at the recovery college",
    "Supervision with my line manager", "Team meeting this morning", "Training day on boundaries",
]
SENTENCES = [
    "We talked about what a good week would look like for them.",
    "I shared a little of my own story about the months after leaving hospital.",
    "They said nobody had asked them that before, and we both went quiet for a moment.",
    "I noticed I wanted to fix things and reminded myself to stay alongside.",
    "The conversation turned to housing and I felt the pull to take over the phone call.",
    "We agreed they would try the drop-in on Thursday and tell me how it went.",
    "There was a lot of silence and I let it be there.",
    "I felt tired afterwards and took ten minutes before writing this.",
    "They described a setback as proof that nothing works; we looked at it differently together.",
    "I was not sure whether sharing that experience helped them or helped me.",
    "The ward round language felt stigmatising and I said so, gently.",
    "We laughed about the bus timetable, which felt like real connection.",
    "They chose the goal this time, not the care plan.",
    "I checked in about what is helpful in our sessions and they asked for more structure.",
    "Power came up when they asked if I would write in their notes.",
    "I need to bring this to supervision because I am not sure where the boundary is.",
    "Hope felt thin today, but it was there in the plans for spring.",
    "I used the community garden as a resource and they met two neighbours.",
    "Afterwards I wrote down what I would do differently next time.",
    "It reminded me why peer work matters: being believed changes things.",
]


#: Rarer words, one or two per entry, so a search looks like a person's: a few hundred hits.
TOPICS = [
    "allotment", "harmonica", "foodbank", "Samaritans", "tenancy", "pottery", "benefits",
    "Jobcentre", "swimming", "dentist", "hearing voices", "choir", "WRAP plan", "advocacy",
    "football", "library card", "college application", "anniversary", "volunteering", "cat",
    "knitting group", "bereavement", "bus pass", "sleep", "medication review", "bike repair",
    "sister's wedding", "court date", "ward round", "mindfulness", "dog walking", "art class",
    "job interview", "gym", "birthday", "church", "mosque", "debt advice", "cooking", "garden",
] + [f"topic{n:03d}" for n in range(160)]


def make_entry(rng: random.Random, when: datetime, value_ids, behaviour_ids) -> Entry:
    kind = rng.choices(list(Kind), weights=[55, 25, 6, 6, 8])[0]
    words: list[str] = []
    target = rng.randint(80, 600)
    while len(words) < target:
        words.extend(rng.choice(SENTENCES).split())
    for topic in rng.sample(TOPICS, 2):
        spot = rng.randrange(len(words))
        words[spot:spot] = f"We talked about the {topic}.".split()
    paragraphs = [" ".join(words[i : i + 60]) for i in range(0, len(words), 60)]
    title = rng.choice(OPENINGS).format(n=rng.randint(1, 40))
    marks = {v: rng.choice(list(Mark)) for v in rng.sample(value_ids, rng.randint(1, 4))}
    checks = {}
    if kind is Kind.SESSION:
        for b in rng.sample(behaviour_ids, rng.randint(6, 15)):
            checks[b] = rng.choices(list(Answer), weights=[6, 3, 1])[0]
    return Entry(
        when=when,
        kind=kind,
        title=title,
        body="\n\n".join(paragraphs),
        framework_id="srn-values",
        marks=marks,
        checks=checks,
        checkin=CheckIn(rng.randint(1, 5), rng.randint(1, 5), "a walk") if rng.random() < 0.3
        else None,
        actions=[Action("Follow up on the drop-in")] if rng.random() < 0.2 else [],
        flagged=rng.random() < 0.05,
        question="Where is the boundary here?" if rng.random() < 0.03 else "",
        people=[f"P{rng.randint(1, 40)}"],
    )


def generate(folder: Path, count: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    fw = load_framework_file(shipped_paths()["srn-values"])
    store, _ = JournalStore.create(folder, PASSPHRASE)
    save_settings(folder, Settings())
    (folder / "passphrase.txt").write_text(PASSPHRASE + "\n")
    start = datetime(2016, 1, 1, 18, 0, tzinfo=UTC)
    step = timedelta(days=3650) / count
    batch: list[Entry] = []
    for n in range(count):
        jitter = timedelta(minutes=rng.randint(-300, 300))
        batch.append(make_entry(rng, start + step * n + jitter, fw.value_ids, fw.behaviour_ids))
        if len(batch) == 1000:
            store.add_many(batch)
            batch = []
    store.add_many(batch)
    store.close()
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--entries", type=int, default=3650)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    began = time.perf_counter()
    generate(args.folder, args.entries, args.seed)
    print(f"{args.entries} entries in {args.folder} ({time.perf_counter() - began:.1f} s)")


if __name__ == "__main__":
    main()
