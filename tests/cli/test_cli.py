"""The `journal` command line: the contract, and every bad input.

In-process through click's CliRunner (the `cli` fixture), except the installed command's exit
codes, which run the real console script (`installed_cli`).
"""

from __future__ import annotations

import json
import sqlite3
import stat

import pytest
from conftest import PASSPHRASE, add, fails, ok

# -- set-up ------------------------------------------------------------------------------------


@pytest.mark.slow
def test_init_with_the_real_kdf_then_unlock(bare_cli, tmp_path):
    """The one test that pays for production Argon2id twice (init, then an unlock)."""
    saved = tmp_path / "recovery.txt"
    result = ok(bare_cli("init", "--framework", "core-principles", "--recovery-key-out",
                         str(saved)))
    assert "recovery key is in" in result.out and "eight core principles" in result.out
    assert "* core-principles" in ok(bare_cli("framework", "list")).out
    key = saved.read_text().strip()
    assert len(key) == 39 and key.count("-") == 7 and key not in result.out
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    for path in [bare_cli.home, *bare_cli.home.iterdir()]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path
    header = sqlite3.connect(bare_cli.home / "journal.db").execute(
        "SELECT header FROM key_slots WHERE kind='passphrase'").fetchone()[0]
    assert json.loads(header)["kdf"] | {"salt": ""} == {
        "name": "argon2id", "m": 65536, "t": 3, "p": 4, "salt": ""}
    entry_id = add(bare_cli, "--title", "first")
    assert len(entry_id) == 32
    before = (bare_cli.home / "journal.db").read_bytes()
    fails(bare_cli("init"), 1, "already exists", "nothing was changed")
    assert (bare_cli.home / "journal.db").read_bytes() == before


def test_init_choices_and_refusals(bare_cli, tmp_path):
    short = tmp_path / "short.txt"
    short.write_text("abc\n")
    out = ("--recovery-key-out", str(tmp_path / "recovery.txt"))
    fails(bare_cli("init", *out, "--passphrase-file", str(short)), 1, "too short")
    assert not (bare_cli.home / "journal.db").exists()
    no_secret = bare_cli.env()
    del no_secret["JOURNAL_PASSPHRASE_FILE"]
    fails(bare_cli("init", *out, env=no_secret), 1, "--passphrase-file")
    fails(bare_cli("init", "--framework", "nonsense"), 1, "no framework with that name",
          "srn-values")
    assert not bare_cli.home.exists() or not any(bare_cli.home.iterdir())


def test_commands_without_a_journal(bare_cli):
    fails(bare_cli("list"), 1, "no journal in", "journal init")
    fails(bare_cli("recover"), 1, "nothing to recover")


def test_the_installed_command_and_its_exit_codes(installed_cli, tmp_path):
    """The console script pip installed (`journal.cli:main`, which leaves by os._exit) flushes
    what it printed and exits with the codes the README promises."""
    entry_id = ok(installed_cli("add", "through the installed command", "--title", "installed"))
    assert len(entry_id.out.strip()) == 32
    assert "installed" in ok(installed_cli("list")).out
    fails(installed_cli("show", "zzzz"), 1, "no entry has an id starting with 'zzzz'")
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not it at all\n")
    fails(installed_cli("list", "--passphrase-file", str(wrong)), 2, "wrong passphrase")
    usage = fails(installed_cli("add", "x", "--kind", "nap"), 2, "invalid value for '--kind'")
    assert usage.err.count("\n") == 1  # one line, as the README promises


def test_bare_journal_prints_help(cli):
    result = ok(cli())
    assert "Usage: journal" in result.out and "add" in result.out and "verify" in result.out


# -- the everyday commands -------------------------------------------------------------------


