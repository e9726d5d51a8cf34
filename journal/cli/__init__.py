"""The `journal` command line. Names, options and --json fields here are a contract (see README).

Every failure a person can cause ends in one line on stderr that says what to do, and an exit
code: 1 for bad input or a damaged journal, 2 for a wrong passphrase or recovery key (and for
click's own usage errors). No traceback, unless JOURNAL_DEBUG=1 asks for one.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from journal import __version__
from journal.cli.base import EXIT_WRONG_KEY, Fail
from journal.cli.secrets import (
    ask_secret,
    check_new_passphrase,
    passphrase_file,
)
from journal.domain import framework as frameworks
from journal.domain.dates import DateError, parse_day, parse_when
from journal.domain.framework import Catalogue, Framework, FrameworkError
from journal.domain.model import Action, Answer, CheckIn, Entry, EntryError, Kind, Mark
from journal.domain.schema import entry_json
from journal.paths import journal_home
from journal.present.entry_text import entry_page, entry_table, history_lines, short_id
from journal.session.settings import SettingsError, load_settings, save_settings


def _translate(exc: BaseException) -> Fail | None:
    """Map what the journal raises to one clear line. None means: not ours, a real bug."""
    from journal.domain.people import PeopleError
    from journal.export.seal import SealError
    from journal.export.supervisors import SupervisorError
    from journal.export.write import ExportError
    from journal.importers.jrnl import JrnlImportError
    from journal.storage.crypto import DamagedData, WrongKey
    from journal.storage.db import StorageError
    from journal.storage.store import Ambiguous, NotFound
    from journal.sync.keyset import KeySetError
    from journal.sync.remote import RemoteError

    if isinstance(exc, WrongKey):
        return Fail(str(exc), EXIT_WRONG_KEY)
    if isinstance(exc, FrameworkError):
        return Fail("\n".join(exc.problems))
    if isinstance(exc, (StorageError, EntryError, NotFound, Ambiguous, DateError, SettingsError,
                        JrnlImportError, DamagedData, PeopleError, SealError, SupervisorError,
                        ExportError, RemoteError, KeySetError)):
        return Fail(str(exc).strip("'\""))
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        return Fail("the journal is busy in another window; try again in a moment")
    if isinstance(exc, sqlite3.DatabaseError):
        return Fail(f"the journal file is damaged ({exc}); restore it from a backup")
    if isinstance(exc, OSError) and exc.errno is not None:
        where = f" ({exc.filename})" if exc.filename else ""
        return Fail(f"{exc.strerror}{where}")
    return None


class JournalGroup(click.Group):
    """A click group that turns the journal's exceptions into one-line errors."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            raise Fail("cancelled; nothing was changed", 130) from None
        except Exception as exc:
            failure = _translate(exc)
            if failure is not None:
                raise failure from None
            if os.environ.get("JOURNAL_DEBUG") == "1":
                raise
            # Never print the exception text: it might hold a piece of an entry.
            raise Fail(
                f"unexpected {type(exc).__name__}; nothing more was written. Run again with "
                "JOURNAL_DEBUG=1 to see details (they may include your text)", 70
            ) from None


def _remember_passphrase_file(ctx: click.Context, _param: click.Parameter, value: str | None):
    if value:
        ctx.find_root().meta["passphrase_file"] = value
    return value


def passphrase_option(command: Callable) -> Callable:
    return click.option(
        "--passphrase-file",
        type=click.Path(dir_okay=False),
        expose_value=False,
        callback=_remember_passphrase_file,
        help="Read the passphrase from the first line of FILE (for scripts).",
    )(command)


# -- opening the journal -----------------------------------------------------------------------


def _home() -> Path:
    return journal_home()


def open_store(ctx: click.Context):
    from journal.storage.store import JournalStore

    home = _home()
    if not JournalStore.exists(home):
        raise Fail(f"no journal in {home}: run `journal init` to make one "
                   "(or set JOURNAL_HOME to where yours is)")
    passphrase = ask_secret("Passphrase", file=passphrase_file(ctx), what="passphrase")
    from journal.storage.crypto import WrongKey

    try:
        store = JournalStore.unlock(home, passphrase)
    except WrongKey:
        raise Fail("wrong passphrase; try again, or use `journal recover` with your "
                   "recovery key", EXIT_WRONG_KEY) from None
    return store


