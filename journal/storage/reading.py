"""Reading the journal: look-ups, selections, summaries, trend facts, search, history, verify.

Reading starts from the loaded view (the public revision graph and the sealed head index, see
`heads.py`), so listing or filtering 20,000 entries opens one blob, not 20,000. Text is read
from the authenticated rows only for the entries actually shown or searched.
"""

from __future__ import annotations

import contextlib
import heapq
from collections.abc import Callable
from dataclasses import replace

import orjson

from journal.domain.filter import (
    EntryFilter,
    RecordMatcher,
    Selection,
    SummarySelection,
    searchable_text,
)
from journal.domain.model import Damage, Entry, EntrySummary, Facts, Revision
from journal.domain.schema import entry_from_record, facts_of, summary_from_record
from journal.domain.search import Query, SearchHit
from journal.storage.core import Ambiguous, NotFound, StoreCore
from journal.storage.crypto import DamagedData
from journal.storage.db import RevisionRow, _row
from journal.storage.heads import Head, Item, open_row, place_of
from journal.storage.newest import item_from_rows, lookup, newest
from journal.storage.payload import inflate_body, payload_is_plain_ascii, split_payload
from journal.storage.scan import scan
from journal.storage.streaming import EntryStream, Streamed


def _sort_key(item: Item) -> tuple[str, str]:
    return item.sort_key


