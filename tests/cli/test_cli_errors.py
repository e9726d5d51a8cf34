"""Errors tell the truth (issue 13): ordinary bad input is one `error:` line with exit 1 and
nothing written, never exit 70; click's usage errors are one line too (exit 2); a full disk or
a read-only journal is not called damaged, and a read-only journal still reads; control
characters are shown, not obeyed. Every case through the real command (the `cli` fixture).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import PASSPHRASE, JournalCli, add, fails, make_store, ok, sample_entry


def entry_count(cli) -> int:
    return int(json.loads(ok(cli("list", "--json")).out)["count"])


def one_line(result, code: int, *fragments: str):
    fails(result, code, *fragments)
    assert result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err and "unexpected" not in result.err
    return result


# -- ordinary bad input: exit 1, one line, nothing written ------------------------------------


def test_dates_out_of_range_or_blank_are_refused(cli):
    entry_id = add(cli, "--title", "kept")
    for date in ("0001-01-01", "9999-12-31", "9999-12-31T23:30:00-05:00", "1899-12-31"):
        one_line(cli("add", "x", "--date", date), 1, "out of range", "1900", "2999")
    for blank in ("", "   "):
        one_line(cli("add", "x", "--date", blank), 1, "no date given")
        one_line(cli("edit", entry_id, "--date", blank), 1, "no date given")
    assert entry_count(cli) == 1


@pytest.mark.parametrize("period", ["0001-01-01..2026-01-01", "..9999-12-31",
                                   "0001-01-01..9999-12-31"])
def test_trends_periods_beyond_the_years_of_entries(cli, period):
    add(cli)
    one_line(cli("trends", "--period", period), 1, "a period lies between 1900 and 2999")


def test_export_over_an_entry_dated_at_the_calendars_end(cli, tmp_path):
    """An entry dated 9999-12-31 (from an older version, or another device) with one of today:
    the pack's 'period before' once ran off the calendar after printing "Writing…"."""
    store, _ = make_store_open(cli.home)
    with contextlib.closing(store):
        store.add(sample_entry(0, when=datetime(9999, 12, 31, 12, tzinfo=UTC), title="far"))
    add(cli, "--title", "today")
    target = tmp_path / "pack.md"
    result = ok(cli("export", "--since", "2000-01-01", "--output", str(target)))
    assert result.out.strip() == str(target) and "far" in target.read_text()
    trends = ok(cli("trends", "--period", "all", "--json"))
    assert json.loads(trends.out)["period"]["entries"] >= 1


def make_store_open(home: Path):
    from journal.storage.store import JournalStore

    return JournalStore.unlock(home, PASSPHRASE), None


def test_jrnl_import_with_a_lone_surrogate_or_nested_deep(cli, tmp_path):
    lone = tmp_path / "lone.json"
    lone.write_text('{"entries": [{"date": "2026-01-01", "title": "a\\ud800b", "body": "x"}]}')
    one_line(cli("import", "jrnl", str(lone)), 1, "entry 1", "not valid text")
    tag = tmp_path / "tag.json"
    tag.write_text('{"entries": [{"date": "2026-01-01", "title": "t", "body": "x", '
                   '"tags": ["@\\udfff"]}]}')
    one_line(cli("import", "jrnl", str(tag)), 1, "entry 1", "not valid text")
    deep = tmp_path / "deep.json"
    deep.write_text('{"entries": ' + "[" * 100_000 + "]" * 100_000 + "}")
    one_line(cli("import", "jrnl", str(deep)), 1, "nested too deeply")
    ancient = tmp_path / "ancient.json"
    ancient.write_text('{"entries": [{"date": "0001-01-01", "title": "t", "body": "x"}]}')
    one_line(cli("import", "jrnl", str(ancient)), 1, "entry 1", "out of range")
    assert entry_count(cli) == 0


def test_a_framework_nested_thousands_deep(cli, tmp_path):
    for name, text in (("lists.toml", "a = " + "[" * 100_000 + "]" * 100_000),
                       ("tables.toml", "a = " + "{b = " * 100_000 + "1" + "}" * 100_000)):
        deep = tmp_path / name
        deep.write_text(text)
        for command in ("check", "use"):
            one_line(cli("framework", command, str(deep)), 1, f"{deep}:1:", "nested too deeply")
    assert "* srn-values" in ok(cli("framework", "list")).out


