"""`journal archive` and `journal import archive`, run as a user runs them (in-process).

The archive is for the writer: every entry as written, real names and all (a plain one holds
the canary and the name), with marks, checks, check-ins, actions, people and tags; sealed, its
bytes hold neither, and it opens with age to what was written.
"""

from __future__ import annotations

import io
import json
import tarfile

import pytest
from conftest import JournalCli, add, fails, ok
from pyrage import x25519

from journal.export.seal import open_sealed

CANARY = "lapwing-marmalade-archive"
NAME = "Morag Campbell"
PACK_PASSPHRASE = "tangerine lighthouse orbit 42 velvet"


@pytest.fixture
def journal(cli: JournalCli) -> tuple[JournalCli, str, str]:
    """A person, an entry mentioning them with every kind of field, one edited, one deleted."""
    ok(cli("people", "add", NAME, "--alias", "Morag"))
    full = add(cli, "--title", "Cafe <b>with</b> P1", "--kind", "session", "--date",
               "2026-11-20 14:00", "--value", "hope:lived", "--value", "mutuality:challenging",
               "--behaviour", "share-hope:yes", "--behaviour", "power:no", "--flag",
               "--question", "How much of my story?", "--person", "P1", "--tag", "cafe",
               "--mood", "3", "--energy", "2", "--need", "a quiet evening", "--action",
               "Look up the drop-in times",
               text=f"Sat with {NAME} at the cafe; the {CANARY} came up.")
    edited = add(cli, "--date", "2026-11-21", text="first words")
    ok(cli("edit", edited, "second words"))
    gone = add(cli, "--date", "2026-11-22", text="deleted words")
    ok(cli("delete", gone))
    return cli, full, edited


def _archive(cli: JournalCli, *args: str):
    return ok(cli("archive", *args))


def test_a_plain_json_archive_holds_every_entry_as_written(journal, tmp_path):
    cli, full, edited = journal
    target = tmp_path / "archive.json"
    done = _archive(cli, "--output", str(target))
    assert "NOT encrypted" in done.err and done.out.strip() == str(target)
    assert target.stat().st_mode & 0o777 == 0o600
    data = json.loads(target.read_text())
    assert data["format"] == 1 and data["kind"] == "peer-journal archive"
    assert data["people"] == [{"pseudonym": "P1", "name": NAME, "aliases": ["Morag"]}]
    assert [e["id"] for e in data["entries"]] == [full, edited]  # oldest first; deleted left out
    entry = data["entries"][0]
    assert CANARY in entry["body"] and NAME in entry["body"]  # unscrubbed
    assert entry["names"] == [NAME] and entry["people"] == ["P1"]
    assert entry["values"] == {"hope": "lived", "mutuality": "challenging"}
    assert entry["behaviours"] == {"share-hope": "yes", "power": "no"}
    assert entry["checkin"] == {"mood": 3, "energy": 2, "need": "a quiet evening"}
    assert [a["text"] for a in entry["actions"]] == ["Look up the drop-in times"]
    assert entry["tags"] == ["cafe"] and entry["flagged"] is True
    assert entry["question"] == "How much of my story?"
    assert "history" not in entry and data["history"] is False


def test_history_has_every_version_and_deleted_entries(journal, tmp_path):
    cli, _, edited = journal
    target = tmp_path / "archive.json"
    _archive(cli, "--output", str(target), "--history")
    data = json.loads(target.read_text())
    by_id = {e["id"]: e for e in data["entries"]}
    assert [v["body"] for v in by_id[edited]["history"]] == ["first words", "second words"]
    deleted = [e for e in data["entries"] if e["deleted"]]
    assert len(deleted) == 1 and deleted[0]["body"] == "deleted words"
    assert [v["deleted"] for v in deleted[0]["history"]] == [False, True]


