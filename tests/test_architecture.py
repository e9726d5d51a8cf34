"""Rules of the house that keep the journal's core usable without a screen."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = ["journal.storage", "journal.storage.store", "journal.model", "journal.framework",
        "journal.search", "journal.sync.clock", "journal.sync.engine", "journal.sync.webdav",
        "journal.sync.settings", "journal.sync.log", "journal.jrnl_import", "journal.serialize"]


@pytest.mark.parametrize("module", CORE)
def test_core_modules_never_import_textual(module):
    code = (f"import sys, {module}\n"
            "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
            "print(bad)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_command_line_starts_without_textual_or_sqlite_utils():
    """Everyday commands stay fast: no UI toolkit, no migration helpers unless migrating."""
    code = ("import sys, journal.cli\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'sqlite_utils', "
            "'numpy'}))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_no_user_setting_weakens_the_kdf():
    """Cheap KDF parameters exist for tests only: nothing in the CLI or settings mentions them."""
    import re
    from pathlib import Path

    import journal

    package = Path(journal.__file__).parent
    for path in package.rglob("*.py"):
        if path.name == "crypto.py":
            continue
        text = path.read_text()
        assert "for_tests" not in text, path
        assert not re.search(r"KdfParams\([^)]", text), path  # only the default is built
        assert "kdf=" not in text.replace("kdf=kdf", ""), path
