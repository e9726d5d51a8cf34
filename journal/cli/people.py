"""`journal people`: the people you support, whose names exports replace with a pseudonym."""

from __future__ import annotations

import click

from journal.cli.base import JournalGroup, echo_lines, open_session, passphrase_option


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
    with open_session(ctx) as session:
        person = session.add_person(name, list(aliases), pseudonym)
    click.echo(f"{person.name} is {person.pseudonym} in exports")


@people_group.command(name="list")
@passphrase_option
@click.pass_context
def people_list(ctx: click.Context) -> None:
    """Everyone on your people list, with their pseudonym and other names."""
    with open_session(ctx) as session:
        everyone = session.people()
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
    with open_session(ctx) as session:
        person = session.find_person(name)
        session.remove_person(person.record_id)
    click.echo(f"Removed {person.name} ({person.pseudonym}); their pseudonym is free again")


COMMANDS = [people_group]