def test_md_is_a_folder_of_files_with_front_matter(journal, tmp_path):
    cli, full, _ = journal
    folder = tmp_path / "notes"
    _archive(cli, "--format", "md", "--output", str(folder))
    files = sorted(folder.iterdir())
    assert [f.name for f in files] == ["2026-11-20 1400 Cafe b with b P1.md",
                                       "2026-11-21 1200 second words.md"]
    assert all(f.stat().st_mode & 0o777 == 0o600 for f in files)
    assert folder.stat().st_mode & 0o777 == 0o700
    text = files[0].read_text()
    front, body = text.split("\n---\n", 1)
    lines = dict(line.split(": ", 1) for line in front.splitlines()[1:])
    assert json.loads(lines["id"]) == full
    assert json.loads(lines["people"]) == [NAME]
    assert json.loads(lines["tags"]) == ["cafe"]
    assert json.loads(lines["values"]) == {"hope": "lived", "mutuality": "challenging"}
    assert json.loads(lines["mood"]) == 3
    assert CANARY in body and "- [ ] Look up the drop-in times" in body
    assert "- Hope: lived" in body


def test_html_is_one_self_contained_file(journal, tmp_path):
    cli, _, _ = journal
    target = tmp_path / "archive.html"
    _archive(cli, "--format", "html", "--output", str(target), "--history")
    page = target.read_text()
    assert CANARY in page and NAME in page
    assert "Cafe &lt;b&gt;with&lt;/b&gt; P1" in page  # the writer's text is never markup
    for fetching in ("<script", "src=", "href=", "@import", "url("):
        assert fetching not in page
    assert "2 saved versions" in page


def test_sealed_with_a_passphrase_holds_no_plaintext(journal, tmp_path):
    cli, _, _ = journal
    secret = tmp_path / "pack-pass.txt"
    secret.write_text(PACK_PASSPHRASE + "\n")
    done = _archive(cli, "--output", str(tmp_path / "a.json"), "--pack-passphrase-file",
                    str(secret))
    target = tmp_path / "a.json.age"
    assert done.out.strip() == str(target) and "NOT encrypted" not in done.err
    raw = target.read_bytes()
    assert CANARY.encode() not in raw and NAME.encode() not in raw
    opened = json.loads(open_sealed(raw, passphrase=PACK_PASSPHRASE))
    assert CANARY in opened["entries"][0]["body"]
    assert not (tmp_path / "a.json").exists()


def test_sealed_to_a_key_streams_and_opens_with_the_identity(journal, tmp_path):
    cli, _, _ = journal
    me = x25519.Identity.generate()
    ok(cli("supervisor", "add", "me", str(me.to_public())))
    _archive(cli, "--format", "html", "--output", str(tmp_path / "a.html"), "--to", "me")
    raw = (tmp_path / "a.html.age").read_bytes()
    assert CANARY.encode() not in raw
    assert CANARY in open_sealed(raw, identities=[str(me)]).decode()
    fails(cli("archive", "--output", str(tmp_path / "b.json"), "--to", "nobody"), 1,
          "no supervisor named 'nobody'")
    assert not (tmp_path / "b.json.age").exists()


def test_md_sealed_is_a_tar_of_the_folder(journal, tmp_path):
    cli, _, _ = journal
    me = x25519.Identity.generate()
    ok(cli("supervisor", "add", "me", str(me.to_public())))
    _archive(cli, "--format", "md", "--output", str(tmp_path / "notes"), "--to", "me")
    raw = (tmp_path / "notes.tar.age").read_bytes()
    assert CANARY.encode() not in raw and not (tmp_path / "notes").exists()
    with tarfile.open(fileobj=io.BytesIO(open_sealed(raw, identities=[str(me)]))) as tar:
        names = tar.getnames()
        first = tar.extractfile("archive/2026-11-20 1400 Cafe b with b P1.md")
        assert first is not None and CANARY in first.read().decode()
    assert len(names) == 3  # the folder and two entries


