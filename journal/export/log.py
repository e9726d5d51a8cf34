"""What has been shared: every export is recorded, encrypted, inside the journal."""

from __future__ import annotations

from dataclasses import dataclass, replace
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
    # A sealed pack's way back (empty for older records and unsealed packs):
    pack_id: str = ""
    secret: str = ""  # a reply must quote it: proof its writer read the pack
    answered: str = ""  # ISO time the reply was received
    reply_digest: str = ""  # SHA-256 of the reply received: the same one again changes nothing
    answer: str = ""  # id of the supervision entry the reply became

    @property
    def waiting(self) -> bool:
        return bool(self.pack_id) and not self.answered


#: What a record written before a field existed holds for it.
_OLD = {"to": [], "passphrase": False, "file": "", "replaced": 0, "kept": 0, "format": "",
        "entries": [], "when": ""}


def record(store: JournalStore, shared: Shared, record_id: str | None = None) -> str:
    return store.put_record(RECORD_TYPE, shared.__dict__.copy(), record_id)


def _load(data: dict[str, object]) -> Shared:
    known = {k: data[k] for k in Shared.__dataclass_fields__ if k in data}
    return Shared(**{**_OLD, **known})  # type: ignore[arg-type]


def history(store: JournalStore) -> list[Shared]:
    """Every export, oldest first."""
    out = [_load(data) for data in store.records(RECORD_TYPE).values()]
    return sorted(out, key=lambda s: s.when)


def find_pack(store: JournalStore, pack_id: str) -> tuple[str, Shared] | None:
    """The export record of the sealed pack with this id, with the record's id."""
    for record_id, data in store.records(RECORD_TYPE).items():
        if pack_id and data.get("pack_id") == pack_id:
            return record_id, _load(data)
    return None


def mark_answered(store: JournalStore, record_id: str, shared: Shared, digest: str,
                  answer: str) -> Shared:
    """Record that the pack was answered (now), by which reply, and the entry it became."""
    done = replace(shared, answered=now(), reply_digest=digest, answer=answer)
    record(store, done, record_id)
    return done


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
