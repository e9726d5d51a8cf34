"""`journal import`: bringing entries in from other journals."""

from __future__ import annotations

from pathlib import Path

import click

from journal.cli.base import JournalGroup, open_session, passphrase_option, session_here


@click.group(name="import", cls=JournalGroup)
def import_group() -> None:
    """Bring entries in from other journals."""


@import_group.command(name="jrnl")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@passphrase_option
@click.pass_context
def import_jrnl(ctx: click.Context, file: Path) -> None:
    """Import a jrnl JSON export (`jrnl --export json > FILE`)."""
    from journal.importers.jrnl import plan_import, read_jrnl_export

    read_jrnl_export(file)  # report a bad file before asking for the passphrase
    with open_session(ctx, session_here()) as session:
        plan = plan_import(file, session.framework, session.sources())
        session.add_many(plan.entries)
    skipped = f" ({plan.skipped_duplicates} already imported, skipped)" \
        if plan.skipped_duplicates else ""
    click.echo(f"Imported {len(plan.entries)} entries from {file}{skipped}.")


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
    from journal.importers.archive import read
    from journal.session.archive import import_archive as bring_in

    read(file)  # a bad file is told before the passphrase is asked
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