def test_add_list_show_edit_history_delete_restore(cli):
    entry_id = add(cli, "--title", "Group on Tuesday", "--kind", "session", "--date",
                   "2026-03-03 14:00", "--value", "hope:lived", "--value", "mutuality:challenging",
                   "--value", "experience", "--behaviour", "share-hope:yes",
                   "--behaviour", "power:n/a", "--flag", "--question", "How much do I share?",
                   "--person", "P1", "--mood", "3", "--action", "Read about intentional sharing")
    other = add(cli, "--title", "Quiet day", "--kind", "daily", "--date", "02/03/2026")

    listing = ok(cli("list")).out.splitlines()
    assert listing[0].startswith(entry_id[:8]) and "Group on Tuesday" in listing[0]
    assert "hope+" in listing[0] and "mutuality!" in listing[0] and "⚑" in listing[0]
    assert listing[1].startswith(other[:8])

    data = json.loads(ok(cli("list", "--json")).out)
    assert data["count"] == 2 and data["matched"] == 2 and data["total"] == 2
    first = data["entries"][0]
    assert set(first) == {"id", "revision", "date", "kind", "title", "body", "framework",
                          "values", "behaviours", "checkin", "actions", "flagged", "question",
                          "people", "tags", "words", "versions", "deleted", "updated",
                          "supervision"}
    assert first["values"] == {"hope": "lived", "mutuality": "challenging",
                               "experience": "tagged"}
    assert first["behaviours"] == {"share-hope": "yes", "power": "n/a"}
    assert first["date"].startswith("2026-03-03T14:00")
    assert first["checkin"] == {"mood": 3, "energy": None, "need": ""}
    assert data["entries"][1]["date"].startswith("2026-03-02T12:00")

    page = ok(cli("show", entry_id[:6])).out
    assert "Group on Tuesday" in page and "Hope" in page and "challenging" in page
    assert "Intentionally sharing experiences" in page and "How much do I share?" in page

    ok(cli("edit", entry_id[:6], "--title", "Group, Tuesday", "--value", "hope:none",
           "--behaviour", "power:yes", "--no-flag"))
    shown = json.loads(ok(cli("show", entry_id, "--json")).out)
    assert shown["title"] == "Group, Tuesday" and "hope" not in shown["values"]
    assert shown["behaviours"]["power"] == "yes" and shown["flagged"] is False
    assert shown["body"] == "Sat with a peer; we talked about hope."

    history = ok(cli("history", entry_id[:6])).out.splitlines()
    assert [line.split()[5] for line in history] == ["created", "edited"]

    ok(cli("delete", entry_id[:6]))
    assert json.loads(ok(cli("list", "--json")).out)["count"] == 1
    with_deleted = ok(cli("list", "--deleted", "--json"))
    assert (json.loads(with_deleted.out)["count"], json.loads(with_deleted.out)["total"]) == (2, 2)
    assert "2 of 2 matching · 2 in the journal" in ok(cli("list", "--deleted")).err
    fails(cli("delete", entry_id[:6]), 1, "already deleted")
    ok(cli("restore", entry_id[:6]))
    assert json.loads(ok(cli("list", "--json")).out)["count"] == 2
    history = ok(cli("history", entry_id, "--json"))
    assert [r["deleted"] for r in json.loads(history.out)["revisions"]] == [False, False, True,
                                                                            False]


def test_list_filters_and_limit(cli):
    add(cli, "--date", "2026-01-05", "--value", "hope:lived", "--kind", "session",
        "--behaviour", "power:yes")
    add(cli, "--date", "2026-02-05", "--value", "empowerment:challenging", "--flag")
    add(cli, "--date", "2026-03-05", "--kind", "learning")

    def ids(*args):
        return [e["date"][:10] for e in json.loads(ok(cli("list", "--json", *args)).out)
                ["entries"]]

    assert ids() == ["2026-03-05", "2026-02-05", "2026-01-05"]
    assert ids("--value", "hope") == ["2026-01-05"]
    assert ids("--behaviour", "power:yes") == ["2026-01-05"]
    assert ids("--kind", "learning") == ["2026-03-05"]
    assert ids("--flagged") == ["2026-02-05"]
    assert ids("--since", "2026-02-01", "--until", "28/02/2026") == ["2026-02-05"]
    limited = json.loads(ok(cli("list", "--json", "--limit", "1")).out)
    assert limited["count"] == 1 and limited["matched"] == 3


