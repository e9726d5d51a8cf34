"""`journal framework`: check, list, show and choose values frameworks.

None of these needs the passphrase: the active framework is a device setting, and a framework
file holds nothing the writer wrote.
"""

from __future__ import annotations

from pathlib import Path

import click

from journal.cli.base import JournalGroup, no_journal, session_here
from journal.domain import framework as frameworks
from journal.domain.framework import FrameworkError


@click.group(name="framework", cls=JournalGroup)
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
    session = session_here()
    active = session.settings.framework
    for ident, path in frameworks.available(session.home).items():
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
    session = session_here()
    if not session.exists:
        raise no_journal(session, f"run `journal init --framework {name_or_file}`")
    session.use_framework(name_or_file)
    click.echo(f"Now using {session.framework.name}. Entries tagged with other frameworks keep "
               "their tags.")


@framework_group.command(name="show")
@click.argument("name_or_file", required=False)
def framework_show(name_or_file: str | None) -> None:
    """Print a framework's values and behaviours (the active one by default)."""
    session = session_here()
    fw = session.framework_named(name_or_file) if name_or_file else session.framework
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


COMMANDS = [framework_group]