class Reading(StoreCore):
    """Everything that reads entries; nothing here writes a revision."""

    def _entry_items(self, include_deleted: bool = True) -> list[Item]:
        return [i for i in self._load().values()
                if i.type == "entry" and (include_deleted or i.live)]

    def _build(self, item: Item, head: Head | None = None) -> Entry:
        """The entry one head of an item holds (its current version unless told), with the
        public fields the sealed record does not carry."""
        head = head or item.current
        if head.zbody is None:
            assert self._loader is not None
            self._loader.fill_bodies([head])
        if head.zbody is None:
            raise DamagedData(
                f"entry {item.item_id[:8]} is damaged and cannot be opened; run `journal verify`"
            )
        entry = entry_from_record(head.meta, inflate_body(head.zbody))
        entry.id = item.item_id
        entry.revision_id = head.revision_id
        entry.updated = head.clock
        entry.versions = max(item.live, 1)
        entry.deleted = head.deleted and not item.live
        return entry

    def resolve(self, prefix: str) -> str:
        """The full id of the entry whose id starts with `prefix` (deleted ones included).
        Before the loaded view is built, the public ids and the order blob answer (`newest.
        lookup`): `journal show ID` at 100,000 entries need not load them all."""
        prefix = prefix.strip().lower()
        if not prefix:
            raise NotFound("give an entry id (the first characters shown by `journal list`)")
        found = None if self._items is not None else lookup(self._db, self.sealer,
                                                              self.vault_id, prefix)
        if found is not None:
            self._streamed_damage = found.damaged
            matches = found.ids
        else:
            items = self._load()
            if prefix in items and items[prefix].type == "entry":
                return prefix
            matches = [i.item_id for i in self._entry_items() if i.item_id.startswith(prefix)]
        if prefix in matches:
            return prefix
        if not matches:
            raise NotFound(f"no entry has an id starting with {prefix!r}; see `journal list`")
        if len(matches) > 1:
            shown = ", ".join(sorted(m[:12] for m in matches)[:5])
            raise Ambiguous(
                f"{prefix!r} matches {len(matches)} entries ({shown}); type more of the id"
            )
        return matches[0]

    def _entry_item(self, entry_id: str) -> Item:
        item_id = self.resolve(entry_id)
        if self._items is None:  # `resolve` answered without it
            with contextlib.suppress(DamagedData):  # a damaged row: the loaded view says how
                return item_from_rows(self._db, self.sealer, self.vault_id, item_id)
        return self._load()[item_id]

    def get(self, entry_id: str) -> Entry:
        """One entry by id or unique prefix, deleted ones included."""
        return self._build(self._entry_item(entry_id))

    def versions(self, entry_id: str) -> list[Entry]:
        """Every live version of an entry: more than one after concurrent edits on two devices."""
        item = self._entry_item(entry_id)
        return [self._build(item, head) for head in item.heads
                if not (head.deleted and item.live)]

    def count(self, *, include_deleted: bool = False) -> int:
        return len(self._entry_items(include_deleted))

    # -- selections ----------------------------------------------------------------------------

    def _select_items(self, selection: EntryFilter) -> tuple[list[Item], int]:
        """The items the filter picks (`domain.filter` says how): its conditions on the stored
        records first, the words (as `journal search`) only on what is left, plus the ids picked
        by hand."""
        wanted = RecordMatcher(selection)
        items = self._entry_items(selection.include_deleted)
        picked = {self.resolve(i) for i in selection.ids}
        terms = selection.text.split()
        if picked and not (selection.narrows or terms):
            items = [i for i in items if i.item_id in picked]
        else:
            if not wanted.trivial:
                with self._bulk():
                    items = [i for i in items if i.item_id in picked or wanted(i.current)]
            if terms:
                query = Query(selection.text)
                rest = [i for i in items if i.item_id not in picked]
                found = {rest[rank].item_id for rank, _, _ in self._scan_text(rest, query)}
                items = [i for i in items if i.item_id in picked or i.item_id in found]
        matched = len(items)
        if selection.limit is not None:
            items = heapq.nlargest(max(selection.limit, 0), items, key=_sort_key)
        else:
            items.sort(key=_sort_key, reverse=True)
        return items, matched

    def _newest(self, chosen: EntryFilter) -> list[Item] | None:
        """The short way to the newest few entries (`newest.py`, `journal list --limit 10`):
        when the loaded view is not there to answer and nothing but a limit narrows the
        choice. Their number in the journal is `_quick_total`."""
        if (chosen.limit is None or chosen.narrows or chosen.ids or chosen.text.split()
                or self._items is not None):
            return None
        found = newest(self._db, self.sealer, self.vault_id, chosen.limit,
                       chosen.include_deleted)
        if found is None:
            return None
        self._prefetched_index = None  # not needed: let it go
        self._streamed_damage, self._quick_total = found.damaged, found.total
        return found.items

    def select(self, selection: EntryFilter) -> Selection:
        """Entries that match, newest first, bodies included, with the number matched."""
        quick = self._newest(selection)
        if quick is not None:
            return Selection([self._build(i) for i in quick], self._quick_total,
                             self._quick_total)
        items, matched = self._select_items(selection)
        assert self._loader is not None
        with self._bulk():
            self._loader.fill_bodies([i.current for i in items])
            entries = [self._build(i) for i in items if i.current.zbody is not None]
        return Selection(entries, matched, self.count(include_deleted=selection.include_deleted))

    def stream_select(self, selection: EntryFilter) -> Streamed:
        """As `select`, for writing many entries out (`journal list --json`): straight from the
        rows (`streaming.EntryStream`), never the loaded view, so 100,000 entries are written
        with one batch in memory. Damage found is what `damaged` says afterwards. A selection
        by words or ids goes through `select`."""
        if selection.ids or selection.text.split():
            chosen = self.select(selection)
            return Streamed(len(chosen.entries), chosen.matched, chosen.total,
                            iter(chosen.entries))
        stream = EntryStream(self)
        wanted = RecordMatcher(selection)
        plan = stream.plan(include_deleted=selection.include_deleted,
                           wanted=None if wanted.trivial else wanted)
        self._streamed_damage = plan.damaged
        plan.entries.sort(key=lambda p: (p.when, p.clock), reverse=True)
        matched = len(plan.entries)
        if selection.limit is not None:
            plan.entries = plan.entries[:max(selection.limit, 0)]
        return Streamed(len(plan.entries), matched, plan.total, stream.entries(plan))

    def query(self, selection: EntryFilter) -> list[Entry]:
        return self.select(selection).entries

    def entries(self, *, include_deleted: bool = False) -> list[Entry]:
        """Every entry, newest first, with its text (export, and the app after unlock)."""
        return self.query(EntryFilter(include_deleted=include_deleted))

    def sources(self) -> set[str]:
        """Where imported entries came from (deleted ones too; `Entry.source`), so an import
        skips them: from the loaded view's metadata when it is built; else every row is opened
        in turn and let go, for an import needs no view (at 100,000 entries most of a
        command's memory). No text is kept, and a row that does not open is passed by."""
        if self._items is not None:
            found = (orjson.loads(head.meta_json).get("source") for item in self._entry_items()
                     for head in item.heads)
        else:
            found = (self._source_of(_row(raw)) for raw in self._db.conn.execute(
                "SELECT rev_id, item_id, parents, device_id, clock, deleted, nonce, sealed, seq "
                "FROM revisions"))
        return {source for source in found if isinstance(source, str) and source}

    def _source_of(self, row: RevisionRow) -> object:
        try:
            meta_json, _body = self.sealer.open(place_of(self.vault_id, row), row.nonce,
                                                row.sealed)
            meta = orjson.loads(meta_json)
        except (DamagedData, orjson.JSONDecodeError):
            return None
        return meta.get("source") if isinstance(meta, dict) else None

    def count_matching(self, selection: EntryFilter) -> int:
        return self._select_items(replace(selection, limit=None))[1]

    def select_summaries(self, selection: EntryFilter | None = None) -> SummarySelection:
        """Matching entries without their text, newest first, with the number matched."""
        chosen = selection or EntryFilter()
        quick = self._newest(chosen)
        if quick is not None:
            items, matched = quick, self._quick_total
        else:
            items, matched = self._select_items(chosen)
        with self._bulk():
            out = []
            for item in items:
                summary = summary_from_record(item.current.meta, item.item_id)
                summary.versions = max(item.live, 1)
                summary.deleted = not item.live
                out.append(summary)
        # "in the journal" counts what the filter looks at: deleted entries too when asked
        total = (matched if quick is not None
                 else self.count(include_deleted=chosen.include_deleted))
        return SummarySelection(out, matched, total)

    def entry_facts(self) -> list[Facts]:
        """What trends need of every live entry (`schema.facts_of`), straight from the head index:
        no text decrypted, no JSON parsed, no objects built."""
        with self._bulk():
            out = []
            for item in self._entry_items(False):
                head = item.current
                if head.facts is None:  # an index written before facts: worked out once here
                    head.facts = facts_of(head.meta)
                if head.facts is not None:
                    out.append(head.facts)
            return out

    def summaries(self, selection: EntryFilter | None = None) -> list[EntrySummary]:
        """Matching entries without their text, newest first: cheap for lists and trends."""
        return self.select_summaries(selection).summaries

    # -- search, history, verify ---------------------------------------------------------------

    def search(self, text: str, *, limit: int | None = None,
               parallel: bool = False) -> list[SearchHit]:
        """Entries containing every word of `text`, newest first, with a snippet each.

        Rows are decrypted one at a time and dropped again, so searching 20,000 entries never
        holds 20,000 texts, and entries are built only for hits. `parallel` lets a one-shot
        command use a second core for large journals (see `scan.py`).
        """
        query = Query(text)
        if not query.terms:
            return []
        items, _ = self._select_items(EntryFilter())
        with self._bulk():
            found = self._scan_text(items, query, parallel=parallel)
            hits = []
            for rank, meta_bytes, body in sorted(found, key=lambda hit: hit[0]):
                item = items[rank]
                entry = entry_from_record(orjson.loads(meta_bytes), body)
                entry.id, entry.revision_id = item.item_id, item.current.revision_id
                entry.versions = max(item.live, 1)
                hits.append(SearchHit(entry, query.snippet_for(entry)))
        return hits[:limit] if limit is not None else hits

    def _scan_text(self, items: list[Item], query: Query, *,
                   parallel: bool = False) -> list[tuple[int, bytes, str]]:
        """(rank in `items`, record bytes, body) of the items whose text holds every word."""
        assert self._loader is not None

        def match(rank: int, payload: bytes) -> tuple[int, bytes, str] | None:
            if payload_is_plain_ascii(payload) and query.excludes_ascii(payload.lower()):
                return None  # the common case: one pass over bytes, nothing decoded
            meta_bytes, packed = split_payload(payload)
            body = inflate_body(packed)
            if not query.matches_record(orjson.loads(meta_bytes), body):
                return None
            return rank, meta_bytes, body

        found, damaged = scan(self._db.path, self.sealer, self.vault_id,
                              [i.current for i in items], match, parallel=parallel)
        for entry_id, revision_id, reason in damaged:
            self._loader.report(Damage(entry_id, revision_id, reason))
        return found

    def texts(self, *, parallel: bool = False) -> dict[str, str]:
        """The folded searchable text of every live entry, by id: what lets the timeline's word
        filter match the whole text in memory, as `journal search` does on disk. Kept by
        revision until the journal locks, so after a save only the new revision is read."""
        live = self._entry_items(False)
        cached = self._texts
        items = [i for i in live if i.current.revision_id not in cached]
        assert self._loader is not None

        def read(rank: int, payload: bytes) -> tuple[int, str]:
            meta_bytes, packed = split_payload(payload)
            meta = orjson.loads(meta_bytes)
            return rank, searchable_text(
                meta.get("title", ""), inflate_body(packed), meta.get("question", ""),
                meta.get("tags", ()), [a.get("text", "") for a in meta.get("actions", ())])

        with self._bulk():
            found, damaged = scan(self._db.path, self.sealer, self.vault_id,
                                  [i.current for i in items], read, parallel=parallel)
            for entry_id, revision_id, reason in damaged:
                self._loader.report(Damage(entry_id, revision_id, reason))
            for rank, text in found:
                cached[items[rank].current.revision_id] = text
            current = {i.current.revision_id for i in live}
            for stale in [r for r in cached if r not in current]:
                del cached[stale]
            return {i.item_id: cached[i.current.revision_id] for i in live
                    if i.current.revision_id in cached}

    def history(self, entry_id: str) -> list[Revision]:
        """Every revision of an entry, oldest first; a damaged one is listed with its error."""
        item_id = self.resolve(entry_id)
        ids = [r.revision_id for r in self._db.revision_graph() if r.item_id == item_id]
        out = []
        for row in self._db.sealed(ids):
            try:
                head = open_row(self.sealer, self.vault_id, row)
                entry = entry_from_record(head.meta, inflate_body(head.zbody or b""))
                entry.id, entry.revision_id, entry.updated = item_id, row.revision_id, row.clock
                entry.deleted = row.deleted
                out.append(Revision(row.revision_id, item_id, row.parents, row.device_id,
                                    row.clock, row.deleted, entry))
            except DamagedData as exc:
                out.append(Revision(row.revision_id, item_id, row.parents, row.device_id,
                                    row.clock, row.deleted, None, str(exc)))
        out.sort(key=lambda r: (r.clock, r.device_id))
        return out

    def verify(self, progress: Callable[[int, int], None] | None = None
               ) -> tuple[int, list[Damage]]:
        """Open every revision and inflate every body; return (count checked, damaged ones).
        `progress` is told (checked, rows) every 500 rows."""
        checked, damaged = 0, []
        rows = (int(self._db.conn.execute("SELECT count(*) FROM revisions").fetchone()[0])
                if progress is not None else 0)
        with self._bulk():
            for row in self._db.all_sealed():
                checked += 1
                if progress is not None and (checked % 500 == 0 or checked == rows):
                    progress(checked, max(rows, checked))
                try:
                    head = open_row(self.sealer, self.vault_id, row)
                    body = inflate_body(head.zbody or b"")
                    if head.meta.get("type", "entry") == "entry":
                        entry_from_record(head.meta, body)
                except DamagedData as exc:
                    damaged.append(Damage(row.item_id, row.revision_id, str(exc)))
                except (KeyError, ValueError, TypeError) as exc:
                    damaged.append(Damage(row.item_id, row.revision_id,
                                          f"opens, but is not a valid entry ({exc})"))
        # rows that are gone open no error: the ledger and the graph's parents tell of them
        return checked, damaged + self.integrity(full=True).problems
