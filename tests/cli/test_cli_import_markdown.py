"""`journal import markdown DIR`: a folder of notes (an Obsidian vault, a notes folder), one
entry per .md file, through the real command line into a real journal."""

from __future__ import annotations

import json
import os
from datetime import datetime

from conftest import fails, ok


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def listed(cli):
    return {e["title"]: e for e in json.loads(ok(cli("list", "--json")).out)["entries"]}


def vault(tmp_path):
    root = tmp_path / "notes"
    write(root / "2024" / "supervision prep.md",
          "---\ntitle: Before supervision\ndate: 2024-03-05 16:45\ntags: [boundaries, Hope]\n"
          "kind: supervision\nmood: 3\n---\n\nWhat do I bring? The #boundaries question, "
          "and #mutuality when it went wrong.\n\n```\n#not-a-tag in code\n```\n")
    write(root / "daily" / "2024-02-29 ward.md",
          "# Ward round\n\nP4 was discharged today. #discharge\n\nSee [the plan](#plan).\n")
    old = write(root / "loose thoughts.md", "Nothing to date this by.\n")
    stamp = datetime(2023, 11, 2, 9, 15).timestamp()
    os.utime(old, (stamp, stamp))
    write(root / ".obsidian" / "workspace.md", "not a note")
    write(root / "empty.md", "\n\n")
    write(root / "picture.png", "not markdown")
    return root


def test_a_folder_of_notes_becomes_entries_once(cli, tmp_path):
    root = vault(tmp_path)
    dry = ok(cli("import", "markdown", str(root), "--dry-run"))
    assert f"Would import 3 entries from {root}." in dry.out
    assert listed(cli) == {}
    done = ok(cli("import", "markdown", str(root)))
    assert done.out.splitlines() == [
        f"Imported 3 entries from {root}.",
        "  empty files skipped: 1",
        "  files dated by their modification time (no date in them or their name): 1",
        "  front matter 'mood' left out (files): 1",
    ]
    entries = listed(cli)
    prep = entries["Before supervision"]
    assert prep["date"].startswith("2024-03-05T16:45")
    assert prep["kind"] == "supervision"
    assert prep["values"] == {"hope": "tagged", "mutuality": "tagged"}
    assert prep["tags"] == ["boundaries"]  # from the front matter and the text, once
    assert prep["body"].startswith("What do I bring?")
    ward = entries["Ward round"]
    assert ward["date"].startswith("2024-02-29T12:00")  # the name's day, at midday
    assert ward["body"] == "P4 was discharged today. #discharge\n\nSee [the plan](#plan)."
    assert ward["tags"] == ["discharge"]
    loose = entries["loose thoughts"]
    assert loose["date"].startswith("2023-11-02T09:15")
    assert loose["body"] == "Nothing to date this by."

    again = ok(cli("import", "markdown", str(root)))
    assert "Imported 0 entries" in again.out and "(3 already imported, skipped)" in again.out
    assert len(listed(cli)) == 3


def test_bad_files_are_one_line_naming_the_file(cli, tmp_path):
    root = tmp_path / "notes"
    write(root / "fine.md", "All good.")
    bad_yaml = write(root / "bad.md", "---\ntitle: [unclosed\n---\ntext\n")
    fails(cli("import", "markdown", str(root)), 1, f"{bad_yaml}:", "front matter is not valid "
          "YAML")
    bad_yaml.unlink()
    latin = root / "latin.md"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    fails(cli("import", "markdown", str(root)), 1, f"{latin}: not UTF-8 text")
    latin.unlink()
    bad_date = write(root / "when.md", "---\ndate: someday\n---\ntext\n")
    fails(cli("import", "markdown", str(root)), 1, f"{bad_date}: front matter date 'someday'")
    bad_date.unlink()
    listy = write(root / "list.md", "---\n- a\n- b\n---\ntext\n")
    fails(cli("import", "markdown", str(root)), 1, f"{listy}: the front matter is not")
    listy.unlink()
    assert listed(cli) == {}
    fails(cli("import", "markdown", str(root / "fine.md")), 1, "is not a folder")
    fails(cli("import", "markdown", str(tmp_path / "nowhere")), 1, "does not exist")
    (tmp_path / "blank").mkdir()
    fails(cli("import", "markdown", str(tmp_path / "blank")), 1, "no .md files")
    assert "Imported 1 entry" in ok(cli("import", "markdown", str(root))).out
