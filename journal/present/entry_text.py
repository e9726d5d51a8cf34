"""How entries look on a terminal: compact tables for lists, a readable page for one entry."""

from __future__ import annotations

import shutil

from journal.domain.framework import AREA_NAMES, Catalogue
from journal.domain.model import Entry, EntrySummary, Mark, Revision
from journal.present.revisions import clock_time, revision_actions

MARK_SIGN = {Mark.LIVED: "+", Mark.CHALLENGING: "!", Mark.TAGGED: ""}
MARK_WORD = {Mark.LIVED: "lived", Mark.CHALLENGING: "challenging", Mark.TAGGED: "tagged"}


def short_id(entry_id: str) -> str:
    return entry_id[:8]


def marks_inline(entry: Entry | EntrySummary) -> str:
    """`hope+ mutuality! experience`: + lived, ! challenging, bare = tagged."""
    return " ".join(f"{vid}{MARK_SIGN[mark]}" for vid, mark in entry.marks.items())


def entry_table(entries: list[EntrySummary]) -> list[str]:
    width = shutil.get_terminal_size((100, 24)).columns
    lines = []
    for e in entries:
        flags = ("⚑" if e.flagged else " ") + (f"{e.versions}v" if e.versions > 1 else "  ")
        marks = marks_inline(e)
        head = f"{short_id(e.id)}  {e.when:%Y-%m-%d %H:%M}  {e.kind:<11} {flags} "
        room = max(width - len(head) - len(marks) - 2, 20)
        title = e.label
        if len(title) > room:
            title = title[: room - 1] + "…"
        deleted = " (deleted)" if e.deleted else ""
        lines.append(f"{head}{title}{deleted}  {marks}".rstrip())
    return lines


def entry_page(entry: Entry, catalogue: Catalogue) -> list[str]:
    out = [entry.title or "(untitled)", ""]
    out.append(f"id        {entry.id}")
    out.append(f"date      {entry.when:%A %d %B %Y, %H:%M}")
    out.append(f"kind      {entry.kind}")
    if entry.versions > 1:
        out.append(f"versions  {entry.versions} (edited on two devices; run `journal conflicts`)")
    if entry.deleted:
        out.append(f"deleted   yes (undo with `journal restore {short_id(entry.id)}`)")
    if entry.flagged:
        question = f": {entry.question}" if entry.question else ""
        out.append(f"flagged   bring to supervision{question}")
    if entry.marks:
        out.append("")
        out.append("Values")
        for vid, mark in entry.marks.items():
            out.append(f"  {catalogue.value_name(vid):<16} {MARK_WORD[mark]}")
    if entry.checks:
        out.append("")
        out.append("Did I…")
        by_area: dict[str, list[str]] = {}
        for bid, answer in entry.checks.items():
            behaviour = catalogue.behaviours.get(bid)
            area = AREA_NAMES.get(behaviour.area, "Other") if behaviour else "Other"
            text = behaviour.text if behaviour else bid
            by_area.setdefault(area, []).append(f"  [{answer:^3}] {text}")
        for area, rows in by_area.items():
            out.append(f" {area}")
            out.extend(rows)
    if entry.checkin:
        c = entry.checkin
        out.append("")
        out.append(f"Check-in  mood {c.mood or '-'}/5, energy {c.energy or '-'}/5"
                   + (f"; I need: {c.need}" if c.need else ""))
    if entry.actions:
        out.append("")
        out.append("Now what?")
        out.extend(f"  [{'x' if a.done else ' '}] {a.text}" for a in entry.actions)
    if entry.people:
        out.append(f"people    {', '.join(entry.people)}")
    if entry.tags:
        out.append(f"tags      {', '.join(entry.tags)}")
    out.append("")
    out.append(entry.body)
    return out


def history_lines(revisions: list[Revision]) -> list[str]:
    lines = []
    for rev, what in zip(revisions, revision_actions(revisions), strict=True):
        if rev.entry is None:
            what = f"DAMAGED ({rev.error})"
        title = rev.entry.title if rev.entry else ""
        lines.append(f"{clock_time(rev.clock):%Y-%m-%d %H:%M}  {rev.id[:8]}  device "
                     f"{rev.device_id[:6]}  {what:<9} {title}")
    return lines
