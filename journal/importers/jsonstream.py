"""Reading the entries of a large JSON export one at a time, in flat memory.

jrnl's and Day One's exports are one object whose `entries` array holds every entry:
`{"tags": {...}, "entries": [{...}, {...}, ...]}`. Twenty years of writing is hundreds of MB of
JSON; `json.load` would hold it all, as text and as objects, several times over. This walks the
top-level object with the standard library's own decoder (`raw_decode`), over a window of the
file that slides on, and yields each entry as it is decoded: the same values and the same
errors `json.loads` gives (a lone `\\ud800` is kept, to be refused by the importer), with the
line of the file where something is wrong.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterator
from typing import IO, Any

from journal.errors import JournalError

#: Bytes read at a time: an export's entries are a few KB each.
CHUNK = 1 << 20


class StreamProblem(JournalError, ValueError):
    """The file is not the JSON export it should be; the message says where and what."""


class EntryStream:
    """The items of the array under `key` in the JSON object `raw` holds, one at a time.

    `name` is how errors name the file, `what` what it should be ("a jrnl JSON export") and
    `hint` what to do ("export it again with `jrnl --export json`").
    """

    def __init__(self, raw: IO[bytes], name: str, what: str, hint: str,
                 key: str = "entries", chunk: int = CHUNK) -> None:
        self.raw, self.name, self.what, self.hint, self.key = raw, name, what, hint, key
        self.chunk = chunk
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.json = json.JSONDecoder()
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.lines_before = 0  # newlines in the text already slid out of the window
        self.raw_lines = 0  # newlines in the bytes already decoded (for a UTF-8 error)
        self.started = False

    # -- the window ---------------------------------------------------------------------------

    def _more(self) -> bool:
        """Slide the window on and read another chunk; False at the end of the file."""
        if self.eof:
            return False
        chunk = self.raw.read(self.chunk)
        try:
            text = self.decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            line = self.raw_lines + chunk[: max(exc.start, 0)].count(b"\n") + 1
            raise StreamProblem(f"{self.name}:{line}: not UTF-8 text; {self.hint}") from None
        self.raw_lines += chunk.count(b"\n")
        if not self.started:
            text = text.removeprefix("\ufeff")  # a byte order mark, as Windows editors write
            self.started = bool(text) or not chunk
        self.lines_before += self.buf.count("\n", 0, self.pos)
        self.buf = self.buf[self.pos:] + text
        self.pos = 0
        if not chunk:
            self.eof = True
        return True

    def _peek(self) -> str:
        """The next character that is not white space ('' at the end), not consumed."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def _line(self, pos: int) -> int:
        return self.lines_before + self.buf.count("\n", 0, pos) + 1

    def _not_valid(self, pos: int, why: str) -> StreamProblem:
        return StreamProblem(f"{self.name}:{self._line(pos)}: not valid JSON ({why}); "
                             f"{self.hint}")

    def _not_ours(self) -> StreamProblem:
        return StreamProblem(f"{self.name}: not {self.what} (no \"{self.key}\" list); "
                             f"{self.hint}")

    def _value(self) -> Any:
        """Decode the next value, reading on while it may be cut off."""
        self._peek()
        while True:
            try:
                value, end = self.json.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self._more():
                    continue
                raise self._not_valid(exc.pos, exc.msg) from None
            except RecursionError:  # thousands of nested brackets: no export writes that
                raise StreamProblem(f"{self.name}: nested too deeply to be {self.what}; "
                                    f"{self.hint}") from None
            near_edge = len(self.buf) - end < 64
            if near_edge and isinstance(value, (int, float)) and self._more():
                continue  # a number at the window's edge may go on: `1` of `1.5`
            self.pos = end
            return value

    def _expect(self, allowed: str, why: str, wrong: Callable[[], StreamProblem] | None = None
                ) -> str:
        char = self._peek()
        if not char or char not in allowed:
            raise wrong() if wrong else self._not_valid(self.pos, why)
        self.pos += 1
        return char

    # -- the object ---------------------------------------------------------------------------

    def __iter__(self) -> Iterator[Any]:
        self._expect("{", "", self._not_ours)
        found = False
        if self._peek() == "}":
            self.pos += 1
        else:
            while True:
                if self._peek() != '"':
                    raise self._not_valid(self.pos, "Expecting property name enclosed in "
                                          "double quotes")
                key = self._value()
                self._expect(":", "Expecting ':' delimiter")
                if key == self.key and self._peek() == "[":
                    found = True
                    self._before_items()
                    yield from self._items()
                else:
                    self._other(key, self._value())  # another part of the export
                if self._expect(",}", "Expecting ',' delimiter") == "}":
                    break
        if self._peek():
            raise self._not_valid(self.pos, "Extra data")
        if not found:
            self._before_items()
            raise self._not_ours()

    def _other(self, key: str, value: Any) -> None:
        """A member of the object besides the list: read past (a subclass may keep it)."""

    def _before_items(self) -> None:
        """Called once the list is reached (or found missing): a subclass checks what came
        before it."""

    def _items(self) -> Iterator[Any]:
        self.pos += 1  # the '['
        if self._peek() == "]":
            self.pos += 1
            return
        while True:
            yield self._value()
            if self._expect(",]", "Expecting ',' delimiter") == "]":
                return
