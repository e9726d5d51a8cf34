"""The people the writer supports: names, other names, and a stable pseudonym (P1, P2…).

Kept as encrypted records inside the journal; the supervision export replaces every name and
alias with the person's pseudonym, the same in every export. Used by the app (through the
session) and by `journal people`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from journal.errors import JournalError

RECORD_TYPE = "person"


class JournalStore(Protocol):
    """The part of the store people are kept in: sealed records, synced like entries. (A
    protocol, so the domain never depends on storage.)"""

    def records(self, record_type: str) -> dict[str, dict[str, Any]]: ...

    def put_record(self, record_type: str, data: dict[str, Any],
                   record_id: str | None = None) -> str: ...

    def delete_record(self, record_id: str) -> None: ...


class PeopleError(JournalError, ValueError):
    """A person cannot be saved or found; the message says what to do."""


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...]
    pseudonym: str
    record_id: str = ""


def list_people(store: JournalStore) -> list[Person]:
    """Everyone on the list, by pseudonym number."""
    people = [Person(data.get("name", ""), tuple(data.get("aliases", [])),
                     data.get("pseudonym", ""), rid)
              for rid, data in store.records(RECORD_TYPE).items()]
    return sorted(people, key=lambda p: (len(p.pseudonym), p.pseudonym, p.name.casefold()))


def next_pseudonym(people: list[Person]) -> str:
    taken = {p.pseudonym for p in people}
    n = 1
    while f"P{n}" in taken:
        n += 1
    return f"P{n}"


def save_person(store: JournalStore, name: str, aliases: list[str], pseudonym: str = "",
                record_id: str | None = None) -> Person:
    """Add someone (or change them, with `record_id`); a pseudonym is given when none is."""
    name = " ".join(name.split())
    if not name:
        raise PeopleError("a person needs a name")
    people = list_people(store)
    pseudonym = pseudonym.strip() or next_pseudonym(people)
    for other in people:
        if other.record_id == record_id:
            continue
        if other.pseudonym == pseudonym:
            raise PeopleError(f"{pseudonym} is already {other.name}'s pseudonym; choose another "
                              "or leave it out to get the next free one")
        if record_id is None and other.name.casefold() == name.casefold():
            raise PeopleError(f"{name} is already on the list as {other.pseudonym}")
    clean = tuple(dict.fromkeys(" ".join(a.split()) for a in aliases if a.strip()))
    data = {"name": name, "aliases": list(clean), "pseudonym": pseudonym}
    rid = store.put_record(RECORD_TYPE, data, record_id)
    return Person(name, clean, pseudonym, rid)


def find_person(store: JournalStore, name_or_pseudonym: str) -> Person:
    wanted = " ".join(name_or_pseudonym.split()).casefold()
    people = list_people(store)
    for person in people:
        if wanted in (person.name.casefold(), person.pseudonym.casefold()):
            return person
    names = ", ".join(f"{p.name} ({p.pseudonym})" for p in people) or "nobody yet"
    raise PeopleError(f"no one called {name_or_pseudonym!r} on your people list (it has: "
                      f"{names})")


def remove_person(store: JournalStore, record_id: str) -> None:
    store.delete_record(record_id)
