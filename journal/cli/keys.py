"""`journal init`, `passwd`, `recover`, `recovery-key` and `rekey`: the journal and its keys.

The work is the session's (`Session.create`, `change_passphrase`, `unlock_with_recovery`); the
rule a new passphrase must meet lives in `journal.domain.passphrase`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from journal.session.facade import Session
    from journal.sync.engine import SyncReport

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
from journal.errors import JournalError, WrongSecret

RECOVERY_KEY_OUT = click.option(
    "--recovery-key-out", type=click.Path(dir_okay=False, path_type=Path),
    help="Write the recovery key to FILE, a new file only you can read, instead of showing it "
         "(it is shown only on a terminal).")

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
@RECOVERY_KEY_OUT
@passphrase_option
@click.pass_context
def init(ctx: click.Context, framework_name: str, recovery_key_out: Path | None) -> None:
    """Create a new journal and show its recovery key (once)."""
    session = session_here()
    if session.exists:
        raise Fail(f"a journal already exists in {session.home}; nothing was changed")
    session.framework_named(framework_name)  # a typo fails before the passphrase is asked
    _check_recovery_key_out(recovery_key_out)
    passphrase = _new_passphrase(passphrase_file(ctx), "Choose a passphrase", "passphrase")
    try:
        recovery = session.create(passphrase, framework_name)
    finally:
        session.lock()
    click.echo(f"Created a journal in {session.home}, using the {session.framework.name}.")
    _give_recovery_key(recovery, recovery_key_out)
    click.echo("Keep it somewhere safe, away from this computer. If you forget your passphrase, "
               "`journal recover` with this key is the only way back in.")


@click.command(name="recovery-key")
@RECOVERY_KEY_OUT
@passphrase_option
@click.pass_context
def recovery_key(ctx: click.Context, recovery_key_out: Path | None) -> None:
    """Replace the recovery key (after it was lost, or seen by someone else)."""
    _check_recovery_key_out(recovery_key_out)
    with open_session(ctx) as session:
        recovery = session.new_recovery_key()
    click.echo("The old recovery key no longer opens this journal, nor your other devices "
               "after their next sync.")
    _give_recovery_key(recovery, recovery_key_out)
    click.echo("Copies made before now (a backup, the first key file on a sync remote, which "
               "is never rewritten) still open with the old key together with that copy: the "
               "data key itself is unchanged. If someone may have both the old key and such a "
               "copy, run `journal rekey`, which changes the data key.")


def _sync_after(session: Session) -> SyncReport | None:
    """Sync at once after a rekey; a remote out of reach is said, not a failure of the rekey
    (which is done: the next `journal sync` sends it)."""
    try:
        return session.sync_now()
    except JournalError as exc:
        click.echo(f"warning: the new copy could not be sent to the remote yet ({exc}); "
                   "`journal sync` sends it", err=True)
        return None


def _check_recovery_key_out(target: Path | None) -> None:
    """Before anything is made: the key goes to a terminal, or to a new file that can be
    written. Never to a pipe or a redirect, where it would land in a log."""
    if target is None:
        if not sys.stdout.isatty():
            raise Fail("the recovery key is shown only on a terminal (here it would land in a "
                       "pipe or a file): run this in a terminal, or add --recovery-key-out FILE "
                       "to have it written to a new file only you can read")
        return
    if target.exists():
        raise Fail(f"{target} already exists; give a new file for the recovery key")
    if not target.parent.is_dir():
        raise Fail(f"the folder {target.parent} does not exist; create it or choose another")


def _give_recovery_key(recovery: str, target: Path | None) -> None:
    if target is None:
        click.echo("\nYour recovery key (shown only this once):\n")
        click.echo(f"    {recovery}\n")
        click.echo("Write it down.")
        return
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(recovery + "\n")
    click.echo(f"Your recovery key is in {target} (readable only by you): write it down or "
               "print it, then delete the file.")


@click.command()
@passphrase_option
@NEW_PASSPHRASE_FILE
@click.pass_context
def passwd(ctx: click.Context, new_passphrase_file: str | None) -> None:
    """Change the passphrase. Entries are not re-encrypted; the recovery key still works."""
    with open_session(ctx) as session:
        session.change_passphrase(_new_passphrase(new_passphrase_file))
    click.echo("Passphrase changed: from now on it opens this journal, and your other devices "
               "after their next sync.")
    click.echo("What it does not do: the data key is unchanged, so a copy made before now (a "
               "backup, the first key file on a sync remote, which is never rewritten) still "
               "opens with the old passphrase. If the old one may have leaked, run `journal "
               "rekey`.")


@click.command()
@click.option("--follow", is_flag=True,
              help="The journal was given a new key on another device: take it here (asks for "
                   "the new passphrase).")
@RECOVERY_KEY_OUT
@passphrase_option
@NEW_PASSPHRASE_FILE
@click.pass_context
def rekey(ctx: click.Context, follow: bool, recovery_key_out: Path | None,
          new_passphrase_file: str | None) -> None:
    """A new data key, a new passphrase and recovery key: when the old ones may have leaked."""
    from journal.cli.sync import report_lines

    if follow:
        with open_session(ctx) as session:
            new = ask_secret("New passphrase (the one chosen at `journal rekey`)",
                             file=new_passphrase_file, what="new passphrase")
            count = session.follow_rekey(new)
            click.echo(f"This device follows the new key: {count} revision(s) sealed anew. It "
                       "opens with the new passphrase from now on.")
            report = _sync_after(session)
    else:
        _check_recovery_key_out(recovery_key_out)
        with open_session(ctx) as session:
            recovery, count = session.rekey(_new_passphrase(new_passphrase_file))
            click.echo(f"New data key: {count} revision(s) sealed anew. The journal opens only "
                       "with the new passphrase (or the new recovery key) from now on.")
            _give_recovery_key(recovery, recovery_key_out)
            report = _sync_after(session)
        click.echo("Copies made before now (a backup, the old copy on the sync remote) still "
                   "open with the old passphrase: delete them once every device has followed.")
        if report is not None:
            click.echo("On each of your other devices, run `journal rekey --follow` with the "
                       "new passphrase.")
    if report is not None:
        out, err = report_lines(report)
        for line in out:
            click.echo(line)
        for line in err:
            click.echo(line, err=True)


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


COMMANDS = [init, passwd, recover, recovery_key, rekey]
