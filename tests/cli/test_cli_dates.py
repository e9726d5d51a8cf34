"""`--date today` is now, through the real command: an entry written at 01:15 is never dated
later that day."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from conftest import add, ok


def test_date_today_means_now_and_a_past_day_midday(cli):
    before = datetime.now().astimezone().replace(microsecond=0)
    today = add(cli, "--title", "Late one", "--date", "today")
    past = add(cli, "--title", "Last week", "--date", (before - timedelta(days=7)).date()
               .isoformat())
    after = datetime.now().astimezone()
    entries = {e["id"]: e for e in json.loads(ok(cli("list", "--json")).out)["entries"]}
    when = datetime.fromisoformat(entries[today]["date"])
    assert before - timedelta(minutes=1) <= when <= after, (before, when, after)
    assert datetime.fromisoformat(entries[past]["date"]).strftime("%H:%M") == "12:00"
