"""Devices for sync tests: each a real journal in its own folder, synced through a real remote.
The `remote` (a folder) and `pair` (a first device and one joined to it) fixtures live in
conftest.py."""

from __future__ import annotations

from pathlib import Path

from journal.domain.model import Entry
from journal.storage.crypto import KdfParams
from journal.storage.store import JournalStore
from journal.sync import engine
from journal.sync.remote import Remote

PASSPHRASE = "correct horse battery staple"


class Device:
    """One of the writer's devices: a JOURNAL_HOME of its own and the shared remote."""

    def __init__(self, home: Path, store: JournalStore, remote: Remote) -> None:
        self.home, self.store, self.remote = home, store, remote

    @classmethod
    def first(cls, home: Path, remote: Remote) -> Device:
        store, _ = JournalStore.create(home, PASSPHRASE, kdf=KdfParams.for_tests())
        return cls(home, store, remote)

    @classmethod
    def joining(cls, home: Path, remote: Remote, passphrase: str = PASSPHRASE) -> Device:
        device = cls(home, engine.join(home, remote, passphrase=passphrase), remote)
        device.sync()
        return device

    def sync(self) -> engine.SyncReport:
        return engine.sync(self.store, self.remote)

    def restart(self, passphrase: str = PASSPHRASE) -> None:
        self.store.close()
        self.store = JournalStore.unlock(self.home, passphrase)

    def titles(self) -> dict[str, list[str]]:
        """Entry id -> the titles of its live versions (sorted): what the writer sees."""
        return {e.id: sorted(v.title for v in self.store.versions(e.id))
                for e in self.store.entries()}

    def revision_ids(self) -> set[str]:
        return {r.revision_id for r in self.store._db.revision_graph()}

    def add(self, entry: Entry) -> Entry:
        return self.store.add(entry)
