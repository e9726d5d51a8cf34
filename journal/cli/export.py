"""`journal people`, `journal supervisor` and `journal export`: sharing with a supervisor.

Thin: the work is in `journal.domain.people` and `journal.export` (select -> scrub -> render ->
seal -> write + log); these commands parse options, ask for what they need, and say what happens
before it happens (above all, when a file would be written unencrypted).
"""

from __future__ import annotations

from pathlib import Path

import click

from journal.cli import (
    JournalGroup,
    active_framework,
    echo_lines,
    open_store,
    passphrase_option,
)
from journal.cli import _home as journal_home
from journal.cli.base import Fail
from journal.cli.secrets import ask_secret
from journal.domain.dates import parse_day
from journal.domain.filter import EntryFilter
from journal.domain.framework import Catalogue
from journal.domain.model import Kind
from journal.present.entry_text import short_id

# -- people ------------------------------------------------------------------------------------


@click.group(name="people", cls=JournalGroup)
def people_group() -> None:
    """The people you support: exports replace their names with a pseudonym (P1, P2…)."""


@people_group.command(name="add")
@click.argument("name")
@click.option("--alias", "-a", "aliases", multiple=True,
              help="Another name they go by (repeatable); also replaced in exports.")
@click.option("--pseudonym", "-p", default="",
              help="Their pseudonym in exports (default: the next free P number).")
@passphrase_option
@click.pass_context
def people_add(ctx: click.Context, name: str, aliases: tuple[str, ...], pseudonym: str) -> None:
    """Add someone to your people list (kept encrypted)."""
    from journal.domain.people import save_person

    with open_store(ctx) as store:
        person = save_person(store, name, list(aliases), pseudonym)
    click.echo(f"{person.name} is {person.pseudonym} in exports")


@people_group.command(name="list")
@passphrase_option
@click.pass_context
def people_list(ctx: click.Context) -> None:
    """Everyone on your people list, with their pseudonym and other names."""
    from journal.domain.people import list_people

    with open_store(ctx) as store:
        everyone = list_people(store)
    if not everyone:
        click.echo("Nobody on your people list yet: `journal people add NAME`.", err=True)
        return
    echo_lines([f"{p.pseudonym:<5} {p.name}" + (f"  (also: {', '.join(p.aliases)})"
                                                  if p.aliases else "") for p in everyone])


@people_group.command(name="remove")
@click.argument("name")
@passphrase_option
@click.pass_context
def people_remove(ctx: click.Context, name: str) -> None:
    """Take someone off your people list (by name or pseudonym)."""
    from journal.domain.people import find_person, remove_person

    with open_store(ctx) as store:
        person = find_person(store, name)
        remove_person(store, person.record_id)
    click.echo(f"Removed {person.name} ({person.pseudonym}); their pseudonym is free again")


# -- supervisors -------------------------------------------------------------------------------


@click.group(name="supervisor", cls=JournalGroup)
def supervisor_group() -> None:
    """Supervisors you seal packs to, each with their age public key (age1…)."""


@supervisor_group.command(name="add")
@click.argument("name")
@click.argument("age_key", metavar="AGE_KEY")
@passphrase_option
@click.pass_context
def supervisor_add(ctx: click.Context, name: str, age_key: str) -> None:
    """Save a supervisor's public key (the age1… line `age-keygen` printed for them).

    Saving a name again replaces its key. Add your own public key too (say as "me") to be
    able to reopen what you seal."""
    from journal.export.supervisors import save_supervisor

    with open_store(ctx) as store:
        supervisor, replaced = save_supervisor(store, name, age_key)
    click.echo(f"{supervisor.name}: {supervisor.key}"
               + (" (replaces the key saved before)" if replaced else ""))


@supervisor_group.command(name="list")
@passphrase_option
@click.pass_context
def supervisor_list(ctx: click.Context) -> None:
    """Every saved supervisor and their public key."""
    from journal.export.supervisors import list_supervisors

    with open_store(ctx) as store:
        saved = list_supervisors(store)
    if not saved:
        click.echo("No supervisors saved yet: `journal supervisor add NAME AGE_KEY`.", err=True)
        return
    width = max(len(s.name) for s in saved)
    echo_lines([f"{s.name:<{width}}  {s.key}" for s in saved])


