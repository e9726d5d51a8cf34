"""`journal people`: pseudonyms retired for good, and words marked "not a name" (issue 15)."""

from __future__ import annotations

from conftest import fails, ok


def test_a_removed_persons_pseudonym_is_never_given_again(cli):
    ok(cli("people", "add", "Morag Campbell", "--alias", "Morag"))
    ok(cli("people", "add", "Callum"))
    removed = ok(cli("people", "remove", "P1")).out.strip()
    assert removed == ("Removed Morag Campbell; P1 is retired and never given to anyone else "
                       "(add Morag Campbell again to give it back)")
    assert ok(cli("people", "add", "Isla")).out.strip() == "Isla is P3 in exports"
    fails(cli("people", "add", "Kim", "--pseudonym", "p1"), 1,
          "P1 was Morag Campbell's pseudonym and is retired")
    assert ok(cli("people", "add", "Morag Campbell")).out.strip() == \
        "Morag Campbell is P1 in exports"
    assert ok(cli("people", "list")).out.splitlines() == ["P1    Morag Campbell", "P2    Callum",
                                                          "P3    Isla"]


def test_words_marked_not_a_name(cli):
    listed = ok(cli("people", "not-a-name"))
    assert listed.out == "" and "No words marked \"not a name\" yet" in listed.err
    assert ok(cli("people", "not-a-name", "Maryhill", "Connect Cafe")).out.strip() == \
        "Exports leave Maryhill, Connect Cafe as written from now on."
    assert ok(cli("people", "not-a-name")).out.splitlines() == ["Maryhill", "Connect Cafe"]
    assert ok(cli("people", "not-a-name", "--remove", "maryhill")).out.strip() == \
        "Exports may find maryhill again."
    assert ok(cli("people", "not-a-name")).out.splitlines() == ["Connect Cafe"]
    fails(cli("people", "not-a-name", "--remove", "Gorbals"), 1,
          "'Gorbals' is not among the words marked not a name (Connect Cafe)")
    fails(cli("people", "not-a-name", "--remove"), 1, "give the words to forget")