def test_a_garbage_clock_in_the_journal_file(cli):
    add(cli)
    with contextlib.closing(sqlite3.connect(cli.home / "journal.db")) as db, db:
        db.execute("UPDATE meta SET value = 'garbage' WHERE key = 'clock'")
    before = (cli.home / "journal.db").read_bytes()
    one_line(cli("add", "more"), 1, "clock", "'garbage'", "not a clock value")
    one_line(cli("list"), 1, "not a clock value")
    assert (cli.home / "journal.db").read_bytes() == before


@pytest.mark.parametrize("settings,key", [
    ({"framework": 5}, "framework"), ({"theme": []}, "theme"),
    ({"auto_lock_minutes": "10"}, "auto_lock_minutes"), ({"streaks": "yes"}, "streaks"),
    ({"templates": ["session"]}, "templates"), ({"templates": {"session": 3}}, "templates"),
])
def test_settings_with_wrong_types(cli, settings, key):
    entry_id = add(cli)
    (cli.home / "settings.json").write_text(json.dumps(settings))
    for args in (("list",), ("show", entry_id), ("add", "more"), ("trends",)):
        one_line(cli(*args), 1, "settings.json", repr(key), "delete the file")
    (cli.home / "settings.json").unlink()
    assert entry_count(cli) == 1


def test_an_unknown_format_in_the_journal_file_is_refused(cli):
    add(cli)
    with contextlib.closing(sqlite3.connect(cli.home / "journal.db")) as db, db:
        db.execute("UPDATE meta SET value = '7' WHERE key = 'format'")
    one_line(cli("list"), 1, "made by a newer version", "upgrade peer-journal")
    one_line(cli("add", "more"), 1, "made by a newer version")


# -- click's usage errors: one line too, exit 2 -------------------------------------------------


@pytest.mark.parametrize("args,fragments", [
    (("add", "x", "--mood", "0"), ("--mood", "0 is not in the range 1<=x<=5",
                                   "see `journal add --help`")),
    (("add", "x", "--kind", "bogus"), ("--kind", "'bogus' is not one of")),
    (("list", "--limit", "-1"), ("--limit", "-1 is not in the range")),
    (("bogus",), ("no such command 'bogus'", "see `journal --help`")),
    (("--bogus",), ("no such option", "--bogus")),
    (("show",), ("missing argument",)),
    (("export", "--format", "doc"), ("--format", "see `journal export --help`")),
    (("import", "jrnl"), ("missing argument", "see `journal import jrnl --help`")),
])
def test_usage_errors_are_one_line(cli, args, fragments):
    one_line(cli(*args), 2, *fragments)
    assert entry_count(cli) == 0


def test_a_passphrase_file_that_is_a_folder(cli, tmp_path):
    one_line(cli("list", "--passphrase-file", str(tmp_path)), 2, "--passphrase-file",
             "is a directory")
    one_line(cli("--passphrase-file", str(tmp_path), "list"), 2, "is a directory")


# -- control characters are shown, not obeyed; the stored text is untouched ------------------


def test_control_characters_reach_the_terminal_as_pictures(cli):
    title = "bell\x07 esc\x1b[2J cr\rX csi\x9b31m"
    entry_id = add(cli, "--title", title, text="line one\n\ttabbed\nesc\x1b]0;owned\x07")
    for args in (("list",), ("show", entry_id), ("history", entry_id), ("search", "bell")):
        out = ok(cli(*args)).out
        assert not any(c in out for c in "\x07\x1b\r\x9b"), (args, out)
    shown = ok(cli("show", entry_id)).out
    assert "bell␇ esc␛[2J cr␍X csi\\x9b31m" in shown and "\n\ttabbed\n" in shown
    stored = json.loads(ok(cli("show", entry_id, "--json")).out)
    assert stored["title"] == title and stored["body"].endswith("\x1b]0;owned\x07")


# -- the disk: full, or read-only -------------------------------------------------------------


