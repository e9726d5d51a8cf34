"""Autosaved drafts: what is being written survives a crash, a closed terminal or an auto-lock.

A draft is the editor's state sealed with the journal's key in a device-local table (never
synced, never plaintext on disk). The next unlock offers it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from journal.domain.model import Entry
from journal.domain.schema import entry_from_record, entry_to_record
from journal.storage.store import JournalStore

LABEL = "draft"


@dataclass
class Draft:
    draft_id: str
    entry: Entry  # the entry as typed so far; entry.id is set when editing an existing one
    saved_at: datetime

    @property
    def label(self) -> str:
        title = self.entry.title or " ".join(self.entry.body.split())[:40] or "(empty)"
        return f"{title} (autosaved {self.saved_at.astimezone():%d %b %H:%M})"


def save_draft(store: JournalStore, draft_id: str, entry: Entry) -> None:
    meta, body = entry_to_record(entry)
    store.put_local(LABEL, draft_id, {
        "entry_id": entry.id,
        "saved_at": datetime.now(UTC).isoformat(),
        "meta": meta,
        "body": body,
    })


def load_drafts(store: JournalStore) -> list[Draft]:
    drafts = []
    for draft_id, data in store.get_local(LABEL).items():
        try:
            entry = entry_from_record(data["meta"], data["body"])
            entry.id = data.get("entry_id", "")
            drafts.append(Draft(draft_id, entry, datetime.fromisoformat(data["saved_at"])))
        except (KeyError, ValueError, TypeError):
            continue  # a draft from a newer version: left in place, not shown
    drafts.sort(key=lambda d: d.saved_at, reverse=True)
    return drafts


def discard_draft(store: JournalStore, draft_id: str) -> None:
    store.remove_local(draft_id)
