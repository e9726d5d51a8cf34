"""The figures: values over time, the "Did I…?" check-list, change between two periods, what
is most challenging, and every view for one period at once (`compute`).

A behaviour's share of "yes" is yes / (yes + no) among session entries that answered it; n/a
answers are counted and shown but left out of the share. No figure that reads as a claim (a
share, a change, a ranking) is given from fewer than `MINIMUM` entries or answers. A change is
only computed between two complete periods of equal length.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from journal.domain.framework import Framework
from journal.domain.model import Kind, Mark
from journal.domain.trends.names import Names
from journal.domain.trends.periods import (
    Period,
    mondays_between,
    months_between,
    week_label,
    week_month,
)
from journal.domain.trends.points import (
    MARK_INDEX,
    MARK_ORDER,
    MINIMUM,
    NOT_ENOUGH,
    Answers,
    Point,
    Points,
    Tally,
    fragments,
    mark_totals,
    pair_counts,
    tally_answers,
)
from journal.domain.trends.writing import ActivityView, Wellbeing, activity, wellbeing

TOP = 5
"""How many values and behaviours "what is most challenging?" lists."""

AREAS = ("peers", "self", "team")


# -- values over time -------------------------------------------------------------------------


@dataclass
class MarkCount:
    """Marks of one value in one week or month."""

    key: str  # "2026-W47" or "2026-11"
    start: date
    lived: int = 0
    challenging: int = 0
    tagged: int = 0

    @property
    def total(self) -> int:
        return self.lived + self.challenging + self.tagged


@dataclass
class ValueTrend:
    id: str
    name: str
    belief: str
    active: bool
    lived: int
    challenging: int
    tagged: int
    weeks: list[MarkCount]
    months: list[MarkCount]


def values_over_time(points: Points, period: Period, names: Names) -> list[ValueTrend]:
    """Per value: lived, challenging and tagged marks in the period, by ISO week and month."""
    mondays = mondays_between(period.start, period.end)
    months = months_between(period.start, period.end)
    first_week, first_month = week_month(period.start)
    # counts[value id] = [lived, challenging, tagged] x (per week, per month), as plain lists:
    # this loop runs once per mark (50,000 at 20,000 entries), so it avoids objects.
    counts: dict[str, list[list[int]]] = {}

    def blank() -> list[list[int]]:
        return [[0] * len(mondays) for _ in MARK_ORDER] + [[0] * len(months) for _ in MARK_ORDER]

    for value_id in names.framework.value_ids:
        counts[value_id] = blank()
    # Points are sorted by day, so each (week, month) pair is one run: count a run's marks
    # once with Counter (in C), not mark by mark, and add them to its week and its month.
    for (week, month), run in fragments(points.within(period.start, period.end)):
        w, m = (week - first_week) // 7, month - first_month
        for (value_id, mark), count in pair_counts(run, "marks").items():
            i = MARK_INDEX.get(mark)
            if i is None:
                continue
            rows = counts.get(value_id)
            if rows is None:
                rows = counts[value_id] = blank()
            rows[i][w] += count
            rows[3 + i][m] += count
    out = []
    for value_id in names.value_ids(counts):
        rows = counts[value_id]
        weeks = [MarkCount(week_label(monday), monday, rows[0][n], rows[1][n], rows[2][n])
                 for n, monday in enumerate(mondays)]
        by_month = [MarkCount(f"{y}-{mo:02d}", date(y, mo, 1), rows[3][n], rows[4][n],
                              rows[5][n]) for n, (y, mo) in enumerate(months)]
        name, belief, active = names.value(value_id)
        out.append(ValueTrend(value_id, name, belief, active, sum(rows[0]), sum(rows[1]),
                              sum(rows[2]), weeks, by_month))
    return out


# -- the "Did I…?" check-list -----------------------------------------------------------------


@dataclass
class BehaviourShare:
    id: str
    text: str
    area: str
    active: bool
    answers: Answers
    sessions: int  # session entries in the period, answered or not

    @property
    def share(self) -> float | None:
        return self.answers.share


def behaviour_shares(points: Points, period: Period, names: Names,
                     tally: Tally | None = None) -> list[BehaviourShare]:
    """Every behaviour of the active framework (and any other answered), grouped by area in the
    framework's order: peers, self, team, then other. `tally`: the period's, if already made."""
    answers, sessions = tally or tally_answers(points.within(period.start, period.end))
    out = []
    for behaviour_id in names.behaviour_ids(answers):
        text, area, active = names.behaviour(behaviour_id)
        out.append(BehaviourShare(behaviour_id, text, area, active,
                                  answers.get(behaviour_id, Answers()), sessions))
    order = {area: n for n, area in enumerate(AREAS)}
    return sorted(out, key=lambda b: order.get(b.area, len(AREAS)))


# -- change between two periods ---------------------------------------------------------------


@dataclass
class BehaviourChange:
    id: str
    text: str
    area: str
    before: Answers
    now: Answers

    @property
    def change(self) -> float:
        return (self.now.share or 0.0) - (self.before.share or 0.0)


@dataclass
class ValueChange:
    """Marks of one value in each period; shares are per entry of that period."""

    id: str
    name: str
    before_lived: int
    before_challenging: int
    now_lived: int
    now_challenging: int
    before_entries: int
    now_entries: int

    @property
    def lived_change(self) -> float:
        return self.now_lived / self.now_entries - self.before_lived / self.before_entries

    @property
    def challenging_change(self) -> float:
        return (self.now_challenging / self.now_entries
                - self.before_challenging / self.before_entries)


@dataclass
class Change:
    now: Period
    before: Period
    now_entries: int
    before_entries: int
    comparable: bool
    reason: str = ""
    behaviours: list[BehaviourChange] = field(default_factory=list)
    values: list[ValueChange] = field(default_factory=list)

    @property
    def rising(self) -> list[BehaviourChange]:
        return [b for b in self.behaviours if b.change > 0]

    @property
    def falling(self) -> list[BehaviourChange]:
        return sorted((b for b in self.behaviours if b.change < 0), key=lambda b: b.change)


def compare(points: Points, period: Period, names: Names, today: date) -> Change:
    """This period against the one of equal length before it; rising first."""
    before = period.before()
    now_points = points.within(period.start, period.end)
    before_points = points.within(before.start, before.end)
    change = Change(period, before, len(now_points), len(before_points), False)
    first = points.first
    if period.name == "all":
        change.reason = "the whole journal has no earlier period to compare with"
    elif period.end > today:
        change.reason = (f"the period runs to {period.end.isoformat()}, which has not come yet; "
                         "a partial period is not compared with a full one")
    elif first is None or first > before.start:
        change.reason = (f"the earlier period starts on {before.start.isoformat()}, before the "
                         "journal's first entry; a partial period is not compared with a full one")
    elif len(now_points) < MINIMUM or len(before_points) < MINIMUM:
        change.reason = (f"{NOT_ENOUGH}: {MINIMUM} needed in each period, "
                         f"{len(before_points)} before and {len(now_points)} now")
    if change.reason:
        return change
    change.comparable = True
    now_tally, _ = tally_answers(now_points)
    before_tally, _ = tally_answers(before_points)
    for behaviour_id in names.behaviour_ids(set(now_tally) | set(before_tally)):
        now, earlier = now_tally.get(behaviour_id, Answers()), before_tally.get(behaviour_id,
                                                                               Answers())
        if now.share is None or earlier.share is None:
            continue  # too few answers on one side to say it rose or fell
        text, area, _ = names.behaviour(behaviour_id)
        change.behaviours.append(BehaviourChange(behaviour_id, text, area, earlier, now))
    change.behaviours.sort(key=lambda b: -b.change)
    now_marks, before_marks = mark_totals(now_points), mark_totals(before_points)
    for value_id in names.value_ids(set(now_marks) | set(before_marks)):
        name, _, _ = names.value(value_id)
        n, b = now_marks.get(value_id, Counter()), before_marks.get(value_id, Counter())
        change.values.append(ValueChange(
            value_id, name, b[Mark.LIVED], b[Mark.CHALLENGING], n[Mark.LIVED],
            n[Mark.CHALLENGING], len(before_points), len(now_points)))
    return change


# -- what is most challenging? ----------------------------------------------------------------


@dataclass
class Challenge:
    """One value or behaviour on the "most challenging" list, with the counts behind it."""

    id: str
    label: str
    count: int  # challenging marks (values), yes answers or answers given (behaviours)
    out_of: int  # entries (values), answers (least done) or sessions (least answered)

    @property
    def share(self) -> float:
        return self.count / self.out_of if self.out_of else 0.0


@dataclass
class Challenging:
    start: date
    end: date
    entries: int
    sessions: int
    enough: bool
    values: list[Challenge] = field(default_factory=list)
    least_done: list[Challenge] = field(default_factory=list)
    least_answered: list[Challenge] = field(default_factory=list)


def most_challenging(points: Points, start: date, end: date, names: Names,
                     tally: Tally | None = None,
                     marks: dict[str, Counter[Mark]] | None = None) -> Challenging:
    """Values most often marked challenging; behaviours least often done (lowest share of yes)
    and least often answered, from `start` to `end`. Feeds the supervision export."""
    within = points.within(start, end)
    answers, sessions = tally or tally_answers(within)
    out = Challenging(start, end, len(within), sessions, len(within) >= MINIMUM)
    if not out.enough:
        return out
    marks = marks if marks is not None else mark_totals(within)
    ranked = sorted(((c[Mark.CHALLENGING], value_id) for value_id, c in marks.items()
                     if c[Mark.CHALLENGING]), key=lambda t: (-t[0], t[1]))
    out.values = [Challenge(value_id, names.value(value_id)[0], count, len(within))
                  for count, value_id in ranked[:TOP]]
    done = [(a.share, behaviour_id, a) for behaviour_id, a in answers.items()
            if a.share is not None]
    done.sort(key=lambda t: (t[0], t[1]))
    out.least_done = [Challenge(b, names.behaviour(b)[0], a.yes, a.answered)
                      for _, b, a in done[:TOP]]
    if sessions >= MINIMUM:
        given = []
        for behaviour_id in names.framework.behaviour_ids:
            a = answers.get(behaviour_id, Answers())
            given.append((a.answered + a.na, behaviour_id))
        given.sort()
        out.least_answered = [Challenge(b, names.behaviour(b)[0], n, sessions)
                              for n, b in given[:TOP] if n < sessions]
    return out


# -- everything at once -----------------------------------------------------------------------


@dataclass
class Discussed:
    """Values discussed in supervision: those marked on `supervision` entries of the period
    (a reply received with `journal pack receive` marks the values its supervisor wrote of)."""

    entries: int  # supervision entries in the period
    values: list[Challenge]  # count: supervision entries marking the value; most first


def discussed(within: list[Point], names: Names) -> Discussed:
    held = [p for p in within if p.kind == Kind.SUPERVISION]
    counts = Counter(value_id for p in held for value_id in {v for v, _ in p.marks})
    ranked = sorted(counts.items(), key=lambda t: (-t[1], t[0]))
    return Discussed(len(held), [Challenge(v, names.value(v)[0], n, len(held))
                                 for v, n in ranked])


@dataclass
class Trends:
    period: Period
    today: date
    framework: Framework
    entries: int
    values: list[ValueTrend]
    behaviours: list[BehaviourShare]
    change: Change
    challenging: Challenging
    activity: ActivityView
    wellbeing: list[Wellbeing]
    supervision: Discussed


def compute(points: Points, period: Period, names: Names, today: date,
            streaks: bool = False) -> Trends:
    """Every view for one period; "most challenging" covers the same period."""
    within = points.within(period.start, period.end)
    tally = tally_answers(within)
    values = values_over_time(points, period, names)
    marks = {v.id: Counter({Mark.LIVED: v.lived, Mark.CHALLENGING: v.challenging,
                            Mark.TAGGED: v.tagged}) for v in values}
    return Trends(
        period, today, names.framework, len(within), values,
        behaviour_shares(points, period, names, tally),
        compare(points, period, names, today),
        most_challenging(points, period.start, period.end, names, tally, marks),
        activity(points, period, today, streaks),
        wellbeing(points, period),
        discussed(within, names),
    )
