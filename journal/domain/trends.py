"""Trends: how the writer's practice changes over time, as pure functions over entry summaries.

No I/O and no UI: the Trends screen, `journal trends` and the supervision export all call
`compute` (or one of the views) with summaries already in memory and the date of "today".

Conventions, stated once so every figure means the same thing everywhere:

- An entry counts on the calendar day it is about, in the time zone it was written in (the
  offset stored with it), never converted: a Sunday-night reflection stays in Sunday's week.
- Weeks are ISO weeks (Monday to Sunday, labelled like 2026-W47); months are calendar months.
- Periods end today and have a fixed length: 4w is 28 days, 3m is 13 weeks (91 days), 12m is
  52 weeks (364 days), so two periods side by side always have equal length. `all` runs from the
  first entry; FROM..TO is a custom range, both days included.
- A behaviour's share of "yes" is yes / (yes + no) among session entries that answered it; n/a
  answers are counted and shown but left out of the share.
- No figure that reads as a claim (a share, a change, a ranking) is given from fewer than
  `MINIMUM` entries or answers: the result says "not enough entries yet" instead.
- A change is only computed between two complete periods of equal length: when the journal
  starts inside the earlier period, or the later one has not ended, there is no comparison.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import chain, groupby
from operator import attrgetter

from journal.domain.dates import DateError, parse_day
from journal.domain.framework import Catalogue, Framework
from journal.domain.model import Answer, EntrySummary, Facts, Kind, Mark

MINIMUM = 5
"""Fewer entries (or answers) than this and no share, change or ranking is given."""

NOT_ENOUGH = "not enough entries yet"
PERIOD_DAYS = {"4w": 28, "3m": 91, "12m": 364}
PERIOD_NAMES = {"4w": "4 weeks", "3m": "3 months", "12m": "12 months", "all": "all"}
PERIOD_HINT = "use 4w, 3m, 12m, all, or FROM..TO with dates like 2026-01-31"
TOP = 5
"""How many values and behaviours "what is most challenging?" lists."""

AREAS = ("peers", "self", "team")
MARK_ORDER = (Mark.LIVED, Mark.CHALLENGING, Mark.TAGGED)
MARK_INDEX = {mark: n for n, mark in enumerate(MARK_ORDER)}
ANSWER_INDEX = {Answer.YES: 0, Answer.NO: 1, Answer.NA: 2}


class PeriodError(ValueError):
    """A period the writer typed cannot be read; the message says what to type."""


# -- periods ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Days from `start` to `end`, both included."""

    name: str
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def before(self) -> Period:
        """The period of the same length that ends the day before this one starts."""
        end = self.start - timedelta(days=1)
        return Period(f"before {self.name}", end - timedelta(days=self.days - 1), end)

    @property
    def label(self) -> str:
        return f"{self.start.isoformat()} to {self.end.isoformat()}"


