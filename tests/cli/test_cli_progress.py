"""The progress bar of long work (`cli/progress.py`): counts on a terminal, nothing when piped."""

from __future__ import annotations

import io
import sys

from journal.cli.progress import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_the_bar_with_counts(monkeypatch):
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with progress("Archiving", "entries") as report:
        for n in range(0, 101, 25):
            report(n, 100)
    drawn = screen.getvalue()
    assert "Archiving" in drawn and "100/100" in drawn and "entries" in drawn


def test_nothing_is_drawn_when_piped(monkeypatch):
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    with progress("Archiving", "entries") as report:
        report(5, 10)
    assert piped.getvalue() == ""
