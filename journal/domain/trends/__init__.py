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

The modules, each using only those listed before it: `periods` (periods, ISO weeks, months),
`points` (the entries prepared once, and the counts of marks and answers), `names` (labels for
ids), `writing` (the activity calendar, consistency, streaks, wellbeing), `figures` (values over
time, the check-list, change, most challenging, and `compute`), `json` (the `--json` document).
This package only gathers their public names, so `trends.X` reads the same wherever it is used.
"""

from journal.domain.trends.figures import (
    AREAS,
    TOP,
    BehaviourChange,
    BehaviourShare,
    Challenge,
    Challenging,
    Change,
    MarkCount,
    Trends,
    ValueChange,
    ValueTrend,
    behaviour_shares,
    compare,
    compute,
    most_challenging,
    values_over_time,
)
from journal.domain.trends.json import to_json
from journal.domain.trends.names import Names
from journal.domain.trends.periods import (
    PERIOD_DAYS,
    PERIOD_HINT,
    PERIOD_NAMES,
    Period,
    PeriodError,
    last_weeks,
    parse_period,
    span,
    week_label,
    week_start,
)
from journal.domain.trends.points import (
    ANSWER_INDEX,
    MARK_INDEX,
    MARK_ORDER,
    MINIMUM,
    NOT_ENOUGH,
    Answers,
    Point,
    Points,
    Tally,
)
from journal.domain.trends.writing import (
    Activity,
    ActivityView,
    Consistency,
    Streaks,
    Wellbeing,
    activity,
    streak_counts,
    wellbeing,
)

__all__ = [
    "ANSWER_INDEX",
    "AREAS",
    "MARK_INDEX",
    "MARK_ORDER",
    "MINIMUM",
    "NOT_ENOUGH",
    "PERIOD_DAYS",
    "PERIOD_HINT",
    "PERIOD_NAMES",
    "TOP",
    "Activity",
    "ActivityView",
    "Answers",
    "BehaviourChange",
    "BehaviourShare",
    "Challenge",
    "Challenging",
    "Change",
    "Consistency",
    "MarkCount",
    "Names",
    "Period",
    "PeriodError",
    "Point",
    "Points",
    "Streaks",
    "Tally",
    "Trends",
    "ValueChange",
    "ValueTrend",
    "Wellbeing",
    "activity",
    "behaviour_shares",
    "compare",
    "compute",
    "last_weeks",
    "most_challenging",
    "parse_period",
    "span",
    "streak_counts",
    "to_json",
    "values_over_time",
    "week_label",
    "week_start",
    "wellbeing",
]
