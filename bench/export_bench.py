"""Times the supervision export (issue 5): scrubbing and rendering 200 entries of 600 words, and
the whole `journal export` of those 200 entries, sealed to a supervisor with age.

    python bench/export_bench.py [--keep DIR] [--runs 5]

The journal (production KDF) holds 1,000 ordinary generated entries and 200 flagged entries of
exactly 600 words each, written with what the scrubber must find: names and other names of 40
people on the people list, possessives, phone numbers, postcodes, NHS numbers, e-mail addresses,
links and capitalised names not on the list. "Scrub" is `pack.review` (every finding in every
field); "render" builds the pack (agenda, trends) and draws it in each format. The command is
timed as a separate process, from start to exit, like a person at a shell.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generate import PASSPHRASE, SENTENCES, make_entry

FIRST = ["Sam", "Aisha", "Tom", "Priya", "Callum", "Mei", "Jordan", "Fatima", "Liam", "Zofia"]
LAST = ["Okafor", "Campbell", "Nowak", "Singh", "MacLeod", "Chen", "Reid", "Hussain"]
DETAILS = [
    "{name} rang from 07700 900{n:03d} about the appointment.",
    "{name}'s sister lives near G{n2} 8QQ and might help with the move.",
    "The NHS number on the letter was 943 476 5919, which I should not have seen.",
    "{name} e-mailed me at {low}@example.org and sent [the form](https://example.org/f/{n}).",
    "Later Marguerite from the housing team joined us.",
    "{alias} said the group on Tuesday felt safer than the ward.",
]


def identifying_body(rng: random.Random, people: list[tuple[str, str]]) -> str:
    words: list[str] = []
    while len(words) < 600:
        if rng.random() < 0.25:
            name, alias = rng.choice(people)
            detail = rng.choice(DETAILS).format(name=name, alias=alias, low=alias.lower(),
                                                n=rng.randint(0, 999), n2=rng.randint(1, 80))
            words.extend(detail.split())
        else:
            words.extend(rng.choice(SENTENCES).split())
    words = words[:600]
    return "\n\n".join(" ".join(words[i:i + 60]) for i in range(0, 600, 60))


def build_journal(home: Path) -> str:
    """The journal, its people list and a supervisor; returns the supervisor's secret key."""
    from pyrage import x25519

    from journal.domain.framework import load_framework_file, shipped_paths
    from journal.domain.model import Kind
    from journal.domain.people import save_person
    from journal.export.supervisors import save_supervisor
    from journal.session.settings import Settings, save_settings
    from journal.storage.store import JournalStore

    rng = random.Random(11)
    fw = load_framework_file(shipped_paths()["srn-values"])
    store, _ = JournalStore.create(home, PASSPHRASE)
    save_settings(home, Settings())
    (home / "passphrase.txt").write_text(PASSPHRASE + "\n")
    people = []
    for n in range(40):
        first, last = FIRST[n % len(FIRST)], LAST[n % len(LAST)]
        full = f"{first} {last}" if n < len(FIRST) else f"{first} {last}-{n}"
        alias = f"{first}{'ie' if n % 3 == 0 else ''}"
        if n < len(FIRST):
            save_person(store, full, [alias])
        people.append((full.split()[0], alias))
    start = datetime(2025, 1, 1, 9, 0, tzinfo=UTC)
    ordinary = [make_entry(rng, start + timedelta(hours=7 * n), fw.value_ids, fw.behaviour_ids)
                for n in range(1000)]
    for entry in ordinary:
        entry.flagged = False
    store.add_many(ordinary)
    chosen = []
    for n in range(200):
        entry = make_entry(rng, start + timedelta(hours=7 * n + 3), fw.value_ids,
                           fw.behaviour_ids)
        entry.kind, entry.flagged = Kind.SESSION, True
        entry.body = identifying_body(rng, people)
        entry.question = "How do I hold the hope when Sam's housing falls through?"
        chosen.append(entry)
    store.add_many(chosen)
    identity = x25519.Identity.generate()
    save_supervisor(store, "Ana", str(identity.to_public()))
    store.close()
    return str(identity)


def in_process(home: Path, runs: int) -> dict[str, float]:
    from journal.domain.filter import EntryFilter
    from journal.domain.framework import Catalogue, resolve
    from journal.domain.people import list_people
    from journal.export import pack, render
    from journal.storage.store import JournalStore

    framework = resolve("srn-values", home)
    catalogue = Catalogue.for_home(home, framework)
    out: dict[str, list[float]] = {}
    with JournalStore.unlock(home, PASSPHRASE) as store:
        entries = pack.select(store, EntryFilter(flagged=True))
        assert len(entries) == 200 and all(len(e.body.split()) == 600 for e in entries)
        people = list_people(store)
        for _ in range(runs):
            began = time.perf_counter()
            review = pack.review(entries, people)
            out.setdefault("scrub: every finding in 200 entries", []).append(
                time.perf_counter() - began)
            began = time.perf_counter()
            built = pack.build(store, entries, review, framework, catalogue)
            out.setdefault("build the pack (agenda, trends)", []).append(
                time.perf_counter() - began)
            for fmt in render.FORMATS:
                began = time.perf_counter()
                render.render(built, fmt)
                out.setdefault(f"render {fmt}", []).append(time.perf_counter() - began)
        print(f"findings: {len(review.findings)} in 200 entries of 600 words", file=sys.stderr)
    return {label: statistics.median(times) for label, times in out.items()}


def command_times(home: Path, runs: int) -> dict[str, float]:
    env = {**os.environ, "JOURNAL_HOME": str(home),
           "JOURNAL_PASSPHRASE_FILE": str(home / "passphrase.txt")}
    out: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for run in range(runs):
            for label, args in (
                ("journal supervisor list (start + unlock only)", ["supervisor", "list"]),
                ("journal export --flagged --to Ana (Markdown, sealed)",
                 ["export", "--flagged", "--to", "Ana", "-o", f"{folder}/p{run}.md.age"]),
                ("journal export --flagged --to Ana --format pdf (sealed)",
                 ["export", "--flagged", "--to", "Ana", "--format", "pdf",
                  "-o", f"{folder}/p{run}.pdf.age"]),
            ):
                began = time.perf_counter()
                subprocess.run([sys.executable, "-m", "journal", *args], env=env, check=True,
                               capture_output=True)
                out.setdefault(label, []).append(time.perf_counter() - began)
    return {label: statistics.median(times) for label, times in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="journal-export-bench-"))
    home = base / "export200"
    if not (home / "journal.db").exists():
        build_journal(home)
    computed = in_process(home, args.runs)
    print(f"| measure (median of {args.runs}) | seconds | target |")
    print("|---|---:|---|")
    for label, seconds in computed.items():
        print(f"| {label} | {seconds:.3f} | |")
    for fmt in ("md", "html", "json", "pdf"):
        total = (computed["scrub: every finding in 200 entries"]
                 + computed["build the pack (agenda, trends)"] + computed[f"render {fmt}"])
        print(f"| **scrub + render, {fmt}** | {total:.3f} | < 1.0 |")
    for label, seconds in command_times(home, args.runs).items():
        target = "< 2.0" if "export" in label else ""
        print(f"| {label} | {seconds:.3f} | {target} |")


if __name__ == "__main__":
    main()
