"""`journal people`: the people you support, whose names exports replace with a pseudonym, and
the words you have marked "not a name", which exports leave as written."""

from __future__ import annotations

import click

from journal.cli.base import Fail, JournalGroup, echo_lines, open_session, passphrase_option


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
    echo_lines([f"{p.pseudonym:<5} {p.name}"
                + (f"  (also: {', '.join(p.aliases)})" if p.aliases else "")
                + (f"  (was {', '.join(p.former)})" if p.former else "") for p in everyone])


@people_group.command(name="remove")
@click.argument("name")
@passphrase_option
@click.pass_context
def people_remove(ctx: click.Context, name: str) -> None:
    """Take someone off your people list (by name or pseudonym)."""
    with open_session(ctx) as session:
        person = session.find_person(name)
        session.remove_person(person.record_id)
    click.echo(f"Removed {person.name}; {person.pseudonym} is retired and never given to anyone "
               f"else (add {person.name} again to give it back)")


@people_group.command(name="not-a-name")
@click.argument("words", nargs=-1)
@click.option("--remove", is_flag=True, help="Forget these words: exports may find them again.")
@passphrase_option
@click.pass_context
def people_not_a_name(ctx: click.Context, words: tuple[str, ...], remove: bool) -> None:
    """Mark WORDS as not names (a place, a service, a nickname for a thing): every later export
    leaves them as written. Without WORDS, list those marked (kept encrypted)."""
    with open_session(ctx) as session:
        if not words:
            if remove:
                raise Fail("give the words to forget: `journal people not-a-name --remove WORD`")
            marked = session.not_names()
        elif remove:
            for word in words:
                session.remove_not_a_name(word)
        else:
            for word in words:
                session.add_not_a_name(word)
    if not words:
        if marked:
            echo_lines(marked)
        else:
            click.echo("No words marked \"not a name\" yet: `journal people not-a-name WORD`, "
                       "or n on a finding in the app's export review.", err=True)
        return
    said = ", ".join(words)
    click.echo(f"Exports may find {said} again." if remove else
               f"Exports leave {said} as written from now on.")


COMMANDS = [people_group]
