"""A progress bar with counts for long commands, on a terminal only.

    with progress("Importing", "entries") as report:
        report(done, total)        # total 0: not known yet (the bar pulses, the count runs)

Drawn by rich (which textual already brings) on stderr, and only when stderr is a terminal:
piped or redirected, a command stays quiet, so scripts and logs get the result alone. The bar
is gone when the work is done; the command's own summary says what happened.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: Told how far the work has got: (done, total), total 0 while it is not known.
Report = Callable[[int, int], None]


@contextmanager
def progress(label: str, unit: str = "entries") -> Iterator[Report]:
    """A `Report` that draws one bar on a terminal and does nothing elsewhere."""
    if not sys.stderr.isatty():
        yield lambda _done, _total: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn(unit), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bars:
        task = bars.add_task(label, total=None)

        def report(done: int, total: int) -> None:
            bars.update(task, completed=done, total=total if total > 0 else None)

        yield report
