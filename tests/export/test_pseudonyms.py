"""Pseudonyms never collide: P1 is one person in every pack, for good (issue 15).

Real stores (real SQLite, real encryption) and, for two devices, a real sync through a folder.
"""

from __future__ import annotations

import pytest

from journal.domain import people
from journal.domain.people import PeopleError


def pseudonyms(store) -> dict[str, str]:
    return {p.name: p.pseudonym for p in people.list_people(store)}


def test_a_removed_persons_pseudonym_is_retired(store):
    morag = people.save_person(store, "Morag", ["Mo"])
    people.save_person(store, "Callum", [])
    people.remove_person(store, morag.record_id)
    assert people.save_person(store, "Isla", []).pseudonym == "P3"  # not P1 again
    assert people.next_pseudonym(store) == "P4"
    with pytest.raises(PeopleError, match="P1 was Morag's pseudonym and is retired"):
        people.save_person(store, "Kim", [], "p1")
    # Morag comes back: her own pseudonym, the one her supervisor knows
    assert people.save_person(store, "morag", []).pseudonym == "P1"
    assert pseudonyms(store) == {"morag": "P1", "Callum": "P2", "Isla": "P3"}


def test_a_pseudonym_changed_by_hand_is_not_given_again(store):
    sam = people.save_person(store, "Sam", [])
    people.save_person(store, "Sam", [], "S1", record_id=sam.record_id)
    assert people.save_person(store, "Jo", []).pseudonym == "P2"
    with pytest.raises(PeopleError, match="P1 was Sam's pseudonym"):
        people.save_person(store, "Dee", [], "P1")
    # Sam may have their old one back
    assert people.save_person(store, "Sam", [], "P1", record_id=sam.record_id).pseudonym == "P1"


def test_two_devices_giving_the_same_pseudonym_are_settled_alike(pair):
    a, b = pair
    people.save_person(a.store, "Aisha", [])
    a.sync()
    b.sync()
    # offline, each device adds someone new: both get P2
    assert people.save_person(a.store, "Tomasz", []).pseudonym == "P2"
    assert people.save_person(b.store, "Eilidh", []).pseudonym == "P2"
    a.sync()
    b.sync()
    a.sync()
    on_a, on_b = pseudonyms(a.store), pseudonyms(b.store)
    assert on_a == on_b, (on_a, on_b)
    assert sorted(on_a.values()) == ["P1", "P2", "P3"] and on_a["Aisha"] == "P1"
    b.sync()
    a.sync()
    assert pseudonyms(a.store) == pseudonyms(b.store) == on_a  # and it stays so
    assert people.next_pseudonym(a.store) == "P4"
    moved = [p for p in people.list_people(b.store) if p.former]
    assert [(p.pseudonym, p.former) for p in moved] == [("P3", ("P2",))]


def test_words_marked_not_a_name_are_kept_once(store):
    assert people.add_not_a_name(store, " Connect  Cafe ") == "Connect Cafe"
    people.add_not_a_name(store, "connect cafe")
    people.add_not_a_name(store, "Maryhill")
    assert people.not_names(store) == ["Connect Cafe", "Maryhill"]
    people.remove_not_a_name(store, "MARYHILL")
    assert people.not_names(store) == ["Connect Cafe"]
    with pytest.raises(PeopleError, match=r"'Gorbals' is not among .* \(Connect Cafe\)"):
        people.remove_not_a_name(store, "Gorbals")


def test_learning_a_word_of_a_listed_name_adds_it_as_their_other_name(store):
    people.save_person(store, "Sam Okafor", [])
    people.save_person(store, "Jo Okafor", [])
    assert people.learn(store, "Sam", as_person=True) == \
        "Sam is now another name of Sam Okafor: P1 in exports"
    assert people.list_people(store)[0].aliases == ("Sam",)
    # a word two people share: the writer says whose it is
    with pytest.raises(PeopleError, match=r"Okafor is part of the names of Sam Okafor \(P1\) "
                                          r"and Jo Okafor \(P2\)"):
        people.learn(store, "Okafor", as_person=True)
    assert people.learn(store, "Callum", as_person=True) == "Callum is P3 in exports from now on"
    assert people.learn(store, "Maryhill", as_person=False) == \
        "Maryhill is not a name: left as written, in every export"
