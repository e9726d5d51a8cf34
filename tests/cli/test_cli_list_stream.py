"""`journal list --json` without a limit is written as the rows are read (storage/streaming.py),
with a limit from the loaded view or the order blob: the documents agree."""

from __future__ import annotations

import json

from conftest import add, ok


def test_streamed_and_loaded_list_documents_agree(cli):
    first = add(cli, "--date", "2026-01-05", "--value", "hope:lived", "--title", "One")
    gone = add(cli, "--date", "2026-02-05", "--flag", "--title", "Two")
    add(cli, "--date", "2026-03-05", "--kind", "learning", "--title", "Three")
    ok(cli("edit", first, "--title", "One, edited"))
    ok(cli("delete", gone))
    for extra in ([], ["--deleted"], ["--value", "hope"], ["--since", "2026-02-01", "--deleted"]):
        streamed = ok(cli("list", "--json", *extra)).out
        loaded = ok(cli("list", "--json", "--limit", "100", *extra)).out
        assert streamed == loaded, extra
    data = json.loads(ok(cli("list", "--json", "--deleted")).out)
    assert [e["title"] for e in data["entries"]] == ["Three", "Two", "One, edited"]
    assert (data["count"], data["matched"], data["total"]) == (3, 3, 3)
    assert data["entries"][1]["deleted"] is True
    assert json.loads(ok(cli("list", "--json")).out)["total"] == 2
