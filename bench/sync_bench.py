"""Times sync (issue 6) on a 20,000-entry journal with a folder remote.

    python bench/sync_bench.py [--keep DIR] [--entries 20000] [--runs 5]

- first sync: every revision of the journal sent to an empty folder remote (unlock not timed);
- one more entry: a sync after adding one entry, timed after unlock, with the bytes uploaded,
  and the same through the real `journal sync` command (a separate process, start to exit)
  beside `journal list --limit 1` (the unlock it includes) for comparison;
- join: `engine.join` and the first sync of a new device from that remote (the Argon2 unwrap
  included), then its first listing;
- repair: segment 1 deleted from the remote, the device's next sync (which publishes all its
  revisions anew as a new chain), then a join from the repaired remote;
- carry: that device's new chain damaged too and the device gone; a device holding everything
  sends its revisions again, then a join from that remote;
- rekey: `journal rekey`'s work on that device (every revision sealed anew), and its first sync
  to the new vault.
The journal uses the production KDF; a kept DIR is reused between runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generate import PASSPHRASE, generate

from journal.domain.model import Entry, Kind
from journal.storage.store import JournalStore
from journal.sync import engine
from journal.sync import settings as remote_settings
from journal.sync.remote import FolderRemote, RemoteAddress


def _join(home: Path, remote: FolderRemote) -> int:
    joined = engine.join(home, remote, passphrase=PASSPHRASE)
    engine.sync(joined, remote)
    count = joined.count()
    joined.close()
    return count


def timed(fn):
    began = time.perf_counter()
    result = fn()
    return time.perf_counter() - began, result


def command(home: Path, *args: str) -> float:
    env = {**os.environ, "JOURNAL_HOME": str(home),
           "JOURNAL_PASSPHRASE_FILE": str(home / "passphrase.txt")}
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "journal", *args], env=env, check=True,
                   capture_output=True)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="reuse or keep the generated journal here")
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="sync-bench-"))
    source = base / f"j{args.entries}"
    if not (source / "journal.db").exists():
        print(f"generating {args.entries} entries…", flush=True)
        generate(source, args.entries)
    work = Path(tempfile.mkdtemp(prefix="sync-bench-run-"))
    try:
        home, remote_root = work / "laptop", work / "remote"
        shutil.copytree(source, home)
        remote_root.mkdir()
        remote = FolderRemote(remote_root)
        store = JournalStore.unlock(home, PASSPHRASE)
        first, report = timed(lambda: engine.sync(store, remote))
        size = sum(p.stat().st_size for p in remote_root.rglob("*") if p.is_file())
        files = sum(1 for p in remote_root.rglob("*") if p.is_file())
        print(f"first sync: {first:.2f} s, {report.sent} revisions, {size / 1e6:.1f} MB in "
              f"{files} files (target < 15 s)")
        remote_settings.save(store, remote_settings.RemoteSettings(
            RemoteAddress("folder", str(remote_root))))
        store.close()

        after, sent = [], []
        for run in range(args.runs):
            store = JournalStore.unlock(home, PASSPHRASE)
            store.add(Entry(when=datetime.now(UTC), kind=Kind.DAILY, title=f"one more {run}",
                            body="A short reflection after a long day. " * 20))
            seconds, report = timed(lambda store=store: engine.sync(store, remote))
            after.append(seconds)
            sent.append(report.sent_bytes)
            store.close()
        print(f"sync after one new entry: median {statistics.median(after):.3f} s, max "
              f"{max(after):.3f} s beyond unlock, {statistics.median(sent) / 1024:.1f} KB sent "
              "(target < 0.5 s, a few KB)")
        cli_sync = [command(home, "sync") for _ in range(args.runs)]
        cli_list = [command(home, "list", "--limit", "1") for _ in range(args.runs)]
        print(f"`journal sync` with nothing new: median {statistics.median(cli_sync):.3f} s; "
              f"`journal list --limit 1` (the same unlock): {statistics.median(cli_list):.3f} s")

        joins = []
        for run in range(max(1, args.runs // 2)):
            new_home = work / f"phone-{run}"

            def join(new_home=new_home):
                joined = engine.join(new_home, remote, passphrase=PASSPHRASE)
                engine.sync(joined, remote)
                count = joined.count()
                joined.close()
                return count

            seconds, count = timed(join)
            joins.append(seconds)
        print(f"join from the remote: median {statistics.median(joins):.2f} s for {count} "
              "entries, first listing included (target < 20 s)")

        # The remote heals: segment 1 of the big device deleted; its next sync notices and
        # publishes everything anew (a new chain); then a device joins from that.
        store = JournalStore.unlock(home, PASSPHRASE)
        own = remote_root / store.vault_id / "devices" / store.device_id
        (own / "00000001").unlink()
        seconds, report = timed(lambda: engine.sync(store, remote))
        store.close()
        print(f"repair (segment 1 deleted): {seconds:.2f} s, {report.sent} revisions published "
              f"anew ({report.sent_bytes / 1024 ** 2:.1f} MB), repaired: {len(report.repaired)}")
        new_home = work / "tablet"
        seconds, count = timed(lambda: _join(new_home, remote))
        print(f"join after the repair: {seconds:.2f} s for {count} entries (target < 20 s)")

        # A device gone for good: the big device's new chain damaged and it never syncs again;
        # the tablet, which holds everything, carries its revisions; then a device joins.
        store = JournalStore.unlock(home, PASSPHRASE)
        gone = store.device_id
        store.close()
        for found in sorted((remote_root / store.vault_id / "devices" / gone).glob("0001-*"))[:1]:
            found.unlink()
        tablet = JournalStore.unlock(new_home, PASSPHRASE)
        seconds, report = timed(lambda: engine.sync(tablet, remote))
        print(f"carry (the other device's newest chain damaged, that device gone): {seconds:.2f}"
              f" s, {report.sent} revisions sent again ({report.sent_bytes / 1024 ** 2:.1f} MB)")
        seconds, count = timed(lambda: _join(work / "after-carry", remote))
        print(f"join after the carry: {seconds:.2f} s for {count} entries (target < 20 s)")

        # journal rekey on the tablet: every revision sealed anew, then sent to a new vault.
        from journal.session.facade import Session

        session = Session(new_home)
        session.store = tablet
        remote_settings.save(tablet, remote_settings.RemoteSettings(
            RemoteAddress("folder", str(remote_root))))
        seconds, (_, resealed) = timed(lambda: session.rekey("lantern orchard velvet quietly"))
        print(f"rekey: {seconds:.2f} s for {resealed} revisions sealed anew (Argon2id included)")
        seconds, report = timed(lambda: engine.sync(tablet, remote))
        print(f"first sync after the rekey: {seconds:.2f} s, {report.sent} revisions to the new "
              "vault")
        tablet.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
