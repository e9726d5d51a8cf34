"""The words the trends tables and the entry page say, as a reader reads them: one month named
once, a count with its noun in the right number, a sentence that starts with a capital, and a
check-in part left unanswered said to be so (not "–/5")."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

from conftest import sample_entry
from rich.console import Console

from journal.domain import trends
from journal.domain.framework import Catalogue, resolve
from journal.domain.model import Answer, CheckIn, EntrySummary, Kind, Mark
from journal.present import trends as tables
from journal.present.entry_text import entry_markdown

SRN = resolve("srn-values", Path("/nonexistent"))
NAMES = trends.Names(SRN, Catalogue(SRN, []))
TODAY = date(2026, 11, 29)  # a Sunday: the last 4 weeks are 2026-W45 to 2026-W48, November


def read(renderable) -> str:
    """The text as a terminal 100 columns wide shows it, each line's ends trimmed."""
    console = Console(width=100, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return "\n".join(" ".join(line.split()) for line in console.export_text().splitlines())


def one_session() -> trends.Trends:
    """One session, with a check-in, in a period that lies within one month."""
    session = EntrySummary("a1", datetime(2026, 11, 10, 12, tzinfo=UTC), Kind.SESSION, "", "",
                           "srn-values", {"hope": Mark.LIVED}, {"share-hope": Answer.YES},
                           CheckIn(mood=3, energy=4), [], False, "", [], [], 40)
    points = trends.Points.of([session])
    period = trends.parse_period("4w", TODAY, points.first)
    return trends.compute(points, period, NAMES, TODAY, streaks=True)


def test_a_period_in_one_month_names_the_month_once():
    shown = read(tables.values_view(one_session()))
    assert "(weeks 2026-W45 to 2026-W48, month 2026-11)" in shown
    assert "months" not in shown


def test_one_of_a_thing_is_said_in_the_singular():
    t = one_session()
    assert "1 check-in, one column per week (· none that week)." in read(
        tables.wellbeing_view(t))
    assert "1 check-ins" not in read(tables.wellbeing_view(t))
    assert "0 of 1 session entry reflected on" not in read(tables.activity_view(t))
    assert "1 of 1 session entry reflected on" in read(tables.activity_view(t))
    assert "Trends · 4 weeks: 2026-11-02 to 2026-11-29 · 1 entry ·" in read(tables.header(t))


def test_not_enough_entries_is_a_sentence_of_its_own():
    """It read "1 entries, 1 sessions. Worth taking to supervision." then "not enough entries
    yet" on the next line."""
    shown = read(tables.challenging_view(one_session()))
    assert shown.splitlines()[1] == (
        "2026-11-02 to 2026-11-29: 1 entry, 1 session. Not enough entries yet (5 needed).")
    assert "Worth taking" not in shown


def test_one_day_is_named_once():
    assert trends.Period("custom", TODAY, TODAY).label == "2026-11-29"
    assert trends.Period("custom", date(2026, 11, 2), TODAY).label == "2026-11-02 to 2026-11-29"


def test_an_unanswered_check_in_part_is_said_to_be_unanswered():
    page = entry_markdown(sample_entry(checkin=CheckIn(mood=3)), Catalogue(SRN, []))
    assert "**Check-in:** mood 3/5, energy not said" in page
    assert "–/5" not in page
    page = entry_markdown(sample_entry(checkin=CheckIn(energy=2, need="a walk")),
                          Catalogue(SRN, []))
    assert "**Check-in:** mood not said, energy 2/5; I need: a walk" in page


def test_the_pack_and_the_archive_say_a_check_in_the_same_way(cli, tmp_path):
    """One wording for a check-in (`checkin_words`) in the entry page, the supervision pack
    and the archive: a part left unanswered is "not said", never a dash drawn as a score."""
    from conftest import PASSPHRASE, ok, sample_entry

    from journal.domain.model import CheckIn
    from journal.storage.store import JournalStore

    with JournalStore.unlock(cli.home, PASSPHRASE) as store:
        store.add(sample_entry(1, title="Check-in day", flagged=True,
                               checkin=CheckIn(mood=3, need="a walk")))
    pack = tmp_path / "pack.md"
    ok(cli("export", "--flagged", "--format", "md", "--include-wellbeing", "-o", str(pack)))
    assert "mood 3/5, energy not said; I need: a walk" in pack.read_text()
    archive = tmp_path / "archive.html"
    ok(cli("archive", "--format", "html", "-o", str(archive)))
    assert "mood 3/5, energy not said; I need: a walk" in archive.read_text()


def test_a_behaviour_with_few_answers_says_answers(cli):
    """The note above the check-list counts answers ("shown from 5 answers"), so a cell below
    that says so in the same word."""
    from conftest import PASSPHRASE, ok, sample_entry

    from journal.storage.store import JournalStore

    with JournalStore.unlock(cli.home, PASSPHRASE) as store:
        for n in range(2):
            store.add(sample_entry(n))
    shown = " ".join(ok(cli("trends", "--period", "all")).out.split())
    assert "not enough answers yet" in shown and "shown from 5 answers" in shown
