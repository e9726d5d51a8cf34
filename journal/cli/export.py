"""`journal export` and `journal export log`: a supervision pack, and what has been shared.

Thin: the work is in `journal.export` (choose -> scrub -> review -> render -> seal -> write + log),
reached through the session. These commands parse options, ask for what they need, and say what
happens before it happens (above all, when a file would be written unencrypted).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from journal.cli.base import (
    Fail,
    JournalGroup,
    ask_secret,
    echo_lines,
    entries_word,
    open_session,
    passphrase_option,
)
from journal.cli.progress import progress
from journal.domain.dates import parse_day
from journal.domain.filter import EntryFilter
from journal.domain.model import Entry, Kind
from journal.domain.passphrase import check_new
from journal.present.entry_text import short_id

if TYPE_CHECKING:
    from journal.export.log import Shared
    from journal.export.pack import Review


@click.group(name="export", cls=JournalGroup, invoke_without_command=True)
@click.option("--flagged", is_flag=True, help="Entries flagged to bring to supervision.")
@click.option("--since", help="From this day (YYYY-MM-DD, DD/MM/YYYY, 4w …).")
@click.option("--until", help="Up to and including this day.")
@click.option("--value", "-v", "values", multiple=True, metavar="ID[:MARK]",
              help="Entries marked with this value (ID:lived or ID:challenging for that mark).")
@click.option("--kind", "-k", "kinds", multiple=True, type=click.Choice([k.value for k in Kind]))
@click.option("--id", "ids", multiple=True, help="This entry (a unique start of its id).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "pdf", "json"]), default="md",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write (default: supervision-DATE.FORMAT here, + .age if sealed).")
@click.option("--to", "to", multiple=True, metavar="NAME",
              help="Seal with age to this saved supervisor (repeatable).")
@click.option("--passphrase", "use_passphrase", is_flag=True,
              help="Seal with age and a passphrase you type (instead of --to).")
@click.option("--pack-passphrase-file", type=click.Path(dir_okay=False),
              help="With --passphrase, for scripts: read it from the first line of FILE.")
@click.option("--include-wellbeing", is_flag=True, help="Include wellbeing check-ins.")
@click.option("--keep", "keeps", multiple=True, metavar="TEXT",
              help="Leave this finding as it is, in any case (repeatable).")
@click.option("--add-person", "add_people", multiple=True, metavar="NAME",
              help="Add NAME to your people list first (a new pseudonym), so this and every "
                   "later export replaces it with that pseudonym (repeatable).")
@click.option("--not-a-name", "not_names", multiple=True, metavar="WORD",
              help="Remember WORD is not a name, so this and every later export leaves it as "
                   "written (repeatable; `journal people not-a-name` lists them).")
@click.option("--dry-run", is_flag=True, help="Print what would be replaced; write no file.")
@passphrase_option
@click.pass_context
def export(ctx: click.Context, flagged: bool, since: str | None, until: str | None,
           values: tuple[str, ...], kinds: tuple[str, ...], ids: tuple[str, ...], fmt: str,
           output: Path | None, to: tuple[str, ...], use_passphrase: bool,
           pack_passphrase_file: str | None, include_wellbeing: bool, keeps: tuple[str, ...],
           add_people: tuple[str, ...], not_names: tuple[str, ...], dry_run: bool) -> None:
    """Write a supervision pack of chosen entries with names and identifying details replaced.

    Every finding is replaced unless kept with --keep; --dry-run shows them first. A "maybe a
    name" is learned from: --add-person NAME puts them on your people list, --not-a-name WORD
    leaves the word alone from now on. With --to or --passphrase the file is sealed with age
    and opens with the standard `age` tool."""
    if ctx.invoked_subcommand is not None:
        return
    from journal.export import scrub, write

    if to and use_passphrase:
        raise Fail("age seals a file either to people's keys (--to) or with a passphrase "
                   "(--passphrase), not both: export twice if you need both")
    if pack_passphrase_file and not use_passphrase:
        raise Fail("--pack-passphrase-file goes with --passphrase")
    chosen_by = EntryFilter(flagged=flagged, since=parse_day(since) if since else None,
                            until=parse_day(until) if until else None,
                            values=[v.lower() for v in values], kinds=list(kinds), ids=list(ids))
    target = write.target_path(output, fmt, bool(to) or use_passphrase)
    if not dry_run:
        write.check_target(target)
    with open_session(ctx) as session:
        for name in add_people:
            listed = {p.name.casefold(): p for p in session.people()}
            person = listed.get(" ".join(name.split()).casefold())
            if person is None:
                person = session.add_person(name, [])
                click.echo(f"Added {person.name} to your people list as {person.pseudonym}.",
                           err=True)
            else:
                click.echo(f"{person.name} is already on your people list as "
                           f"{person.pseudonym}.", err=True)
        for word in not_names:
            session.add_not_a_name(word)
        if not_names:
            click.echo(f"Marked not a name: {', '.join(not_names)} (every later export leaves "
                       "them as written).", err=True)
        with progress("Scrubbing", "entries") as told:
            entries, review = session.export_choose(chosen_by, include_wellbeing, told)
        if not entries:
            raise Fail("no entries match; try --flagged, --since, --value or --id")
        review.keep_matching(scrub.keep_texts(keeps))
        if dry_run:
            echo_lines(_findings_lines(entries, review))
            click.echo(f"{entries_word(len(entries))}; {review.replaced_count} findings would be "
                       f"replaced, {review.kept_count} kept. Nothing was written.", err=True)
            return
        sealing = write.Sealing([session.find_supervisor(name) for name in to])
        if use_passphrase:
            sealing.passphrase = ask_secret("Passphrase for the pack", file=pack_passphrase_file,
                                            what="pack passphrase", confirm=True)
            check_new(sealing.passphrase, "pack passphrase")  # before saying it is writing
        click.echo(f"Writing {target}: {sealing.describe()} ({entries_word(len(entries))}, "
                   f"{review.replaced_count} findings replaced, {review.kept_count} kept).",
                   err=True)
        written = session.write_export(entries, review, fmt, target, include_wellbeing, sealing)
    if written.missing:
        click.echo(f"note: {written.missing} characters are not in the PDF's font and were "
                   "simplified or shown as '?'; --format html shows every script", err=True)
    click.echo(str(target))


def _findings_lines(entries: list[Entry], review: Review) -> list[str]:
    by_id = {e.id: e for e in entries}
    lines = []
    for i, (place, finding, text) in enumerate(review.findings):
        before, what, after = finding.context(text)
        action = "keep" if review.is_kept(i) else f"→ {finding.replacement}"
        entry = by_id[place.entry_id]
        lines.append(f"{short_id(entry.id)} {entry.when:%Y-%m-%d} {place.field:<8} "
                     f"{finding.label:<24} {what!r} {action}   …{before}[{what}]{after}…")
    return lines


@export.command(name="log")
@passphrase_option
@click.pass_context
def export_log(ctx: click.Context) -> None:
    """What you have shared: every export, oldest first."""
    with open_session(ctx) as session:
        shared = session.export_history()
    if not shared:
        click.echo("Nothing exported yet.", err=True)
        return
    rows = [(s.when[:16].replace("T", " "), entries_word(len(s.entries)), s.format, _sealed(s),
             s.file, f"{s.replaced} replaced, {s.kept} kept", _reply(s)) for s in shared]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    echo_lines(["  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)),
                           row[-1]]) for row in rows])


def _reply(shared: Shared) -> str:
    """A sealed pack carries a way back: answered (when), or still waiting for a reply."""
    if shared.answered:
        return f"answered {shared.answered[:10]}"
    return "waiting for a reply" if shared.pack_id else ""


def _sealed(shared: Shared) -> str:
    if shared.to:
        return "sealed to " + ", ".join(shared.to)
    return "sealed with a passphrase" if shared.passphrase else "not sealed"


COMMANDS = [export]
