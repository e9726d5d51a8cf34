"""The reading order of a supervision pack, worked out once for every format.

`outline` turns the scrubbed pack into `Block`s in the order a supervisor reads them; each
format (`render`: Markdown, HTML; `pdf`) only says how a kind of block looks, so the formats
cannot drift apart. The labels and mark words are the entry page's (`journal.present`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from journal.domain.framework import AREA_NAMES
from journal.domain.model import CheckIn
from journal.export.pack import FUNCTIONS, Pack
from journal.export.reply import age_command, template
from journal.present import marks
from journal.present.entry_text import CHECKS, VALUES, checkin_words


@dataclass(frozen=True)
class Block:
    """One piece of the pack in reading order. `strong` is shown bold after the text."""

    style: str  # title, meta, section, heading, entry, flag, para, item, check, todo, done,
    #             subheading, body, note, code (a command), template (the reply template)
    text: str
    strong: str = ""


#: A check-list answer as the words a reader expects after the behaviour.
ANSWER_WORDS = {"yes": "Yes", "no": "No", "n/a": "Not applicable"}
_HEADING = re.compile(r"#{1,6}[ \t]+(.+?)[ \t#]*")


def body_blocks(body: str) -> list[Block]:
    """An entry's text, its own Markdown headings ("## What?") taken out as `subheading`
    blocks, so every format shows them one level below the entry's title, never above it."""
    out: list[Block] = []
    lines: list[str] = []

    def flush() -> None:
        text = "\n".join(lines).strip("\n")
        if text.strip():
            out.append(Block("body", text))
        lines.clear()

    for line in body.strip().split("\n"):
        found = _HEADING.fullmatch(line.strip())
        if found:
            flush()
            out.append(Block("subheading", found.group(1)))
        else:
            lines.append(line)
    flush()
    return out


def _count(pack: Pack) -> str:
    return f"{len(pack.entries)} {'entry' if len(pack.entries) == 1 else 'entries'}"


def outline(pack: Pack) -> list[Block]:
    """Everything in the pack, in the order a supervisor reads it."""
    out = [Block("title", f"Supervision pack: {pack.start:%d %B %Y} to {pack.end:%d %B %Y}"),
           Block("meta", f"{_count(pack)}, {pack.framework}. Names and other identifying "
                         f"details are replaced ({pack.replaced} replaced, {pack.kept} kept by "
                         "the writer)."),
           Block("section", "Agenda")]
    for key, items in pack.agenda.items():
        out.append(Block("heading", FUNCTIONS[key]))
        out += [Block("item", item) for item in items or ["(nothing flagged)"]]
    out.append(Block("section", "Open actions"))
    out += [Block("todo", a) for a in pack.open_actions] or [Block("item", "(none)")]
    out.append(Block("section", "Trends"))
    for title, items in (("Most challenging values:", pack.challenging_values),
                         ("Behaviours rising:", pack.rising),
                         ("Behaviours falling:", pack.falling)):
        out.append(Block("para", title))
        out += [Block("item", item) for item in items or ["(none)"]]
    if pack.trends_note:
        out.append(Block("note", pack.trends_note))
    out.append(Block("section", "Entries"))
    for e in pack.entries:
        out.append(Block("entry", f"{e.when[:10]} · {e.kind} · {e.title or '(untitled)'}"))
        if e.flagged:
            out.append(Block("flag", e.question))
        if e.marks:
            out.append(Block("para", f"{VALUES}: " + ", ".join(marks.named(name, mark)
                                                               for name, mark in e.marks)))
        if e.checks:
            out.append(Block("para", CHECKS))
            out += [Block("check", f"{AREA_NAMES.get(area, 'Other')}: {text}",
                          ANSWER_WORDS.get(answer, answer))
                    for area, text, answer in e.checks]
        out += body_blocks(e.body)
        out += [Block("done" if done else "todo", text) for text, done in e.actions]
        if e.checkin is not None:
            said = checkin_words(CheckIn(e.checkin["mood"], e.checkin["energy"],
                                         e.checkin["need"] or ""))
            out.append(Block("para", f"Wellbeing: {said}"))
    return out + reply_blocks(pack)


def reply_blocks(pack: Pack) -> list[Block]:
    """A sealed pack's way back: the reply template and how to seal it to the writer."""
    if pack.reply is None:
        return []
    return [Block("section", "Reply"),
            Block("para", "To reply, copy the template below into a file (say notes.md), write "
                          "under its headings, and seal it to the writer with the age tool:"),
            Block("code", age_command(pack.reply.recipient)),
            Block("para", "or with this program: journal pack reply PACK --identity KEY "
                          "--notes notes.md --output reply.age. Send reply.age back to the "
                          "writer; only they can open it."),
            Block("template", template(pack))]
