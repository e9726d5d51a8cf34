"""The JSON shape of an entry: stable field names that scripts and `--json` output rely on.

Documented in README.md ("JSON output"); add fields, never rename or remove them.
"""

from __future__ import annotations

from typing import Any

from journal.domain.model import Entry


def entry_json(entry: Entry, *, body: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": entry.id,
        "revision": entry.revision_id,
        "date": entry.when.isoformat(),
        "kind": str(entry.kind),
        "title": entry.title,
        "framework": entry.framework_id,
        "values": {k: str(v) for k, v in entry.marks.items()},
        "behaviours": {k: str(v) for k, v in entry.checks.items()},
        "checkin": None
        if entry.checkin is None
        else {"mood": entry.checkin.mood, "energy": entry.checkin.energy,
              "need": entry.checkin.need},
        "actions": [{"id": a.id, "text": a.text, "done": a.done} for a in entry.actions],
        "flagged": entry.flagged,
        "question": entry.question,
        "people": list(entry.people),
        "tags": list(entry.tags),
        "words": entry.word_count,
        "versions": entry.versions,
        "deleted": entry.deleted,
        "updated": entry.updated,
    }
    if body:
        data["body"] = entry.body
    return data