def test_search(cli):
    add(cli, "--title", "Café chat", text="We spoke about Recovery Colleges and hope.")
    add(cli, "--title", "Team meeting", text="Stigma in the ward round.")
    data = json.loads(ok(cli("search", "recovery", "HOPE", "--json")).out)
    assert data["count"] == 1 and data["results"][0]["title"] == "Café chat"
    assert "Recovery Colleges" in data["results"][0]["snippet"]
    assert set(data["results"][0]) == {"id", "date", "kind", "title", "snippet"}
    assert json.loads(ok(cli("search", "cafe", "--json")).out)["count"] == 1
    assert json.loads(ok(cli("search", "nowhere", "--json")).out)["count"] == 0


def test_body_from_stdin_and_odd_text(cli):
    text = "Line one\n\tTabbed — ✓ 🌱 עברית\nLast line"
    entry_id = ok(cli("add", "-", "--title", "from stdin", input=text)).out.strip()
    assert json.loads(ok(cli("show", entry_id, "--json")).out)["body"] == text


def test_verify_clean(cli):
    add(cli)
    assert "The 1 revision opens and is intact." in ok(cli("verify")).out


def test_passwd_and_recover(cli, tmp_path):
    add(cli, "--title", "keep me")
    new = tmp_path / "new.txt"
    new.write_text("a different passphrase\n")
    ok(cli("passwd", "--new-passphrase-file", str(new)))
    fails(cli("list"), 2, "wrong passphrase")
    ok(cli("list", "--passphrase-file", str(new)))


# -- bad input ---------------------------------------------------------------------------------


def test_wrong_passphrase_exits_2_with_one_line(cli, tmp_path):
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not it at all\n")
    result = fails(cli("list", "--passphrase-file", str(wrong)), 2, "wrong passphrase",
                   "journal recover")
    assert len(result.err.strip().splitlines()) == 1
    blank = tmp_path / "blank.txt"
    blank.write_text("\nthe passphrase, on the wrong line\n")
    fails(cli("list", "--passphrase-file", str(blank)), 1, "has an empty first line")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    fails(cli("list", "--passphrase-file", str(empty)), 1, "is empty")
    fails(cli("list", "--passphrase-file", str(tmp_path / "absent")), 1, "cannot read")


def test_unknown_ids_name_the_valid_ones(cli):
    fails(cli("add", "x", "--value", "hopeful"), 1, "unknown value 'hopeful'",
          "hope, experience, authenticity, responsibility, mutuality, empowerment")
    fails(cli("add", "x", "--value", "hope:great"), 1, "lived or challenging")
    fails(cli("add", "x", "--behaviour", "listening:yes"), 1, "unknown behaviour 'listening'",
          "share-hope")
    fails(cli("add", "x", "--behaviour", "power:maybe"), 1, "ID:yes, ID:no or ID:n/a")
    assert cli("add", "x", "--kind", "nap").code == 2  # click's own usage error


@pytest.mark.parametrize("date", ["2026-13-01", "31/02/2026", "next tuesday", "2026-01-01 25:00"])
def test_bad_dates(cli, date):
    fails(cli("add", "x", "--date", date), 1, "bad date", "YYYY-MM-DD")
    fails(cli("list", "--since", "yesterdayish"), 1, "bad date")


def test_empty_and_huge_bodies_write_nothing(cli):
    fails(cli("add", ""), 1, "nothing to save")
    fails(cli("add", "-", input="\n\n"), 1, "nothing to save")
    huge = "word " * (1024 * 1024)  # 5 MB
    fails(cli("add", "-", input=huge), 1, "5.2 MB", "split it")
    fails(cli("add", "-", input=b"caf\xe9 latin-1"), 1, "not UTF-8")
    assert json.loads(ok(cli("list", "--json")).out)["total"] == 0


def test_ids_not_found_or_ambiguous(cli):
    ids = [add(cli, "--title", f"n{n}") for n in range(20)]
    fails(cli("show", "zzzz"), 1, "no entry has an id starting with 'zzzz'")
    first = {i[0] for i in ids}
    shared = next(c for c in first if sum(i.startswith(c) for i in ids) > 1)
    fails(cli("show", shared), 1, "type more of the id")
    fails(cli("edit", ids[0]), 1, "nothing to change")


