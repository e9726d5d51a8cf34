"""The app's working state, without a screen: the open journal, its framework and settings.

Screens call these methods through the store thread (`store_thread.py`); every method is plain
Python and is tested without Textual.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.domain import framework as frameworks
from journal.domain import people
from journal.domain.filter import EntryFilter, Searchable, prepare
from journal.domain.framework import Catalogue, Framework, FrameworkError
from journal.domain.model import Entry, EntrySummary, Revision
from journal.domain.people import Person
from journal.domain.trends import Points
from journal.session.drafts import Draft, discard_draft, load_drafts, save_draft
from journal.session.settings import Settings, load_settings, save_settings
from journal.storage.store import JournalStore
from journal.sync.log import SyncLog

if TYPE_CHECKING:  # the export modules load phonenumbers and age: only when exporting
    from journal.export import log, pack, write
    from journal.export.supervisors import Supervisor
    from journal.sync.engine import Incoming, Outgoing, SyncReport
    from journal.sync.remote import Remote

#: Shipped with the UK's main numbers; the writer edits the list on the Support screen.
DEFAULT_SUPPORT = [
    {"name": "NHS 24", "contact": "111", "note": "Urgent help when it can't wait (Scotland)"},
    {"name": "Breathing Space", "contact": "0800 83 85 87",
     "note": "If you are feeling down or anxious (Scotland)"},
    {"name": "Samaritans", "contact": "116 123", "note": "Any time, day or night"},
    {"name": "Emergency", "contact": "999", "note": "If a life is at risk right now"},
]


class Session:
    """One journal folder: locked (no store) or unlocked."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.store: JournalStore | None = None
        self.settings: Settings = load_settings(home)
        self.framework: Framework = self._load_framework()
        self.catalogue = Catalogue.for_home(home, self.framework)
        self.sync_log = SyncLog()

    def _load_framework(self) -> Framework:
        try:
            return frameworks.resolve(self.settings.framework, self.home)
        except FrameworkError:
            return frameworks.resolve(frameworks.DEFAULT_FRAMEWORK, self.home)

    # -- opening --------------------------------------------------------------------------

    @property
    def exists(self) -> bool:
        return JournalStore.exists(self.home)

    @property
    def unlocked(self) -> bool:
        return self.store is not None

    def create(self, passphrase: str, framework_id: str) -> str:
        """Make the journal; return the recovery key to show once."""
        chosen = frameworks.resolve(framework_id, self.home)
        self.store, recovery = JournalStore.create(self.home, passphrase)
        frameworks.install(chosen, self.home)
        self.use_framework(chosen.id)
        return recovery

    def unlock(self, passphrase: str) -> None:
        self.store = JournalStore.unlock(self.home, passphrase)

    def recover(self, recovery_key: str, new_passphrase: str) -> None:
        store = JournalStore.unlock_with_recovery(self.home, recovery_key)
        store.change_passphrase(new_passphrase)
        self.store = store

    def lock(self) -> None:
        """Drop the key and every decrypted entry."""
        if self.store is not None:
            self.store.close()
            self.store = None

    def _open(self) -> JournalStore:
        if self.store is None:
            raise RuntimeError("the journal is locked")
        return self.store

    # -- settings and framework -----------------------------------------------------------

    def save_settings(self) -> None:
        save_settings(self.home, self.settings)

    def use_framework(self, framework_id: str) -> None:
        self.framework = frameworks.resolve(framework_id, self.home)
        self.catalogue = Catalogue.for_home(self.home, self.framework)
        self.settings.framework = self.framework.id
        self.save_settings()

    def available_frameworks(self) -> list[Framework]:
        out = []
        for path in frameworks.available(self.home).values():
            try:
                out.append(frameworks.load_framework_file(path))
            except FrameworkError:
                continue
        return out

    # -- entries --------------------------------------------------------------------------

    def timeline(self, first: int | None = None) -> list[Searchable]:
        """Every entry newest first, or just the newest `first` (to fill the screen at once)."""
        from journal.storage.store import EntryFilter

        return prepare(self._open().summaries(EntryFilter(limit=first)), self.catalogue)

    def trend_points(self) -> Points:
        """What trends are computed from: every live entry's date, marks and answers."""
        return Points.from_facts(self._open().entry_facts())

    def get(self, entry_id: str) -> Entry:
        return self._open().get(entry_id)

    def save(self, entry: Entry) -> Entry:
        store = self._open()
        return store.update(entry) if entry.id else store.add(entry)

    def delete(self, entry_id: str) -> None:
        self._open().delete(entry_id)

    def restore(self, entry_id: str) -> Entry:
        return self._open().restore(entry_id)

    def history(self, entry_id: str) -> list[Revision]:
        return self._open().history(entry_id)

    def damaged_count(self) -> int:
        return len(self._open().damaged)

    # -- drafts ---------------------------------------------------------------------------

    def save_draft(self, draft_id: str, entry: Entry) -> None:
        save_draft(self._open(), draft_id, entry)

    def drafts(self) -> list[Draft]:
        return load_drafts(self._open())

    def discard_draft(self, draft_id: str) -> None:
        discard_draft(self._open(), draft_id)

    # -- support list and people (encrypted records, synced like entries) -------------------

    def support(self) -> list[dict[str, Any]]:
        records = self._open().records("support")
        if not records:
            return [dict(item) for item in DEFAULT_SUPPORT]
        return list(next(iter(records.values())).get("places", []))

    def set_support(self, places: list[dict[str, Any]]) -> None:
        store = self._open()
        existing = list(store.records("support"))
        store.put_record("support", {"places": places}, existing[0] if existing else None)

    def people(self) -> list[Person]:
        return people.list_people(self._open())

    def next_pseudonym(self) -> str:
        return people.next_pseudonym(self.people())

    def save_person(self, name: str, aliases: list[str], pseudonym: str,
                    record_id: str | None = None) -> str:
        return people.save_person(self._open(), name, aliases, pseudonym, record_id).record_id

    def remove_person(self, record_id: str) -> None:
        people.remove_person(self._open(), record_id)

    # -- supervision export (the steps are in journal.export) -------------------------------

    def export_candidates(self, chosen_by: EntryFilter) -> list[EntrySummary]:
        """Entries the filter's conditions match, newest first: cheap, for the live count."""
        return self._open().summaries(replace(chosen_by, ids=[]))

    def export_review(self, entry_ids: list[str],
                      include_wellbeing: bool) -> tuple[list[Entry], pack.Review]:
        """The picked entries (oldest first) and every finding in them, all to be replaced."""
        from journal.export import pack

        store = self._open()
        entries = pack.select(store, EntryFilter(ids=entry_ids))
        return entries, pack.review(entries, people.list_people(store), include_wellbeing)

    def supervisors(self) -> list[Supervisor]:
        from journal.export.supervisors import list_supervisors

        return list_supervisors(self._open())

    def write_export(self, entries: list[Entry], review: pack.Review, fmt: str, path: Path,
                     include_wellbeing: bool, sealing: write.Sealing) -> write.Written:
        from journal.export import write

        return write.write_pack(self._open(), entries, review, fmt, path, self.framework,
                                self.catalogue, include_wellbeing, sealing)

    def export_history(self) -> list[log.Shared]:
        from journal.export import log

        return log.history(self._open())

    # -- sync (the network step runs off the store thread: see JournalApp.sync) -------------

    def remote_address(self) -> str | None:
        from journal.sync import settings as remote_settings

        chosen = remote_settings.load(self._open())
        return str(chosen.address) if chosen else None

    def sync_begin(self) -> tuple[Outgoing, Remote] | None:
        """What to send and where, or None when no remote is set."""
        from journal.sync import engine
        from journal.sync import settings as remote_settings

        store = self._open()
        chosen = remote_settings.load(store)
        if chosen is None:
            return None
        return engine.prepare(store), remote_settings.connect(chosen)

    def sync_end(self, incoming: Incoming) -> SyncReport:
        from journal.sync import engine

        report = engine.finish(self._open(), incoming)
        self.sync_log.add_report(report)
        return report

    def last_sync(self) -> str:
        return self._open().sync_state().last_sync

    def conflicts(self) -> list[tuple[str, list[Entry]]]:
        """Each entry with several versions, and the versions (newest first)."""
        store = self._open()
        return [(item.item_id, store.versions(item.item_id)) for item in store.conflicts()]

    def versions(self, entry_id: str) -> list[Entry]:
        return self._open().versions(entry_id)

    def resolve_conflict(self, entry_id: str, keep_revision: str) -> Entry:
        return self._open().resolve_conflict(entry_id, keep_revision)
