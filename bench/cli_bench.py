"""Times whole `journal` processes on generated journals, with each process's peak memory.

    python bench/cli_bench.py [--sizes 3650 20000] [--runs 5] [--keep DIR]

For each size it generates a journal (seeded, production KDF), then runs `add`, `list --limit 10`,
`list --value hope`, `search WORD` and `verify` as separate processes, like a person at a shell.
Reports the median wall time and the largest peak RSS over the runs, plus the time of an unlock
alone (the Argon2id part every command pays) so growth with journal size can be read off.
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

from generate import generate

TARGETS_20K = {"add": 0.8, "list --limit 10": 0.8, "list --value hope": 1.0, "search": 1.0}
COMMANDS = {
    "add": ["add", "A new reflection about hope and boundaries.", "--title", "bench",
            "--value", "hope:lived"],
    "list --limit 10": ["list", "--limit", "10"],
    "list --value hope": ["list", "--value", "hope"],
    "search": ["search", "harmonica"],
    "verify": ["verify"],
}


def run(home: Path, args: list[str]) -> tuple[float, float, float]:
    """(wall seconds, peak RSS in MB, CPU seconds) of one `python -m journal ...` process."""
    env = dict(os.environ, JOURNAL_HOME=str(home),
               JOURNAL_PASSPHRASE_FILE=str(home / "passphrase.txt"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure what a user runs: cached bytecode
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "journal", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"journal {' '.join(args)} failed: {proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def unlock_only(home: Path) -> float:
    """A whole process that starts Python, imports the store and unlocks: the fixed cost every
    command pays (interpreter start-up and Argon2id), whatever the journal's size."""
    code = ("from pathlib import Path; from journal.storage.store import JournalStore;"
            f"JournalStore.unlock(Path({str(home)!r}), open({str(home / 'passphrase.txt')!r})"
            ".readline().strip())")
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times = []
    for _ in range(5):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[3650, 20000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep generated journals in this folder")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="journal-bench-"))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print("| entries | command | median s | min s | after unlock s | median CPU s | peak MB | "
          "target (20k) |")
    print("|---:|---|---:|---:|---:|---:|---:|---|")
    for size in args.sizes:
        home = base / f"j{size}"
        if not (home / "journal.db").exists():
            generate(home, size)
        fixed = unlock_only(home)
        print(f"| {size} | start + unlock only (Argon2id) | {fixed:.3f} | | | | | |")
        for name, command in COMMANDS.items():
            samples = [run(home, command) for _ in range(args.runs)]
            median = statistics.median(s[0] for s in samples)
            fastest = min(s[0] for s in samples)
            cpu = statistics.median(s[2] for s in samples)
            peak = max(s[1] for s in samples)
            target = TARGETS_20K.get(name)
            verdict = ""
            if size == 20000 and target:
                verdict = f"< {target} s {'met' if median < target else 'MISSED'}"
            if size == 20000 and name == "verify":
                verdict = "peak < 150 MB " + ("met" if peak < 150 else "MISSED")
            print(f"| {size} | {name} | {median:.3f} | {fastest:.3f} | {median - fixed:.3f} | "
                  f"{cpu:.3f} | {peak:.0f} | {verdict} |", flush=True)


if __name__ == "__main__":
    main()
