"""Rules of the house (DESIGN.md, "The house"), checked on every module of the package.

The module list is walked from the package folder, never kept by hand: a new module is covered
the moment it exists. Imports are read from the code itself (inside functions too), so a lazy
import cannot hide a cycle or a textual dependency.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import journal

PACKAGE = Path(journal.__file__).parent
UI = ("journal.app", "journal.screens", "journal.widgets")
MAX_ROOT_MODULES = 6
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> Iterator[str]:
    """Every module name an import statement in the file names (relative ones resolved)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                base = ".".join(here[: len(here) - node.level + 1] + ([base] if base else []))
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def _own(target: str) -> str | None:
    """The package module an imported name lives in, or None when it is not ours."""
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target or None


GRAPH = {name: {own for t in _imports(name, path) if (own := _own(t)) and own != name}
         for name, path in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_only_the_ui_imports_textual():
    users = sorted(name for name, path in MODULES.items()
                   if any(t.split(".")[0] == "textual" for t in _imports(name, path)))
    assert users, "the walk found no textual user at all: it is reading the wrong folder"
    assert [u for u in users if not u.startswith(UI)] == []


def test_nothing_outside_the_ui_pulls_in_textual_when_imported():
    """The static rule above, confirmed at run time for everything outside the UI at once."""
    core = [name for name in MODULES if not name.startswith(UI) and name != "journal.__main__"]
    code = ("import sys\n" + "".join(f"import {m}\n" for m in core) +
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_front_ends_go_through_the_session():
    """One way in: the command line and the app reach the journal through the session; none
    of their modules imports the store, the database or the ciphertext (storage)."""
    front = [name for name in MODULES if name.startswith((*UI, "journal.cli"))]
    assert len(front) > 10
    reaching = {name: sorted(d for d in GRAPH[name] if d.startswith("journal.storage"))
                for name in front}
    assert {name: deps for name, deps in reaching.items() if deps} == {}


def test_no_import_cycle_between_modules():
    # A package's __init__ that gathers its own submodules is not a cycle.
    cycles = [c for c in _cycles(GRAPH)
              if not all(m == c[0] or m.startswith(c[0] + ".") for m in c)]
    assert cycles == []


def test_no_import_cycle_between_packages():
    def package(module: str) -> str:
        path = MODULES[module]
        return module if path.name == "__init__.py" else module.rpartition(".")[0]

    graph: dict[str, set[str]] = {}
    for module, deps in GRAPH.items():
        here = package(module)
        graph.setdefault(here, set()).update(
            p for d in deps if (p := package(d)) != here
            and not p.startswith(here + ".") and not here.startswith(p + "."))
    assert _cycles(graph) == []


def test_few_modules_at_the_root_and_none_too_long():
    root = sorted(n for n, p in MODULES.items()
                  if p.parent == PACKAGE and p.name != "__init__.py")
    assert len(root) <= MAX_ROOT_MODULES, root
    long = {n: lines for n, p in MODULES.items()
            if (lines := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_command_line_starts_without_textual_or_sqlite_utils():
    """Everyday commands stay fast: no UI toolkit, no migration helpers unless migrating."""
    code = ("import sys, journal.cli\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'sqlite_utils', "
            "'numpy'}))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_no_user_setting_weakens_the_kdf():
    """Cheap KDF parameters exist for tests only: nothing in the CLI or settings mentions them."""
    for path in PACKAGE.rglob("*.py"):
        if path.name == "crypto.py":
            continue
        text = path.read_text()
        assert "for_tests" not in text, path
        assert not re.search(r"KdfParams\([^)]", text), path  # only the default is built
        assert "kdf=" not in text.replace("kdf=kdf", ""), path