def test_damaged_ciphertext_is_reported_and_the_rest_opens(cli):
    keep = add(cli, "--title", "intact")
    broken = add(cli, "--title", "will be damaged")
    conn = sqlite3.connect(cli.home / "journal.db", isolation_level=None)
    sealed = conn.execute("SELECT sealed FROM revisions WHERE item_id=?", (broken,)).fetchone()[0]
    conn.execute("UPDATE revisions SET sealed=? WHERE item_id=?",
                 (sealed[:10] + bytes([sealed[10] ^ 0xFF]) + sealed[11:], broken))
    conn.close()
    result = ok(cli("list", "--json"))
    assert [e["id"] for e in json.loads(result.out)["entries"]] == [keep]
    assert "1 damaged revision" in result.err and "journal verify" in result.err
    verify = fails(cli("verify"), 1, "1 of 2 revisions are damaged")
    assert f"damaged: entry {broken[:8]}" in verify.out


def test_corrupt_database_file(cli):
    (cli.home / "journal.db").write_bytes(b"\x00garbage" * 1000)
    for name in ("journal.db-wal", "journal.db-shm"):
        (cli.home / name).unlink(missing_ok=True)
    fails(cli("list"), 1, "damaged or is not a journal", "backup")


def test_malformed_framework_files(cli, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[framework]\nid = "mine"\nname = "Mine"\n\n[[values]]\nid = "a"\n'
                   'colour = "red"\n')
    result = fails(cli("framework", "check", str(bad)), 1)
    assert result.err.splitlines() == [
        f"error: {bad}:1: [framework] has no 'source'; add source = \"...\"",
        f"{bad}:7: unknown key 'colour' in [[values]] #1; allowed keys: id, name, belief, "
        "statements, prompt",
        f"{bad}:5: [[values]] #1 has no 'name'; add name = \"...\"",
        f"{bad}:5: [[values]] #1 has no 'belief'; add belief = \"...\"",
    ]
    fails(cli("framework", "use", str(bad)), 1, "has no 'source'")
    fails(cli("framework", "check", str(tmp_path / "none.toml")), 1, "No such file")


def test_framework_switch_keeps_old_tags(cli, tmp_path):
    entry_id = add(cli, "--value", "hope:lived")
    listing = ok(cli("framework", "list")).out
    assert "* srn-values" in listing and "core-principles" in listing
    ok(cli("framework", "use", "core-principles"))
    assert "* core-principles" in ok(cli("framework", "list")).out
    assert "Hope" in ok(cli("show", entry_id)).out
    fails(cli("add", "x", "--value", "hope"), 1, "unknown value 'hope'", "mutual, reciprocal")
    ok(cli("add", "x", "--value", "safe:lived"))
    custom = tmp_path / "mine.toml"
    custom.write_text('[framework]\nid = "mine"\nname = "Mine"\nsource = "me"\n\n[[values]]\n'
                      'id = "courage"\nname = "Courage"\nbelief = "Brave."\n')
    ok(cli("framework", "use", str(custom)))
    custom.unlink()  # the journal keeps its own copy
    assert "* mine" in ok(cli("framework", "list")).out
    ok(cli("add", "x", "--value", "courage"))
    values = [e["values"] for e in json.loads(ok(cli("list", "--json")).out)["entries"]]
    assert values == [{"courage": "tagged"}, {"safe": "lived"}, {"hope": "lived"}]


def test_a_framework_file_that_no_longer_reads_is_named_and_the_default_used(cli, tmp_path):
    custom = tmp_path / "mine.toml"
    custom.write_text('[framework]\nid = "mine"\nname = "Mine"\nsource = "me"\n\n[[values]]\n'
                      'id = "courage"\nname = "Courage"\nbelief = "Brave."\n')
    ok(cli("framework", "use", str(custom)))
    entry_id = add(cli, "--value", "courage:lived")
    (cli.home / "frameworks" / "mine.toml").write_text("[framework\nbroken")
    shown = ok(cli("show", entry_id))
    assert "mine.toml:1: not valid TOML" in shown.err and "using the default framework" in shown.err
    assert "courage" in shown.out.lower()  # the old tag is kept, shown by its id


