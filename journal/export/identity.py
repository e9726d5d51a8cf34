"""The writer's own age identity: the key a supervisor's reply is sealed to.

Made inside the journal the first time a pack needs it, and kept as a record (sealed with the
journal's data key and synced like the people list), so a reply opens on any of the writer's
devices. Only its public half (`age1…`) ever leaves the journal, inside sealed packs and from
`journal pack key`. Two devices that each made one before syncing keep both: packs carry the
oldest, and a reply sealed to either opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pyrage import x25519

if TYPE_CHECKING:
    from journal.storage.store import JournalStore

RECORD_TYPE = "pack-identity"


def identities(store: JournalStore) -> list[str]:
    """Every identity this journal holds (`AGE-SECRET-KEY-1…`), oldest first."""
    return [str(data["secret"]) for data in store.records(RECORD_TYPE).values()
            if isinstance(data.get("secret"), str)]


def writer_identity(store: JournalStore) -> str:
    """The identity packs are answered to; made and saved the first time it is asked for."""
    held = identities(store)
    if held:
        return held[0]
    secret = str(x25519.Identity.generate())
    store.put_record(RECORD_TYPE, {"secret": secret})
    return secret


def writer_recipient(store: JournalStore) -> str:
    """The public key (`age1…`) a reply is sealed to."""
    return str(x25519.Identity.from_str(writer_identity(store)).to_public())
