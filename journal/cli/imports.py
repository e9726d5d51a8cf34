"""`journal import`: bringing entries in from other journals.

Every importer runs the same way (`journal.importers.common`): the whole source is
checked first, then new entries are added in batches; `--dry-run` stops after the check. The
summary says how many were imported, how many were already there, and what the source had that
the journal does not keep.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from journal.cli.base import JournalGroup, echo_lines, open_session, passphrase_option, session_here
from journal.cli.progress import progress
from journal.domain.framework import Framework
from journal.importers.common import Reader

dry_run_option = click.option("--dry-run", is_flag=True,
                              help="Check everything and print the summary; write nothing.")


@click.group(name="import", cls=JournalGroup)
def import_group() -> None:
    """Bring entries in from other journals."""


def _import(ctx: click.Context, source: Path, make_reader: Callable[[Framework], Reader],
            dry_run: bool) -> None:
    """Unlock, check every entry, add the new ones (unless dry), and print the summary."""
    from journal.importers.common import check, write

    with open_session(ctx, session_here()) as session:
        read = make_reader(session.framework)
        existing = session.sources()
        with progress("Checking", "entries") as report:
            summary = check(read, existing, report)
        summary.dry_run = dry_run
        if summary.imported and not dry_run:
            with progress("Importing", "entries") as report, session.bulk_add() as add:
                write(read, existing, add, summary.total, report)
    echo_lines(summary.lines(source))


@import_group.command(name="jrnl")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@dry_run_option
@passphrase_option
@click.pass_context
def import_jrnl(ctx: click.Context, file: Path, dry_run: bool) -> None:
    """Import a jrnl JSON export (`jrnl --export json > FILE`)."""
    from journal.importers import jrnl

    jrnl.check_file(file)  # a wrong file is told before the passphrase is asked
    _import(ctx, file, lambda fw: jrnl.reader(file, fw), dry_run)


@import_group.command(name="dayone")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--with-location", is_flag=True,
              help="Keep each entry's place (name, town, country) as the text's last line.")
@dry_run_option
@passphrase_option
@click.pass_context
def import_dayone(ctx: click.Context, file: Path, with_location: bool, dry_run: bool) -> None:
    """Import Day One's JSON export: the zip Day One writes, or the Journal.json in it."""
    from journal.importers import dayone

    dayone.check_file(file)
    _import(ctx, file, lambda fw: dayone.reader(file, fw, with_location), dry_run)


@import_group.command(name="markdown")
@click.argument("folder", type=click.Path(path_type=Path))
@dry_run_option
@passphrase_option
@click.pass_context
def import_markdown(ctx: click.Context, folder: Path, dry_run: bool) -> None:
    """Import every .md file in FOLDER and its folders, one entry each."""
    from journal.importers import markdown

    markdown.check_folder(folder)
    _import(ctx, folder, lambda fw: markdown.reader(folder, fw), dry_run)


@import_group.command(name="archive")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check everything and print the summary; write "
              "nothing.")
@passphrase_option
@click.pass_context
def import_archive(ctx: click.Context, file: Path, dry_run: bool) -> None:
    """Read back a JSON archive (`journal archive --format json`): ids kept, entries already
    here skipped, its people added to your people list."""
    from journal.cli.progress import progress
    from journal.importers.archive import check_start
    from journal.session.archive import import_archive as bring_in

    check_start(file)  # a file that is no archive is told before the passphrase is asked
    with open_session(ctx, session_here()) as session:
        assert session.store is not None
        with progress("Importing", "entries") as report:
            done = bring_in(session.store, file, dry_run=dry_run, progress=report)
    verb = "Would import" if dry_run else "Imported"
    lines = [f"{verb} {done.added} entries from {file}"
             + (f" ({done.skipped} already here, skipped)" if done.skipped else "") + "."]
    if done.people_added:
        lines.append(f"{'Would add' if dry_run else 'Added'} to your people list: "
                     f"{', '.join(done.people_added)}.")
    if done.deleted:
        lines.append(f"Left out: {done.deleted} deleted entries.")
    if done.earlier_versions:
        lines.append(f"Left out: {done.earlier_versions} earlier versions (each entry comes in "
                     "as its current version).")
    if dry_run:
        lines.append("Nothing was written (--dry-run).")
    click.echo("\n".join(lines))


COMMANDS = [import_group]
