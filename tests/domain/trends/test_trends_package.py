"""The trends package is plain Python: no I/O, no storage, no UI (DESIGN.md, "The house")."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import journal.domain.trends as package

FOLDER = Path(package.__file__).parent
ALLOWED = ("journal.domain.", "journal.errors")  # and the one error family


def test_trends_imports_only_the_standard_library_and_the_domain():
    for path in sorted(FOLDER.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                assert node.level == 0, path  # absolute imports only
                names = [node.module or ""]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert name.startswith(ALLOWED) or (
                    top != "journal" and top in sys.stdlib_module_names), (path.name, name)


def test_the_package_gathers_every_public_name_of_its_modules():
    from journal.domain import trends

    for name in trends.__all__:
        assert getattr(trends, name) is not None
    assert trends.to_json.__module__ == "journal.domain.trends.json"
    assert trends.activity.__module__ == "journal.domain.trends.writing"  # the function