@contextlib.contextmanager
def as_another_user(*paths: Path) -> Iterator[None]:
    """Run the block without the power to write `paths`' files. Tests run as root here, and
    root writes through any mode bits: so the files are given to `nobody` and, in-process, the
    effective user becomes `nobody` for the block (the modules the command needs are loaded
    first, since the interpreter's own folder may be closed to `nobody`)."""
    if os.geteuid() != 0:
        yield
        return
    for path in paths:
        for item in [path, *path.rglob("*")] if path.is_dir() else [path]:
            os.chown(item, 65534, 65534)
    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.fixture
def open_cli() -> Iterator[JournalCli]:
    """A journal in a folder another user can reach (pytest's base folder is root's, 0700)."""
    base = Path(tempfile.mkdtemp(prefix="journal-ro-"))
    base.chmod(0o755)
    home, pp = base / "journal", base / "passphrase.txt"
    store, _ = make_store(home)
    store.close()
    pp.write_text(PASSPHRASE + "\n")
    yield JournalCli(home, pp)
    os.chmod(home, 0o700) if home.exists() else None
    subprocess.run(["rm", "-rf", str(base)], check=False)


@pytest.mark.parametrize("read_only", ["file", "folder", "both"])
def test_a_read_only_journal_still_reads_and_says_why_it_cannot_write(open_cli, read_only):
    cli = open_cli
    entry_id = add(cli, "--title", "readable", "--flag")
    reading = [("list",), ("show", entry_id), ("search", "readable"), ("trends", "--json"),
               ("verify",), ("history", entry_id), ("export", "--flagged", "--dry-run")]
    for args in reading:  # every module the commands need is loaded now
        ok(cli(*args))
    one_line(cli("add", "x", "--date", "0001-01-01"), 1)
    if read_only in ("file", "both"):
        (cli.home / "journal.db").chmod(0o400)
    if read_only in ("folder", "both"):
        cli.home.chmod(0o500)
    before = (cli.home / "journal.db").read_bytes()
    with as_another_user(cli.home, cli.passphrase_file):
        read = [cli(*args) for args in reading]
        wrote = cli("add", "more")
        edited = cli("edit", entry_id, "--title", "changed")
    for args, result in zip(reading, read, strict=True):
        assert result.code == 0, (args, result)
    assert "readable" in read[0].out and "readable" in read[1].out and "readable" in read[2].out
    for result in (wrote, edited):
        one_line(result, 1, "no permission to write the journal", "intact", "reading still works")
        assert "damaged" not in result.err and "backup" not in result.err
    assert (cli.home / "journal.db").read_bytes() == before


def test_a_full_disk_is_not_a_damaged_journal(tmp_path):
    """A real full disk: the journal on a tiny tmpfs, filled up. Mounting needs root with
    CAP_SYS_ADMIN; where the test cannot mount, it fails saying so (the message itself is
    proved in tests/test_errors.py from SQLite's own exception)."""
    mount = tmp_path / "small"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k,mode=0700", "tmpfs",
                           str(mount)], capture_output=True)
    if made.returncode != 0:  # a skipped test would prove nothing: say what it needs
        pytest.fail("this test mounts a 512 KB tmpfs to fill a real disk; run the tests as root "
                    f"with CAP_SYS_ADMIN, as .ci/run does ({made.stderr.decode().strip()})")
    try:
        home, pp = mount / "journal", tmp_path / "passphrase.txt"
        store, _ = make_store(home)
        store.close()
        pp.write_text(PASSPHRASE + "\n")
        cli = JournalCli(home, pp)
        first = add(cli, "--title", "first")
        filler = mount / "filler"
        with contextlib.suppress(OSError), open(filler, "wb") as handle:
            while True:
                handle.write(b"\0" * 4096)
                handle.flush()
        result = cli("add", "x" * 200_000, "--title", "too big for the disk")
        one_line(result, 1, "no space left", "intact", "free some space")
        assert "damaged" not in result.err and "backup" not in result.err
        assert "first" in ok(cli("show", first)).out and "first" in ok(cli("list")).out
        assert "first" in ok(cli("search", "first")).out
        filler.unlink()
        ok(cli("verify"))
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)

