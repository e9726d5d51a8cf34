"""The writer's side of the supervision round trip: a supervisor's reply comes home.

`receive` opens a reply (an age file sealed to the journal's own key, `export.identity`), checks
it answers a pack this journal sent (its pack id and secret, from the export log), and files
what it says: a new `supervision` entry with the overall notes, the solutions and links to the
entries discussed, the agreed actions as open actions (they carry forward like any other), each
discussed entry's note on that entry (a new revision: history keeps what it was), and the
pack marked answered. Plain functions over a `JournalStore`; the facade delegates to them.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import datetime

from journal.domain.filter import EntryFilter
from journal.domain.model import Action, Entry, Kind, Mark
from journal.export import identity, log, seal
from journal.export.reply import ReplyError, parse
from journal.present.entry_text import short_id
from journal.storage.store import JournalStore

#: `Entry.source` of the entry a reply became: a receive cut short and run again finds it.
SOURCE = "supervision-reply:"


@dataclass
class Received:
    """What a reply did (or, `again`, that it had been received already and changed nothing)."""

    shared: log.Shared
    entry: Entry | None = None
    noted: list[str] = field(default_factory=list)  # ids of the entries given a note
    again: bool = False


def pack_key(store: JournalStore) -> str:
    """The journal's public key for replies (`age1…`), made the first time it is asked for."""
    return identity.writer_recipient(store)


def _open(store: JournalStore, data: bytes) -> tuple[str, bytes]:
    keys = identity.identities(store)
    if not data.startswith(b"age-encryption.org/"):
        raise ReplyError("this is not a sealed reply (an age file); ask your supervisor to seal "
                         "their notes with `age -r YOUR_KEY` or `journal pack reply`")
    if not keys:
        raise ReplyError("this journal has sent no sealed pack yet, so no reply can be for it")
    try:
        plain = seal.open_sealed(data, identities=keys)
        return plain.decode("utf-8"), plain
    except seal.SealError:
        raise ReplyError("this reply does not open with this journal's key: it was sealed to "
                         "someone else, or changed on the way; nothing was changed") from None
    except UnicodeDecodeError:
        raise ReplyError("this reply is not UTF-8 text; ask for it again as a Markdown file "
                         "sealed with age") from None


def receive(store: JournalStore, data: bytes, framework_id: str,
            now: datetime | None = None) -> Received:
    """File a sealed reply, once. Refused (ReplyError, nothing changed) unless it answers a
    pack this journal sent, with that pack's secret; the same reply again changes nothing."""
    text, plain = _open(store, data)
    reply = parse(text)
    found = log.find_pack(store, reply.pack_id)
    if found is None or not hmac.compare_digest(found[1].secret, reply.secret):
        raise ReplyError("this reply does not answer a pack this journal sent (its pack id and "
                         "secret match none); nothing was changed")
    record_id, shared = found
    digest = hashlib.sha256(plain).hexdigest()
    if shared.answered:
        if hmac.compare_digest(shared.reply_digest, digest):
            return Received(shared, again=True)
        raise ReplyError(f"pack {shared.pack_id} ({shared.file}) was answered on "
                         f"{shared.answered[:10]} already; a second, different reply to it is "
                         "not taken: ask for a new pack to be answered")
    now = now or datetime.now().astimezone()
    by_short = {short_id(full): full for full in shared.entries}
    noted, discussed, values = [], [], {}
    unknown: list[str] = []
    for short, note in reply.entries.items():
        full = by_short.get(short)
        entry = _live(store, full) if full else None
        if entry is None:  # not in the pack, or deleted since: kept in the new entry
            unknown.append(f"### {reply.titles.get(short, short)}\n\n{note}")
            continue
        dated = f"{now:%Y-%m-%d}: {note.strip()}"
        if dated not in entry.supervision:
            entry.supervision = f"{entry.supervision}\n\n{dated}".strip()
            store.update(entry)
        noted.append(entry.id)
        discussed.append(entry)
        values.update({v: Mark.TAGGED for v, m in entry.marks.items() if m == Mark.CHALLENGING})
    values.update({v: Mark.TAGGED for v in reply.solutions})
    source = SOURCE + shared.pack_id
    made = next((e for e in store.query(EntryFilter(kinds=[Kind.SUPERVISION]))
                 if e.source == source), None)
    if made is None:
        made = store.add(Entry(
            when=now, kind=Kind.SUPERVISION, title=f"Supervision reply: pack of {shared.when[:10]}",
            body=_body(reply.overall, discussed, reply.solutions, unknown),
            framework_id=framework_id, marks=values,
            actions=[Action(text) for text in reply.actions], source=source))
    log.mark_answered(store, record_id, shared, digest, made.id)
    return Received(shared, made, noted)


def _live(store: JournalStore, entry_id: str) -> Entry | None:
    try:
        entry = store.get(entry_id)
    except LookupError:
        return None
    return None if entry.deleted else entry


def _body(overall: str, discussed: list[Entry], solutions: dict[str, tuple[str, str]],
          unknown: list[str]) -> str:
    parts = [overall or "(no overall notes)"]
    if discussed:
        parts.append("## Entries discussed\n\n" + "\n".join(
            f"- {e.when:%Y-%m-%d} · {e.title or '(untitled)'} ({short_id(e.id)})"
            for e in discussed))
    parts += [f"## Solutions: {name}\n\n{text}" for name, text in solutions.values()]
    if unknown:
        parts.append("## Notes on entries not found\n\n" + "\n\n".join(unknown))
    return "\n\n".join(parts)