def test_jrnl_import(cli, tmp_path):
    export = tmp_path / "jrnl.json"
    export.write_text(json.dumps({
        "tags": {"@hope": 1, "@ward": 1},
        "entries": [
            {"title": "Old reflection", "body": "Felt @hope today.\n", "date": "2019-05-04",
             "time": "18:30", "tags": ["@hope", "@ward"], "starred": True},
            {"title": "Another", "body": "", "date": "2019-05-05", "time": "09:00", "tags": []},
        ],
    }))
    assert "Imported 2 entries" in ok(cli("import", "jrnl", str(export))).out
    entries = json.loads(ok(cli("list", "--json")).out)["entries"]
    assert [e["title"] for e in entries] == ["Another", "Old reflection"]
    assert entries[1]["values"] == {"hope": "tagged"}
    assert entries[1]["tags"] == ["ward", "starred"]
    assert entries[1]["date"].startswith("2019-05-04T18:30")
    again = ok(cli("import", "jrnl", str(export))).out
    assert "Imported 0 entries" in again and "2 already imported" in again

    latin = tmp_path / "latin.json"
    latin.write_bytes('{"entries": [{"title": "caf\xe9"}]}'.encode("latin-1"))
    fails(cli("import", "jrnl", str(latin)), 1, "not UTF-8", "jrnl --export json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"entries": [\n{"title": "x",}\n]}')
    fails(cli("import", "jrnl", str(broken)), 1, "broken.json:2: not valid JSON")
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"items": []}')
    fails(cli("import", "jrnl", str(wrong)), 1, "not a jrnl JSON export")
    nodate = tmp_path / "nodate.json"
    nodate.write_text('{"entries": [{"title": "x", "body": "y"}]}')
    fails(cli("import", "jrnl", str(nodate)), 1, "entry 1 has no valid \"date\"")
    assert json.loads(ok(cli("list", "--json")).out)["total"] == 2


def test_recover_with_the_recovery_key(bare_cli, tmp_path):
    from conftest import make_store

    store, recovery = make_store(bare_cli.home)
    store.close()
    key_file = tmp_path / "key.txt"
    key_file.write_text(recovery.lower() + "\n")
    new = tmp_path / "new.txt"
    new.write_text("my new passphrase\n")
    ok(bare_cli("recover", "--recovery-key-file", str(key_file), "--new-passphrase-file",
                str(new)))
    ok(bare_cli("list", "--passphrase-file", str(new)))
    fails(bare_cli("list"), 2, "wrong passphrase")
    key_file.write_text("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH\n")
    fails(bare_cli("recover", "--recovery-key-file", str(key_file), "--new-passphrase-file",
                   str(new)), 2, "does not open this journal")
    assert PASSPHRASE not in (bare_cli.home / "journal.db").read_text("latin-1")


# -- trends ------------------------------------------------------------------------------------


