"""The plain parts of journal/session/typed_ahead.py (the terminal part is in a tmux test)."""

from __future__ import annotations

from journal.session.typed_ahead import _echoed_lines, opens_the_app


def test_which_arguments_open_the_app():
    assert opens_the_app([]) and opens_the_app(["--demo"])
    assert not opens_the_app(["list"]) and not opens_the_app(["--help"])
    assert not opens_the_app(["--version"]) and not opens_the_app(["-h"])


def test_how_far_the_echo_moved_the_cursor():
    assert _echoed_lines("", 80) == 0
    assert _echoed_lines("correct horse", 80) == 0
    assert _echoed_lines("correct horse\n", 80) == 1
    assert _echoed_lines("x" * 81, 80) == 1  # wrapped once
    assert _echoed_lines("a\x03", 80) == 0  # ^C echoes as two columns
    assert _echoed_lines("one\ntwo\n", 80) == 2
