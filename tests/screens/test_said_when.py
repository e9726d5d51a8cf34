"""The Sync screen says when the last sync was as a person says it, not as an ISO stamp."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from journal.screens.sync import said_when

NOW = datetime(2026, 11, 30, 9, 30).astimezone()


def stamp(delta: timedelta, hour: int = 1, minute: int = 23) -> str:
    return (NOW + delta).replace(hour=hour, minute=minute).isoformat()


def test_today_yesterday_this_week_and_longer_ago():
    assert said_when(stamp(timedelta()), NOW) == "today 01:23"
    assert said_when(stamp(timedelta(days=-1), 22, 10), NOW) == "yesterday 22:10"
    assert said_when(stamp(timedelta(days=-3), 14, 2), NOW) == "Fri 27 Nov 14:02"
    assert said_when(stamp(timedelta(days=-49), 14, 2), NOW) == "12 Oct 2026 14:02"


def test_the_stamp_from_the_issue_reads_as_today_in_local_time():
    at = datetime(2026, 11, 30, 1, 23, 58, tzinfo=UTC)  # "2026-11-30T01:23:58+00:00"
    local = at.astimezone()
    assert said_when(at.isoformat(), local.replace(hour=12)) == f"today {local:%H:%M}"


def test_text_that_is_not_a_time_is_shown_as_it_is():
    assert said_when("not yet", NOW) == "not yet"
