"""Peak memory and time of `backup` and `archive` on a large journal (issue 17: they stream).

    python bench/archive_bench.py [--entries 100000] [--keep DIR]

Generates a journal (seeded, production KDF; reused from DIR when it holds one), then runs each
command once as a separate process, as a person at a shell would, and reports the wall time and
the peak resident memory of the process (`wait4`). Target at 100,000 entries: < 250 MiB peak.
Outputs go to a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

TARGET_MIB = 250
#: An age key pair for the sealed runs (a benchmark key, not a secret).
AGE_PUBLIC = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"


def run(home: Path, args: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MiB) of one `python -m journal ...` process."""
    env = dict(os.environ, JOURNAL_HOME=str(home),
               JOURNAL_PASSPHRASE_FILE=str(home / "passphrase.txt"))
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "journal", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"journal {' '.join(args)} failed: {proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="Generate into (or reuse) this folder.")
    options = parser.parse_args()
    home = options.keep or Path(tempfile.mkdtemp(prefix="archive-bench-")) / "journal"
    if not (home / "journal.db").exists():
        began = time.perf_counter()
        generate(home, options.entries)
        print(f"generated {options.entries} entries in {time.perf_counter() - began:.0f} s",
              file=sys.stderr)
    run(home, ["list", "--limit", "1"])  # the first unlock builds the head index: not measured
    out = Path(tempfile.mkdtemp(prefix="archive-bench-out-"))
    subprocess.run([sys.executable, "-m", "journal", "supervisor", "add", "bench", AGE_PUBLIC],
                   env=dict(os.environ, JOURNAL_HOME=str(home),
                            JOURNAL_PASSPHRASE_FILE=str(home / "passphrase.txt")),
                   capture_output=True, check=False)
    commands = {
        "backup create": ["backup", "create", str(out / "b.db")],
        "backup check (opens every revision)": ["backup", "check", str(out / "b.db")],
        "archive --format json": ["archive", "--output", str(out / "a.json")],
        "archive --format json --to": ["archive", "--output", str(out / "t.json"), "--to",
                                       "bench"],
        "archive --format md": ["archive", "--format", "md", "--output", str(out / "md")],
        "archive --format html": ["archive", "--format", "html", "--output",
                                  str(out / "a.html")],
        "archive --format json --history": ["archive", "--history", "--output",
                                            str(out / "h.json")],
    }
    print(f"| command | s | peak MiB | < {TARGET_MIB} MiB |")
    print("|---|---:|---:|---|")
    try:
        for label, args in commands.items():
            seconds, peak = run(home, args)
            print(f"| {label} | {seconds:.1f} | {peak:.0f} | "
                  f"{'met' if peak < TARGET_MIB else 'NOT met'} |", flush=True)
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
