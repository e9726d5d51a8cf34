"""The supervisor's reply: the Markdown template a sealed pack ends with, and reading it back.

The template is plain Markdown anyone can fill in with any editor: a heading for overall
notes, one per entry (its date, title and short id, so the reply maps back to the writer's
entry), one per most challenging value for solutions, "Agreed actions" (a list), and a last
line quoting the pack's id, its secret and the writer's age key. Sealed with the standard age
tool (`age -r age1… -o reply.age notes.md`) or `journal pack reply`, it is a reply the writer's
journal takes (`journal pack receive`). Pure text in, text out: no journal, no keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from journal.errors import JournalError
from journal.export.pack import Pack, ReplyTo
from journal.present.entry_text import short_id

TITLE = "# Supervision reply"
OVERALL = "Overall notes"
ACTIONS = "Agreed actions"
ENTRY = "Entry: "
SOLUTIONS = "Solutions: "
HINT = ("<!-- Write under each heading; leave one empty to skip it. One agreed action a line, "
        "starting '- '. Keep the last line as it is. -->")

_PACK_LINE = re.compile(r"pack\s+([0-9a-f]{16})\W+secret\s+([0-9a-f]{32})", re.IGNORECASE)
_RECIPIENT = re.compile(r"\bage1[02-9ac-hj-np-z]{58}\b")
_HEADING = re.compile(r"##[ \t]+(.+?)[ \t#]*")
_TAIL_ID = re.compile(r"\[([0-9a-z-]+)\]\s*$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_RULE_AT_END = re.compile(r"\n[ \t]*-{3,}[ \t]*\s*$")  # the rule before the pack line
_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)")


class ReplyError(JournalError, ValueError):
    """A reply (or its template) that cannot be read; the message says what to do."""


def age_command(recipient: str) -> str:
    """The one command that seals filled-in notes as a reply, with only the age tool."""
    return f"age -r {recipient} -o reply.age notes.md"


def pack_line(reply: ReplyTo) -> str:
    return (f"Pack {reply.pack_id} · secret {reply.secret} · seal to {reply.recipient} "
            "(keep this line)")


def template(pack: Pack) -> str:
    """The reply template of a sealed pack (empty for one that carries no way back)."""
    if pack.reply is None:
        return ""
    out = [TITLE, "", HINT, "", f"## {OVERALL}", ""]
    for e in pack.entries:
        out += [f"## {ENTRY}{e.when[:10]} · {e.title or '(untitled)'} [{short_id(e.id)}]", ""]
    for value_id, name in pack.hard:
        out += [f"## {SOLUTIONS}{name} [{value_id}]", ""]
    out += [f"## {ACTIONS}", "", "- ", "", "---", pack_line(pack.reply)]
    return "\n".join(out) + "\n"


def way_back(text: str) -> ReplyTo:
    """The pack id, secret and the writer's key, from a template (or a filled-in reply)."""
    found = _PACK_LINE.search(text)
    recipient = _RECIPIENT.search(text[found.end():] if found else "")
    if found is None or recipient is None:
        raise ReplyError("the text has no line 'Pack … · secret … · seal to age1…'; start from "
                         "the template (`journal pack reply PACK --identity KEY --template`)")
    return ReplyTo(found.group(1).lower(), found.group(2).lower(), recipient.group(0))


@dataclass
class Reply:
    """A filled-in template, read back."""

    pack_id: str
    secret: str
    overall: str = ""
    entries: dict[str, str] = field(default_factory=dict)  # short id -> the note on it
    titles: dict[str, str] = field(default_factory=dict)  # short id -> heading as written
    solutions: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (name, text)
    actions: list[str] = field(default_factory=list)


def parse(text: str) -> Reply:
    """Read a reply. Headings the template did not have are kept, with their text, in the
    overall notes: nothing the supervisor wrote is dropped."""
    found = _PACK_LINE.search(text)
    if found is None:
        raise ReplyError("this reply has no line 'Pack … · secret …' (the template's last "
                         "line); ask your supervisor to reply from the pack's template")
    reply = Reply(found.group(1).lower(), found.group(2).lower())
    text = _COMMENT.sub("", text.replace("\r\n", "\n"))
    overall: list[str] = []
    extra: list[str] = []
    heading: str | None = None
    lines: list[str] = []

    def flush() -> None:
        body = _RULE_AT_END.sub("", "\n".join(lines)).strip("\n").rstrip()
        lines.clear()
        if heading is None or heading == OVERALL:
            if body.strip():
                overall.append(body)
            return
        tail = _TAIL_ID.search(heading)
        if heading == ACTIONS:
            items = (_ITEM.fullmatch(line) for line in body.split("\n"))
            reply.actions += [m.group(1).strip() for m in items if m and m.group(1).strip()]
        elif heading.startswith(ENTRY) and tail:
            reply.titles[tail.group(1)] = heading[len(ENTRY):tail.start()].strip()
            if body.strip():
                reply.entries[tail.group(1)] = body
        elif heading.startswith(SOLUTIONS) and tail:
            if body.strip():
                name = heading[len(SOLUTIONS):tail.start()].strip()
                reply.solutions[tail.group(1)] = (name, body)
        elif body.strip():
            extra.append(f"### {heading}\n\n{body}")

    for line in text.split("\n"):
        if _PACK_LINE.search(line) or line.strip() == TITLE:
            continue
        match = _HEADING.fullmatch(line.strip())
        if match:
            flush()
            heading = match.group(1)
        else:
            lines.append(line)
    flush()
    reply.overall = "\n\n".join(overall + extra).strip()
    return reply