def active_framework(home: Path) -> Framework:
    settings = load_settings(home)
    return frameworks.resolve(settings.framework, home)


def warn_damage(store) -> None:
    if store.damaged:
        click.echo(
            f"warning: {len(store.damaged)} damaged revision(s) could not be opened; "
            "run `journal verify` for details",
            err=True,
        )


def echo_lines(lines: list[str]) -> None:
    """One write for many lines: a 20,000-line listing should not cost 20,000 calls."""
    if lines:
        click.echo("\n".join(lines))


def dump_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


# -- the group ---------------------------------------------------------------------------------


@click.group(cls=JournalGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--passphrase-file", type=click.Path(dir_okay=False), expose_value=False,
              callback=_remember_passphrase_file, envvar="JOURNAL_PASSPHRASE_FILE",
              help="Read the passphrase from the first line of FILE (or JOURNAL_PASSPHRASE_FILE).")
@click.option("--demo", is_flag=True,
              help="Open a throw-away demo journal full of sample entries (deleted on exit).")
@click.version_option(__version__, prog_name="peer-journal")
@click.pass_context
def cli(ctx: click.Context, demo: bool) -> None:
    """An encrypted reflective journal for mental-health peer workers.

    Write reflections after sessions, tag them against the values of your peer-work framework,
    answer its "Did I…?" check-list, and look back at how your practice changes. Everything is
    encrypted on disk with your passphrase.

    On a terminal, `journal` alone opens the app; otherwise it prints this help.
    The journal lives in JOURNAL_HOME if set, otherwise in your user data folder.
    """
    if ctx.invoked_subcommand is None:
        if demo:
            run_demo()
        elif sys.stdin.isatty() and sys.stdout.isatty():
            from journal.app import JournalApp

            JournalApp(_home()).run()
        else:
            click.echo(ctx.get_help())


def run_demo() -> None:
    """The demo journal lives in a private temporary folder that is removed afterwards."""
    import shutil
    import tempfile

    from journal.app import JournalApp
    from journal.session.demo import build_demo

    folder = Path(tempfile.mkdtemp(prefix="journal-demo-"))
    try:
        click.echo("Making a demo journal…", err=True)
        passphrase = build_demo(folder / "journal")
        JournalApp(folder / "journal",
                   banner=f"This is a demo journal. Its passphrase is: {passphrase}").run()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- init, passwd, recover ---------------------------------------------------------------------


@cli.command()
@click.option("--framework", "framework_name", default=frameworks.DEFAULT_FRAMEWORK,
              show_default=True, help="A shipped framework's name or a framework .toml file.")
@passphrase_option
@click.pass_context
def init(ctx: click.Context, framework_name: str) -> None:
    """Create a new journal and show its recovery key (once)."""
    from journal.storage.store import JournalStore

    home = _home()
    if JournalStore.exists(home):
        raise Fail(f"a journal already exists in {home}; nothing was changed")
    chosen = frameworks.resolve(framework_name, home)
    passphrase = ask_secret("Choose a passphrase", file=passphrase_file(ctx), what="passphrase",
                            confirm=True)
    check_new_passphrase(passphrase)
    store, recovery = JournalStore.create(home, passphrase)
    store.close()
    frameworks.install(chosen, home)
    settings = load_settings(home)
    settings.framework = chosen.id
    save_settings(home, settings)
    click.echo(f"Created a journal in {home}, using the {chosen.name}.")
    click.echo("")
    click.echo("Your recovery key (shown only this once):")
    click.echo("")
    click.echo(f"    {recovery}")
    click.echo("")
    click.echo("Write it down and keep it somewhere safe, away from this computer. If you forget "
               "your passphrase, `journal recover` with this key is the only way back in.")


@cli.command()
@passphrase_option
@click.option("--new-passphrase-file", type=click.Path(dir_okay=False),
              help="Read the new passphrase from the first line of FILE (for scripts).")
