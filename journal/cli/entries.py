"""`journal add`, `edit`, `delete` and `restore`: writing entries.

Everything a typo can get wrong (an unknown value, a bad date, an empty text) is checked before
the passphrase is asked, so a mistake costs nothing.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from journal.cli.base import F, Fail, open_session, passphrase_option, session_here
from journal.domain.dates import parse_when
from journal.domain.framework import Framework
from journal.domain.model import Action, Answer, CheckIn, Entry, Kind, Mark
from journal.present.entry_text import short_id


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


def _parse_marks(specs: tuple[str, ...], fw: Framework, *,
                 allow_none: bool) -> dict[str, Mark | None]:
    """`ID[:lived|:challenging]` each; with `allow_none` (edit), `ID:none` (None) removes one."""
    marks: dict[str, Mark | None] = {}
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


def _parse_checks(specs: tuple[str, ...], fw: Framework, *,
                  allow_none: bool) -> dict[str, Answer | None]:
    """`ID:yes|no|n/a` each; with `allow_none` (edit), `ID:none` (None) removes one."""
    checks: dict[str, Answer | None] = {}
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


def entry_options(command: F) -> F:
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


editor_option = click.option(
    "--editor", "use_editor", is_flag=True,
    help="Write the text in your $EDITOR (a private temporary file, removed afterwards).")


def _in_editor(home: Path, title: str, body: str) -> tuple[str | None, str]:
    """The text as the writer's editor leaves it: (a new title from a first line `# Title`,
    or None; the text). The first time, says where the text sits meanwhile."""
    from journal.session import external_editor

    external_editor.editor_command()  # no editor set: say so before anything else
    if external_editor.first_use(home):
        click.echo(external_editor.notice(), err=True)
    return external_editor.split(external_editor.edit(external_editor.compose(title, body)))


@click.command()
@click.argument("text", required=False)
@entry_options
@click.option("--flag", is_flag=True, help="Bring this entry to supervision.")
@editor_option
@passphrase_option
@click.pass_context
def add(ctx: click.Context, text: str | None, title: str | None, kind: str | None,
        when: str | None, values: tuple[str, ...], behaviours: tuple[str, ...],
        question: str | None, people: tuple[str, ...], tags: tuple[str, ...], mood: int | None,
        energy: int | None, need: str | None, actions: tuple[str, ...], flag: bool,
        use_editor: bool) -> None:
    """Write a new entry from TEXT, or '-' to read standard input (or --editor). Prints the
    new id."""
    session = session_here()
    fw = session.framework
    marks = _parse_marks(values, fw, allow_none=False)
    checks = _parse_checks(behaviours, fw, allow_none=False)
    moment = parse_when(when) if when is not None else datetime.now().astimezone()
    body = (text or "") if use_editor else _read_text(text, required=not title) or ""
    entry = Entry(
        when=moment,
        kind=Kind(kind or "daily"),
        title=(title or "").strip(),
        body=body.strip("\n"),
        framework_id=fw.id,
        marks={vid: mark for vid, mark in marks.items() if mark is not None},
        checks={bid: answer for bid, answer in checks.items() if answer is not None},
        checkin=CheckIn(mood, energy, need or "") if (mood or energy or need) else None,
        actions=[Action(a) for a in actions],
        flagged=flag or bool(question),
        question=question or "",
        people=list(people),
        tags=list(tags),
    )
    if not use_editor:
        entry.validate()  # before asking for the passphrase: a typo costs nothing
    with open_session(ctx, session) as opened:
        if use_editor:  # after the passphrase: a wrong one must not cost the writing
            new_title, entry.body = _in_editor(session.home, entry.title, entry.body)
            entry.title = entry.title if new_title is None else new_title
            if not entry.title.strip() and not entry.body.strip():
                raise Fail("nothing saved: the editor left no text")
        saved = opened.save(entry)
    click.echo(saved.id)


@click.command()
@click.argument("entry_id")
@click.argument("text", required=False)
@entry_options
@click.option("--flag/--no-flag", default=None, help="Bring (or stop bringing) to supervision.")
@click.option("--done", "done_actions", multiple=True, metavar="ACTION_ID",
              help="Mark an action done (repeatable).")
@editor_option
@passphrase_option
@click.pass_context
def edit(ctx: click.Context, entry_id: str, text: str | None, title: str | None,
         kind: str | None, when: str | None, values: tuple[str, ...],
         behaviours: tuple[str, ...], question: str | None, people: tuple[str, ...],
         tags: tuple[str, ...], mood: int | None, energy: int | None, need: str | None,
         actions: tuple[str, ...], flag: bool | None, done_actions: tuple[str, ...],
         use_editor: bool) -> None:
    """Change an entry. Only what you give changes; the old version stays in history.

    --value ID:none and --behaviour ID:none remove a mark or an answer. --editor opens the
    title (as a first line '# Title') and the text in your $EDITOR.
    """
    session = session_here()
    fw = session.framework
    marks = _parse_marks(values, fw, allow_none=True)
    checks = _parse_checks(behaviours, fw, allow_none=True)
    moment = parse_when(when) if when is not None else None
    if use_editor and text is not None:
        raise Fail("give new TEXT or --editor, not both")
    body = None if use_editor else _read_text(text, required=False)
    changes = [body, title, kind, when, question, mood, energy, need, flag]
    others = not all(c is None for c in changes[1:]) or bool(
        marks or checks or people or tags or actions or done_actions)
    if body is None and not others and not use_editor:
        raise Fail("nothing to change: give new TEXT (or - for standard input) or an option "
                   "such as --title or --value; see `journal edit --help`")
    with open_session(ctx, session) as opened:
        entry = opened.get(entry_id)
        if use_editor:
            new_title, body = _in_editor(session.home, title or entry.title, entry.body)
            title = new_title if new_title is not None else title
            if body == entry.body and title in (None, entry.title) and not others:
                click.echo("Nothing changed: the entry is as it was.", err=True)
                click.echo(entry.id)
                return
        if body is not None:
            entry.body = body.strip("\n")
        if title is not None:
            entry.title = title.strip()
        if kind is not None:
            entry.kind = Kind(kind)
        if moment is not None:
            entry.when = moment
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
        saved = opened.save(entry)
    click.echo(saved.id)


@click.command()
@click.argument("entry_id")
@passphrase_option
@click.pass_context
def delete(ctx: click.Context, entry_id: str) -> None:
    """Delete an entry (undo with `journal restore`)."""
    with open_session(ctx) as session:
        full = session.delete(entry_id)
    click.echo(f"Deleted {short_id(full)}. Undo with: journal restore {short_id(full)}")


@click.command()
@click.argument("entry_id")
@passphrase_option
@click.pass_context
def restore(ctx: click.Context, entry_id: str) -> None:
    """Bring back a deleted entry."""
    with open_session(ctx) as session:
        entry = session.restore(entry_id)
    click.echo(f"Restored {short_id(entry.id)}: {entry.title or '(untitled)'}")


COMMANDS = [add, edit, delete, restore]