@supervisor_group.command(name="remove")
@click.argument("name")
@passphrase_option
@click.pass_context
def supervisor_remove(ctx: click.Context, name: str) -> None:
    """Forget a supervisor's key (packs already sealed to it still open for them)."""
    from journal.export.supervisors import remove_supervisor

    with open_store(ctx) as store:
        supervisor = remove_supervisor(store, name)
    click.echo(f"Removed {supervisor.name}")


# -- export ------------------------------------------------------------------------------------


@click.group(name="export", cls=JournalGroup, invoke_without_command=True)
@click.option("--flagged", is_flag=True, help="Entries flagged to bring to supervision.")
@click.option("--since", help="From this day (YYYY-MM-DD, DD/MM/YYYY, 4w …).")
@click.option("--until", help="Up to and including this day.")
@click.option("--value", "-v", "values", multiple=True, help="Entries marked with this value.")
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
@click.option("--dry-run", is_flag=True, help="Print what would be replaced; write nothing.")
@passphrase_option
@click.pass_context
def export(ctx: click.Context, flagged, since, until, values, kinds, ids, fmt, output, to,
           use_passphrase, pack_passphrase_file, include_wellbeing, keeps, dry_run) -> None:
    """Write a supervision pack of chosen entries with names and identifying details replaced.

    Every finding is replaced unless kept with --keep; --dry-run shows them first. With --to
    or --passphrase the file is sealed with age and opens with the standard `age` tool."""
    if ctx.invoked_subcommand is not None:
        return
    from journal.domain.people import list_people
    from journal.export import pack, scrub, write
    from journal.export.supervisors import find_supervisor

    if to and use_passphrase:
        raise Fail("age seals a file either to people's keys (--to) or with a passphrase "
                   "(--passphrase), not both: export twice if you need both")
    if pack_passphrase_file and not use_passphrase:
        raise Fail("--pack-passphrase-file goes with --passphrase")
    choice = EntryFilter(flagged=flagged, since=parse_day(since) if since else None,
                         until=parse_day(until) if until else None,
                         values=[v.lower() for v in values], kinds=list(kinds), ids=list(ids))
    target = output or write.default_path(fmt, bool(to) or use_passphrase)
    if not dry_run:
        write.check_target(target)
    home = journal_home()
    framework = active_framework(home)
    catalogue = Catalogue.for_home(home, framework)
    with open_store(ctx) as store:
        entries = pack.select(store, choice)
        if not entries:
            raise Fail("no entries match; try --flagged, --since, --value or --id")
        review = pack.review(entries, list_people(store), include_wellbeing)
        review.keep_matching(scrub.keep_texts(keeps))
        if dry_run:
            echo_lines(_findings_lines(entries, review))
            click.echo(f"{_entries(len(entries))}; {review.replaced_count} findings would be "
                       f"replaced, {review.kept_count} kept. Nothing was written.", err=True)
            return
        sealing = write.Sealing([find_supervisor(store, name) for name in to])
        if use_passphrase:
            sealing.passphrase = ask_secret("Passphrase for the pack", file=pack_passphrase_file,
                                            what="pack passphrase", confirm=True)
        click.echo(f"Writing {target}: {sealing.describe()} ({_entries(len(entries))}, "
                   f"{review.replaced_count} findings replaced, {review.kept_count} kept).",
                   err=True)
        written = write.write_pack(store, entries, review, fmt, target, framework, catalogue,
                                   include_wellbeing, sealing)
    if written.missing:
        click.echo(f"note: {written.missing} characters are not in the PDF's font and were "
                   "simplified or shown as '?'; --format html shows every script", err=True)
    click.echo(str(target))


def _entries(n: int) -> str:
    return f"{n} {'entry' if n == 1 else 'entries'}"


def _findings_lines(entries, review) -> list[str]:
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
    from journal.export.log import history

    with open_store(ctx) as store:
        shared = history(store)
    if not shared:
        click.echo("Nothing exported yet.", err=True)
        return
    echo_lines([f"{s.when[:16].replace('T', ' ')}  {_entries(len(s.entries))}  {s.format:<4} "
                f"{_sealed(s)}  {s.file}  ({s.replaced} replaced, {s.kept} kept)"
                for s in shared])


def _sealed(shared) -> str:
    if shared.to:
        return "sealed to " + ", ".join(shared.to)
    return "sealed with a passphrase" if shared.passphrase else "not sealed"


