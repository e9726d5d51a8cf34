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


COMMANDS = [import_group]
