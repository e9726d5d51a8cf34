"""The app's logic without a screen: session, timeline filtering, templates, drafts, strength."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from conftest import PASSPHRASE, make_store, sample_entry

from journal.domain import filter as timeline
from journal.domain.filter import EntryFilter
from journal.domain.framework import FrameworkError
from journal.domain.model import Action, Kind, Mark
from journal.domain.passphrase import PassphraseError, check_new, estimate, problem
from journal.domain.templates import TEMPLATES, is_untouched_template, template_for
from journal.errors import JournalError, WrongSecret
from journal.screens.editor import format_actions, parse_actions
from journal.screens.support import from_text, to_text
from journal.screens.timeline import badge_labels
from journal.session.facade import DEFAULT_SUPPORT, Session


@pytest.fixture
def session(home):
    store, _ = make_store(home)
    store.close()
    s = Session(home)
    s.unlock(PASSPHRASE)
    yield s
    s.lock()


def test_people_get_stable_unique_pseudonyms(session):
    first = session.save_person("Morag", ["Mo"], "")
    session.save_person("Callum", [], "")
    assert [(p.name, p.pseudonym) for p in session.people()] == [("Morag", "P1"),
                                                               ("Callum", "P2")]
    session.remove_person(first)
    session.save_person("Isla", [], "")
    assert {p.pseudonym for p in session.people()} == {"P2", "P3"}  # P1 stays Morag's
    with pytest.raises(ValueError, match="already"):
        session.save_person("Someone", [], "P2")
    with pytest.raises(ValueError, match="needs a name"):
        session.save_person("  ", [], "")


def test_support_list_defaults_then_edits(session):
    assert session.support() == DEFAULT_SUPPORT
    session.set_support([{"name": "GP", "contact": "0141", "note": ""}])
    session.set_support([{"name": "GP surgery", "contact": "0141", "note": "weekdays"}])
    assert session.support() == [{"name": "GP surgery", "contact": "0141", "note": "weekdays"}]
    assert len(session.store.records("support")) == 1


def test_support_text_round_trip():
    assert from_text(to_text(DEFAULT_SUPPORT)) == DEFAULT_SUPPORT
    assert from_text("Only a name\n\n | no name") == [
        {"name": "Only a name", "contact": "", "note": ""}]


def test_timeline_filter(session):
    session.save(sample_entry(1, title="Allotment walk", people=["P3"]))
    session.save(sample_entry(2, title="Ward round", kind=Kind.DAILY, flagged=True,
                              marks={"empowerment": Mark.LIVED}, checks={}))
    items = session.timeline()

    def titles(**kw):
        return [s.title for s in timeline.apply(items, EntryFilter(**kw))]

    assert titles() == ["Ward round", "Allotment walk"]
    assert titles(text="allot") == ["Allotment walk"]
    assert titles(text="p3") == ["Allotment walk"]
    assert titles(text="empowerment") == ["Ward round"]  # by value name
    assert titles(values=["hope"]) == ["Allotment walk"]
    assert titles(behaviours=["power"]) == ["Allotment walk"]
    assert titles(kinds=["daily"], flagged=True) == ["Ward round"]
    assert titles(since=date(2026, 3, 3)) == ["Ward round"]


def test_timeline_words_match_the_whole_text(session):
    """A word from the middle of a long entry finds it, as `journal search` does; a word from
    nowhere finds nothing."""
    long_body = "We walked. " * 60 + "She mentioned the allotment again. " + "Rain. " * 40
    session.save(sample_entry(1, title="Long walk", body=long_body))
    session.save(sample_entry(2, title="Short", body="Tea and a chat."))
    session.save(sample_entry(3, title="Action", body="x",
                              actions=[Action("ring the housing office")]))
    items = session.timeline()

    def titles(text: str) -> list[str]:
        return [s.title for s in timeline.apply(items, EntryFilter(text=text))]

    assert titles("allotment") == ["Long walk"]
    assert titles("Allotment rain") == ["Long walk"]
    assert titles("housing") == ["Action"]

    # the app shows the whole list first and reads the words after: the same answers then
    items = session.timeline(words=False)
    assert not items.worded and titles("allotment") == []  # only the preview so far
    items.add_texts(session.timeline_words())
    assert items.worded
    assert titles("allotment") == ["Long walk"] and titles("housing") == ["Action"]
    assert titles("harmonica") == []
    assert [h.entry.title for h in session.search("allotment")] == ["Long walk"]


def test_on_this_day_only_earlier_years():
    base = sample_entry(0)
    from journal.domain.model import EntrySummary

    def summary(when):
        return EntrySummary("x", when, Kind.DAILY, "t", "", "", {}, {}, None, [], False, "", [],
                            [], 1)

    today = date(2026, 3, 1)
    rows = [summary(base.when.replace(year=y)) for y in (2024, 2025, 2026)]
    assert [s.when.year for s in timeline.on_this_day(rows, today)] == [2024, 2025]


def test_badge_labels_are_short_and_unambiguous():
    assert badge_labels({"hope": "Hope", "experience": "Experience", "empowerment":
                         "Empowerment", "mutuality": "Mutuality"}) == {
        "hope": "H", "experience": "Ex", "empowerment": "Em", "mutuality": "M"}


def test_templates():
    assert template_for(Kind.SESSION).id == "driscoll"
    assert template_for(Kind.DAILY, {"daily": "gibbs"}).id == "gibbs"
    assert template_for(Kind.DAILY, {"daily": "unknown"}).id == "free"
    assert "Ethics" in TEMPLATES["johns"].text
    assert is_untouched_template(TEMPLATES["gibbs"].text) and is_untouched_template("  ")
    assert not is_untouched_template(TEMPLATES["gibbs"].text + "my words")


def test_actions_text_round_trip():
    actions = parse_actions("[ ] ring housing\n[x] read WRAP\n\nplain line", [])
    assert [(a.text, a.done) for a in actions] == [("ring housing", False), ("read WRAP", True),
                                                  ("plain line", False)]
    again = parse_actions(format_actions(actions), actions)
    assert [a.id for a in again] == [a.id for a in actions]


def test_drafts_round_trip_and_discard(session):
    entry = sample_entry(1, title="Half done")
    session.save_draft("d1", entry)
    session.save_draft("d1", sample_entry(1, title="Half done, more"))
    drafts = session.drafts()
    assert [d.entry.title for d in drafts] == ["Half done, more"]
    assert drafts[0].saved_at <= datetime.now(UTC)
    session.discard_draft("d1")
    assert session.drafts() == []


@pytest.mark.parametrize("text,score", [("short", 0), ("abcdefgh", 1), ("password1", 1),
                                        ("orbit pencil", 3), ("four unrelated words", 4),
                                        ("correct horse battery staple", 4),
                                        ("aaaaaaaaaaaaaaaaaaaaaa", 1)])
def test_passphrase_strength(text, score):
    """zxcvbn's estimate: common passwords, sequences and repeats are weak whatever their
    length; unrelated words are strong."""
    assert estimate(text).score == score


@pytest.mark.parametrize("weak", ["aaaaaaaa", "password1", "abcdefgh", "qwertyuiop"])
def test_the_rule_refuses_what_is_easy_to_guess(weak):
    why = problem(weak)
    assert why is not None and "too easy to guess" in why and "unrelated words" in why
    assert "\n" not in why
    assert problem("orbit pencil lantern") is None


def test_framework_switch_in_session(session):
    session.use_framework("core-principles")
    assert session.framework.id == "core-principles"
    assert Session(session.home).framework.id == "core-principles"
    assert session.catalogue.value_name("hope") == "Hope"


def test_demo_journal(tmp_path):
    from journal.session.demo import build_demo
    from journal.storage.store import JournalStore

    home = tmp_path / "demo"
    passphrase = build_demo(home, days=60)
    with JournalStore.unlock(home, passphrase) as store:
        entries = store.entries()
        assert 20 <= len(entries) <= 60
        assert {e.kind for e in entries} >= {Kind.SESSION, Kind.DAILY}
        assert any(e.checks for e in entries) and any(e.flagged for e in entries)
        assert len(store.records("person")) == 4
        assert not any("Morag" in e.body for e in entries)  # entries use pseudonyms


def test_narrowing_while_typing_gives_the_same_answer(session):
    for n, title in enumerate(["hope walk", "hope cafe", "team", "hopeful group", "HOPE call"]):
        session.save(sample_entry(n, title=title, marks={}, checks={}))
    items = session.timeline()
    narrower = timeline.Narrower()
    for text in ["h", "ho", "hop", "hope", "hope ", "hope c", "hope", "", "t", "te", "x"]:
        f = EntryFilter(text=text)
        assert narrower.select(items, f) == timeline.select(items, f), text
    f = EntryFilter(text="hope", flagged=True)
    assert narrower.select(items, f) == timeline.select(items, f)


# -- the one way in: what the command line asks of the session --------------------------------


@pytest.mark.parametrize("bad,why", [("short", "too short: use at least 8 characters"),
                                     (" padded passphrase", "starts or ends with a space"),
                                     ("padded passphrase ", "starts or ends with a space")])
def test_the_one_passphrase_rule(bad, why):
    assert why in problem(bad)
    with pytest.raises(PassphraseError, match=why) as raised:
        check_new(bad)
    assert isinstance(raised.value, JournalError) and isinstance(raised.value, ValueError)
    assert problem("orbit pencil") is None and problem(PASSPHRASE) is None


def test_create_refuses_a_bad_passphrase_or_framework_before_any_file(tmp_path):
    session = Session(tmp_path / "new")
    with pytest.raises(PassphraseError, match="too short"):
        session.create("short", "srn-values")
    with pytest.raises(FrameworkError, match="no framework with that name"):
        session.create(PASSPHRASE, "nonsense")
    assert not session.exists and not (tmp_path / "new").exists()


def test_recovery_and_new_passphrases_through_the_session(home):
    store, recovery = make_store(home)
    store.close()
    session = Session(home)
    with pytest.raises(PassphraseError, match="too short"):
        session.recover(recovery, "short")
    assert not session.unlocked  # the rule is checked before the slow unlock
    with pytest.raises(WrongSecret, match="does not open this journal"):
        session.unlock_with_recovery("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    session.unlock_with_recovery(recovery.lower())
    with pytest.raises(PassphraseError, match="space"):
        session.change_passphrase(" padded passphrase")
    session.lock()
    session.unlock(PASSPHRASE)  # unchanged
    session.lock()


def test_entries_people_and_supervisors_through_the_session(session):
    saved = session.save(sample_entry(1, title="Allotment walk"))
    session.save(sample_entry(2, title="Ward round", flagged=True))
    assert session.delete(saved.id[:6]) == saved.id
    assert session.count() == 1
    assert session.restore(saved.id[:6]).title == "Allotment walk"
    chosen = session.select(EntryFilter(flagged=True))
    assert [e.title for e in chosen.entries] == ["Ward round"] and chosen.total == 2
    assert session.select_summaries(EntryFilter(limit=1)).matched == 2
    assert [h.entry.id for h in session.search("ALLOTMENT")] == [saved.id]
    checked, damaged = session.verify()
    assert checked == 4 and damaged == []  # created, created, deleted, restored
    session.add_many([sample_entry(3, title="imported", source="jrnl:abc")])
    assert session.sources() == {"jrnl:abc"}
    person = session.add_person("Morag", ["Mo"])
    assert (person.name, person.pseudonym) == ("Morag", "P1")
    assert session.find_person("p1").record_id == person.record_id
    key = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"
    assert session.save_supervisor("Ana", key)[1] is False
    assert session.find_supervisor("ana").key == key
    assert session.remove_supervisor("Ana").name == "Ana" and session.supervisors() == []


def test_a_framework_file_is_kept_inside_the_journal(session, tmp_path):
    custom = tmp_path / "mine.toml"
    custom.write_text('[framework]\nid = "mine"\nname = "Mine"\nsource = "me"\n\n[[values]]\n'
                      'id = "courage"\nname = "Courage"\nbelief = "Brave."\n')
    session.use_framework(str(custom))
    custom.unlink()
    assert session.framework.id == "mine"
    assert Session(session.home).framework.name == "Mine"
