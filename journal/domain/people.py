"""The people the writer supports: names, other names, and a stable pseudonym (P1, P2…).

Kept as encrypted records inside the journal; the supervision export replaces every name and
alias with the person's pseudonym, the same in every export. Used by the app (through the
session) and by `journal people`.

A pseudonym, once given, belongs to that person for good: a supervisor reads packs months
apart, and P1 must never be two people. So a removed person's pseudonym is retired (their
record stays, as a tombstone, and is counted), a pseudonym changed by hand is kept as a former
one, and adding a removed person again gives them their own pseudonym back. Two devices that
each gave the same new pseudonym before syncing are settled the same way on every device: the
person saved first keeps it, the other gets the next free one (`settle`).

Words the writer marked "not a name" in an export review live here too, one record each (so
two devices adding words at once both keep theirs); every later scrub passes them by.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from dataclasses import dataclass
from typing import Any, Protocol

from journal.errors import JournalError

RECORD_TYPE = "person"
NOT_A_NAME = "not-a-name"


class JournalStore(Protocol):
    """The part of the store people are kept in: sealed records, synced like entries. (A
    protocol, so the domain never depends on storage.)"""

    def records(self, record_type: str) -> dict[str, dict[str, Any]]: ...

    def removed_records(self, record_type: str) -> dict[str, dict[str, Any]]: ...

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
    former: tuple[str, ...] = ()  # pseudonyms they had before (never given to anyone else)


def _person(rid: str, data: dict[str, Any]) -> Person:
    return Person(data.get("name", ""), tuple(data.get("aliases", [])), data.get("pseudonym", ""),
                  rid, tuple(data.get("former", [])))


def _number(pseudonym: str) -> tuple[int, str]:
    return len(pseudonym), pseudonym


def list_people(store: JournalStore) -> list[Person]:
    """Everyone on the list, by pseudonym number."""
    people = [_person(rid, data) for rid, data in settle(store).items()]
    return sorted(people, key=lambda p: (*_number(p.pseudonym), p.name.casefold()))


def retired(store: JournalStore) -> dict[str, str]:
    """Every pseudonym no one on the list has now, and whose it was: removed people's, and
    those changed by hand (lower case keys)."""
    out: dict[str, str] = {}
    for data in store.removed_records(RECORD_TYPE).values():
        for pseudonym in (data.get("pseudonym", ""), *data.get("former", [])):
            out.setdefault(pseudonym.casefold(), data.get("name", ""))
    for data in store.records(RECORD_TYPE).values():
        for pseudonym in data.get("former", []):
            out.setdefault(pseudonym.casefold(), data.get("name", ""))
    out.pop("", None)
    return out


def _taken(store: JournalStore, records: dict[str, dict[str, Any]]) -> set[str]:
    return {d.get("pseudonym", "").casefold() for d in records.values()} | set(retired(store))


def _first_free(taken: set[str]) -> str:
    n = 1
    while f"p{n}" in taken:
        n += 1
    return f"P{n}"


def next_pseudonym(store: JournalStore) -> str:
    """The lowest P number never given to anyone (a removed person's stays theirs)."""
    return _first_free(_taken(store, store.records(RECORD_TYPE)))


def settle(store: JournalStore) -> dict[str, dict[str, Any]]:
    """The people records, with no pseudonym held twice. Two devices can each give P4 to a
    different new person before they sync; after it, every device settles it the same way:
    the record with the lower id keeps P4 (ids never change, so the choice never flips), the
    other gets the next free number, saved so that it stays theirs (in memory only when the
    journal cannot be written; settled again, the same way, when it can)."""
    records = store.records(RECORD_TYPE)
    holder: set[str] = set()
    for rid in sorted(records):
        data = records[rid]
        key = data.get("pseudonym", "").casefold()
        if key and key not in holder:
            holder.add(key)
            continue
        fresh = _first_free(_taken(store, records))
        data = {**data, "pseudonym": fresh,
                "former": [*data.get("former", []), data.get("pseudonym", "")]}
        records[rid] = data
        holder.add(fresh.casefold())
        with contextlib.suppress(OSError, JournalError, sqlite3.Error):  # read-only: later
            store.put_record(RECORD_TYPE, data, rid)
    return records


def save_person(store: JournalStore, name: str, aliases: list[str], pseudonym: str = "",
                record_id: str | None = None) -> Person:
    """Add someone (or change them, with `record_id`); a pseudonym is given when none is.
    Adding someone who was removed gives them their own pseudonym back."""
    name = " ".join(name.split())
    if not name:
        raise PeopleError("a person needs a name")
    records = settle(store)
    pseudonym = pseudonym.strip()
    if re.fullmatch(r"p\d+", pseudonym):
        pseudonym = pseudonym.upper()
    former: list[str] = []
    old = ""
    if record_id is not None and record_id in records:
        old = records[record_id].get("pseudonym", "")
        former = list(records[record_id].get("former", []))
        if pseudonym and pseudonym.casefold() != old.casefold():
            former.append(old)  # it may be in a pack already: never given to anyone else
        pseudonym = pseudonym or old
    if record_id is None and not pseudonym:
        pseudonym = _returning(store, name) or next_pseudonym(store)
    for rid, other_data in records.items():
        if rid == record_id:
            continue
        other = _person(rid, other_data)
        if other.pseudonym.casefold() == pseudonym.casefold():
            raise PeopleError(f"{pseudonym} is already {other.name}'s pseudonym; choose another "
                              "or leave it out to get the next free one")
        if record_id is None and other.name.casefold() == name.casefold():
            raise PeopleError(f"{name} is already on the list as {other.pseudonym}")
    whose = retired(store).get(pseudonym.casefold())
    if whose is not None and whose.casefold() != name.casefold() \
            and pseudonym.casefold() not in {f.casefold() for f in (old, *former)}:
        raise PeopleError(f"{pseudonym} was {whose}'s pseudonym and is retired, so that no "
                          "supervisor reads two people as one; choose another or leave it out "
                          "to get the next free one")
    clean = tuple(dict.fromkeys(" ".join(a.split()) for a in aliases if a.strip()))
    data: dict[str, Any] = {"name": name, "aliases": list(clean), "pseudonym": pseudonym}
    if former:
        data["former"] = former
    rid = store.put_record(RECORD_TYPE, data, record_id)
    return Person(name, clean, pseudonym, rid)


def _returning(store: JournalStore, name: str) -> str:
    """The pseudonym a removed person with this name had, if any."""
    for data in store.removed_records(RECORD_TYPE).values():
        if data.get("name", "").casefold() == name.casefold():
            return str(data.get("pseudonym", ""))
    return ""


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
    """Off the list; the pseudonym is retired with them (see `retired`)."""
    store.delete_record(record_id)


def learn(store: JournalStore, text: str, as_person: bool) -> str:
    """From a "maybe a name" in an export review: add the person (a new pseudonym, or their
    own if they were removed) or remember the word is not a name. Says what was done."""
    if as_person:
        word = " ".join(text.split()).casefold()
        owners = [p for p in list_people(store)
                  if word in {w.casefold() for s in (p.name, *p.aliases) for w in s.split()}]
        if len(owners) == 1:  # "Okafor" alone, for Sam Okafor: another name of theirs
            owner = owners[0]
            save_person(store, owner.name, [*owner.aliases, text], owner.pseudonym,
                        owner.record_id)
            return f"{text} is now another name of {owner.name}: {owner.pseudonym} in exports"
        if owners:
            whose = " and ".join(f"{p.name} ({p.pseudonym})" for p in owners)
            raise PeopleError(f"{text} is part of the names of {whose}: add it to one of them on "
                              "the People screen, or keep or replace it here")
        person = save_person(store, text, [])
        return f"{person.name} is {person.pseudonym} in exports from now on"
    return f"{add_not_a_name(store, text)} is not a name: left as written, in every export"


# -- words that are not names -------------------------------------------------------------------


def not_names(store: JournalStore) -> list[str]:
    """The words the writer marked "not a name", in the order they were marked."""
    return list(dict.fromkeys(str(d.get("word", "")) for d in
                              store.records(NOT_A_NAME).values() if d.get("word")))


def add_not_a_name(store: JournalStore, word: str) -> str:
    """Remember that `word` is not a name (once, whatever its case)."""
    word = " ".join(word.split())
    if not word:
        raise PeopleError("give the word that is not a name")
    if word.casefold() in {w.casefold() for w in not_names(store)}:
        return word
    store.put_record(NOT_A_NAME, {"word": word})
    return word


def remove_not_a_name(store: JournalStore, word: str) -> str:
    """Forget that `word` is not a name: later scrubs may find it again."""
    wanted = " ".join(word.split()).casefold()
    found = [rid for rid, d in store.records(NOT_A_NAME).items()
             if str(d.get("word", "")).casefold() == wanted]
    if not found:
        listed = ", ".join(not_names(store)) or "none yet"
        raise PeopleError(f"{word!r} is not among the words marked not a name ({listed})")
    for rid in found:
        store.delete_record(rid)
    return word
