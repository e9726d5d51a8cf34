"""The `trends --json` document: field names are a contract (README.md, "JSON output")."""

from __future__ import annotations

from typing import Any

from trends_journal import NAMES, SRN, TODAY, comparable_journal, four_weeks

from journal.domain import trends


def test_json_document_has_the_documented_fields():
    doc = trends.to_json(four_weeks())
    assert set(doc) == {"period", "today", "framework", "minimum", "values", "behaviours",
                        "change", "challenging", "activity", "wellbeing", "supervision"}
    assert doc["period"] == {"name": "4w", "from": "2024-02-05", "to": "2024-03-03",
                             "days": 28, "entries": 6}
    hope = doc["values"][0]
    assert set(hope) == {"id", "name", "belief", "active", "lived", "challenging", "tagged",
                         "weeks", "months"}
    assert hope["weeks"][0] == {"key": "2024-W06", "from": "2024-02-05", "lived": 1,
                                "challenging": 0, "tagged": 0}
    share_hope = next(b for b in doc["behaviours"] if b["id"] == "share-hope")
    assert share_hope == {"id": "share-hope", "text": SRN.behaviour("share-hope").text,
                          "area": "peers", "active": True, "sessions": 3, "yes": 2, "no": 1,
                          "na": 0, "answered": 3, "responded": 3, "share_yes": None}
    assert doc["change"]["comparable"] is False
    assert doc["activity"]["consistency"]["share_of_weeks"] == 0.75
    assert doc["activity"]["streaks"]["longest_days"] == 2


def shape(doc: Any) -> Any:
    """Field names at every depth: a list shows its first item's shape."""
    if isinstance(doc, dict):
        return {key: shape(value) for key, value in doc.items()}
    if isinstance(doc, list):
        return [shape(doc[0])] if doc else []
    return None


ANSWERS = {"yes": None, "no": None, "na": None, "answered": None, "responded": None,
           "share_yes": None}
MARKS = {"key": None, "from": None, "lived": None, "challenging": None, "tagged": None}
CHALLENGE = {"id": None, "label": None, "count": None, "out_of": None, "share": None}


def challenge(counted: str) -> dict[str, None]:
    """A ranked item: its count also under the name of what it counts."""
    return {**CHALLENGE, counted: None}
BUCKET = {"key": None, "from": None, "entries": None, "words": None}


def test_every_field_name_at_every_depth_is_the_documented_one():
    points = comparable_journal()
    period = trends.parse_period("4w", TODAY, points.first)
    doc = trends.to_json(trends.compute(points, period, NAMES, TODAY, streaks=True))
    assert doc["change"]["comparable"] and doc["challenging"]["enough"]
    assert shape(doc) == {
        "period": {"name": None, "from": None, "to": None, "days": None, "entries": None},
        "today": None,
        "framework": {"id": None, "name": None},
        "minimum": None,
        "values": [{"id": None, "name": None, "belief": None, "active": None, "lived": None,
                    "challenging": None, "tagged": None, "weeks": [MARKS], "months": [MARKS]}],
        "behaviours": [{"id": None, "text": None, "area": None, "active": None,
                        "sessions": None, **ANSWERS}],
        "change": {
            "comparable": None, "reason": None,
            "now": {"from": None, "to": None, "entries": None},
            "before": {"from": None, "to": None, "entries": None},
            "behaviours": [{"id": None, "text": None, "area": None, "before": ANSWERS,
                            "now": ANSWERS, "change": None}],
            "values": [{"id": None, "name": None,
                        "before": {"lived": None, "challenging": None, "entries": None},
                        "now": {"lived": None, "challenging": None, "entries": None},
                        "lived_change": None, "challenging_change": None}],
        },
        "challenging": {"from": None, "to": None, "entries": None, "sessions": None,
                        "enough": None, "values": [challenge("challenging")],
                        "least_done": [challenge("yes")],
                        "least_answered": [challenge("responded")]},
        "activity": {
            "calendar": {"from": None, "entries": [None]},
            "weeks": [BUCKET], "months": [BUCKET],
            "consistency": {"weeks": None, "weeks_with_reflection": None,
                            "share_of_weeks": None, "sessions": None,
                            "sessions_reflected": None, "share_of_sessions": None},
            "streaks": {"current_weeks": None, "longest_weeks": None, "current_days": None,
                        "longest_days": None},
        },
        "wellbeing": [{"key": None, "from": None, "checkins": None, "mood": None,
                       "energy": None}],
        "supervision": {"entries": None, "values": []},
    }
    assert doc["minimum"] == trends.MINIMUM == 5
    assert doc["change"]["reason"] is None  # comparable: no reason given


def test_values_discussed_in_supervision_are_counted_from_supervision_entries():
    """A value marked on a supervision entry (a received reply marks those its supervisor
    wrote of) was discussed in supervision; marks on other kinds of entry are not counted."""
    facts = [("2024-02-10", "supervision", (("hope", "tagged"), ("mutuality", "challenging")),
              (), 10, None, None),
             ("2024-02-20", "supervision", (("hope", "tagged"),), (), 10, None, None),
             ("2024-02-21", "session", (("power", "challenging"),), (), 10, None, None)]
    points = trends.Points.from_facts(facts)
    period = trends.parse_period("4w", TODAY, points.first)
    doc = trends.to_json(trends.compute(points, period, NAMES, TODAY))
    assert doc["supervision"]["entries"] == 2
    assert [(v["id"], v["discussed"], v["out_of"]) for v in doc["supervision"]["values"]] == \
        [("hope", 2, 2), ("mutuality", 1, 2)]
    assert doc["supervision"]["values"][0]["label"] == "Hope"