def parse_period(text: str, today: date, first: date | None = None) -> Period:
    """`4w`, `3m`, `12m`, `all` or `FROM..TO` (either side may be left out)."""
    name = text.strip().lower()
    if name in PERIOD_DAYS:
        return Period(name, today - timedelta(days=PERIOD_DAYS[name] - 1), today)
    if name == "all":
        return Period("all", min(first or today, today), today)
    if ".." in name:
        left, right = (part.strip() for part in name.split("..", 1))
        try:
            start = parse_day(left, today) if left else min(first or today, today)
            end = parse_day(right, today) if right else today
        except DateError as exc:
            raise PeriodError(f"{exc} (period: {PERIOD_HINT})") from None
        if start > end:
            raise PeriodError(f"the period {text!r} ends before it starts: put the earlier "
                              "date first")
        return Period(f"{start.isoformat()}..{end.isoformat()}", start, end)
    raise PeriodError(f"unknown period {text!r}: {PERIOD_HINT}")


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_label(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def _week_month(day: date) -> tuple[int, int]:
    """A Point's week (ordinal of its Monday) and month (year * 12 + month - 1)."""
    ordinal = day.toordinal()
    return ordinal - day.weekday(), day.year * 12 + day.month - 1


def _weeks(start: date, end: date) -> list[date]:
    monday, last = week_start(start), week_start(end)
    return [monday + timedelta(weeks=n) for n in range((last - monday).days // 7 + 1)]


def _months(start: date, end: date) -> list[tuple[int, int]]:
    out, (year, month) = [], (start.year, start.month)
    while (year, month) <= (end.year, end.month):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


# -- the entries, prepared once ---------------------------------------------------------------


@dataclass(slots=True)
class Point:
    """What trends need of one entry, with its day worked out once."""

    day: date
    kind: str  # a Kind; stored strings equal their members
    marks: tuple[tuple[str, str], ...]  # (value id, a Mark)
    checks: tuple[tuple[str, str], ...]  # (behaviour id, an Answer)
    words: int
    mood: int | None = None
    energy: int | None = None
    week: int = 0  # the ordinal of the Monday of its ISO week
    month: int = 0  # year * 12 + month - 1: consecutive months are consecutive numbers

    @property
    def reflected(self) -> bool:
        """The writer went back to the framework: at least one value mark or answer."""
        return bool(self.marks or self.checks)


class Points:
    """Entries sorted by day, so any period is two binary searches away."""

    def __init__(self, points: Iterable[Point]) -> None:
        self.all = sorted(points, key=lambda p: p.day)
        self._ordinals = [p.day.toordinal() for p in self.all]

    @classmethod
    def of(cls, summaries: Iterable[EntrySummary]) -> Points:
        out = []
        for s in summaries:
            if s.deleted:
                continue
            checkin = s.checkin
            day = s.when.date()
            out.append(Point(day, s.kind, tuple(s.marks.items()), tuple(s.checks.items()),
                             s.words,
                             checkin.mood if checkin else None,
                             checkin.energy if checkin else None, *_week_month(day)))
        return cls(out)

    @classmethod
    def from_facts(cls, facts: Iterable[Facts]) -> Points:
        """From the head index's trend facts (`JournalStore.entry_facts`), without building
        summaries: marks and answers stay the stored strings, which equal their enum members.
        The day is the date part of the stored ISO time, in the zone it was written in."""
        out = []
        days: dict[str, tuple[date, int, int]] = {}  # many entries share a day
        for stamp, kind, marks, checks, words, mood, energy in facts:
            known = days.get(stamp)
            if known is None:
                try:
                    day = date.fromisoformat(stamp)
                except ValueError:
                    continue  # a record without a readable date cannot be placed in time
                known = days[stamp] = (day, *_week_month(day))
            out.append(Point(known[0], kind, marks, checks, words, mood, energy,
                             known[1], known[2]))
        return cls(out)

    @property
    def first(self) -> date | None:
        return self.all[0].day if self.all else None

    def within(self, start: date, end: date) -> list[Point]:
        lo = bisect.bisect_left(self._ordinals, start.toordinal())
        hi = bisect.bisect_right(self._ordinals, end.toordinal())
        return self.all[lo:hi]

    def __len__(self) -> int:
        return len(self.all)


# -- names ------------------------------------------------------------------------------------


class Names:
    """Labels for value and behaviour ids: the active framework's first, in its order; ids from
    other frameworks keep their stored id (with a known name, when one exists)."""

    def __init__(self, framework: Framework, catalogue: Catalogue | None = None) -> None:
        self.framework = framework
        self.catalogue = catalogue or Catalogue(framework, [])

    def value_ids(self, seen: Iterable[str]) -> list[str]:
        active = self.framework.value_ids
        return active + sorted(set(seen) - set(active))

    def behaviour_ids(self, seen: Iterable[str]) -> list[str]:
        active = self.framework.behaviour_ids
        return active + sorted(set(seen) - set(active))

    def value(self, value_id: str) -> tuple[str, str, bool]:
        """(name, belief, in the active framework)."""
        value = self.framework.value(value_id)
        if value is not None:
            return value.name, value.belief, True
        known = self.catalogue.values.get(value_id)
        return value_id, known.name if known else "", False

    def behaviour(self, behaviour_id: str) -> tuple[str, str, bool]:
        """(text, area, in the active framework); other behaviours go under "other"."""
        behaviour = self.framework.behaviour(behaviour_id)
        if behaviour is not None:
            return behaviour.text, behaviour.area, True
        known = self.catalogue.behaviours.get(behaviour_id)
        return (f"{behaviour_id}: {known.text}" if known else behaviour_id), "other", False


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
    mondays = _weeks(period.start, period.end)
    months = _months(period.start, period.end)
    first_week, first_month = _week_month(period.start)
    # counts[value id] = [lived, challenging, tagged] x (per week, per month), as plain lists:
    # this loop runs once per mark (50,000 at 20,000 entries), so it avoids objects.
    counts: dict[str, list[list[int]]] = {}

    def blank() -> list[list[int]]:
        return [[0] * len(mondays) for _ in MARK_ORDER] + [[0] * len(months) for _ in MARK_ORDER]

    for value_id in names.framework.value_ids:
        counts[value_id] = blank()
    # Points are sorted by day, so each (week, month) pair is one run: count a run's marks
    # once with Counter (in C), not mark by mark, and add them to its week and its month.
    for (week, month), run in _fragments(points.within(period.start, period.end)):
        w, m = (week - first_week) // 7, month - first_month
        for (value_id, mark), count in _pairs(run, "marks").items():
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
class Answers:
    yes: int = 0
    no: int = 0
    na: int = 0

    @property
    def answered(self) -> int:
        """Answers that count towards the share: yes and no (n/a is left out)."""
        return self.yes + self.no

    @property
    def share(self) -> float | None:
        """Share of yes, or None below the minimum number of answers."""
        return self.yes / self.answered if self.answered >= MINIMUM else None


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


def _fragments(within: list[Point]) -> Iterator[tuple[tuple[int, int], list[Point]]]:
    """Sorted points cut where the ISO week or the month changes: every fragment lies in one
    week and one month, so one count per fragment serves both views."""
    for key, run in groupby(within, key=attrgetter("week", "month")):
        yield key, list(run)


def _pairs(points: Iterable[Point], field_name: str) -> Counter[tuple[str, str]]:
    """How often each (id, mark) or (id, answer) pair occurs: counted in C by Counter."""
    return Counter(chain.from_iterable(map(attrgetter(field_name), points)))


def _tally(points: list[Point]) -> tuple[dict[str, Answers], int]:
    """Answers per behaviour among session entries, and how many session entries there are."""
    session = Kind.SESSION.value  # looked up once: an enum attribute costs a method call
    sessions = [p for p in points if p.kind == session]
    counts: dict[str, list[int]] = {}
    for (behaviour_id, answer), n in _pairs(sessions, "checks").items():
        index = ANSWER_INDEX.get(answer)
        if index is None:  # an answer this version does not know is left out
            continue
        row = counts.get(behaviour_id)
        if row is None:
            row = counts[behaviour_id] = [0, 0, 0]
        row[index] += n
    return {b: Answers(*row) for b, row in counts.items()}, len(sessions)


Tally = tuple[dict[str, Answers], int]


def behaviour_shares(points: Points, period: Period, names: Names,
                     tally: Tally | None = None) -> list[BehaviourShare]:
    """Every behaviour of the active framework (and any other answered), grouped by area in the
    framework's order: peers, self, team, then other. `tally`: the period's, if already made."""
    tally, sessions = tally or _tally(points.within(period.start, period.end))
    out = []
    for behaviour_id in names.behaviour_ids(tally):
        text, area, active = names.behaviour(behaviour_id)
        out.append(BehaviourShare(behaviour_id, text, area, active,
                                  tally.get(behaviour_id, Answers()), sessions))
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
    now_tally, _ = _tally(now_points)
    before_tally, _ = _tally(before_points)
    for behaviour_id in names.behaviour_ids(set(now_tally) | set(before_tally)):
        now, earlier = now_tally.get(behaviour_id, Answers()), before_tally.get(behaviour_id,
                                                                               Answers())
        if now.share is None or earlier.share is None:
            continue  # too few answers on one side to say it rose or fell
        text, area, _ = names.behaviour(behaviour_id)
        change.behaviours.append(BehaviourChange(behaviour_id, text, area, earlier, now))
    change.behaviours.sort(key=lambda b: -b.change)
    now_marks, before_marks = _mark_totals(now_points), _mark_totals(before_points)
    for value_id in names.value_ids(set(now_marks) | set(before_marks)):
        name, _, _ = names.value(value_id)
        n, b = now_marks.get(value_id, Counter()), before_marks.get(value_id, Counter())
        change.values.append(ValueChange(
            value_id, name, b[Mark.LIVED], b[Mark.CHALLENGING], n[Mark.LIVED],
            n[Mark.CHALLENGING], len(before_points), len(now_points)))
    return change


def _mark_totals(points: list[Point]) -> dict[str, Counter[Mark]]:
    totals: dict[str, Counter[Mark]] = {}
    for (value_id, mark), n in _pairs(points, "marks").items():
        if mark in MARK_INDEX:
            totals.setdefault(value_id, Counter())[Mark(mark)] += n
    return totals


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
    tally, sessions = tally or _tally(within)
    out = Challenging(start, end, len(within), sessions, len(within) >= MINIMUM)
    if not out.enough:
        return out
    marks = marks if marks is not None else _mark_totals(within)
    ranked = sorted(((c[Mark.CHALLENGING], value_id) for value_id, c in marks.items()
                     if c[Mark.CHALLENGING]), key=lambda t: (-t[0], t[1]))
    out.values = [Challenge(value_id, names.value(value_id)[0], count, len(within))
                  for count, value_id in ranked[:TOP]]
    done = [(a.share, behaviour_id, a) for behaviour_id, a in tally.items()
            if a.share is not None]
    done.sort(key=lambda t: (t[0], t[1]))
    out.least_done = [Challenge(b, names.behaviour(b)[0], a.yes, a.answered)
                      for _, b, a in done[:TOP]]
    if sessions >= MINIMUM:
        given = []
        for behaviour_id in names.framework.behaviour_ids:
            a = tally.get(behaviour_id, Answers())
            given.append((a.answered + a.na, behaviour_id))
        given.sort()
        out.least_answered = [Challenge(b, names.behaviour(b)[0], n, sessions)
                              for n, b in given[:TOP] if n < sessions]
    return out


def last_weeks(today: date, weeks: int) -> tuple[date, date]:
    """The last `weeks` weeks ending today, as (start, end)."""
    return today - timedelta(days=7 * weeks - 1), today


# -- activity ---------------------------------------------------------------------------------


@dataclass
class Activity:
    key: str
    start: date
    entries: int = 0
    words: int = 0


@dataclass
class Consistency:
    weeks: int
    weeks_with_reflection: int
    sessions: int
    sessions_reflected: int

    @property
    def share_of_weeks(self) -> float | None:
        return self.weeks_with_reflection / self.weeks if self.weeks else None

    @property
    def share_of_sessions(self) -> float | None:
        return self.sessions_reflected / self.sessions if self.sessions >= MINIMUM else None


@dataclass
class Streaks:
    """Only computed when the writer turns streaks on in settings."""

    current_weeks: int
    longest_weeks: int
    current_days: int
    longest_days: int


@dataclass
class ActivityView:
    calendar_start: date  # a Monday, 52 weeks before this week's
    calendar: list[int]  # entries per day from calendar_start to today
    weeks: list[Activity]
    months: list[Activity]
    consistency: Consistency
    streaks: Streaks | None


def activity(points: Points, period: Period, today: date, streaks: bool = False) -> ActivityView:
    """The rolling 12-month calendar (always ending today), entries and words per week and
    month of the period, and the consistency measure."""
    calendar_start = week_start(today) - timedelta(weeks=52)
    per_day = Counter(p.day for p in points.within(calendar_start, today))
    calendar = [per_day.get(calendar_start + timedelta(days=n), 0)
                for n in range((today - calendar_start).days + 1)]
    mondays = _weeks(period.start, period.end)
    weeks = [Activity(week_label(m), m) for m in mondays]
    months = [Activity(f"{y}-{m:02d}", date(y, m, 1)) for y, m in _months(period.start,
                                                                            period.end)]
    first_week, first_month = _week_month(period.start)
    within = points.within(period.start, period.end)
    words = attrgetter("words")
    for (week, month), run in _fragments(within):
        entries, written = len(run), sum(map(words, run))
        for bucket in (weeks[(week - first_week) // 7], months[month - first_month]):
            bucket.entries += entries
            bucket.words += written
    session = Kind.SESSION.value
    sessions = [p for p in within if p.kind == session]
    reflected = sum(1 for p in sessions if p.marks or p.checks)
    consistency = Consistency(len(mondays), sum(1 for w in weeks if w.entries),
                              len(sessions), reflected)
    return ActivityView(calendar_start, calendar, weeks, months, consistency,
                        streak_counts(points, today) if streaks else None)


def _runs(ordinals: list[int], step: int, current_from: int) -> tuple[int, int]:
    """(current run ending at `current_from` or one step before it, longest run)."""
    longest = run = 0
    previous = None
    for value in ordinals:
        run = run + 1 if previous is not None and value - previous == step else 1
        longest = max(longest, run)
        previous = value
    current = run if previous is not None and current_from - previous <= step else 0
    return current, longest


def streak_counts(points: Points, today: date) -> Streaks:
    """A streak still counts today (or this week) before today's entry is written."""
    days = sorted({p.day.toordinal() for p in points.all if p.day <= today})
    weeks = sorted({p.week for p in points.all if p.day <= today})
    current_days, longest_days = _runs(days, 1, today.toordinal())
    current_weeks, longest_weeks = _runs(weeks, 7, week_start(today).toordinal())
    return Streaks(current_weeks, longest_weeks, current_days, longest_days)


# -- wellbeing --------------------------------------------------------------------------------


@dataclass
class Wellbeing:
    key: str
    start: date
    checkins: int
    mood: float | None
    energy: float | None


def wellbeing(points: Points, period: Period) -> list[Wellbeing]:
    """Average mood and energy (1 to 5) per ISO week, from the check-ins given."""
    sums: dict[int, list[int]] = {m.toordinal(): [0, 0, 0, 0, 0]
                                  for m in _weeks(period.start, period.end)}
    for p in points.within(period.start, period.end):
        if p.mood is None and p.energy is None:
            continue
        row = sums[p.week]
        row[0] += 1
        if p.mood is not None:
            row[1] += p.mood
            row[2] += 1
        if p.energy is not None:
            row[3] += p.energy
            row[4] += 1
    out = []
    for ordinal, (n, mood, moods, energy, energies) in sums.items():
        monday = date.fromordinal(ordinal)
        out.append(Wellbeing(week_label(monday), monday, n, mood / moods if moods else None,
                             energy / energies if energies else None))
    return out


# -- everything at once -----------------------------------------------------------------------


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


def compute(points: Points, period: Period, names: Names, today: date,
            streaks: bool = False) -> Trends:
    """Every view for one period; "most challenging" covers the same period."""
    within = points.within(period.start, period.end)
    tally = _tally(within)
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
    )


# -- one JSON document ------------------------------------------------------------------------


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _answers(a: Answers) -> dict:
    return {"yes": a.yes, "no": a.no, "na": a.na, "answered": a.answered,
            "share_yes": _share(a.share)}


def _marks(m: MarkCount) -> dict:
    return {"key": m.key, "from": m.start.isoformat(), "lived": m.lived,
            "challenging": m.challenging, "tagged": m.tagged}


def _challenge(c: Challenge) -> dict:
    return {"id": c.id, "label": c.label, "count": c.count, "out_of": c.out_of,
            "share": _share(c.share)}


def to_json(t: Trends) -> dict:
    """The figures as one document with stable field names (documented in the README)."""
    change, ch, act = t.change, t.challenging, t.activity
    return {
        "period": {"name": t.period.name, "from": t.period.start.isoformat(),
                   "to": t.period.end.isoformat(), "days": t.period.days, "entries": t.entries},
        "today": t.today.isoformat(),
        "framework": {"id": t.framework.id, "name": t.framework.name},
        "minimum": MINIMUM,
        "values": [{
            "id": v.id, "name": v.name, "belief": v.belief, "active": v.active,
            "lived": v.lived, "challenging": v.challenging, "tagged": v.tagged,
            "weeks": [_marks(w) for w in v.weeks], "months": [_marks(m) for m in v.months],
        } for v in t.values],
        "behaviours": [{
            "id": b.id, "text": b.text, "area": b.area, "active": b.active,
            "sessions": b.sessions, **_answers(b.answers),
        } for b in t.behaviours],
        "change": {
            "comparable": change.comparable, "reason": change.reason or None,
            "now": {"from": change.now.start.isoformat(), "to": change.now.end.isoformat(),
                    "entries": change.now_entries},
            "before": {"from": change.before.start.isoformat(),
                       "to": change.before.end.isoformat(), "entries": change.before_entries},
            "behaviours": [{
                "id": b.id, "text": b.text, "area": b.area, "before": _answers(b.before),
                "now": _answers(b.now), "change": round(b.change, 4),
            } for b in change.behaviours],
            "values": [{
                "id": v.id, "name": v.name,
                "before": {"lived": v.before_lived, "challenging": v.before_challenging,
                           "entries": v.before_entries},
                "now": {"lived": v.now_lived, "challenging": v.now_challenging,
                        "entries": v.now_entries},
                "lived_change": round(v.lived_change, 4),
                "challenging_change": round(v.challenging_change, 4),
            } for v in change.values],
        },
        "challenging": {
            "from": ch.start.isoformat(), "to": ch.end.isoformat(), "entries": ch.entries,
            "sessions": ch.sessions, "enough": ch.enough,
            "values": [_challenge(c) for c in ch.values],
            "least_done": [_challenge(c) for c in ch.least_done],
            "least_answered": [_challenge(c) for c in ch.least_answered],
        },
        "activity": {
            "calendar": {"from": act.calendar_start.isoformat(), "entries": act.calendar},
            "weeks": [{"key": w.key, "from": w.start.isoformat(), "entries": w.entries,
                       "words": w.words} for w in act.weeks],
            "months": [{"key": m.key, "from": m.start.isoformat(), "entries": m.entries,
                        "words": m.words} for m in act.months],
            "consistency": {
                "weeks": act.consistency.weeks,
                "weeks_with_reflection": act.consistency.weeks_with_reflection,
                "share_of_weeks": _share(act.consistency.share_of_weeks),
                "sessions": act.consistency.sessions,
                "sessions_reflected": act.consistency.sessions_reflected,
                "share_of_sessions": _share(act.consistency.share_of_sessions),
            },
            "streaks": None if act.streaks is None else {
                "current_weeks": act.streaks.current_weeks,
                "longest_weeks": act.streaks.longest_weeks,
                "current_days": act.streaks.current_days,
                "longest_days": act.streaks.longest_days,
            },
        },
        "wellbeing": [{"key": w.key, "from": w.start.isoformat(), "checkins": w.checkins,
                       "mood": None if w.mood is None else round(w.mood, 2),
                       "energy": None if w.energy is None else round(w.energy, 2)}
                      for w in t.wellbeing],
    }
