"""How entries look on a terminal: compact tables for lists, and one page for one entry.

`entry_markdown` is THE page of an entry: the app's entry view, its history and the versions
side by side show it (Textual's Markdown widget draws it; user text is never read as markup),
and `journal show` prints it. Markdown reads well as plain text, and the body is Markdown
already. Only the pointers differ: a key to press in the app, a command to type in a shell.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass

from journal.domain.framework import AREA_NAMES, Catalogue
from journal.domain.model import CheckIn, Entry, EntrySummary, Revision
from journal.present import marks
from journal.present.revisions import revision_actions, saved_at
from journal.present.terminal import visible

#: The labels of an entry's parts, in the app, on the command line and in the pack.
FLAG = "Bring to supervision"
VALUES = "Values"
CHECKS = "Did I…?"
ACTIONS = "Now what?"
PEOPLE = "People"
TAGS = "Tags"
SUPERVISION = "From supervision"


@dataclass(frozen=True)
class Pointers:
    """What the reader can do about an entry, in the terms of where they read it."""

    versions: str  # after "2 versions from two devices: "
    deleted: str  # after "Deleted." ({id} is the entry's short id)
    show_id: bool  # the id is what a command line needs to name the entry


IN_APP = Pointers(
    versions="compare them and keep one on the Sync screen (y on the timeline), or edit to "
             "merge them.",
    deleted="Press u to bring it back.",
    show_id=False)
ON_COMMAND_LINE = Pointers(
    versions="compare them with `journal conflicts` and keep one with `journal resolve`.",
    deleted="Bring it back with `journal restore {id}`.",
    show_id=True)


def short_id(entry_id: str) -> str:
    return entry_id[:8]


def marks_inline(entry: Entry | EntrySummary) -> str:
    """`hope+ mutuality! experience`: + lived, ! challenging, bare = tagged."""
    return " ".join(marks.inline(vid, mark) for vid, mark in entry.marks.items())


def check_line(answer: str, text: str) -> str:
    """One answered behaviour: `**yes**: Shared hope` (the pack shows the same two parts)."""
    return f"- **{answer}**: {text}"


def checks_by_area(entry: Entry, catalogue: Catalogue) -> dict[str, list[tuple[str, str]]]:
    """(answer, behaviour text) by area name, in the framework's order of behaviours."""
    order = {bid: n for n, bid in enumerate(catalogue.behaviours)}
    by_area: dict[str, list[tuple[str, str]]] = {}
    for bid in sorted(entry.checks, key=lambda b: order.get(b, len(order))):
        behaviour = catalogue.behaviours.get(bid)
        area = AREA_NAMES.get(behaviour.area, "Other") if behaviour else "Other"
        by_area.setdefault(area, []).append((str(entry.checks[bid]),
                                             catalogue.behaviour_text(bid)))
    return by_area


def checkin_words(checkin: CheckIn) -> str:
    """`mood 3/5, energy not said; I need: sleep`: a part left unanswered is said to be, not
    drawn as "–/5", which reads like a score."""
    def part(name: str, value: int | None) -> str:
        return f"{name} {value}/5" if value else f"{name} not said"

    return (f"{part('mood', checkin.mood)}, {part('energy', checkin.energy)}"
            + (f"; I need: {checkin.need}" if checkin.need else ""))


def entry_markdown(entry: Entry, catalogue: Catalogue, where: Pointers = IN_APP) -> str:
    """The entry as Markdown: a heading, what was marked and checked, then the writer's text."""
    meta = f"*{entry.when:%A %d %B %Y, %H:%M}* · {entry.kind.value}"
    if where.show_id:
        meta += f" · id {entry.id}"
    lines = [f"# {entry.title or '(untitled)'}", "", meta]
    if entry.versions > 1:
        lines.append(f"\n**{entry.versions} versions** from two devices: {where.versions}")
    if entry.deleted:
        lines.append("\n**Deleted.** " + where.deleted.format(id=short_id(entry.id)))
    if entry.flagged:
        lines.append(f"\n**{FLAG}**" + (f": {entry.question}" if entry.question else ""))
    if entry.marks:
        named = ", ".join(marks.named(catalogue.value_name(v), m) for v, m in entry.marks.items())
        lines.append(f"\n**{VALUES}:** {named}")
    if entry.checks:
        lines.append(f"\n**{CHECKS}**")
        for area, rows in checks_by_area(entry, catalogue).items():
            lines.extend([f"\n*{area}*\n", *(check_line(a, text) for a, text in rows)])
    if entry.actions:
        lines.append(f"\n**{ACTIONS}**\n")
        lines.extend(f"- [{'x' if a.done else ' '}] {a.text}" for a in entry.actions)
    if entry.checkin:
        lines.append(f"\n**Check-in:** {checkin_words(entry.checkin)}")
    if entry.people:
        lines.append(f"\n**{PEOPLE}:** {', '.join(entry.people)}")
    if entry.tags:
        lines.append(f"\n**{TAGS}:** {', '.join(entry.tags)}")
    lines.extend(["", "---", "", entry.body])
    if entry.supervision:  # what supervision said (`journal pack receive`)
        lines.extend(["", "---", "", f"**{SUPERVISION}**", "", entry.supervision])
    return "\n".join(lines)


def entry_page(entry: Entry, catalogue: Catalogue) -> list[str]:
    """`journal show`: the same page as the app's, with the id and commands instead of keys."""
    return entry_markdown(entry, catalogue, ON_COMMAND_LINE).split("\n")


def entry_table(entries: list[EntrySummary]) -> list[str]:
    width = shutil.get_terminal_size((100, 24)).columns
    lines = []
    for e in entries:
        flags = ("⚑" if e.flagged else " ") + (f"{e.versions}v" if e.versions > 1 else "  ")
        signs = marks_inline(e)
        head = f"{short_id(e.id)}  {e.when:%Y-%m-%d %H:%M}  {e.kind:<11} {flags} "
        room = max(width - len(head) - len(signs) - 2, 20)
        title = e.label
        if len(title) > room:
            title = title[: room - 1] + "…"
        deleted = " (deleted)" if e.deleted else ""
        lines.append(f"{head}{title}{deleted}  {signs}".rstrip())
    return lines


def history_lines(revisions: list[Revision]) -> list[str]:
    lines = []
    for rev, what in zip(revisions, revision_actions(revisions), strict=True):
        if rev.entry is None:
            what = f"DAMAGED ({rev.error})"
        title = rev.entry.title if rev.entry else ""
        lines.append(f"{saved_at(rev.clock, short=True)}  {rev.id[:8]}  device "
                     f"{rev.device_id[:6]}  {what:<9} {visible(title)}")
    return lines