def test_refusals_are_one_line(journal, tmp_path):
    cli, _, _ = journal
    (tmp_path / "there.json").write_text("keep me")
    fails(cli("archive", "--output", str(tmp_path / "there.json")), 1, "already exists")
    assert (tmp_path / "there.json").read_text() == "keep me"
    weak = tmp_path / "weak.txt"
    weak.write_text("password1\n")
    fails(cli("archive", "--output", str(tmp_path / "w.json"), "--pack-passphrase-file",
              str(weak)), 1, "pack passphrase")
    fails(cli("archive", "--output", str(tmp_path / "x.json"), "--to", "me", "--passphrase"),
          1, "not both")
    fails(cli("archive"), 2, "--output")
    fails(cli("archive", "--output", str(tmp_path / "y"), "--format", "pdf"), 2, "--format")


# -- journal import archive --------------------------------------------------------------------


def test_an_archive_comes_back_with_its_ids_and_people(journal, tmp_path):
    cli, full, _ = journal
    target = tmp_path / "archive.json"
    _archive(cli, "--output", str(target), "--history")
    other = JournalCli(tmp_path / "other", cli.passphrase_file)
    from conftest import make_store

    make_store(other.home)[0].close()
    dry = ok(other("import", "archive", str(target), "--dry-run"))
    assert "Would import 2 entries" in dry.out and "Nothing was written" in dry.out
    assert "Would add to your people list: Morag Campbell." in dry.out
    assert json.loads(ok(other("list", "--json")).out)["total"] == 0

    done = ok(other("import", "archive", str(target)))
    assert f"Imported 2 entries from {target}." in done.out
    assert "Left out: 1 deleted entries." in done.out
    assert "Left out: 1 earlier versions" in done.out
    before = json.loads(ok(cli("show", full, "--json")).out)
    after = json.loads(ok(other("show", full, "--json")).out)
    for changes in ("revision", "updated"):
        before.pop(changes)
        after.pop(changes)
    assert after == before
    assert "P1    Morag Campbell  (also: Morag)" in ok(other("people", "list")).out

    again = ok(other("import", "archive", str(target)))
    assert "Imported 0 entries" in again.out and "2 already here, skipped" in again.out
    into_itself = ok(cli("import", "archive", str(target)))
    assert "Imported 0 entries" in into_itself.out


def test_a_bad_archive_is_one_line_naming_the_file_and_the_entry(cli, tmp_path):
    bad = tmp_path / "bad.json"
    good = {"id": "0" * 32, "date": "2026-11-20T14:00:00+00:00", "kind": "daily",
            "title": "t", "body": "b"}
    bad.write_text(json.dumps({"format": 1, "kind": "peer-journal archive", "entries": [
        good, {**good, "id": "1" * 32, "date": "yesterday"}]}))
    fails(cli("import", "archive", str(bad)), 1, "bad.json: entry 2 (11111111)", "date")
    bad.write_text(json.dumps({"format": 1, "kind": "peer-journal archive", "entries": [
        {**good, "values": {"hope": "wonderful"}}]}))
    fails(cli("import", "archive", str(bad)), 1, "bad.json: entry 1 (00000000)")
    bad.write_text(json.dumps({"format": 2, "kind": "peer-journal archive", "entries": []}))
    fails(cli("import", "archive", str(bad)), 1, "newer than this program reads")
    bad.write_text('{"format": 1, "kind": "peer-journal archive",\n"entries": [{"id": 1,')
    fails(cli("import", "archive", str(bad)), 1, "bad.json:2: not valid JSON")
    bad.write_text("[1, 2]")
    fails(cli("import", "archive", str(bad)), 1, "bad.json: not a journal archive")
    bad.write_text(json.dumps([{"date": "2026-01-01"}]))
    fails(cli("import", "archive", str(bad)), 1, "not a journal archive")
    bad.write_text(json.dumps({"format": 1, "entries": [good]}))
    fails(cli("import", "archive", str(bad)), 1, "not a journal archive (no \"kind\"")
    assert json.loads(ok(cli("list", "--json")).out)["total"] == 0
