"""The one way in: the open journal, its framework and settings, for the app and the CLI.

Screens call these methods through the store thread (`store_thread.py`); commands call them
directly. Every method is plain Python, takes and returns `journal.domain` dataclasses, and is
tested without Textual. Nothing above this builds a `JournalStore` or reads its internals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.domain import framework as frameworks
from journal.domain import people
from journal.domain.filter import (
    EntryFilter,
    Selection,
    SummarySelection,
    Timeline,
    prepare,
)
from journal.domain.framework import Catalogue, Framework, FrameworkError
from journal.domain.model import Damage, Entry, EntrySummary, Revision
from journal.domain.passphrase import check_new
from journal.domain.people import Person
from journal.domain.search import SearchHit
from journal.domain.trends import Points
from journal.session.drafts import Draft, discard_draft, load_drafts, save_draft
from journal.session.settings import Settings, load_settings, save_settings
from journal.session.syncing import Syncing
from journal.storage.store import JournalStore

if TYPE_CHECKING:  # the export modules load phonenumbers and age: only when exporting
    from journal.export import log, pack, write
    from journal.export.supervisors import Supervisor
    from journal.session.supervision import Received
    from journal.storage.bulk import BulkAdd

#: Shipped with the UK's main numbers; the writer edits the list on the Support screen.
DEFAULT_SUPPORT = [
    {"name": "NHS 24", "contact": "111", "note": "Urgent help when it can't wait (Scotland)"},
    {"name": "Breathing Space", "contact": "0800 83 85 87",
     "note": "If you are feeling down or anxious (Scotland)"},
    {"name": "Samaritans", "contact": "116 123", "note": "Any time, day or night"},
    {"name": "Emergency", "contact": "999", "note": "If a life is at risk right now"},
]


class Session(Syncing):
    """One journal folder: locked (no store) or unlocked. Sync and joining are in `Syncing`."""

    def __init__(self, home: Path) -> None:
        super().__init__()
        self.home = home
        self.store: JournalStore | None = None
        self.settings: Settings = load_settings(home)
        self.framework: Framework = self._load_framework()
        self.catalogue = Catalogue.for_home(home, self.framework)
        #: The export review's decisions (findings kept as written), while unlocked: leaving
        #: the Export screen and coming back loses none; locking drops them.
        self.review_kept: set[tuple[str, str, int, str, str]] = set()

    def _load_framework(self) -> Framework:
        """The chosen framework; if its file no longer reads, the default one, with the reason
        kept in `framework_problem` to tell the writer (old tags keep their ids either way)."""
        self.framework_problem = ""
        try:
            return frameworks.resolve(self.settings.framework, self.home)
        except FrameworkError as exc:
            self.framework_problem = exc.problems[0] if exc.problems else str(exc)
            return frameworks.resolve(frameworks.DEFAULT_FRAMEWORK, self.home)

    # -- opening --------------------------------------------------------------------------

    @property
    def exists(self) -> bool:
        return JournalStore.exists(self.home)

    @property
    def unlocked(self) -> bool:
        return self.store is not None

    def create(self, passphrase: str, framework_id: str) -> str:
        """Make the journal, unlocked, with a framework (an id or a .toml file); return the
        recovery key to show once. A bad framework or passphrase fails before any file is made."""
        chosen = frameworks.resolve(framework_id, self.home)
        check_new(passphrase)
        self.store, recovery = JournalStore.create(self.home, passphrase)
        self._choose(chosen)
        return recovery

    def unlock(self, passphrase: str) -> None:
        """Open with the passphrase (WrongKey, a `WrongSecret`, if it does not fit)."""
        self.store = JournalStore.unlock(self.home, passphrase)

    def unlock_with_recovery(self, recovery_key: str) -> None:
        """Open with the recovery key shown at set-up (any case, spaces or dashes)."""
        self.store = JournalStore.unlock_with_recovery(self.home, recovery_key)

    def recover(self, recovery_key: str, new_passphrase: str) -> None:
        """Open with the recovery key and set a new passphrase at once."""
        check_new(new_passphrase)
        self.unlock_with_recovery(recovery_key)
        self.change_passphrase(new_passphrase)

    def new_recovery_key(self) -> str:
        """Replace the recovery key: the old one stops opening this journal now, and the
        writer's other devices after their next sync. Returns the new one, to show once."""
        return self._open().new_recovery_key()

    def change_passphrase(self, new_passphrase: str) -> None:
        """Rewrap the data key under a new passphrase; no entry is re-encrypted."""
        check_new(new_passphrase)
        self._open().change_passphrase(new_passphrase)

    def lock(self) -> None:
        """Drop the key and every decrypted entry."""
        self.review_kept.clear()
        if self.store is not None:
            self.store.close()
            self.store = None

    # -- settings and framework -----------------------------------------------------------

    def save_settings(self) -> None:
        save_settings(self.home, self.settings)

    def framework_named(self, name_or_file: str) -> Framework:
        """A framework by id (shipped or installed) or by file; FrameworkError names the
        problem."""
        return frameworks.resolve(name_or_file, self.home)

    def use_framework(self, framework_id: str) -> None:
        """Switch to a framework (an id or a .toml file, of which the journal keeps a copy).
        Entries keep the tags they were given."""
        self._choose(self.framework_named(framework_id))

    def _choose(self, chosen: Framework) -> None:
        frameworks.install(chosen, self.home)
        self.framework = self.framework_named(chosen.id)
        self.framework_problem = ""
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

    def timeline(self, first: int | None = None, *, words: bool = True) -> Timeline:
        """Every entry newest first, or just the newest `first` (to fill the screen at once).

        The whole journal comes with each entry's whole text, folded, so the word filter
        matches the middle of an entry as `journal search` does; the first screenful comes
        without it, to appear at once, and so does the whole list with `words` False (its
        texts then come from `timeline_words`, the larger part of the work)."""
        store = self._open()
        summaries = store.summaries(EntryFilter(limit=first))
        worded = words and first is None
        return prepare(summaries, self.catalogue, store.texts() if worded else None)

    def timeline_words(self) -> dict[str, str]:
        """Every live entry's folded words, by id, for `Timeline.add_texts`."""
        return self._open().texts()

    def trend_points(self) -> Points:
        """What trends are computed from: every live entry's date, marks and answers."""
        return Points.from_facts(self._open().entry_facts())

    def get(self, entry_id: str) -> Entry:
        return self._open().get(entry_id)

    def save(self, entry: Entry) -> Entry:
        store = self._open()
        return store.update(entry) if entry.id else store.add(entry)

    def add_many(self, entries: list[Entry]) -> list[Entry]:
        """New entries in one transaction (an import)."""
        return self._open().add_many(entries)

    def delete(self, entry_id: str) -> str:
        """Delete (a tombstone, undone by `restore`); return the entry's full id."""
        store = self._open()
        full = store.resolve(entry_id)
        store.delete(full)
        return full

    def restore(self, entry_id: str) -> Entry:
        return self._open().restore(entry_id)

    def deleted(self) -> list[Entry]:
        """Deleted entries, the most recently deleted first; each one's `updated` clock is when
        it was deleted (the app's Deleted view, to bring them back)."""
        store = self._open()
        chosen = store.select_summaries(EntryFilter(include_deleted=True)).summaries
        gone = [store.get(s.id) for s in chosen if s.deleted]
        return sorted(gone, key=lambda e: e.updated, reverse=True)

    def history(self, entry_id: str) -> list[Revision]:
        return self._open().history(entry_id)

    def damaged_count(self) -> int:
        return len(self._open().damaged)

    def untrusted(self) -> tuple[bool, set[str]]:
        """Whether the journal file still holds every revision it wrote (the ledger), and the
        entries known to be missing a revision: shown as warnings by `list`, `show` and the app."""
        found = self._open().integrity()
        return not found.ok, set(found.suspect)

    def count(self) -> int:
        """Live entries."""
        return self._open().count()

    def select(self, chosen_by: EntryFilter) -> Selection:
        """Matching entries with their text, newest first, and how many matched in all."""
        chosen_by.check(self.catalogue)
        return self._open().select(chosen_by)

    def select_summaries(self, chosen_by: EntryFilter) -> SummarySelection:
        """Matching entries without their text (cheap for lists), and how many matched."""
        chosen_by.check(self.catalogue)
        return self._open().select_summaries(chosen_by)

    def search(self, text: str) -> list[SearchHit]:
        """Entries containing every word of `text`, newest first, each with a snippet."""
        return self._open().search(text, parallel=True)

    def verify(self) -> tuple[int, list[Damage]]:
        """Open every saved revision: (how many were checked, the damaged ones)."""
        return self._open().verify()

    def sources(self) -> set[str]:
        """Where imported entries came from (deleted ones too), so an import skips them."""
        return self._open().sources()

    def bulk_add(self) -> BulkAdd:
        """An import's writer: `with session.bulk_add() as add: add(batch)`, each batch one
        transaction and not kept in memory, `list` kept fast after (`storage/bulk.py`)."""
        from journal.storage.bulk import BulkAdd

        return BulkAdd(self._open())

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
        return people.next_pseudonym(self._open())

    def save_person(self, name: str, aliases: list[str], pseudonym: str,
                    record_id: str | None = None) -> str:
        return people.save_person(self._open(), name, aliases, pseudonym, record_id).record_id

    def add_person(self, name: str, aliases: list[str], pseudonym: str = "") -> Person:
        """Someone new on the people list (the next free P number unless a pseudonym is given)."""
        return people.save_person(self._open(), name, aliases, pseudonym)

    def find_person(self, name_or_pseudonym: str) -> Person:
        return people.find_person(self._open(), name_or_pseudonym)

    def remove_person(self, record_id: str) -> None:
        people.remove_person(self._open(), record_id)

    def not_names(self) -> list[str]:
        """Words marked "not a name" in an export review: every scrub passes them by."""
        return people.not_names(self._open())

    def add_not_a_name(self, word: str) -> str:
        return people.add_not_a_name(self._open(), word)

    def remove_not_a_name(self, word: str) -> str:
        return people.remove_not_a_name(self._open(), word)

    def learn(self, text: str, as_person: bool) -> str:
        """A "maybe a name" taught to the journal: a person, or "not a name"."""
        return people.learn(self._open(), text, as_person)

    # -- supervision export (the steps are in journal.export) -------------------------------

    def export_candidates(self, chosen_by: EntryFilter) -> list[EntrySummary]:
        """Entries the filter's conditions match, newest first: cheap, for the live count."""
        chosen_by.check(self.catalogue)
        return self._open().summaries(replace(chosen_by, ids=[]))

    def export_review(self, entry_ids: list[str], include_wellbeing: bool,
                      progress: Callable[[int, int], None] | None = None
                      ) -> tuple[list[Entry], pack.Review]:
        """The picked entries (oldest first) and every finding in them, all to be replaced;
        `progress` is told how far the scrubbing has got."""
        return self.export_choose(EntryFilter(ids=entry_ids), include_wellbeing, progress)

    def export_choose(self, chosen_by: EntryFilter, include_wellbeing: bool,
                      progress: Callable[[int, int], None] | None = None
                      ) -> tuple[list[Entry], pack.Review]:
        """The chosen entries (oldest first) and every finding in them, all to be replaced;
        `progress` is told how far the scrubbing has got."""
        from journal.export import pack
        from journal.session.names import scrub_allow

        chosen_by.check(self.catalogue)
        store = self._open()
        entries = pack.select(store, chosen_by)
        allow = scrub_allow(self.framework, self.support(), people.not_names(store))
        return entries, pack.review(entries, people.list_people(store), include_wellbeing,
                                    allow=allow, progress=progress)

    def supervisors(self) -> list[Supervisor]:
        from journal.export.supervisors import list_supervisors

        return list_supervisors(self._open())

    def save_supervisor(self, name: str, age_key: str) -> tuple[Supervisor, bool]:
        """Save (or replace) a supervisor's public key; True when a key was replaced."""
        from journal.export.supervisors import save_supervisor

        return save_supervisor(self._open(), name, age_key)

    def find_supervisor(self, name: str) -> Supervisor:
        from journal.export.supervisors import find_supervisor

        return find_supervisor(self._open(), name)

    def remove_supervisor(self, name: str) -> Supervisor:
        from journal.export.supervisors import remove_supervisor

        return remove_supervisor(self._open(), name)

    def write_export(self, entries: list[Entry], review: pack.Review, fmt: str, path: Path,
                     include_wellbeing: bool, sealing: write.Sealing) -> write.Written:
        from journal.export import write

        return write.write_pack(self._open(), entries, review, fmt, path, self.framework,
                                self.catalogue, include_wellbeing, sealing)

    def export_history(self) -> list[log.Shared]:
        from journal.export import log

        return log.history(self._open())

    # -- supervision replies (journal.session.supervision) ----------------------------------

    def pack_key(self) -> str:
        from journal.session.supervision import pack_key

        return pack_key(self._open())

    def receive_reply(self, data: bytes) -> Received:
        from journal.session.supervision import receive

        return receive(self._open(), data, self.framework.id)
