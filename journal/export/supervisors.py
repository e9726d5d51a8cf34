"""Supervisors a pack can be sealed to: a name and an age public key each.

Kept as encrypted records inside the journal, like the people list. Only public keys are
stored: the journal never holds anyone's secret key. The writer can add their own public key
too (under any name, say "me"), to be able to reopen what they sealed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from journal.errors import JournalError
from journal.export.seal import parse_recipient

if TYPE_CHECKING:
    from journal.storage.store import JournalStore

RECORD_TYPE = "supervisor"


class SupervisorError(JournalError, ValueError):
    """A supervisor cannot be saved or found; the message says what to do."""


@dataclass(frozen=True)
class Supervisor:
    name: str
    key: str  # age1…
    record_id: str = ""


def list_supervisors(store: JournalStore) -> list[Supervisor]:
    """Every saved supervisor, by name."""
    out = [Supervisor(str(data.get("name", "")), str(data.get("key", "")), rid)
           for rid, data in store.records(RECORD_TYPE).items()]
    return sorted(out, key=lambda s: s.name.casefold())


def save_supervisor(store: JournalStore, name: str, key: str) -> tuple[Supervisor, bool]:
    """Add a supervisor, or give one already saved under that name a new key (a supervisor
    who made a new key). The key is checked first. Returns (supervisor, replaced an old key)."""
    name = " ".join(name.split())
    if not name:
        raise SupervisorError("a supervisor needs a name")
    key = key.strip()
    parse_recipient(key)
    existing = next((s for s in list_supervisors(store)
                     if s.name.casefold() == name.casefold()), None)
    rid = store.put_record(RECORD_TYPE, {"name": name, "key": key},
                           existing.record_id if existing else None)
    return Supervisor(name, key, rid), existing is not None and existing.key != key


def find_supervisor(store: JournalStore, name: str) -> Supervisor:
    wanted = " ".join(name.split()).casefold()
    saved = list_supervisors(store)
    for supervisor in saved:
        if supervisor.name.casefold() == wanted:
            return supervisor
    names = ", ".join(s.name for s in saved)
    hint = f"saved: {names}" if names else "none saved yet"
    raise SupervisorError(f"no supervisor called {name!r} ({hint}); add one with "
                          "`journal supervisor add NAME AGE_KEY`")


def remove_supervisor(store: JournalStore, name: str) -> Supervisor:
    supervisor = find_supervisor(store, name)
    store.delete_record(supervisor.record_id)
    return supervisor