def test_trends_json_and_tables(cli):
    # Two sessions and a daily entry in the week of Monday 2 March 2026 (2026-W10), one session
    # on Sunday 8 March late in the evening in New York (Monday 9 March in UTC: still W10).
    add(cli, "--kind", "session", "--date", "2026-03-02 10:00", "--value", "hope:lived",
        "--behaviour", "share-hope:yes", "--behaviour", "power:no", "--mood", "2")
    add(cli, "--kind", "session", "--date", "2026-03-04 10:00", "--value", "hope:challenging",
        "--behaviour", "share-hope:yes", "--behaviour", "power:n/a")
    add(cli, "--kind", "daily", "--date", "2026-03-05", "--value", "mutuality")
    add(cli, "--kind", "session", "--date", "2026-03-08T23:30:00-05:00", "--value", "hope:lived")
    add(cli, "--kind", "daily", "--date", "2026-03-20")  # W12, no marks
    doc = json.loads(ok(cli("trends", "--period", "2026-03-02..2026-03-22", "--json")).out)
    assert doc["period"] == {"name": "2026-03-02..2026-03-22", "from": "2026-03-02",
                             "to": "2026-03-22", "days": 21, "entries": 5}
    hope = doc["values"][0]
    assert (hope["id"], hope["lived"], hope["challenging"]) == ("hope", 2, 1)
    assert [(w["key"], w["lived"], w["challenging"]) for w in hope["weeks"]] == [
        ("2026-W10", 2, 1), ("2026-W11", 0, 0), ("2026-W12", 0, 0)]
    share_hope = next(b for b in doc["behaviours"] if b["id"] == "share-hope")
    assert (share_hope["yes"], share_hope["answered"], share_hope["share_yes"],
            share_hope["sessions"]) == (2, 2, None, 3)
    assert [(w["entries"]) for w in doc["activity"]["weeks"]] == [4, 0, 1]
    consistency = doc["activity"]["consistency"]
    assert (consistency["weeks"], consistency["weeks_with_reflection"]) == (3, 2)
    assert (consistency["sessions"], consistency["sessions_reflected"]) == (3, 3)
    assert doc["activity"]["streaks"] is None  # off unless turned on in settings
    assert doc["wellbeing"][0] == {"key": "2026-W10", "from": "2026-03-02", "checkins": 1,
                                   "mood": 2.0, "energy": None}
    assert doc["change"]["comparable"] is False
    assert "before the journal's first entry" in doc["change"]["reason"]
    assert doc["challenging"]["enough"] is True
    assert doc["challenging"]["values"] == [
        {"id": "hope", "label": "Hope", "count": 1, "challenging": 1, "out_of": 5, "share": 0.2}]
    power = next(b for b in doc["behaviours"] if b["id"] == "power")
    assert (power["answered"], power["responded"]) == (1, 2), "yes + no; yes + no + n/a"

    # FROM left out runs from the first entry, even when TO is before today (issue 16, 15)
    doc = json.loads(ok(cli("trends", "--period", "..2026-03-05", "--json")).out)
    assert (doc["period"]["from"], doc["period"]["to"], doc["period"]["entries"]) == (
        "2026-03-02", "2026-03-05", 3)
    doc = json.loads(ok(cli("trends", "--period", "..2025-12-31", "--json")).out)
    assert doc["period"]["entries"] == 0, "a period before the first entry is empty"

    text = ok(cli("trends", "--period", "2026-03-02..2026-03-22", env=cli.env(COLUMNS="100"))).out
    for heading in ("Values over time", "Heat map", "The check-list", "Change",
                    "What is most challenging?", "Writing", "Wellbeing check-ins"):
        assert heading in text
    assert "not enough answers yet" in text and "Consistency: 2 of 3 weeks" in text


def test_trends_bad_period_is_one_clear_line(cli):
    fails(cli("trends", "--period", "fortnight"), 1, "unknown period 'fortnight'",
          "4w, 3m, 12m, all, or FROM..TO")
    fails(cli("trends", "--period", "2026-05-01..2026-04-01"), 1, "ends before it starts")
    fails(cli("trends", "--period", "2026-13-01.."), 1, "bad date '2026-13-01'")


# -- people ------------------------------------------------------------------------------------


def test_people_add_list_remove(cli):
    assert ok(cli("people", "add", "Sam Okafor", "--alias", "Sam", "--alias", "Sammy")).out \
        .strip() == "Sam Okafor is P1 in exports"
    assert "is P7" in ok(cli("people", "add", "Jo", "--pseudonym", "P7")).out
    assert "is P2" in ok(cli("people", "add", "Dee")).out
    listing = ok(cli("people", "list")).out.splitlines()
    assert listing == ["P1    Sam Okafor  (also: Sam, Sammy)", "P2    Dee", "P7    Jo"]
    fails(cli("people", "add", "sam okafor"), 1, "already on the list as P1")
    fails(cli("people", "add", "Kim", "--pseudonym", "P7"), 1, "P7 is already Jo's pseudonym")
    fails(cli("people", "add", "  "), 1, "a person needs a name")
    ok(cli("people", "remove", "p2"))
    fails(cli("people", "remove", "Nobody"), 1, "no one called 'Nobody'", "Sam Okafor (P1)")
    assert "Dee" not in ok(cli("people", "list")).out
    assert "is P3" in ok(cli("people", "add", "Ali")).out  # P2 is retired: it stays Dee's


