"""Reading and validating a framework file.

Writers edit these files by hand, so every problem is reported as
``FILE:LINE: what is wrong; how to fix it``, one line per problem, and a bad file is never half
used.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from journal.domain.framework.types import (
    AREAS,
    Behaviour,
    Framework,
    FrameworkError,
    Value,
)

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")

_TABLE_KEYS: dict[str, dict[str, tuple[type, bool]]] = {
    # key -> (type, required)
    "framework": {
        "id": (str, True),
        "name": (str, True),
        "short_name": (str, False),
        "source": (str, True),
        "checklist_prompt": (str, False),
        "note": (str, False),
    },
    "values": {
        "id": (str, True),
        "name": (str, True),
        "belief": (str, True),
        "statements": (list, False),
        "prompt": (str, False),
    },
    "behaviours": {
        "id": (str, True),
        "text": (str, True),
        "area": (str, True),
    },
}


class _LineIndex:
    """Maps (table, index, key) to a line number by scanning the TOML text.

    tomllib gives positions for syntax errors only; this light scanner knows enough TOML
    (tables, arrays of tables, strings, multi-line arrays) to point at the right line otherwise.
    """

    def __init__(self, text: str) -> None:
        self.tables: dict[tuple[str, int], int] = {}
        self.keys: dict[tuple[str, int, str], int] = {}
        counts: dict[str, int] = {}
        current = ("", 0)
        depth = 0
        in_multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline:
                if in_multiline in line:
                    in_multiline = None
                continue
            stripped = line.strip()
            if depth == 0:
                header = re.match(r"^\[\[\s*([A-Za-z0-9_-]+)\s*\]\]", stripped)
                if header:
                    name = header.group(1)
                    index = counts.get(name, 0)
                    counts[name] = index + 1
                    current = (name, index)
                    self.tables[current] = number
                    continue
                header = re.match(r"^\[\s*([A-Za-z0-9_-]+)\s*\]", stripped)
                if header:
                    current = (header.group(1), 0)
                    self.tables[current] = number
                    continue
                key = re.match(r"^([A-Za-z0-9_-]+|\"[^\"]*\")\s*=", stripped)
                if key:
                    self.keys.setdefault((*current, key.group(1).strip('"')), number)
            depth, in_multiline = self._scan(stripped, depth)

    @staticmethod
    def _scan(line: str, depth: int) -> tuple[int, str | None]:
        """Track [ ] nesting outside strings; report an unclosed multi-line string."""
        i = 0
        while i < len(line):
            ch = line[i]
            if ch == "#":
                break
            if line.startswith('"""', i) or line.startswith("'''", i):
                quote = line[i : i + 3]
                end = line.find(quote, i + 3)
                if end < 0:
                    return depth, quote
                i = end + 3
                continue
            if ch in "\"'":
                i += 1
                while i < len(line) and line[i] != ch:
                    i += 2 if ch == '"' and line[i] == "\\" else 1
            elif ch in "[{":
                depth += 1
            elif ch in "]}":
                depth = max(depth - 1, 0)
            i += 1
        return depth, None

    def line(self, table: str, index: int = 0, key: str | None = None) -> int:
        if key is not None and (table, index, key) in self.keys:
            return self.keys[(table, index, key)]
        return self.tables.get((table, index), 1)


# -- reading -----------------------------------------------------------------------------------


