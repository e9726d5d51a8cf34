"""`journal export` learns from its findings: --add-person and --not-a-name (issue 15)."""

from __future__ import annotations

from conftest import add, ok


def test_a_maybe_name_becomes_a_person_or_a_word_left_alone(cli, tmp_path):
    add(cli, "--flag", "--title", "Drop-in",
        text="Callum came too. We met at Connect Cafe with Eilidh; on Mondays it is quiet.")
    dry = ok(cli("export", "--flagged", "--dry-run")).out
    assert "'Callum' → [name]" in dry and "'Connect' → [name]" in dry
    assert "'Mondays'" not in dry

    learned = ok(cli("export", "--flagged", "--dry-run", "--add-person", "Callum",
                     "--not-a-name", "Connect", "--not-a-name", "Cafe"))
    assert "Added Callum to your people list as P1." in learned.err
    assert "Marked not a name: Connect, Cafe (every later export leaves them as written)." \
        in learned.err
    assert "'Callum' → P1" in learned.out and "'Connect'" not in learned.out
    assert "2 findings would be replaced, 0 kept" in learned.err  # Callum and Eilidh

    # remembered: a later export needs neither option, and saying it again is harmless
    again = ok(cli("export", "--flagged", "--dry-run", "--add-person", "callum"))
    assert "Callum is already on your people list as P1." in again.err
    assert "'Callum' → P1" in again.out and "'Eilidh' → [name]" in again.out
    pack = tmp_path / "pack.md"
    ok(cli("export", "--flagged", "-o", str(pack)))
    text = pack.read_text()
    assert "P1 came too. We met at Connect Cafe with [name]; on Mondays it is quiet." in text
    assert ok(cli("people", "list")).out.splitlines() == ["P1    Callum"]
    assert ok(cli("people", "not-a-name")).out.splitlines() == ["Connect", "Cafe"]
