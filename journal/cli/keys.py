"""`journal init`, `passwd` and `recover`: making the journal and its keys.

The work is the session's (`Session.create`, `change_passphrase`, `unlock_with_recovery`); the
rule a new passphrase must meet lives in `journal.domain.passphrase`.
"""

from __future__ import annotations

import click

from journal.cli.base import (
    EXIT_WRONG_KEY,
    Fail,
    ask_secret,
    no_journal,
    open_session,
    passphrase_file,
    passphrase_option,
    session_here,
)
from journal.domain.framework import DEFAULT_FRAMEWORK
from journal.domain.passphrase import check_new
from journal.errors import WrongSecret

NEW_PASSPHRASE_FILE = click.option(
    "--new-passphrase-file", type=click.Path(dir_okay=False),
    help="Read the new passphrase from the first line of FILE (for scripts).")


def _new_passphrase(file: str | None, prompt: str = "New passphrase",
                    what: str = "new passphrase") -> str:
    """A new passphrase, typed twice, checked against the rule before anything else happens."""
    new = ask_secret(prompt, file=file, what=what, confirm=True)
    check_new(new)
    return new


@click.command()
@click.option("--framework", "framework_name", default=DEFAULT_FRAMEWORK,
              show_default=True, help="A shipped framework's name or a framework .toml file.")
@passphrase_option
@click.pass_context
def init(ctx: click.Context, framework_name: str) -> None:
    """Create a new journal and show its recovery key (once)."""
    session = session_here()
    if session.exists:
        raise Fail(f"a journal already exists in {session.home}; nothing was changed")
    session.framework_named(framework_name)  # a typo fails before the passphrase is asked
    passphrase = _new_passphrase(passphrase_file(ctx), "Choose a passphrase", "passphrase")
    try:
        recovery = session.create(passphrase, framework_name)
    finally:
        session.lock()
    click.echo(f"Created a journal in {session.home}, using the {session.framework.name}.")
    click.echo("")
    click.echo("Your recovery key (shown only this once):")
    click.echo("")
    click.echo(f"    {recovery}")
    click.echo("")
    click.echo("Write it down and keep it somewhere safe, away from this computer. If you forget "
               "your passphrase, `journal recover` with this key is the only way back in.")


@click.command()
@passphrase_option
@NEW_PASSPHRASE_FILE
@click.pass_context
def passwd(ctx: click.Context, new_passphrase_file: str | None) -> None:
    """Change the passphrase. Entries are not re-encrypted; the recovery key still works."""
    with open_session(ctx) as session:
        session.change_passphrase(_new_passphrase(new_passphrase_file))
    click.echo("Passphrase changed.")


@click.command()
@click.option("--recovery-key-file", type=click.Path(dir_okay=False),
              help="Read the recovery key from the first line of FILE (for scripts).")
@NEW_PASSPHRASE_FILE
def recover(recovery_key_file: str | None, new_passphrase_file: str | None) -> None:
    """Set a new passphrase using the recovery key shown at `journal init`."""
    session = session_here()
    if not session.exists:
        raise no_journal(session, "nothing to recover")
    key = ask_secret("Recovery key", file=recovery_key_file, what="recovery key")
    try:
        session.unlock_with_recovery(key)
    except WrongSecret as exc:
        raise Fail(f"{exc}; check it against what you wrote down", EXIT_WRONG_KEY) from None
    try:
        session.change_passphrase(_new_passphrase(new_passphrase_file))
    finally:
        session.lock()
    click.echo("New passphrase set. Your recovery key still works; keep it safe.")


COMMANDS = [init, passwd, recover]
