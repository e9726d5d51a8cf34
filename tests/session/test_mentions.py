"""Who an entry's text names, as the editor offers them: found by the scrubber's own matcher,
those already attached left out, in the order they are first named."""

from __future__ import annotations

from journal.domain.people import Person
from journal.session.mentions import attached_line, mentioned, suggestion

SAM = Person("Sam", ("Sammy",), "P1")
SIOBHAN = Person("Siobhán O'Neill", (), "P2")
MARY = Person("Mary-Kate", (), "P3")
PEOPLE = [SAM, SIOBHAN, MARY]


def test_names_as_people_type_them_in_the_order_first_named():
    text = "mary kate came; later SIOBHAN O NEILL and sammy, then Mary Kate again"
    assert mentioned(text, PEOPLE, []) == [MARY, SIOBHAN, SAM]


def test_those_attached_are_not_offered():
    assert mentioned("Sam and Siobhán O'Neill", PEOPLE, ["p1"]) == [SIOBHAN]


def test_a_name_inside_a_word_is_no_mention():
    assert mentioned("Samuel and Samantha", PEOPLE, []) == []


def test_the_lines_the_editor_shows():
    assert suggestion([SAM, MARY], "f5") == (
        "Sam is named in the text: f5 attaches them as P1 (1 more named after)")
    assert suggestion([], "f5") == ""
    assert attached_line([], PEOPLE, "f3") == "none (f3 to choose)"
    assert attached_line(["P2", "P9"], PEOPLE, "f3") == "P2 Siobhán O'Neill, P9"
