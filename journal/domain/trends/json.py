"""The `--json` contract: the figures as one document with stable field names.

The field names are documented in README.md ("JSON output", trends) and stable: new fields may
be added, none renamed or removed. Shares and changes are rounded to 4 places,
averages of mood and energy to 2; a figure not given (too few entries) is null.
"""

from __future__ import annotations

from typing import Any

from journal.domain.trends.figures import Challenge, MarkCount, Trends
from journal.domain.trends.points import MINIMUM, Answers

Document = dict[str, Any]


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _answers(a: Answers) -> Document:
    return {"yes": a.yes, "no": a.no, "na": a.na, "answered": a.answered,
            "responded": a.answered + a.na, "share_yes": _share(a.share)}


def _marks(m: MarkCount) -> Document:
    return {"key": m.key, "from": m.start.isoformat(), "lived": m.lived,
            "challenging": m.challenging, "tagged": m.tagged}


def _challenge(c: Challenge, counted: str) -> Document:
    """A ranked value or behaviour. `count` is kept for scripts; `counted` names what it
    counts (`challenging`, `yes` or `responded`), so one word never means two things."""
    return {"id": c.id, "label": c.label, "count": c.count, counted: c.count,
            "out_of": c.out_of, "share": _share(c.share)}


def to_json(t: Trends) -> Document:
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
            "values": [_challenge(c, "challenging") for c in ch.values],
            "least_done": [_challenge(c, "yes") for c in ch.least_done],
            "least_answered": [_challenge(c, "responded") for c in ch.least_answered],
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
        "supervision": {"entries": t.supervision.entries,
                        "values": [_challenge(c, "discussed") for c in t.supervision.values]},
    }
