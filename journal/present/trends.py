"""Trends as Rich renderables: the same tables for `journal trends` and the Trends screen.

Nothing here computes a figure; it only lays out what `journal.domain.trends` worked out.
Every mark is told by a word or sign as well as a colour (+ lived, ! challenging), so
nothing depends on colour.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TypeVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from journal.domain import trends
from journal.domain.framework import AREA_NAMES
from journal.domain.model import Mark
from journal.present.counts import counted
from journal.present.marks import SIGN
from journal.present.values import belief_alone

T = TypeVar("T")
_LIVED, _HARD = SIGN[Mark.LIVED], SIGN[Mark.CHALLENGING]  # the one table of signs

BARS = "▁▂▃▄▅▆▇█"
SHADES = "░▒▓█"
LIVED = "green"
CHALLENGING = "yellow"
MUTED = "dim"
MAX_BUCKETS_AS_WEEKS = 26
"""Longer periods show values and activity per month instead of per week."""


def spark(counts: list[int], peak: int | None = None) -> str:
    """One character per count: · for none, then eight heights up to the peak."""
    top = peak if peak is not None else max(counts, default=0)
    if top <= 0:
        return "·" * len(counts)
    return "".join("·" if n <= 0 else BARS[min(len(BARS) - 1, (n * len(BARS) - 1) // top)]
                   for n in counts)


def shade(count: int, top: int) -> str:
    """A heat-map cell: · for none, then four shades up to `top`."""
    if count <= 0 or top <= 0:
        return "·"
    return SHADES[min(len(SHADES) - 1, (count * len(SHADES) - 1) // top)]


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f}%"


def points(change: float) -> str:
    return f"{change * 100:+.0f} pts"


def marked_in(before: int, before_entries: int, now: int, now_entries: int) -> str:
    """`3 of 12 → 4 of 11`: counts a peer worker can check against their entries, each with
    what it is out of, where "+8 pts per entry" (the change in share) needed explaining."""
    return f"{before} of {before_entries} → {now} of {now_entries}"


def _sentence(text: str) -> str:
    """`text` with a capital first letter, to stand after a full stop."""
    return text[:1].upper() + text[1:]


def _title(text: str) -> Text:
    return Text(text, style="bold underline")


def _note(text: str) -> Text:
    return Text(text, style=f"{MUTED} italic")


def _tail(items: list[T], room: int) -> list[T]:
    """The most recent `room` buckets: the end of the period matters most."""
    return items[-room:] if room > 0 else items


def header(t: trends.Trends) -> Text:
    name = trends.PERIOD_NAMES.get(t.period.name, "custom")
    text = Text("Trends", style="bold")
    text.append(f" · {name}: {t.period.label} · {counted(t.entries, 'entry', 'entries')} · "
                f"{t.framework.name}")
    return text


def _mark_lines(buckets: list[trends.MarkCount], top: int) -> Text:
    return Text.assemble(
        (spark([b.lived for b in buckets], top), LIVED), (f" {_LIVED}\n", MUTED),
        (spark([b.challenging for b in buckets], top), CHALLENGING), (f" {_HARD}", MUTED))


def _keys(buckets: list[trends.MarkCount], unit: str) -> str:
    """`weeks 2026-W44 to 2026-W47`, or `month 2026-11` for one."""
    first, last = buckets[0].key, buckets[-1].key
    return f"{unit if first == last else unit + 's'} {trends.span(first, last)}"


def values_view(t: trends.Trends, width: int = 100) -> RenderableType:
    """Per value: lived and challenging marks per week and per month as sparklines (the most
    recent that fit), the value's belief underneath, then a heat map of all its marks."""
    label_width = min(40, max(22, width // 3))
    room = max((width - label_width - 30) // 2, 6)
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False, expand=False)
    table.add_column("Value", no_wrap=False, width=label_width)
    table.add_column("per week", no_wrap=True)
    table.add_column("per month", no_wrap=True)
    table.add_column(f"{_LIVED} lived", justify="right")
    table.add_column(f"{_HARD} hard", justify="right")
    table.add_column("tagged", justify="right")
    heat = Table(box=None, show_header=False, pad_edge=False)
    heat.add_column("Value", no_wrap=True)
    heat.add_column("marks", no_wrap=True)
    rows = [(v, _tail(v.weeks, room), _tail(v.months, room)) for v in t.values]
    week_top = max((max(b.lived, b.challenging) for _, weeks, _ in rows for b in weeks),
                   default=0)
    month_top = max((max(b.lived, b.challenging) for _, _, months in rows for b in months),
                    default=0)
    heat_room = max(width - 20, 8)
    heat_rows = [(v, _tail(v.weeks, heat_room)) for v in t.values]
    heat_top = max((b.total for _, weeks in heat_rows for b in weeks), default=0)
    for (v, weeks, months), (_, heat_weeks) in zip(rows, heat_rows, strict=True):
        if not v.active and not (v.lived or v.challenging or v.tagged):
            continue
        label = Text(v.name, style="bold" if v.active else "")
        if v.belief and v.active:
            label.append("\n" + belief_alone(v.belief), style=MUTED)
        elif not v.active:
            belief = f" ({belief_alone(v.belief)})" if v.belief else ""
            label.append(f"\nnot in {t.framework.name}{belief}",
                         style=MUTED)
        table.add_row(label, _mark_lines(weeks, week_top), _mark_lines(months, month_top),
                      str(v.lived), str(v.challenging), str(v.tagged))
        heat.add_row(Text(v.name[:18]), Text("".join(shade(b.total, heat_top)
                                                     for b in heat_weeks)))
    weeks = rows[0][1] if rows else []
    months = rows[0][2] if rows else []
    span = (f"{_keys(weeks, 'week')}, {_keys(months, 'month')}" if weeks and months else "")
    heat_weeks = heat_rows[0][1] if heat_rows else []
    return Group(
        _title("Values over time"),
        _note(f"Marks per week and per month ({span}); {_LIVED} lived well, {_HARD} found hard."),
        table, Text(""),
        _title("Heat map: every mark of each value"),
        _note("One cell per week"
              + (f", {trends.span(heat_weeks[0].key, heat_weeks[-1].key)}" if heat_weeks
                 else "")
              + f": · none, {' '.join(SHADES)} more (up to {heat_top})."),
        heat,
    )


def behaviours_view(t: trends.Trends) -> RenderableType:
    """The "Did I…?" list: share of yes among the sessions that answered, by area."""
    parts: list[RenderableType] = [
        _title("The check-list"),
        _note(f"{t.framework.checklist_prompt}?  Share of yes among session entries that "
              "answered (n/a left out); "
              f"shown from {trends.MINIMUM} answers."),
    ]
    if not t.behaviours:
        parts.append(_note("This framework has no check-list."))
        return Group(*parts)
    sessions = t.behaviours[0].sessions
    parts.append(Text(f"{sessions} session {'entry' if sessions == 1 else 'entries'} "
                      "in the period."))
    area: str | None = None
    table: Table | None = None
    for b in t.behaviours:
        if table is None or b.area != area:
            if table is not None:
                parts.append(table)
            area = b.area
            parts.append(Text(AREA_NAMES.get(area, "Other (not in the active framework)"),
                              style="bold"))
            table = Table(box=None, show_header=True, header_style=MUTED, pad_edge=False)
            table.add_column("Behaviour", ratio=1)
            for name in ("yes", "no", "n/a"):
                table.add_column(name, justify="right")
            table.add_column("share of yes", no_wrap=True)
        a = b.answers
        share = a.share
        bar = Text(("no answers" if not a.answered else NOT_SHOWN) if share is None else
                   f"{'█' * round(share * 10):<10} {percent(share):>4}",
                   style=MUTED if share is None else "")
        table.add_row(b.text, str(a.yes), str(a.no), str(a.na), bar)
    if table is not None:
        parts.append(table)
    return Group(*parts)


#: A behaviour's cell below MINIMUM answers (the note above the list counts answers).
NOT_SHOWN = "not enough answers yet"


def change_view(t: trends.Trends) -> RenderableType:
    c = t.change
    parts: list[RenderableType] = [
        _title("Change"),
        Text(f"{c.now.label} ({counted(c.now_entries, 'entry', 'entries')}) against "
             f"{c.before.label} ({counted(c.before_entries, 'entry', 'entries')}), "
             f"{counted(c.now.days, 'day')} each."),
    ]
    if not c.comparable:
        parts.append(_note(f"No comparison: {c.reason}."))
        return Group(*parts)
    for label, rows in (("Rising", c.rising), ("Falling", c.falling)):
        if not c.behaviours:
            break
        parts.append(Text(label, style="bold"))
        if not rows:
            parts.append(_note("none"))
            continue
        table = Table(box=None, header_style=MUTED, pad_edge=False)
        table.add_column("Behaviour", ratio=1)
        table.add_column("before", justify="right", no_wrap=True)
        table.add_column("now", justify="right", no_wrap=True)
        table.add_column("change", justify="right", no_wrap=True)
        for b in rows:
            table.add_row(b.text, f"{b.before.yes}/{b.before.answered} {percent(b.before.share)}",
                          f"{b.now.yes}/{b.now.answered} {percent(b.now.share)}",
                          points(b.change))
        parts.append(table)
    if not c.behaviours:
        parts.append(_note(f"No behaviour had {trends.MINIMUM} answers in both periods."))
    table = Table(box=None, header_style=MUTED, pad_edge=False, title_justify="left")
    table.add_column("Value", ratio=1)
    table.add_column(f"{_LIVED} lived: before → now", justify="right", no_wrap=True)
    table.add_column(f"{_HARD} hard: before → now", justify="right", no_wrap=True)
    for v in c.values:
        table.add_row(v.name, marked_in(v.before_lived, v.before_entries, v.now_lived,
                                        v.now_entries),
                      marked_in(v.before_challenging, v.before_entries, v.now_challenging,
                                v.now_entries))
    parts.extend([Text("Values", style="bold"),
                  _note("In how many of each period's entries the value was marked: the "
                        "periods may hold different numbers of entries."), table])
    return Group(*parts)


def challenging_view(t: trends.Trends) -> RenderableType:
    ch = t.challenging
    parts: list[RenderableType] = [
        _title("What is most challenging?"),
        _note(f"{trends.span(ch.start.isoformat(), ch.end.isoformat())}: "
              f"{counted(ch.entries, 'entry', 'entries')}, {counted(ch.sessions, 'session')}. "
              + ("Worth taking to supervision." if ch.enough else
                 f"{_sentence(trends.NOT_ENOUGH)} ({trends.MINIMUM} needed).")),
    ]
    if not ch.enough:
        return Group(*parts)
    for label, rows, how in (
        ("Values most often found hard", ch.values, f"marked {_HARD} in {{}} of {{}} entries"),
        ("Behaviours least often done", ch.least_done, "yes in {} of {} answers"),
        ("Behaviours least often answered", ch.least_answered, "answered in {} of {} sessions"),
    ):
        parts.append(Text(label, style="bold"))
        if not rows:
            parts.append(_note("none" if label.startswith("Values") else
                               f"{NOT_SHOWN} ({trends.MINIMUM} needed)"))
            continue
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column("", ratio=1)
        table.add_column("", justify="right", no_wrap=True)
        for c in rows:
            table.add_row(c.label, how.format(c.count, c.out_of))
        parts.append(table)
    return Group(*parts)


def calendar(act: trends.ActivityView, width: int = 100) -> Text:
    """Seven rows (Monday to Sunday), one column per week of the last 12 months."""
    weeks = (len(act.calendar) + 6) // 7
    room = max(min(weeks, width - 5), 4)
    skip = weeks - room
    text = Text()
    months = [" "] * room
    for col in range(room):
        monday = act.calendar_start + timedelta(weeks=skip + col)
        if monday.day <= 7 and col + 3 <= room:
            months[col:col + 3] = list(f"{monday:%b}")
    text.append("    " + "".join(months).rstrip() + "\n", style=MUTED)
    for weekday, name in enumerate(("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")):
        text.append(f"{name}  ", style=MUTED)
        for col in range(room):
            index = (skip + col) * 7 + weekday
            if index < len(act.calendar):
                text.append(shade(act.calendar[index], 4))
        text.append("\n")
    text.append(f"    · none  {SHADES[0]} 1  {SHADES[1]} 2  {SHADES[2]} 3  {SHADES[3]} 4+ "
                "entries a day", style=MUTED)
    return text


def activity_view(t: trends.Trends, width: int = 100) -> RenderableType:
    act = t.activity
    c = act.consistency
    by_week = len(act.weeks) <= MAX_BUCKETS_AS_WEEKS
    buckets = _tail(act.weeks if by_week else act.months, max(width - 20, 8))
    unit = "week" if by_week else "month"
    lines = Text()
    lines.append(f"Entries per {unit}  ")
    lines.append(spark([b.entries for b in buckets]), style="bold")
    lines.append(f"  {sum(b.entries for b in buckets)}\n")
    lines.append(f"Words per {unit}    ")
    lines.append(spark([b.words for b in buckets]), style="bold")
    lines.append(f"  {sum(b.words for b in buckets):,}")
    months = Table(box=None, header_style=MUTED, pad_edge=False)
    months.add_column("Month")
    months.add_column("entries", justify="right")
    months.add_column("words", justify="right")
    for m in act.months[-12:]:
        months.add_row(m.key, str(m.entries), f"{m.words:,}")
    share = c.share_of_weeks
    consistency = Text.assemble(
        ("Consistency: ", "bold"),
        f"{c.weeks_with_reflection} of {counted(c.weeks, 'week')} had a reflection"
        + (f" ({percent(share)})" if share is not None else "") + "; ",
        f"{c.sessions_reflected} of {counted(c.sessions, 'session entry', 'session entries')} "
        "reflected on (a value mark "
        "or a check-list answer)"
        + (f" ({percent(c.share_of_sessions)})" if c.share_of_sessions is not None else "")
        + ".")
    parts: list[RenderableType] = [
        _title("Writing"), calendar(act, width), Text(""), lines, months, consistency]
    if act.streaks is not None:
        s = act.streaks
        parts.append(Text(f"Streaks: {counted(s.current_weeks, 'week')} in a row now "
                          f"(longest {s.longest_weeks}); {counted(s.current_days, 'day')} in a "
                          f"row now (longest {s.longest_days})."))
    return Group(*parts)


def wellbeing_view(t: trends.Trends, width: int = 100) -> RenderableType:
    rows = _tail(t.wellbeing, max(width - 45, 8))
    given = sum(w.checkins for w in t.wellbeing)
    parts: list[RenderableType] = [_title("Wellbeing check-ins"),
                                   _note("Private to you: never exported unless you choose.")]
    if not given:
        parts.append(_note("No check-ins in this period."))
        return Group(*parts)
    for label, attr in (("Mood   (1 low – 5 good)    ", "mood"),
                        ("Energy (1 drained – 5 full)", "energy")):
        values = [getattr(w, attr) for w in rows]
        known = [v for v in values if v is not None]
        line = "".join("·" if v is None else BARS[min(7, int((v - 1) / 4 * 7.999))]
                       for v in values)
        average = f"average {sum(known) / len(known):.1f}" if known else "none given"
        parts.append(Text.assemble(f"{label}  ", (line, "bold"), f"  {average}"))
    parts.append(_note(f"{counted(given, 'check-in')}, one column per week (· none that "
                       "week)."))
    return Group(*parts)


SECTIONS = ("values", "behaviours", "change", "challenging", "activity", "wellbeing")


def section(t: trends.Trends, name: str, width: int = 100) -> RenderableType:
    if name == "values":
        return values_view(t, width)
    if name == "behaviours":
        return behaviours_view(t)
    if name == "change":
        return change_view(t)
    if name == "challenging":
        return challenging_view(t)
    if name == "activity":
        return activity_view(t, width)
    return wellbeing_view(t, width)


def everything(t: trends.Trends, width: int = 100) -> list[RenderableType]:
    """Every section in order, with a blank line between, for the command line."""
    out: list[RenderableType] = [header(t), Text("")]
    for name in SECTIONS:
        out.extend([section(t, name, width), Text("")])
    return out
