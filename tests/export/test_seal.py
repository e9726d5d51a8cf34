"""Sealed packs open with the standard `age` tool, and only for whom they were sealed.

Real parts throughout: the `journal` command as a separate process, pyrage inside it, and
Debian's `age` / `age-keygen` binaries (installed by .ci/run) to open what it wrote. Passphrases
are typed into a pseudo-terminal, as a person would: neither tool reads them from a pipe.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from conftest import add, fails, ok, require_tool

from journal.export import seal

#: Must never reach a file in plain text. Lowercase: capitalised, the scrubber would (rightly)
#: offer it as "maybe a name".
CANARY = "quillfeather"
PACK_PASSPHRASE = "lantern orchard velvet"


def age() -> str:
    return require_tool("age", "age")


def open_with_age(sealed: Path, out: Path, passphrase: str) -> None:
    """`age -d` with the passphrase typed at its prompt, as a person would (age reads it only
    from a terminal)."""
    opener = pexpect.spawn(age(), ["-d", "-o", str(out), str(sealed)], timeout=60,
                           encoding="utf-8")
    opener.expect("Enter passphrase")
    opener.sendline(passphrase)
    opener.expect(pexpect.EOF)
    opener.close()
    assert opener.exitstatus == 0, opener.before


def keypair(folder: Path) -> tuple[Path, str]:
    """A real age identity made by age-keygen: (key file, public key)."""
    require_tool("age-keygen", "age")
    key_file = folder / "supervisor-key.txt"
    subprocess.run(["age-keygen", "-o", str(key_file)], check=True, capture_output=True)
    public = subprocess.run(["age-keygen", "-y", str(key_file)], check=True,
                            capture_output=True, text=True).stdout.strip()
    return key_file, public


def journal_with_a_flagged_entry(cli) -> None:
    ok(cli("people", "add", "Sam Okafor", "--alias", "Sam"))
    add(cli, "--title", "Walk with Sam", "--kind", "session", "--flag",
        "--question", "How do I hold Sam's hope?", "--value", "hope:lived",
        text=f"Walked with Sam to the {CANARY} café; he rang from 07700 900123.")


def test_sealed_to_supervisors_opens_with_age_and_not_for_others(cli, tmp_path):
    journal_with_a_flagged_entry(cli)
    key_file, public = keypair(tmp_path)
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other_key, other_public = keypair(other_dir)
    assert "Ana:" in ok(cli("supervisor", "add", "Ana", public)).out
    ok(cli("supervisor", "add", "me", other_public))
    assert ok(cli("supervisor", "list")).out.splitlines() == [f"Ana  {public}",
                                                               f"me   {other_public}"]
    sealed = tmp_path / "pack.md.age"
    result = ok(cli("export", "--flagged", "--to", "ana", "-o", str(sealed)))
    assert "sealed with age to Ana" in result.err and "NOT encrypted" not in result.err
    raw = sealed.read_bytes()
    assert raw.startswith(b"age-encryption.org/v1\n") and CANARY.encode() not in raw
    assert oct(sealed.stat().st_mode & 0o777) == "0o600"

    opened = subprocess.run([age(), "-d", "-i", str(key_file), str(sealed)], capture_output=True)
    assert opened.returncode == 0, opened.stderr
    text = opened.stdout.decode()
    assert text.startswith("# Supervision pack") and "Walked with P1 to the" in text
    assert CANARY in text and "Sam" not in text and "07700" not in text
    refused = subprocess.run([age(), "-d", "-i", str(other_key), str(sealed)], capture_output=True)
    assert refused.returncode != 0 and b"no identity matched" in refused.stderr

    # Sealed to two keys (a supervisor and the writer's own): either opens it.
    both = tmp_path / "both.html.age"
    ok(cli("export", "--flagged", "--format", "html", "--to", "Ana", "--to", "me",
           "-o", str(both)))
    for key in (key_file, other_key):
        page = subprocess.run([age(), "-d", "-i", str(key), str(both)], capture_output=True)
        assert page.returncode == 0 and page.stdout.startswith(b"<!doctype html>")

    # A changed byte anywhere (header or body) and neither age nor the journal opens it.
    for where in (40, len(raw) - 5):
        tampered = bytearray(raw)
        tampered[where] ^= 0x01
        bad = tmp_path / f"tampered-{where}.age"
        bad.write_bytes(bytes(tampered))
        rejected = subprocess.run([age(), "-d", "-i", str(key_file), str(bad)],
                                  capture_output=True)
        assert rejected.returncode != 0 and rejected.stdout == b""
        with pytest.raises(seal.SealError, match="changed or damaged"):
            seal.open_sealed(bytes(tampered), identities=[key_file.read_text().splitlines()[-1]])

    log = ok(cli("export", "log")).out.splitlines()
    assert "sealed to Ana " in log[0] and "pack.md.age" in log[0]
    assert "sealed to Ana, me" in log[1]
    # columns line up however long each cell is (issue 16, 12)
    assert log[0].index("pack.md.age") == log[1].index("both.html.age")
    assert log[0].index("replaced") - len(log[0].split("  ")[4]) <= log[1].index("replaced")


def test_what_age_seals_the_journal_opens(tmp_path):
    """The other direction: a file sealed by the age tool opens with our code."""
    key_file, public = keypair(tmp_path)
    plain = tmp_path / "note.txt"
    plain.write_text("from age")
    sealed = subprocess.run([age(), "-r", public, str(plain)], check=True,
                            capture_output=True).stdout
    secret = key_file.read_text().splitlines()[-1]
    assert seal.open_sealed(sealed, identities=[secret]) == b"from age"


def test_passphrase_typed_at_a_terminal_opens_with_age(cli, tmp_path):
    journal_with_a_flagged_entry(cli)
    sealed = tmp_path / "pack.pdf.age"
    child = pexpect.spawn(sys.executable, ["-m", "journal", "export", "--flagged", "--format",
                                           "pdf", "--passphrase", "-o", str(sealed)],
                          env=cli.env(), cwd=str(tmp_path), timeout=60, encoding="utf-8")
    child.expect("Passphrase for the pack: ")
    child.sendline(PACK_PASSPHRASE)
    child.expect("Repeat for confirmation: ")
    child.sendline(PACK_PASSPHRASE)
    child.expect("sealed with age and a passphrase")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert CANARY.encode() not in sealed.read_bytes()

    out = tmp_path / "opened.pdf"
    open_with_age(sealed, out, PACK_PASSPHRASE)
    assert out.read_bytes().startswith(b"%PDF-")
    assert "sealed with a passphrase" in ok(cli("export", "log")).out


def test_passphrase_from_a_file_for_scripts(cli, tmp_path):
    journal_with_a_flagged_entry(cli)
    secret = tmp_path / "pack-passphrase.txt"
    secret.write_text(PACK_PASSPHRASE + "\n")
    sealed = tmp_path / "pack.json.age"
    ok(cli("export", "--flagged", "--format", "json", "--passphrase",
           "--pack-passphrase-file", str(secret), "-o", str(sealed)))
    opened = seal.open_sealed(sealed.read_bytes(), passphrase=PACK_PASSPHRASE)
    assert b'"entries"' in opened and CANARY.encode() in opened


def test_sealing_refusals_write_nothing(cli, tmp_path):
    journal_with_a_flagged_entry(cli)
    fails(cli("supervisor", "add", "Ana", "not-a-key"), 1, "is not an age public key")
    fails(cli("supervisor", "add", "Ana", "AGE-SECRET-KEY-1QQQ"), 1, "that is a secret key")
    fails(cli("supervisor", "add", "Ana", "age1" + "q" * 58), 1, "not a valid age public key")
    fails(cli("supervisor", "add", " ", "age1" + "q" * 58), 1, "needs a name")
    assert "No supervisors saved yet" in ok(cli("supervisor", "list")).err
    target = tmp_path / "x.md.age"
    fails(cli("export", "--flagged", "--to", "Nobody", "-o", str(target)), 1,
          "no supervisor called 'Nobody' (none saved yet)")
    fails(cli("export", "--flagged", "--to", "Ana", "--passphrase", "-o", str(target)), 1,
          "not both")
    fails(cli("export", "--flagged", "--passphrase", "-o", str(target)), 1,
          "no pack passphrase given", "--pack-passphrase-file")
    fails(cli("export", "--flagged", "--pack-passphrase-file", "x", "-o", str(target)), 1,
          "goes with --passphrase")
    assert not target.exists()
    assert "Nothing exported yet" in ok(cli("export", "log")).err


def test_a_sealed_packs_name_always_ends_in_age(cli, tmp_path):
    """`-o x.md --to Ana` used to write an age file named x.md (issue 16, 11): a reader would
    take it for Markdown, or a plain pack for a sealed one."""
    journal_with_a_flagged_entry(cli)
    key_file, public = keypair(tmp_path)
    ok(cli("supervisor", "add", "Ana", public))
    asked = tmp_path / "x.md"
    result = ok(cli("export", "--flagged", "--to", "Ana", "-o", str(asked)))
    written = tmp_path / "x.md.age"
    assert not asked.exists() and written.exists()
    assert result.out.strip() == str(written) and f"Writing {written}" in result.err
    opened = subprocess.run([age(), "-d", "-i", str(key_file), str(written)], capture_output=True)
    assert opened.returncode == 0 and opened.stdout.startswith(b"# Supervision pack")
