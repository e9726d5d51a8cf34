"""What has been shared: every export is recorded, encrypted, inside the journal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journal.storage.store import JournalStore

RECORD_TYPE = "export"


@dataclass(frozen=True)
class Shared:
    when: str  # ISO time of the export
    entries: list[str]  # entry ids
    format: str
    to: list[str]  # supervisors it was sealed to; empty when not sealed to anyone
    passphrase: bool  # sealed with a passphrase
    file: str  # the file's name, without its folder
    replaced: int
    kept: int


def record(store: JournalStore, shared: Shared) -> None:
    store.put_record(RECORD_TYPE, shared.__dict__.copy())


def history(store: JournalStore) -> list[Shared]:
    """Every export, oldest first."""
    out = []
    for data in store.records(RECORD_TYPE).values():
        known = {k: data[k] for k in Shared.__dataclass_fields__ if k in data}
        out.append(Shared(**{**{"to": [], "passphrase": False, "file": "", "replaced": 0,
                                "kept": 0, "format": "", "entries": [], "when": ""}, **known}))
    return sorted(out, key=lambda s: s.when)


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
