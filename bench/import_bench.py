"""Times `journal import jrnl` of a large jrnl export, with the process's peak memory.

    python bench/import_bench.py [--entries 100000] [--keep DIR]

Writes a seeded jrnl JSON export (`jrnl --export json`'s shape: titles, bodies of 80-600 words
from the journal generator's sentences, dates with times, a few tags, some starred), makes an
empty journal with the production KDF, then runs `journal import jrnl FILE` as a separate
process, as a person at a shell would, and again on the same file (every entry a duplicate).
Reports wall time, CPU time and peak resident memory (`wait4`) of each.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import OPENINGS, PASSPHRASE, SENTENCES
from scale_bench import unlock_cpu

from journal.session.settings import Settings, save_settings
from journal.storage.store import JournalStore

TARGET_SECONDS = 30
TARGET_MB = 400


def write_export(path: Path, count: int, seed: int = 11) -> int:
    """A jrnl export of `count` entries, written as jrnl writes it; returns its size in bytes."""
    rng = random.Random(seed)
    tags = ["@hope", "@ward", "@mutuality", "@family", "@work", "@sleep"]
    start = datetime(2006, 1, 1, 8, 0)
    step = timedelta(days=7300) / count
    with path.open("w", encoding="utf-8") as out:
        out.write('{"tags": {}, "entries": [\n')
        for n in range(count):
            when = start + step * n
            words: list[str] = []
            target = rng.randint(80, 600)
            while len(words) < target:
                words.extend(rng.choice(SENTENCES).split())
            body = "\n\n".join(" ".join(words[i:i + 60]) for i in range(0, len(words), 60))
            item = {"title": rng.choice(OPENINGS).format(n=rng.randint(1, 40)), "body": body,
                    "date": when.strftime("%Y-%m-%d"), "time": when.strftime("%H:%M"),
                    "tags": rng.sample(tags, rng.randint(0, 2)), "starred": rng.random() < 0.05}
            out.write(("," if n else "") + json.dumps(item, ensure_ascii=False) + "\n")
        out.write("]}\n")
    return path.stat().st_size


def measured(home: Path, args: list[str]) -> tuple[float, float, float, str]:
    """As `run`, with peak memory and CPU from `wait4` on the one child."""
    env = dict(os.environ, JOURNAL_HOME=str(home),
               JOURNAL_PASSPHRASE_FILE=str(home / "passphrase.txt"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        began = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "journal", *args], env=env,
                                stdout=out_file, stderr=err_file)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - began
        out_file.seek(0)
        err_file.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"journal {' '.join(args)} failed: {err_file.read().decode()}")
        printed = out_file.read().decode().strip()
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, printed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="folder to keep the export and journal in")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="import-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    export = folder / "jrnl.json"
    size = write_export(export, args.entries)
    home = folder / f"journal-{args.entries}"
    store, _ = JournalStore.create(home, PASSPHRASE)
    store.close()
    save_settings(home, Settings())
    (home / "passphrase.txt").write_text(PASSPHRASE + "\n")
    print(f"{args.entries} jrnl entries, {size / 1e6:.0f} MB of JSON, into an empty journal")
    print("| run | wall s | CPU s | peak MB | printed |")
    print("|---|---:|---:|---:|---|")
    for label in ("first import", "again (all duplicates)"):
        wall, peak, cpu, printed = measured(home, ["import", "jrnl", str(export)])
        print(f"| {label} | {wall:.1f} | {cpu:.1f} | {peak:.0f} | {printed.splitlines()[0]} |")
    unlock = unlock_cpu(home)
    for label, command in (("list --limit 10, the first command after", ["list", "--limit", "10"]),
                           ("add (one entry)", ["add", "One more line after the import."]),
                           ("list --limit 10 again", ["list", "--limit", "10"]),
                           ("trends (the first to build the whole view)", ["trends"]),
                           ("add (one entry), with the view's index", ["add", "And one more."])):
        wall, peak, cpu, _ = measured(home, command)
        print(f"| {label} | {wall:.2f} | {cpu:.2f} ({max(cpu - unlock, 0):.2f} after unlock) "
              f"| {peak:.0f} | |")
    print(f"start + unlock only: {unlock:.2f} s CPU (median of 5)")
    print(f"targets: < {TARGET_SECONDS} s and < {TARGET_MB} MiB peak for the first import; "
          "list --limit 10 < 0.3 s after unlock and < 150 MiB")


if __name__ == "__main__":
    main()
