"""Time and peak memory of whole `journal` commands as a journal grows (issue 17, 100,000 entries).

    python bench/scale_bench.py [--sizes 20000 100000] [--runs 3] [--keep DIR]

For each size it generates a journal (seeded, production KDF; `generate.py`) or reuses the one
kept in DIR/jN, runs each command once to warm up (the first unlock after writing builds the head
index), then as separate processes, as a person at a shell would, `--runs` times. It reports the
median wall time, the time after unlock (median minus a process that only starts Python and
unlocks), the same for CPU time (user + system, which a busy machine disturbs far less than wall
time) and the largest peak resident memory of the process (`wait4`). The last column is the
growth of the CPU time after unlock against the growth of the journal between the two sizes:
"no faster than the number of entries" means a ratio of at most 1.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cli_bench import unlock_only
from generate import generate

COMMANDS = {
    "list --limit 10": ["list", "--limit", "10"],
    "list --limit 10 --json": ["list", "--limit", "10", "--json"],
    "list --json": ["list", "--json"],
    "list --value hope": ["list", "--value", "hope"],
    "list --flagged --since 4w": ["list", "--flagged", "--since", "4w"],
    "search harmonica": ["search", "harmonica"],
    "show": ["show", "{id}"],
    "history": ["history", "{id}"],
    "trends": ["trends", "--period", "all"],
    "verify": ["verify"],
    "add": ["add", "A new reflection about hope and boundaries.", "--title", "bench",
            "--value", "hope:lived"],
}
#: The issue's targets at 100,000 entries: (seconds after unlock, peak MiB).
TARGETS = {"list --limit 10": (0.3, 150), "list --json": (None, 250)}


def env_for(home: Path) -> dict[str, str]:
    env = dict(os.environ, JOURNAL_HOME=str(home),
               JOURNAL_PASSPHRASE_FILE=str(home / "passphrase.txt"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure what a user runs: cached bytecode
    return env


def run(home: Path, args: list[str]) -> tuple[float, float, float]:
    """(wall seconds, peak RSS in MiB, CPU seconds) of one `python -m journal ...` process."""
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "journal", *args], env=env_for(home),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - began
    assert proc.stderr is not None
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"journal {' '.join(args)} failed: {proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def unlock_cpu(home: Path) -> float:
    """CPU seconds of a process that only starts Python, imports the store and unlocks."""
    code = ("from pathlib import Path; from journal.storage.store import JournalStore;"
            f"JournalStore.unlock(Path({str(home)!r}), open({str(home / 'passphrase.txt')!r})"
            ".readline().strip())")
    spent = []
    for _ in range(5):
        proc = subprocess.Popen([sys.executable, "-c", code], env=env_for(home))
        _, _, usage = os.wait4(proc.pid, 0)
        spent.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(spent)


def some_id(home: Path) -> str:
    out = subprocess.run([sys.executable, "-m", "journal", "list", "--limit", "1"],
                         env=env_for(home), capture_output=True, text=True, check=True)
    return out.stdout.split()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20000, 100000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep generated journals in this folder")
    parser.add_argument("--only", nargs="*", help="only these commands (names as printed)")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="journal-scale-"))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.runs} runs each")
    print("| entries | command | median s | after unlock s | CPU s | CPU after unlock s | "
          "peak MiB | growth | target |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---|")
    after: dict[tuple[int, str], float] = {}
    for size in args.sizes:
        home = base / f"j{size}"
        if not (home / "journal.db").exists():
            generate(home, size)
        run(home, ["list", "--limit", "1"])  # warm-up: the head index is current
        entry = some_id(home)
        fixed, fixed_cpu = unlock_only(home), unlock_cpu(home)
        print(f"| {size} | start + unlock only (Argon2id) | {fixed:.3f} | | {fixed_cpu:.3f} | | | "
              "| |", flush=True)
        for name, command in COMMANDS.items():
            if args.only and name not in args.only:
                continue
            samples = [run(home, [a.replace("{id}", entry) for a in command])
                       for _ in range(args.runs)]
            median = statistics.median(s[0] for s in samples)
            peak = max(s[1] for s in samples)
            cpu = statistics.median(s[2] for s in samples)
            after[size, name] = max(cpu - fixed_cpu, 0.001)
            growth = ""
            if size != args.sizes[0] and (args.sizes[0], name) in after:
                ratio = after[size, name] / after[args.sizes[0], name]
                growth = f"{ratio / (size / args.sizes[0]):.2f}"
            verdict = ""
            if name in TARGETS and size >= 100_000:
                seconds, mib = TARGETS[name]
                met = (seconds is None or cpu - fixed_cpu < seconds) and peak < mib
                verdict = (f"{'< ' + str(seconds) + ' s, ' if seconds else ''}< {mib} MiB: "
                           f"{'met' if met else 'MISSED'}")
            print(f"| {size} | {name} | {median:.3f} | {median - fixed:.3f} | {cpu:.3f} | "
                  f"{cpu - fixed_cpu:.3f} | {peak:.0f} | {growth} | {verdict} |", flush=True)


if __name__ == "__main__":
    main()
