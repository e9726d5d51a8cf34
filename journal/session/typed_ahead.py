"""What the writer types while the app is still starting: kept off the screen, and not lost.

Between pressing Enter on `journal` and the app taking the terminal over there are a few tenths
of a second. Anything typed then (the passphrase, by someone who knows the app will ask) is
echoed by the terminal itself, onto the normal screen: the app then switches to its own screen,
and on quitting the normal screen comes back, with the passphrase in clear and in the
scrollback. So, as early as the process can (before the heavy imports), `hush` turns the
terminal's echo off, takes what was already typed, erases its echo from the screen, and hands it
to the unlock screen, where it was meant to go. (What is typed in the first instant, before any
program runs, the terminal has echoed already: that is what gets erased.)

Only the standard library here, and nothing at import time: this runs before everything else.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable


def opens_the_app(args: list[str]) -> bool:
    """Whether these command-line arguments open the app (no command, no --help/--version)."""
    return all(a.startswith("-") for a in args) and not {"-h", "--help", "--version"} & set(args)


def _echoed_lines(text: str, width: int) -> int:
    """How many lines down the terminal's echo of `text` moved the cursor, from a line start
    (control characters echo as two, ^X)."""
    lines = column = 0
    for char in text:
        if char in "\r\n":
            lines, column = lines + 1, 0
            continue
        column += 2 if ord(char) < 32 or ord(char) == 127 else 1
        while column > width:
            lines, column = lines + 1, column - width
    return lines


def hush() -> tuple[str, Callable[[], None]]:
    """Turn the terminal's echo off; return what was typed so far (its echo erased from the
    screen) and a function that puts the terminal back as it was. Off a terminal, or where
    there is no termios: nothing typed, nothing to put back."""
    try:
        import fcntl
        import struct
        import termios

        fd = sys.stdin.fileno()
        if not (os.isatty(fd) and sys.stdout.isatty()):
            return "", _nothing
        saved = termios.tcgetattr(fd)
        quiet = termios.tcgetattr(fd)
        quiet[3] &= ~(termios.ECHO | termios.ICANON)  # every byte readable, none echoed
        quiet[6][termios.VMIN], quiet[6][termios.VTIME] = 0, 0
        termios.tcsetattr(fd, termios.TCSANOW, quiet)
    except (ImportError, OSError, ValueError):
        return "", _nothing

    def restore() -> None:
        with contextlib.suppress(OSError, termios.error):
            termios.tcsetattr(fd, termios.TCSANOW, saved)

    try:
        waiting = struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0" * 4))[0]
        typed = os.read(fd, waiting).decode("utf-8", "replace") if waiting > 0 else ""
    except OSError:
        return "", restore
    if typed:
        lines = _echoed_lines(typed, os.get_terminal_size(fd).columns)
        up = f"\x1b[{lines}A" if lines else ""
        sys.stdout.write(f"{up}\r\x1b[J")  # back to where the echo began; clear from there
        sys.stdout.flush()
    return typed, restore


def _nothing() -> None:
    return None
