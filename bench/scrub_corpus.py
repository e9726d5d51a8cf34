"""Measures the scrubber (issue 15) on the corpus of sentences a peer worker writes:
recall (identifiers replaced) and over-scrubbing (findings that replace words nothing marked),
on the corpus and on a held-out set written after the scrubber was finished.

    python bench/scrub_corpus.py [--list]

The corpus and how it is scored are in tests/export/scrub_corpus.txt and scrub_corpus.py; the
test there holds the floor, this prints the figures for bench/README.md (`--list` prints every
miss and every needless finding too).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "export"))
sys.path.insert(0, str(ROOT))

from scrub_corpus import CORPUS, HELD_OUT, load, measure  # noqa: E402


def report(path: Path, show: bool) -> None:
    people, _ = load(path)
    started = time.perf_counter()
    m = measure(path)
    took = time.perf_counter() - started
    print(f"{path.relative_to(ROOT)}: {m.sentences} sentences, {len(people)} people listed, "
          f"{m.expected} identifiers marked, {m.clean_sentences} sentences with none")
    print(f"  recall: {m.caught}/{m.expected} = {m.recall:.1%}")
    print(f"  over-scrubbing: {m.needless}/{m.findings} findings replace nothing marked = "
          f"{m.over_scrubbing:.1%}; {m.clean_flagged}/{m.clean_sentences} sentences with "
          "nothing to find had a finding")
    print("  by kind (caught/marked): " + ", ".join(
        f"{kind} {caught}/{expected}" for kind, (caught, expected) in sorted(m.by_kind.items())))
    print(f"  time: {took:.2f} s")
    if show:
        for line in m.missed:
            print("  missed:", line)
        for line in m.over:
            print("  needless:", line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print each miss and needless find")
    args = parser.parse_args()
    for path in (CORPUS, HELD_OUT):
        report(path, args.list)


if __name__ == "__main__":
    main()
