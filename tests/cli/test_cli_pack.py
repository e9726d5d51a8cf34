"""The supervision round trip through the command line (issue 18), with the real `age` tool on
the supervisor's side: the writer exports a sealed pack, the supervisor (no journal of their
own) opens it and replies, and the writer's journal receives the reply, once, from a pack it
sent. Real journal, real encryption, Debian's `age` and `age-keygen`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pexpect
import pytest
from conftest import add, fails, ok, require_tool

#: Never in clear in a pack or a reply file. Lowercase: the scrubber leaves it.
CANARY = "quillfeather"


def age() -> str:
    return require_tool("age", "age")


def keypair(folder: Path) -> tuple[Path, str]:
    """A real age identity made by age-keygen: (key file, public key)."""
    require_tool("age-keygen", "age")
    folder.mkdir(parents=True, exist_ok=True)
    key_file = folder / "key.txt"
    subprocess.run(["age-keygen", "-o", str(key_file)], check=True, capture_output=True)
    public = subprocess.run(["age-keygen", "-y", str(key_file)], check=True,
                            capture_output=True, text=True).stdout.strip()
    return key_file, public


@pytest.fixture
def sent(cli, tmp_path):
    """A journal with six flagged sessions (hope found hard in each: enough for trends to name
    it) that sent a sealed pack to the supervisor Ana: (pack, Ana's key file, entry ids)."""
    ids = [add(cli, "--title", f"Session {n}", "--kind", "session", "--flag",
               "--value", "hope:challenging", "--value", "mutuality:lived",
               text=f"Sat with a peer about the {CANARY} garden, week {n}.")
           for n in range(1, 7)]
    key_file, public = keypair(tmp_path / "ana")
    ok(cli("supervisor", "add", "Ana", public))
    pack = tmp_path / "pack.md.age"
    ok(cli("export", "--flagged", "--to", "Ana", "-o", str(pack)))
    return pack, key_file, ids


def supervisor(cli):
    """The same command line with no journal at all: the supervisor's machine."""
    return replace(cli, home=cli.home.parent / "nobody-here")


def fill(template: str, ids: list[str]) -> str:
    """A supervisor's notes: overall notes, a note on the second entry, a solution for hope,
    two agreed actions; everything else left as the template had it."""
    text = template.replace("## Overall notes\n", "## Overall notes\n\nSteady month; "
                            f"the {CANARY} work shows.\n", 1)
    text = re.sub(rf"(## Entry: [^\n]*\[{ids[1][:8]}\]\n)",
                  r"\1\nYou held the silence well here.\n", text)
    text = text.replace("## Solutions: Hope [hope]\n",
                        "## Solutions: Hope [hope]\n\nName one small hope each session.\n")
    return text.replace("\n- \n", "\n- Read the lone-working policy\n- [ ] Book a debrief\n")


def test_the_whole_round_trip_with_age_on_the_supervisors_side(cli, sent, tmp_path):
    pack, key_file, ids = sent
    writer_key = ok(cli("pack", "key")).out.strip()
    assert writer_key.startswith("age1") and len(writer_key) == 62
    assert ok(cli("pack", "key")).out.strip() == writer_key  # made once, kept

    # The supervisor opens the pack with the plain age tool: it ends with the template, the
    # writer's key and the exact command.
    opened = subprocess.run([age(), "-d", "-i", str(key_file), str(pack)],
                            capture_output=True, text=True, check=True).stdout
    reply_part = opened.split("\n## Reply\n", 1)[1]
    assert f"age -r {writer_key} -o reply.age notes.md" in reply_part
    for entry_id in ids:
        assert f"[{entry_id[:8]}]" in reply_part
    assert "## Solutions: Hope [hope]" in reply_part and "## Agreed actions" in reply_part

    # With this program and no journal: the same template, as plain text when piped.
    other = supervisor(cli)
    template = ok(other("pack", "reply", str(pack), "--identity", str(key_file),
                        "--template")).out
    assert template.startswith("# Supervision reply") and template.strip() in opened
    assert f"seal to {writer_key}" in template
    page = ok(other("pack", "open", str(pack), "--identity", str(key_file))).out
    assert page.startswith("# Supervision pack") and "Session 3" in page

    notes = tmp_path / "notes.md"
    notes.write_text(fill(template, ids))
    reply = tmp_path / "reply.age"
    result = ok(other("pack", "reply", str(pack), "--identity", str(key_file),
                      "--notes", str(notes), "--output", str(reply)))
    assert result.out.strip() == str(reply) and "only their journal opens it" in result.err
    raw = reply.read_bytes()
    assert raw.startswith(b"age-encryption.org/v1\n") and CANARY.encode() not in raw
    assert b"silence" not in raw and oct(reply.stat().st_mode & 0o777) == "0o600"
    # The supervisor cannot open their own reply: it is sealed to the writer alone.
    assert subprocess.run([age(), "-d", "-i", str(key_file), str(reply)],
                          capture_output=True).returncode != 0

    assert "waiting for a reply" in ok(cli("export", "log")).out
    got = ok(cli("pack", "receive", str(reply)))
    assert "notes on 1 entry, 2 agreed actions" in got.err
    supervision = json.loads(ok(cli("show", got.out.strip(), "--json")).out)
    assert supervision["kind"] == "supervision"
    assert supervision["date"][:10] == json.loads(ok(cli("show", ids[0], "--json")).out)[
        "date"][:10]  # the day received (the sessions were written today too)
    assert f"Steady month; the {CANARY} work shows." in supervision["body"]
    assert f"Session 2 ({ids[1][:8]})" in supervision["body"]  # a link to the entry discussed
    assert "Name one small hope each session." in supervision["body"]
    assert [(a["text"], a["done"]) for a in supervision["actions"]] == [
        ("Read the lone-working policy", False), ("Book a debrief", False)]
    assert supervision["values"] == {"hope": "tagged"}

    discussed = json.loads(ok(cli("show", ids[1], "--json")).out)
    assert discussed["supervision"].endswith(": You held the silence well here.")
    assert "From supervision" in ok(cli("show", ids[1])).out
    assert json.loads(ok(cli("show", ids[0], "--json")).out)["supervision"] == ""
    history = json.loads(ok(cli("history", ids[1], "--json")).out)["revisions"]
    assert [r["entry"]["supervision"] for r in history] == ["", discussed["supervision"]]
    # Kept through an edit on the command line.
    ok(cli("edit", ids[1], "--title", "Session two"))
    assert json.loads(ok(cli("show", ids[1], "--json")).out)["supervision"] == \
        discussed["supervision"]

    # The export log marks the pack answered.
    log = ok(cli("export", "log")).out
    assert f"answered {supervision['date'][:10]}" in log and "waiting for a reply" not in log

    # Received twice: nothing changes.
    before = ok(cli("list", "--json")).out
    again = ok(cli("pack", "receive", str(reply)))
    assert "already; nothing changed" in again.err and again.out == ""
    assert ok(cli("list", "--json")).out == before

    # The agreed actions carry forward: the next pack lists them as open actions.
    nxt = tmp_path / "next.md.age"
    ok(cli("export", "--kind", "supervision", "--to", "Ana", "-o", str(nxt)))
    text = subprocess.run([age(), "-d", "-i", str(key_file), str(nxt)], capture_output=True,
                          text=True, check=True).stdout
    assert "- [ ] Read the lone-working policy" in text.split("## Open actions", 1)[1]


def test_a_reply_made_with_only_the_age_tool_is_received(cli, sent, tmp_path):
    pack, key_file, ids = sent
    opened = subprocess.run([age(), "-d", "-i", str(key_file), str(pack)],
                            capture_output=True, text=True, check=True).stdout
    template = opened.split("````markdown\n", 1)[1].split("\n````", 1)[0] + "\n"
    command = re.search(r"age -r (age1\S+) -o reply\.age notes\.md", opened)
    assert command is not None
    (tmp_path / "notes.md").write_text(fill(template, ids))
    subprocess.run([age(), "-r", command.group(1), "-o", "reply.age", "notes.md"],
                   cwd=tmp_path, check=True)
    ok(cli("pack", "receive", str(tmp_path / "reply.age")))
    assert json.loads(ok(cli("show", ids[1], "--json")).out)["supervision"]
    listed = ok(cli("pack", "list")).out
    assert "pack.md.age  answered " in listed and listed.count("\n") == 1


def sealed_to(writer_key: str, text: str, folder: Path, name: str) -> Path:
    path = folder / name
    subprocess.run([age(), "-r", writer_key, "-o", str(path)], input=text.encode(), check=True)
    return path


def test_forged_mismatched_and_second_replies_are_refused_and_change_nothing(cli, sent,
                                                                            tmp_path):
    pack, key_file, ids = sent
    writer_key = ok(cli("pack", "key")).out.strip()
    template = ok(supervisor(cli)("pack", "reply", str(pack), "-i", str(key_file),
                                  "--template")).out
    good = fill(template, ids)
    line = re.search(r"Pack ([0-9a-f]{16}) · secret ([0-9a-f]{32})", good)
    assert line is not None
    before = ok(cli("list", "--json")).out
    assert "waiting for a reply" in ok(cli("pack", "list")).out

    # A forger who knows the writer's public key but never read the pack: no secret.
    forged = good.replace(line.group(2), "0" * 32)
    fails(cli("pack", "receive", str(sealed_to(writer_key, forged, tmp_path, "forged.age"))),
          1, "does not answer a pack this journal sent")
    # A pack id this journal never sent.
    other_pack = good.replace(line.group(1), "f" * 16)
    fails(cli("pack", "receive", str(sealed_to(writer_key, other_pack, tmp_path, "o.age"))),
          1, "does not answer a pack this journal sent")
    # No pack line at all.
    bare = "\n".join(x for x in good.splitlines() if not x.startswith("Pack "))
    fails(cli("pack", "receive", str(sealed_to(writer_key, bare, tmp_path, "bare.age"))),
          1, "no line 'Pack")
    # Sealed to someone else (Ana's own key), and a changed byte.
    _, ana_public = keypair(tmp_path / "ana2")
    fails(cli("pack", "receive", str(sealed_to(ana_public, good, tmp_path, "wrong.age"))),
          1, "does not open with this journal's key")
    real = sealed_to(writer_key, good, tmp_path, "reply.age")
    damaged = tmp_path / "damaged.age"
    data = bytearray(real.read_bytes())
    data[-5] ^= 1
    damaged.write_bytes(bytes(data))
    fails(cli("pack", "receive", str(damaged)), 1, "does not open with this journal's key")
    fails(cli("pack", "receive", str(pack)), 1, "does not open")  # the pack itself
    assert ok(cli("list", "--json")).out == before

    ok(cli("pack", "receive", str(real)))
    after = ok(cli("list", "--json")).out
    # A second, different reply to the answered pack: refused.
    second = good.replace("Steady month", "Another view")
    fails(cli("pack", "receive", str(sealed_to(writer_key, second, tmp_path, "2.age"))), 1,
          "answered on", "already")
    assert ok(cli("list", "--json")).out == after
    # The supervisor's tool refuses notes for another pack, or without the pack line.
    notes = tmp_path / "notes.md"
    for text, says in ((other_pack, "answer another pack"), (bare, "lost the template's")):
        notes.write_text(text)
        fails(supervisor(cli)("pack", "reply", str(pack), "-i", str(key_file), "--notes",
                              str(notes), "-o", str(tmp_path / "r2.age")), 1, says)
    assert not (tmp_path / "r2.age").exists()


def test_the_supervisors_commands_need_no_journal_and_fail_in_one_line(cli, sent, tmp_path):
    pack, key_file, _ = sent
    other = supervisor(cli)
    assert not other.home.exists()
    fails(other("pack", "open", str(pack)), 1, "--identity")
    fails(other("pack", "open", str(pack), "-i", str(tmp_path / "missing.txt")), 1,
          "no key file")
    (tmp_path / "not-a-key.txt").write_text("hello\n")
    fails(other("pack", "open", str(pack), "-i", str(tmp_path / "not-a-key.txt")), 1,
          "no age secret key")
    stranger, _ = keypair(tmp_path / "stranger")
    fails(other("pack", "open", str(pack), "-i", str(stranger)), 1, "does not open")
    fails(other("pack", "reply", str(pack), "-i", str(key_file)), 1, "--output")
    fails(other("pack", "reply", str(pack), "-i", str(key_file), "-o",
                str(tmp_path / "r.age")), 1, "--notes")
    fails(other("pack", "reply", str(pack), "-i", str(key_file), "-o", str(pack)), 1,
          "already exists")
    fails(other("pack", "receive", str(tmp_path / "nothing.age")), 1, "no reply file")
    assert not other.home.exists()
    # An unsealed pack carries no way back.
    plain = tmp_path / "plain.md"
    ok(cli("export", "--flagged", "-o", str(plain)))
    assert "## Reply" not in plain.read_text()
    fails(other("pack", "open", str(plain), "-i", str(key_file)), 1, "not a sealed pack")


def test_html_and_json_packs_carry_the_same_template(cli, sent, tmp_path):
    _, key_file, _ = sent
    other = supervisor(cli)
    for fmt in ("html", "json"):
        sealed = tmp_path / f"pack.{fmt}.age"
        ok(cli("export", "--flagged", "--format", fmt, "--to", "Ana", "-o", str(sealed)))
        template = ok(other("pack", "reply", str(sealed), "-i", str(key_file),
                            "--template")).out
        assert template.startswith("# Supervision reply") and "## Agreed actions" in template
        page = ok(other("pack", "open", str(sealed), "-i", str(key_file))).out
        assert "Session 4" in page and "<" not in page.split("Reply", 1)[0].replace(
            "<!--", "")
    pdf = tmp_path / "pack.pdf.age"
    ok(cli("export", "--flagged", "--format", "pdf", "--to", "Ana", "-o", str(pdf)))
    fails(other("pack", "reply", str(pdf), "-i", str(key_file), "--template"), 1,
          "copy the reply template from its last page")
    fails(other("pack", "open", str(pdf), "-i", str(key_file)), 1, "age -d -i KEY")


def test_a_pack_sealed_with_a_passphrase_opens_and_is_answered_the_same_way(cli, sent,
                                                                           tmp_path):
    _, _, ids = sent
    secret = tmp_path / "pack-pass.txt"
    secret.write_text("lantern orchard velvet tundra\n")
    pack = tmp_path / "pp.md.age"
    ok(cli("export", "--flagged", "--passphrase", "--pack-passphrase-file", str(secret),
           "-o", str(pack)))
    other = supervisor(cli)
    template = ok(other("pack", "reply", str(pack), "--pack-passphrase-file", str(secret),
                        "--template")).out
    (tmp_path / "notes.md").write_text(fill(template, ids))
    ok(other("pack", "reply", str(pack), "--pack-passphrase-file", str(secret), "--notes",
             str(tmp_path / "notes.md"), "-o", str(tmp_path / "reply.age")))
    assert "notes on 1 entry" in ok(cli("pack", "receive", str(tmp_path / "reply.age"))).err


async def test_the_reader_shows_the_pack_and_q_closes_it():
    from textual.widgets import Markdown

    from journal.screens.pack_reader import PackReaderApp

    app = PackReaderApp("pack.md.age", "# Supervision pack\n\n### 2026-03-02 · Walk\n\nText.",
                        markdown=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = app.screen.query_one("#pack-text", Markdown)
        assert "Walk" in shown.source
        assert "pack.md.age (read only)" in str(app.screen.query_one("#pack-title").render())
        await pilot.press("q")
    assert app.return_code == 0


def test_without_notes_on_a_terminal_the_template_opens_in_the_editor(cli, sent, tmp_path):
    """The real command on a pseudo-terminal, with an "editor" that writes the notes in the
    file it is given and records where that file was: afterwards the file is gone."""
    pack, key_file, _ = sent
    editor = tmp_path / "editor.py"
    seen = tmp_path / "seen.txt"
    editor.write_text(
        "import pathlib, sys\n"
        "path = pathlib.Path(sys.argv[1])\n"
        f"pathlib.Path({str(seen)!r}).write_text(str(path))\n"
        "text = path.read_text().replace('## Overall notes\\n',"
        " '## Overall notes\\n\\nWritten in the editor.\\n')\n"
        "path.write_text(text)\n")
    env = {**supervisor(cli).env(), "EDITOR": f"{sys.executable} {editor}"}
    env.pop("VISUAL", None)
    reply = tmp_path / "reply.age"
    child = pexpect.spawn(sys.executable, ["-m", "journal", "pack", "reply", str(pack),
                                           "--identity", str(key_file), "-o", str(reply)],
                          env=env, cwd=str(tmp_path), timeout=60, encoding="utf-8")
    child.expect("only their journal opens it")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert not Path(seen.read_text()).exists()  # the private file is wiped and removed
    assert b"Written in the editor" not in reply.read_bytes()
    ok(cli("pack", "receive", str(reply)))
    supervision = [e for e in json.loads(ok(cli("list", "--json")).out)["entries"]
                   if e["kind"] == "supervision"]
    assert "Written in the editor." in ok(cli("show", supervision[0]["id"])).out
    # An editor that changes nothing makes no reply.
    (tmp_path / "same.py").write_text("pass\n")
    env["EDITOR"] = f"{sys.executable} {tmp_path / 'same.py'}"
    child = pexpect.spawn(sys.executable, ["-m", "journal", "pack", "reply", str(pack),
                                           "--identity", str(key_file), "-o",
                                           str(tmp_path / "none.age")],
                          env=env, cwd=str(tmp_path), timeout=60, encoding="utf-8")
    child.expect("error: the template was left as it was; no reply was made")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1 and not (tmp_path / "none.age").exists()
