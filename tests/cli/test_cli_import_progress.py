"""`journal import` shows a progress bar with counts on a terminal (a real pseudo-terminal,
the real process) and stays quiet when its output is piped."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ok
from test_terminal import converse

ENTRIES = 2500


def jrnl_export(tmp_path):
    path = tmp_path / "jrnl.json"
    entries = [{"title": f"Day {n}", "body": f"Reflection number {n}, about hope.",
                "date": f"{2000 + n // 365:04d}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                "time": "18:30", "tags": ["@hope"] if n % 3 else []} for n in range(ENTRIES)]
    path.write_text(json.dumps({"tags": {}, "entries": entries}))
    return path


@pytest.mark.slow
def test_a_progress_bar_with_counts_on_a_terminal(cli, tmp_path):
    export = jrnl_export(tmp_path)
    code, out = converse(["import", "jrnl", str(export)], cli.env(), [])
    assert code == 0, out
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out)  # the bar's drawing, as plain text
    assert "Checking" in screen and "Importing" in screen
    assert f"{ENTRIES}/{ENTRIES} entries" in screen
    assert f"Imported {ENTRIES} entries from {export}." in screen


def test_quiet_when_piped(cli, tmp_path):
    export = jrnl_export(tmp_path)
    done = ok(cli("import", "jrnl", str(export)))
    assert done.err == ""
    assert done.out == f"Imported {ENTRIES} entries from {export}.\n"
    assert json.loads(ok(cli("list", "--json", "--limit", "1")).out)["total"] == ENTRIES
