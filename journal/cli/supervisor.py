"""`journal supervisor`: supervisors' age public keys, to seal supervision packs to."""

from __future__ import annotations

import click

from journal.cli.base import JournalGroup, echo_lines, open_session, passphrase_option


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
    with open_session(ctx) as session:
        supervisor, replaced = session.save_supervisor(name, age_key)
    click.echo(f"{supervisor.name}: {supervisor.key}"
               + (" (replaces the key saved before)" if replaced else ""))


@supervisor_group.command(name="list")
@passphrase_option
@click.pass_context
def supervisor_list(ctx: click.Context) -> None:
    """Every saved supervisor and their public key."""
    with open_session(ctx) as session:
        saved = session.supervisors()
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
    with open_session(ctx) as session:
        supervisor = session.remove_supervisor(name)
    click.echo(f"Removed {supervisor.name}")


COMMANDS = [supervisor_group]