@click.pass_context
def passwd(ctx: click.Context, new_passphrase_file: str | None) -> None:
    """Change the passphrase. Entries are not re-encrypted; the recovery key still works."""
    with open_store(ctx) as store:
        new = ask_secret("New passphrase", file=new_passphrase_file, what="new passphrase",
                         confirm=True)
        check_new_passphrase(new)
        store.change_passphrase(new)
    click.echo("Passphrase changed.")


@cli.command()
@click.option("--recovery-key-file", type=click.Path(dir_okay=False),
              help="Read the recovery key from the first line of FILE (for scripts).")
@click.option("--new-passphrase-file", type=click.Path(dir_okay=False),
              help="Read the new passphrase from the first line of FILE (for scripts).")
def recover(recovery_key_file: str | None, new_passphrase_file: str | None) -> None:
    """Set a new passphrase using the recovery key shown at `journal init`."""
    from journal.storage.crypto import WrongKey
    from journal.storage.store import JournalStore

    home = _home()
    if not JournalStore.exists(home):
        raise Fail(f"no journal in {home}: nothing to recover")
    key = ask_secret("Recovery key", file=recovery_key_file, what="recovery key")
    try:
        store = JournalStore.unlock_with_recovery(home, key)
    except WrongKey as exc:
        raise Fail(f"{exc}; check it against what you wrote down", EXIT_WRONG_KEY) from None
    with store:
        new = ask_secret("New passphrase", file=new_passphrase_file, what="new passphrase",
                         confirm=True)
        check_new_passphrase(new)
        store.change_passphrase(new)
    click.echo("New passphrase set. Your recovery key still works; keep it safe.")


# -- writing -----------------------------------------------------------------------------------


def _read_text(text: str | None, *, required: bool) -> str | None:
    """TEXT, or standard input for '-' (or when TEXT is left out and input is piped)."""
    if text == "-" or (text is None and required and not sys.stdin.isatty()):
        raw = sys.stdin.buffer.read()
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise Fail("standard input is not UTF-8 text; convert it to UTF-8 and try again") \
                from None
    if text is None and required:
        click.echo("Write your reflection, then press Ctrl-D on an empty line:", err=True)
        return sys.stdin.read()
    return text


def _parse_marks(specs: tuple[str, ...], fw: Framework, *, allow_none: bool) -> dict[str, Any]:
    marks: dict[str, Any] = {}
    for spec in specs:
        vid, _, mark = spec.partition(":")
        vid = vid.strip().lower()
        if fw.value(vid) is None:
            raise Fail(f"unknown value {vid!r}; the values of {fw.short_name or fw.name} are: "
                       f"{', '.join(fw.value_ids)}")
        mark = mark.strip().lower() or "tagged"
        if allow_none and mark == "none":
            marks[vid] = None
            continue
        try:
            marks[vid] = Mark(mark)
        except ValueError:
            raise Fail(f"--value {spec}: the mark after ':' must be lived or challenging "
                       "(or leave it off to just tag the value)") from None
    return marks


def _parse_checks(specs: tuple[str, ...], fw: Framework, *, allow_none: bool) -> dict[str, Any]:
    checks: dict[str, Any] = {}
    for spec in specs:
        bid, _sep, answer = spec.partition(":")
        bid = bid.strip().lower()
        if fw.behaviour(bid) is None:
            known = ", ".join(fw.behaviour_ids) or "(this framework has no behaviours)"
            raise Fail(f"unknown behaviour {bid!r}; the behaviours are: {known}")
        answer = answer.strip().lower()
        if allow_none and answer == "none":
            checks[bid] = None
            continue
        try:
            checks[bid] = Answer(answer)
        except ValueError:
            raise Fail(f"--behaviour {spec}: write ID:yes, ID:no or ID:n/a") from None
    return checks