# -- supervision export ------------------------------------------------------------------------


def test_export_dry_run_then_markdown_json_and_html(cli, tmp_path):
    ok(cli("people", "add", "Sam Okafor", "--alias", "Sam"))
    flagged = add(cli, "--title", "Walk with Sam", "--kind", "session", "--flag",
                  "--question", "How do I hold Sam's hope?", "--value", "hope:lived",
                  "--behaviour", "share-hope:yes", "--action", "Ring Sam on Friday",
                  "--mood", "2", "--need", "sleep",
                  text="Walked with Sam. His mum (Mary) is at G12 8QQ, 0141 496 0000, "
                       "NHS 943 476 5919, sam@example.org.")
    add(cli, "--title", "Team day", text="Nothing to share.")
    dry = ok(cli("export", "--flagged", "--dry-run"))
    assert "'Mary' → [name]" in dry.out and "'G12 8QQ' → [postcode]" in dry.out
    assert "9 findings would be replaced, 0 kept. Nothing was written." in dry.err
    assert not list(tmp_path.glob("supervision-*"))

    md_path = tmp_path / "pack.md"
    result = ok(cli("export", "--flagged", "--keep", "MARY", "--output", str(md_path)))
    assert "NOT encrypted" in result.err and result.out.strip() == str(md_path)
    md = md_path.read_text()
    assert oct(md_path.stat().st_mode & 0o777) == "0o600"
    for secret in ("Sam", "G12 8QQ", "0141 496 0000", "943 476 5919", "sam@example.org",
                   "sleep", "Team day"):
        assert secret not in md
    assert "Walked with P1. His mum (Mary) is at [postcode], [phone number], NHS [NHS number]" \
        in md
    assert "How do I hold P1's hope?" in md and "- [ ] Ring P1 on Friday" in md
    assert "Hope (lived)" in md and "— **Yes**" in md and "Wellbeing" not in md

    ok(cli("export", "--id", flagged[:8], "--format", "json", "--include-wellbeing",
           "-o", str(tmp_path / "p.json")))
    data = json.loads((tmp_path / "p.json").read_text())
    assert set(data) == {"start", "end", "framework", "agenda", "open_actions",
                         "challenging_values", "rising", "falling", "trends_note", "entries",
                         "include_wellbeing", "replaced", "kept", "reply"}
    assert data["reply"] is None  # only a sealed pack carries a way back
    entry = data["entries"][0]
    assert entry["checkin"] == {"mood": 2, "energy": None, "need": "sleep"}
    assert entry["marks"] == [{"value": "Hope", "mark": "lived"}]
    assert len(data["agenda"]["restorative"]) == 1
    assert data["agenda"]["restorative"][0].endswith(": sleep")

    page = (tmp_path / "p.html")
    ok(cli("export", "--flagged", "--format", "html", "-o", str(page)))
    html = page.read_text()
    assert html.startswith("<!doctype html>") and "<script" not in html and "Sam" not in html
    assert "P1&#x27;s hope" in html or "P1's hope" in html

    log = ok(cli("export", "log")).out.splitlines()
    assert len(log) == 3 and "pack.md" in log[0] and "8 replaced, 1 kept" in log[0]
    fails(cli("export", "--flagged", "-o", str(md_path)), 1, "already exists")
    fails(cli("export", "--since", "2001-01-01", "--until", "2001-01-02"), 1, "no entries match")
    fails(cli("export", "--flagged", "-o", str(tmp_path / "no" / "p.md")), 1, "there is no folder")
    fails(cli("export", "--since", "31/02/2026"), 1, "bad date")


def test_list_filters_by_a_value_with_its_mark_and_refuses_what_no_entry_can_have(cli):
    lived = add(cli, "--value", "hope:lived")
    add(cli, "--value", "hope:challenging")
    listed = ok(cli("list", "--value", "hope:lived", "--json"))
    assert [e["id"] for e in json.loads(listed.out)["entries"]] == [lived]
    assert len(json.loads(ok(cli("list", "--value", "hope", "--json")).out)["entries"]) == 2
    fails(cli("list", "--value", "nope"), 1, "unknown value 'nope'", "hope")
    fails(cli("list", "--value", "hope:maybe"), 1, "hope:maybe", "lived, challenging")
    fails(cli("list", "--behaviour", "power:maybe"), 1, "power:maybe", "yes, no, n/a")
    fails(cli("list", "--behaviour", "nope:yes"), 1, "unknown behaviour 'nope'")
    fails(cli("export", "--value", "nope", "--dry-run"), 1, "unknown value 'nope'")


