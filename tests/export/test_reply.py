"""The reply template a sealed pack ends with, read back; the export log's way back; the
writer's identity, made once and synced, so a reply is received on another device."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

from conftest import sample_entry
from test_render import sample_pack

from journal.domain.model import Kind, Mark
from journal.export import identity, log, opened, render, reply, seal
from journal.export.pack import Pack, ReplyTo
from journal.session import supervision

WAY_BACK = ReplyTo("0123456789abcdef", "f" * 32,
                   "age1nqnmxkxnvpy0hfvy5hz67k8qjdp6tavhq80c5q4kv9umgd6nkansc5asg4")


def sealed_pack() -> Pack:
    pack = sample_pack()
    return dataclasses.replace(pack, hard=[("hope", "Hope")], reply=WAY_BACK)


def test_the_template_has_every_heading_and_the_way_back():
    text = reply.template(sealed_pack())
    assert text.splitlines()[0] == "# Supervision reply"
    assert "## Overall notes" in text and "## Agreed actions\n\n- \n" in text
    assert "## Entry: 2026-03-02 · Walk with P1 [e1]" in text
    assert "## Solutions: Hope [hope]" in text
    assert text.rstrip().endswith(f"Pack {WAY_BACK.pack_id} · secret {WAY_BACK.secret} · seal "
                                  f"to {WAY_BACK.recipient} (keep this line)")
    assert reply.way_back(text) == WAY_BACK
    assert reply.template(sample_pack()) == ""  # an unsealed pack has no way back


def test_every_text_format_carries_the_template_where_the_supervisor_finds_it():
    pack = sealed_pack()
    for fmt in ("md", "html", "json"):
        data = render.render(pack, fmt)
        assert opened.OpenedPack(data, fmt).template() == reply.template(pack), fmt
    assert json.loads(render.render(pack, "json"))["reply"]["pack_id"] == WAY_BACK.pack_id
    assert "hard" not in json.loads(render.render(pack, "json"))
    from test_render import pdf_text

    text = pdf_text(render.render(pack, "pdf"))
    assert "Supervision reply" in text and "Agreed actions" in text
    assert f"age -r {WAY_BACK.recipient}" in text.replace("\n", " ")


def test_a_filled_template_reads_back_and_nothing_written_is_dropped():
    text = reply.template(sealed_pack()).replace("\n", "\r\n")  # written on Windows
    text = text.replace("## Overall notes\r\n", "## Overall notes\r\n\r\nA good month.\r\n")
    text = text.replace("[e1]\r\n", "[e1]\r\n\r\nWell held.\r\n\r\n### More\r\nAnd more.\r\n")
    text = text.replace("[hope]\r\n", "[hope]\r\n\r\nOne small hope a day.\r\n")
    text = text.replace("- \r\n", "- Read the policy\r\n* [ ] Book a debrief\r\n1. Rest\r\n-\r\n")
    text = text.replace("---", "## Something else\n\nA thought.\n\n---")
    got = reply.parse(text)
    assert (got.pack_id, got.secret) == (WAY_BACK.pack_id, WAY_BACK.secret)
    assert got.entries == {"e1": "Well held.\n\n### More\nAnd more."}
    assert got.titles == {"e1": "2026-03-02 · Walk with P1"}
    assert got.solutions == {"hope": ("Hope", "One small hope a day.")}
    assert got.actions == ["Read the policy", "Book a debrief", "Rest"]
    assert got.overall == "A good month.\n\n### Something else\n\nA thought."
    assert "<!--" not in got.overall


def test_an_old_export_record_still_loads_and_a_sealed_one_keeps_its_way_back(store):
    store.put_record(log.RECORD_TYPE, {"when": "2026-01-01T10:00:00+00:00", "entries": ["a"],
                                       "format": "md", "to": [], "passphrase": False,
                                       "file": "old.md", "replaced": 0, "kept": 0})
    shared = log.Shared("2026-02-01T10:00:00+00:00", ["b"], "md", ["Ana"], False, "new.md.age",
                        1, 0, "1" * 16, "2" * 32)
    rid = log.record(store, shared)
    old, new = log.history(store)
    assert (old.pack_id, old.answered, old.waiting) == ("", "", False)
    assert new.waiting and log.find_pack(store, "1" * 16) == (rid, new)
    log.mark_answered(store, rid, new, "d" * 64, "e" * 32)
    assert not log.history(store)[1].waiting and log.find_pack(store, "0" * 16) is None


def test_the_identity_is_made_once_and_a_reply_opens_on_another_device(pair):
    a, b = pair
    assert identity.identities(a.store) == []
    recipient = identity.writer_recipient(a.store)
    assert identity.writer_recipient(a.store) == recipient
    assert len(identity.identities(a.store)) == 1
    discussed = a.add(sample_entry(5, title="Hard day", kind=Kind.SESSION,
                                   marks={"mutuality": Mark.CHALLENGING}))
    way_back = ReplyTo("a" * 16, "b" * 32, recipient)
    log.record(a.store, log.Shared("2026-03-10T10:00:00+00:00", [discussed.id], "md", ["Ana"],
                                   False, "pack.md.age", 0, 0, way_back.pack_id,
                                   way_back.secret))
    a.sync()
    b.sync()
    assert identity.writer_recipient(b.store) == recipient  # the same key, synced

    pack = dataclasses.replace(sample_pack(), reply=way_back, start=date(2026, 3, 6))
    pack.entries[0].id = discussed.id
    text = reply.template(pack).replace(f"[{discussed.id[:8]}]\n",
                                        f"[{discussed.id[:8]}]\n\nWell done.\n")
    got = supervision.receive(b.store, seal.seal(text.encode(), recipients=[recipient]),
                              "srn-values")
    assert got.noted == [discussed.id] and got.entry is not None
    assert got.entry.marks == {"mutuality": Mark.TAGGED} and got.entry.kind == Kind.SUPERVISION
    assert b.store.get(discussed.id).supervision.endswith(": Well done.")
    b.sync()
    a.sync()
    assert a.store.get(discussed.id).supervision.endswith(": Well done.")
    assert log.history(a.store)[0].answered  # answered, on the device that sent it too


def test_a_receive_cut_short_before_the_pack_was_marked_makes_no_second_entry(store):
    recipient = identity.writer_recipient(store)
    entry = store.add(sample_entry(1))
    sent = log.Shared("2026-03-10T10:00:00+00:00", [entry.id], "md", ["Ana"], False, "p.md.age",
                      0, 0, "c" * 16, "d" * 32)
    rid = log.record(store, sent)
    pack = dataclasses.replace(sample_pack(), reply=ReplyTo("c" * 16, "d" * 32, recipient))
    pack.entries[0].id = entry.id
    text = reply.template(pack).replace(f"[{entry.id[:8]}]\n", f"[{entry.id[:8]}]\n\nGood.\n")
    sealed = seal.seal(text.encode(), recipients=[recipient])
    first = supervision.receive(store, sealed, "srn-values")
    log.record(store, sent, rid)  # as if the process ended before the pack was marked
    second = supervision.receive(store, sealed, "srn-values")
    assert second.entry is not None and first.entry is not None
    assert second.entry.id == first.entry.id and not second.again
    assert store.get(entry.id).supervision.count("Good.") == 1
    assert len([e for e in store.entries() if e.kind == Kind.SUPERVISION]) == 1
    assert supervision.receive(store, sealed, "srn-values").again