def parse_framework(text: str, path: Path | str) -> Framework:
    """Validate framework text; raise FrameworkError listing every problem found."""
    name = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        where = match.group(1) if match else "1"
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise FrameworkError(
            [f"{name}:{where}: not valid TOML ({reason}); check quotes, brackets and commas"]
        ) from None
    except RecursionError:  # tomllib recurses once per nested bracket
        raise FrameworkError(
            [f"{name}:1: nested too deeply to be a framework (thousands of brackets); check "
             "that it is the file you meant"]
        ) from None
    lines = _LineIndex(text)
    problems: list[str] = []

    def problem(line: int, message: str) -> None:
        problems.append(f"{name}:{line}: {message}")

    for key in data:
        if key not in _TABLE_KEYS:
            problem(lines.line(key, 0, key) if (key, 0) not in lines.tables else lines.line(key),
                    f"unknown section {key!r}; a framework has [framework], [[values]] and "
                    "[[behaviours]]")

    meta = data.get("framework")
    if not isinstance(meta, dict):
        problem(1, "missing [framework] section; add one with id, name and source")
        meta = {}
    _check_table("framework", 0, meta, lines, problem)

    values_raw = data.get("values", [])
    if not isinstance(values_raw, list) or not values_raw:
        problem(lines.line("values"), "no values; add at least one [[values]] with id, name "
                                       "and belief")
        values_raw = []
    behaviours_raw = data.get("behaviours", [])
    if not isinstance(behaviours_raw, list):
        problem(lines.line("behaviours"), "behaviours must be written as [[behaviours]] tables")
        behaviours_raw = []

    seen: dict[str, int] = {}
    for table, items in (("values", values_raw), ("behaviours", behaviours_raw)):
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                problem(lines.line(table, index), f"each {table} entry must be a [[{table}]] table")
                continue
            _check_table(table, index, item, lines, problem)
            ident = item.get("id")
            if isinstance(ident, str):
                line = lines.line(table, index, "id")
                if ident in seen:
                    problem(line, f"duplicate id {ident!r} (first used on line {seen[ident]}); "
                                  "give each value and behaviour its own id")
                else:
                    seen[ident] = line
            if table == "behaviours" and isinstance(item.get("area"), str) and \
                    item["area"] not in AREAS:
                problem(lines.line(table, index, "area"),
                        f"area {item['area']!r} is not one of {', '.join(AREAS)}; use one of them")
            if table == "values" and isinstance(item.get("statements"), list):
                for s in item["statements"]:
                    if not isinstance(s, str):
                        problem(lines.line(table, index, "statements"),
                                "statements must be a list of quoted strings")
                        break

    if problems:
        raise FrameworkError(problems)
    return Framework(
        id=meta["id"],
        name=meta["name"].strip(),
        source=meta["source"].strip(),
        short_name=meta.get("short_name", "").strip(),
        checklist_prompt=meta.get("checklist_prompt", "Did I…"),
        note=meta.get("note", ""),
        values=tuple(
            Value(v["id"], v["name"].strip(), v["belief"].strip(),
                  tuple(v.get("statements", ())), v.get("prompt", "").strip())
            for v in values_raw
        ),
        behaviours=tuple(Behaviour(b["id"], b["text"].strip(), b["area"]) for b in behaviours_raw),
        path=Path(path),
    )


def _check_table(table: str, index: int, item: dict[str, Any], lines: _LineIndex,
                 problem: Callable[[int, str], None]) -> None:
    allowed = _TABLE_KEYS[table]
    where = f"[{table}]" if table == "framework" else f"[[{table}]] #{index + 1}"
    for key, value in item.items():
        if key not in allowed:
            problem(lines.line(table, index, key),
                    f"unknown key {key!r} in {where}; allowed keys: {', '.join(allowed)}")
            continue
        expected, _ = allowed[key]
        if not isinstance(value, expected):
            kind = "a quoted string" if expected is str else "a list of quoted strings"
            problem(lines.line(table, index, key), f"{key!r} in {where} must be {kind}")
    for key, (_, required) in allowed.items():
        if required and key not in item:
            problem(lines.line(table, index), f"{where} has no {key!r}; add {key} = \"...\"")
        elif required and isinstance(item.get(key), str) and not item[key].strip():
            problem(lines.line(table, index, key), f"{key!r} in {where} is empty; fill it in")
    ident = item.get("id")
    if isinstance(ident, str) and ident.strip() and not _ID.match(ident):
        problem(lines.line(table, index, "id"),
                f"id {ident!r} in {where} must be lower-case letters, digits and dashes "
                "(up to 40), like \"hope\" or \"share-hope\"")


def load_framework_file(path: Path) -> Framework:
    """Read and validate one framework file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FrameworkError([f"{path}: cannot read the file ({exc.strerror})"]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FrameworkError([f"{path}:{line}: not UTF-8 text; save the file as UTF-8"]) from None
    return parse_framework(text, path)
