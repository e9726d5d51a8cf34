"""Times trends (issue 4): every view computed after unlock, and a period switch in the app.

    python bench/trends_bench.py [--entries 20000] [--keep DIR] [--runs 5]

"Computed after unlock" starts from the unlocked store: reading every entry's decrypted
trend facts from the head index, preparing them (day, week, month), then computing every view
(values, check-list, change, most challenging, writing, wellbeing) for one period. A
period switch in the app is timed from the key (as the terminal sends it) to the frame that shows
the new figures.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generate import PASSPHRASE, generate

PERIODS = ("4w", "3m", "12m", "all")


def compute_times(home: Path, runs: int) -> dict[str, float]:
    from journal.domain import trends
    from journal.domain.framework import Catalogue, resolve
    from journal.storage.store import JournalStore

    framework = resolve("srn-values", home)
    names = trends.Names(framework, Catalogue.for_home(home, framework))
    today = date.today()
    out: dict[str, list[float]] = {}

    def timed(label: str, began: float) -> None:
        out.setdefault(label, []).append(time.perf_counter() - began)

    for _ in range(runs):
        with JournalStore.unlock(home, PASSPHRASE) as store:
            began = time.perf_counter()
            facts = store.entry_facts()
            timed("read every entry's trend facts", began)
            began = time.perf_counter()
            points = trends.Points.from_facts(facts)
            timed("prepare", began)
            for name in PERIODS:
                began = time.perf_counter()
                period = trends.parse_period(name, today, points.first)
                result = trends.compute(points, period, names, today, streaks=True)
                timed(f"every view, period {name}", began)
                if name == "all":
                    began = time.perf_counter()
                    trends.to_json(result)
                    timed("JSON document, period all", began)
    return {label: statistics.median(times) for label, times in out.items()}


async def switch_times(home: Path) -> dict[str, float]:
    from textual import events

    from journal.app import JournalApp
    from journal.screens.trends import TrendsScreen

    app = JournalApp(home)
    out: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        app.screen.query_one("#passphrase").value = PASSPHRASE
        await pilot.press("enter")
        while not (app.screen.__class__.__name__ == "TimelineScreen"
                   and not app.screen.loading_rest):
            await asyncio.sleep(0.01)
        if app.screen.__class__.__name__ != "TimelineScreen":
            await pilot.press("escape")
        await pilot.pause(3)  # the timeline's background warm-up of the filter text
        event = events.Key("t", "t")
        event.set_sender(app)
        began = time.perf_counter()
        app._driver.send_message(event)  # not pilot.press: it would wait for the warm-up too
        while not (isinstance(app.screen, TrendsScreen) and app.screen.result is not None):
            await asyncio.sleep(0.002)
        screen = app.screen
        out["open Trends (4 weeks) from the timeline"] = time.perf_counter() - began
        await pilot.pause(0.2)
        for key, name in (("4", "all"), ("3", "12m"), ("2", "3m"), ("1", "4w")):
            shown: list[float] = []
            frames: list[float] = []
            show, display = screen.show, app._display

            def record_show(result, show=show, shown=shown) -> None:
                show(result)
                shown.append(time.perf_counter())

            def record_frame(s, renderable, display=display, frames=frames) -> None:
                frames.append(time.perf_counter())
                display(s, renderable)

            screen.show, app._display = record_show, record_frame
            event = events.Key(key, key)
            event.set_sender(app)
            began = time.perf_counter()
            app._driver.send_message(event)
            while not (shown and frames and frames[-1] >= shown[0]):
                await asyncio.sleep(0)
            out[f"switch to {name}: key to frame"] = frames[-1] - began
            del screen.show
            app._display = display
            await pilot.pause(0.2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20000)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="journal-trends-bench-"))
    home = base / f"j{args.entries}"
    if not (home / "journal.db").exists():
        generate(home, args.entries)
    print(f"| measure ({args.entries} entries, median of {args.runs}) | seconds | target |")
    print("|---|---:|---|")
    computed = compute_times(home, args.runs)
    for label, seconds in computed.items():
        print(f"| {label} | {seconds:.3f} | |")
    prepared = computed["read every entry's trend facts"] + computed["prepare"]
    for name in PERIODS:
        total = prepared + computed[f"every view, period {name}"]
        print(f"| **all views after unlock, period {name}** | {total:.3f} | < 0.300 |")
    for label, seconds in asyncio.run(switch_times(home)).items():
        target = "< 0.150" if label.startswith("switch") else ""
        print(f"| {label} | {seconds:.3f} | {target} |")


if __name__ == "__main__":
    main()