def entry_options(command: Callable) -> Callable:
    """The options shared by `add` and `edit`."""
    options = [
        click.option("--title", "-t", help="A short title."),
        click.option("--kind", "-k", type=click.Choice([k.value for k in Kind]),
                     help="session, daily, supervision, learning or quick."),
        click.option("--date", "-d", "when", help="What it is about: YYYY-MM-DD [HH:MM], "
                     "DD/MM/YYYY, today, yesterday."),
        click.option("--value", "-v", "values", multiple=True, metavar="ID[:lived|:challenging]",
                     help="Mark a value (repeatable)."),
        click.option("--behaviour", "-b", "behaviours", multiple=True,
                     metavar="ID:yes|no|n/a", help="Answer a 'Did I…?' behaviour (repeatable)."),
        click.option("--question", "-q", help="A question to bring to supervision."),
        click.option("--person", "people", multiple=True, metavar="PSEUDONYM",
                     help="A person the entry mentions, by pseudonym such as P1 (repeatable)."),
        click.option("--tag", "tags", multiple=True, help="A free tag (repeatable)."),
        click.option("--mood", type=click.IntRange(1, 5), help="Wellbeing check-in: mood 1-5."),
        click.option("--energy", type=click.IntRange(1, 5), help="Wellbeing check-in: energy 1-5."),
        click.option("--need", help="Wellbeing check-in: what do I need?"),
        click.option("--action", "actions", multiple=True, metavar="TEXT",
                     help="A 'Now what?' action (repeatable)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@cli.command()
@click.argument("text", required=False)
@entry_options
@click.option("--flag", is_flag=True, help="Bring this entry to supervision.")
@passphrase_option
@click.pass_context
def add(ctx: click.Context, text: str | None, title, kind, when, values, behaviours, question,
        people, tags, mood, energy, need, actions, flag) -> None:
    """Write a new entry from TEXT, or '-' to read standard input. Prints the new id."""
    home = _home()
    fw = active_framework(home)
    marks = _parse_marks(values, fw, allow_none=False)
    checks = _parse_checks(behaviours, fw, allow_none=False)
    moment = parse_when(when) if when else datetime.now().astimezone()
    body = _read_text(text, required=not title) or ""
    entry = Entry(
        when=moment,
        kind=Kind(kind or "daily"),
        title=(title or "").strip(),
        body=body.strip("\n"),
        framework_id=fw.id,
        marks=marks,
        checks=checks,
        checkin=CheckIn(mood, energy, need or "") if (mood or energy or need) else None,
        actions=[Action(a) for a in actions],
        flagged=flag or bool(question),
        question=question or "",
        people=list(people),
        tags=list(tags),
    )
    entry.validate()  # before asking for the passphrase: a typo costs nothing
    with open_store(ctx) as store:
        saved = store.add(entry)
    click.echo(saved.id)


@cli.command()
@click.argument("entry_id")
@click.argument("text", required=False)
@entry_options
@click.option("--flag/--no-flag", default=None, help="Bring (or stop bringing) to supervision.")
@click.option("--done", "done_actions", multiple=True, metavar="ACTION_ID",
              help="Mark an action done (repeatable).")
@passphrase_option
@click.pass_context
def edit(ctx: click.Context, entry_id: str, text: str | None, title, kind, when, values,
         behaviours, question, people, tags, mood, energy, need, actions, flag,
         done_actions) -> None:
    """Change an entry. Only what you give changes; the old version stays in history.

    --value ID:none and --behaviour ID:none remove a mark or an answer.
    """
    home = _home()
    fw = active_framework(home)
    marks = _parse_marks(values, fw, allow_none=True)
    checks = _parse_checks(behaviours, fw, allow_none=True)
    body = _read_text(text, required=False)
    changes = [body, title, kind, when, question, mood, energy, need, flag]
    if all(c is None for c in changes) and not (marks or checks or people or tags or actions
                                                or done_actions):
        raise Fail("nothing to change: give new TEXT (or - for standard input) or an option "
                   "such as --title or --value; see `journal edit --help`")
    with open_store(ctx) as store:
        entry = store.get(entry_id)
        if body is not None:
            entry.body = body.strip("\n")
        if title is not None:
            entry.title = title.strip()
        if kind is not None:
            entry.kind = Kind(kind)
        if when is not None:
            entry.when = parse_when(when)
        for vid, mark in marks.items():
            if mark is None:
                entry.marks.pop(vid, None)
            else:
                entry.marks[vid] = mark
        for bid, answer in checks.items():
            if answer is None:
                entry.checks.pop(bid, None)
            else:
                entry.checks[bid] = answer
        if question is not None:
            entry.question = question
            entry.flagged = entry.flagged or bool(question)
        if flag is not None:
            entry.flagged = flag
        entry.people.extend(p for p in people if p not in entry.people)
        entry.tags.extend(t for t in tags if t not in entry.tags)
        if mood is not None or energy is not None or need is not None:
            checkin = entry.checkin or CheckIn()
            checkin.mood = mood if mood is not None else checkin.mood
            checkin.energy = energy if energy is not None else checkin.energy
            checkin.need = need if need is not None else checkin.need
            entry.checkin = checkin
        entry.actions.extend(Action(a) for a in actions)
        for action_id in done_actions:
            match = [a for a in entry.actions if a.id.startswith(action_id)]
            if len(match) != 1:
                raise Fail(f"no single action with id {action_id!r}; see `journal show "
                           f"{short_id(entry.id)} --json`")
            match[0].done = True
        if entry.framework_id and entry.framework_id != fw.id and (marks or checks):
            entry.framework_id = fw.id
        saved = store.update(entry)
    click.echo(saved.id)


@cli.command()
@click.argument("entry_id")
@passphrase_option
@click.pass_context
def delete(ctx: click.Context, entry_id: str) -> None:
    """Delete an entry (undo with `journal restore`)."""
    with open_store(ctx) as store:
        full = store.resolve(entry_id)
        store.delete(full)
    click.echo(f"Deleted {short_id(full)}. Undo with: journal restore {short_id(full)}")


@cli.command()
@click.argument("entry_id")
@passphrase_option
@click.pass_context
def restore(ctx: click.Context, entry_id: str) -> None:
    """Bring back a deleted entry."""
    with open_store(ctx) as store:
        entry = store.restore(entry_id)
    click.echo(f"Restored {short_id(entry.id)}: {entry.title or '(untitled)'}")


# -- reading -----------------------------------------------------------------------------------


@cli.command(name="list")
@click.option("--since", help="From this day (YYYY-MM-DD, DD/MM/YYYY, 4w …).")
@click.option("--until", help="Up to and including this day.")
@click.option("--value", "-v", "values", multiple=True, help="Entries marked with this value.")
@click.option("--behaviour", "-b", "behaviours", multiple=True, metavar="ID[:ANSWER]",
              help="Entries that answered this behaviour (optionally with this answer).")
@click.option("--kind", "-k", "kinds", multiple=True, type=click.Choice([k.value for k in Kind]))
@click.option("--flagged", is_flag=True, help="Only entries to bring to supervision.")
@click.option("--deleted", "include_deleted", is_flag=True, help="Include deleted entries.")
@click.option("--limit", "-n", type=click.IntRange(min=0), help="At most N entries.")
@click.option("--json", "as_json", is_flag=True, help="One JSON document (see README).")
@passphrase_option
@click.pass_context
def list_(ctx: click.Context, since, until, values, behaviours, kinds, flagged, include_deleted,
          limit, as_json) -> None:
    """List entries, newest first."""
    from journal.storage.store import EntryFilter

    selection = EntryFilter(
        since=parse_day(since) if since else None,
        until=parse_day(until) if until else None,
        values=[v.lower() for v in values],
        behaviours=[b.lower() for b in behaviours],
        kinds=list(kinds),
        flagged=flagged,
        include_deleted=include_deleted,
        limit=limit,
    )
    with open_store(ctx) as store:
        if as_json:
            chosen = store.select(selection)
            warn_damage(store)
            dump_json({"count": len(chosen.entries), "matched": chosen.matched,
                       "total": chosen.total, "entries": [entry_json(e) for e in chosen.entries]})
            return
        chosen = store.select_summaries(selection)
        warn_damage(store)
    echo_lines(entry_table(chosen.summaries))
    click.echo(f"{len(chosen.summaries)} of {chosen.matched} matching · {chosen.total} in the "
               "journal", err=True)


@cli.command()
@click.argument("entry_id")
@click.option("--json", "as_json", is_flag=True, help="One JSON document (see README).")
@passphrase_option
@click.pass_context
def show(ctx: click.Context, entry_id: str, as_json: bool) -> None:
    """Show one entry (a unique prefix of its id is enough)."""
    home = _home()
    with open_store(ctx) as store:
        entry = store.get(entry_id)
        warn_damage(store)
    if as_json:
        dump_json(entry_json(entry))
        return
    catalogue = Catalogue.for_home(home, active_framework(home))
    click.echo("\n".join(entry_page(entry, catalogue)))


@cli.command()
@click.argument("entry_id")
@click.option("--json", "as_json", is_flag=True, help="One JSON document (see README).")
@passphrase_option
@click.pass_context
def history(ctx: click.Context, entry_id: str, as_json: bool) -> None:
    """Every saved version of an entry, oldest first."""
    with open_store(ctx) as store:
        revisions = store.history(entry_id)
    if as_json:
        dump_json({
            "id": revisions[0].entry_id if revisions else entry_id,
            "revisions": [
                {
                    "revision": r.id,
                    "parents": list(r.parents),
                    "device": r.device_id,
                    "clock": r.clock,
                    "deleted": r.deleted,
                    "damaged": r.entry is None,
                    "entry": entry_json(r.entry) if r.entry else None,
                }
                for r in revisions
            ],
        })
        return
    click.echo("\n".join(history_lines(revisions)))


@cli.command()
@click.argument("text", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON document (see README).")
@passphrase_option
@click.pass_context
def search(ctx: click.Context, text: tuple[str, ...], as_json: bool) -> None:
    """Find entries containing every word of TEXT (any case, any accents)."""
    query = " ".join(text)
    with open_store(ctx) as store:
        hits = store.search(query, parallel=True)
        warn_damage(store)
    if as_json:
        dump_json({
            "query": query,
            "count": len(hits),
            "results": [
                {"id": h.entry.id, "date": h.entry.when.isoformat(), "kind": str(h.entry.kind),
                 "title": h.entry.title, "snippet": h.snippet}
                for h in hits
            ],
        })
        return
    lines = []
    for hit in hits:
        e = hit.entry
        lines.append(f"{short_id(e.id)}  {e.when:%Y-%m-%d}  {e.title}")
        lines.append(f"    {hit.snippet}")
    echo_lines(lines)
    click.echo(f"{len(hits)} entr{'y' if len(hits) == 1 else 'ies'} found", err=True)


@cli.command()
@click.option("--period", "-p", default="4w", show_default=True, metavar="4w|3m|12m|all|FROM..TO",
              help="The period: the last 4 weeks, 13 weeks, 52 weeks, the whole journal, or "
                   "two dates (either may be left out).")
@click.option("--json", "as_json", is_flag=True, help="One JSON document (see README).")
@passphrase_option
@click.pass_context
def trends(ctx: click.Context, period: str, as_json: bool) -> None:
    """How practice changes: values, the check-list, change, challenges, writing."""

    from journal.domain import trends as figures

    today = date.today()
    try:
        figures.parse_period(period, today)  # a typo fails before the passphrase is asked
    except figures.PeriodError as exc:
        raise Fail(str(exc)) from None
    home = _home()
    with open_store(ctx) as store:
        points = figures.Points.from_facts(store.entry_facts())
        warn_damage(store)
    chosen = figures.parse_period(period, today, points.first)
    framework = active_framework(home)
    names = figures.Names(framework, Catalogue.for_home(home, framework))
    result = figures.compute(points, chosen, names, today, load_settings(home).streaks)
    if as_json:
        dump_json(figures.to_json(result))
        return
    from rich.console import Console

    from journal.present.trends import everything

    console = Console(highlight=False, soft_wrap=False)
    for part in everything(result, console.width):
        console.print(part)


@cli.command()
@passphrase_option
@click.pass_context
def verify(ctx: click.Context) -> None:
    """Open every saved revision; list damaged ones (exit 1 if any)."""
    with open_store(ctx) as store:
        checked, damaged = store.verify()
    for d in damaged:
        click.echo(f"damaged: entry {short_id(d.entry_id)} revision {short_id(d.revision_id)}: "
                   f"{d.reason}")
    if damaged:
        raise Fail(f"{len(damaged)} of {checked} revisions are damaged; the others are intact. "
                   "Restore the journal file from a backup or sync to recover them.")
    click.echo(f"All {checked} revisions open and are intact.")


# -- import ------------------------------------------------------------------------------------


@cli.group(name="import", cls=JournalGroup)
def import_() -> None:
    """Bring entries in from other journals."""


@import_.command(name="jrnl")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@passphrase_option
@click.pass_context
def import_jrnl(ctx: click.Context, file: Path) -> None:
    """Import a jrnl JSON export (`jrnl --export json > FILE`)."""
    from journal.importers.jrnl import plan_import, read_jrnl_export

    home = _home()
    fw = active_framework(home)
    read_jrnl_export(file)  # report a bad file before asking for the passphrase
    with open_store(ctx) as store:
        existing = {e.source for e in store.entries(include_deleted=True) if e.source}
        plan = plan_import(file, fw, existing)
        store.add_many(plan.entries)
    skipped = f" ({plan.skipped_duplicates} already imported, skipped)" \
        if plan.skipped_duplicates else ""
    click.echo(f"Imported {len(plan.entries)} entries from {file}{skipped}.")


# -- frameworks --------------------------------------------------------------------------------


@cli.group(name="framework", cls=JournalGroup)
def framework_group() -> None:
    """Check, list and choose values frameworks."""


@framework_group.command(name="check")
@click.argument("file", type=click.Path(path_type=Path))
def framework_check(file: Path) -> None:
    """Validate a framework file; print each problem as FILE:LINE: message."""
    fw = frameworks.load_framework_file(file)
    click.echo(f"{file}: OK: {fw.name} ({len(fw.values)} values, {len(fw.behaviours)} "
               "behaviours)")


@framework_group.command(name="list")
def framework_list() -> None:
    """The frameworks you can use; * marks the active one."""
    home = _home()
    active = load_settings(home).framework
    for ident, path in frameworks.available(home).items():
        try:
            fw = frameworks.load_framework_file(path)
            detail = f"{fw.name} ({len(fw.values)} values, {len(fw.behaviours)} behaviours)"
        except FrameworkError as exc:
            detail = f"cannot be used: {exc.problems[0]}"
        click.echo(f"{'*' if ident == active else ' '} {ident:<22} {detail}")


@framework_group.command(name="use")
@click.argument("name_or_file")
def framework_use(name_or_file: str) -> None:
    """Switch to a framework. Old entries keep their tags."""
    home = _home()
    fw = frameworks.resolve(name_or_file, home)
    if not (home / "journal.db").exists():
        raise Fail(f"no journal in {home}: run `journal init --framework {name_or_file}`")
    frameworks.install(fw, home)
    settings = load_settings(home)
    settings.framework = fw.id
    save_settings(home, settings)
    click.echo(f"Now using {fw.name}. Entries tagged with other frameworks keep their tags.")


@framework_group.command(name="show")
@click.argument("name_or_file", required=False)
def framework_show(name_or_file: str | None) -> None:
    """Print a framework's values and behaviours (the active one by default)."""
    home = _home()
    fw = frameworks.resolve(name_or_file, home) if name_or_file else active_framework(home)
    click.echo(f"{fw.name}\nSource: {fw.source}\n")
    for v in fw.values:
        click.echo(f"{v.id}: {v.name}. {v.belief}")
        for s in v.statements:
            click.echo(f"    - {s}")
    for area in frameworks.AREAS:
        rows = fw.behaviours_in(area)
        if rows:
            click.echo(f"\n{frameworks.AREA_NAMES[area]}: {fw.checklist_prompt}")
            for b in rows:
                click.echo(f"  {b.id:<26} {b.text}")


# people, supervisor and export live in their own module; registered here so `journal --help`
# lists them with the rest.
from journal.cli.export import export, people_group, supervisor_group  # noqa: E402

cli.add_command(people_group)
cli.add_command(supervisor_group)
cli.add_command(export)

from journal.cli.sync import COMMANDS as SYNC_COMMANDS  # noqa: E402

for _command in SYNC_COMMANDS:
    cli.add_command(_command)


def main() -> None:
    """Run the command, then leave without interpreter teardown.

    Every command has committed and closed the journal before it returns, so after flushing the
    output there is nothing left to clean up; skipping the teardown of thousands of decrypted
    objects saves about 0.1 s on a large journal.
    """
    try:
        cli(prog_name="journal")
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)