def test_a_passphrase_easy_to_guess_is_refused_for_the_journal_and_for_a_pack(bare_cli, tmp_path):
    weak = tmp_path / "weak.txt"
    weak.write_text("password1\n")
    out = ("--recovery-key-out", str(tmp_path / "recovery.txt"))
    fails(bare_cli("init", *out, "--passphrase-file", str(weak)), 1, "too easy to guess",
          "unrelated words")
    assert not (bare_cli.home / "journal.db").exists()
    ok(bare_cli("init", *out))
    add(bare_cli, "--flag")
    fails(bare_cli("export", "--flagged", "--passphrase", "--pack-passphrase-file", str(weak),
                   "-o", str(tmp_path / "pack.md.age")), 1, "pack passphrase is too easy")
    assert not (tmp_path / "pack.md.age").exists()


def test_a_passphrase_typed_with_decomposed_accents_opens_the_journal(bare_cli, tmp_path):
    import unicodedata

    composed, decomposed = tmp_path / "nfc.txt", tmp_path / "nfd.txt"
    composed.write_text("café crème brûlée au citron\n", encoding="utf-8")
    decomposed.write_text(unicodedata.normalize("NFD", "café crème brûlée au citron") + "\n",
                          encoding="utf-8")
    ok(bare_cli("init", "--passphrase-file", str(composed), "--recovery-key-out",
                str(tmp_path / "recovery.txt")))
    ok(bare_cli("list", "--passphrase-file", str(decomposed)))


def test_a_key_slot_with_a_nonce_of_the_wrong_length_is_damage_not_a_crash(cli):
    conn = sqlite3.connect(cli.home / "journal.db", isolation_level=None)
    conn.execute("UPDATE key_slots SET nonce = ? WHERE kind = 'passphrase'", (b"abc",))
    conn.close()
    fails(cli("list"), 1, "key slot is damaged (its nonce has the wrong length)")


def test_the_recovery_key_goes_only_to_a_terminal_or_a_new_private_file(bare_cli, tmp_path):
    """Issue 14 (9): never to a pipe or a log. Refused before anything is made."""
    fails(bare_cli("init"), 1, "shown only on a terminal", "--recovery-key-out")
    assert not (bare_cli.home / "journal.db").exists()
    taken = tmp_path / "taken.txt"
    taken.write_text("mine")
    fails(bare_cli("init", "--recovery-key-out", str(taken)), 1, "already exists")
    fails(bare_cli("init", "--recovery-key-out", str(tmp_path / "no" / "k.txt")), 1,
          "does not exist")
    assert not (bare_cli.home / "journal.db").exists() and taken.read_text() == "mine"
    first = tmp_path / "first.txt"
    ok(bare_cli("init", "--recovery-key-out", str(first)))
    old = first.read_text().strip()

    second = tmp_path / "second.txt"
    fails(bare_cli("recovery-key"), 1, "shown only on a terminal")
    replaced = ok(bare_cli("recovery-key", "--recovery-key-out", str(second)))
    assert "old recovery key no longer opens this journal" in replaced.out
    assert "data key itself is unchanged" in replaced.out
    new = second.read_text().strip()
    assert new != old and stat.S_IMODE(second.stat().st_mode) == 0o600
    new_pass = tmp_path / "new-pass.txt"
    new_pass.write_text("orbit pencil lantern quietly\n")
    stale = tmp_path / "old-key.txt"
    stale.write_text(old + "\n")
    fails(bare_cli("recover", "--recovery-key-file", str(stale), "--new-passphrase-file",
                   str(new_pass)), 2, "does not open")
    ok(bare_cli("recover", "--recovery-key-file", str(second), "--new-passphrase-file",
                str(new_pass)))
