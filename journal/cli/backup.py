"""`journal backup create|restore|check`: the whole journal in one file, still encrypted.

Thin: the work is in `journal.session.backup` (with `journal.storage.backup`). A backup is the
journal file itself, copied consistently while the app may be open and checked after writing;
it opens with the passphrase or recovery key the journal had when it was made.
"""

from __future__ import annotations

from pathlib import Path

import click

from journal.cli.base import (
    EXIT_WRONG_KEY,
    Fail,
    JournalGroup,
    ask_secret,
    entries_word,
    home,
    interactive,
    open_session,
    passphrase_file,
    passphrase_option,
    read_first_line,
)
from journal.cli.progress import progress
from journal.errors import WrongSecret
from journal.present.counts import counted

FILE = click.argument("file", type=click.Path(dir_okay=False, path_type=Path))


@click.group(name="backup", cls=JournalGroup)
def backup_group() -> None:
    """The whole journal in one file, still encrypted: make, check and restore backups."""


@backup_group.command(name="create")
@FILE
@passphrase_option
@click.pass_context
def create(ctx: click.Context, file: Path) -> None:
    """Write a backup of the journal to FILE (a new file, 0600), then check it.

    It can be made while the app is open. It stays encrypted: it opens with the passphrase or
    recovery key the journal has now (`journal backup restore FILE`)."""
    from journal.session import backup

    if file.exists():
        raise Fail(f"{file} already exists; choose another file (a backup never overwrites one)")
    with open_session(ctx) as session:
        store = session.store
        assert store is not None
        with progress("Backing up", "pages") as report:
            made = backup.create(store, file, report)
    click.echo(f"Backed up {counted(made.revisions, 'revision')} "
               f"({counted(made.items, 'entry or record', 'entries and records')}) to {file}; "
               "checked: it is intact and holds every revision.")


@backup_group.command(name="check")
@FILE
@click.option("--passphrase", "ask_passphrase", is_flag=True,
              help="Also open every revision, with the passphrase typed at the terminal.")
@passphrase_option
@click.pass_context
def check(ctx: click.Context, file: Path, ask_passphrase: bool) -> None:
    """Check a backup: its structure, integrity and counts, without a passphrase; with one
    (--passphrase, or --passphrase-file FILE or JOURNAL_PASSPHRASE_FILE as for every command),
    also open every revision in it."""
    from journal.session import backup

    named = passphrase_file(ctx)
    secret = None
    if named or ask_passphrase:
        secret = ask_secret("Passphrase of the backup", file=named, what="passphrase")
    found = backup.check(file, secret)
    click.echo(f"{file}: intact; a journal of {counted(found.found.revisions, 'revision')} "
               f"({counted(found.found.items, 'entry or record', 'entries and records')}) "
               f"written by {counted(found.found.devices, 'device')}; it opens with "
               f"{' or '.join(found.found.slots)}.")
    if found.opened is None:
        click.echo("Give --passphrase (or --passphrase-file FILE) to open every revision too.",
                   err=True)
        return
    if found.damaged:
        raise Fail(f"{found.damaged} of {found.opened} revisions in {file} do not open: the "
                   "backup is damaged; use another one")
    opened = "The 1 revision opens" if found.opened == 1 else f"All {found.opened} revisions open"
    click.echo(f"{opened} ({entries_word(found.entries or 0)}).")


@backup_group.command(name="restore")
@FILE
@click.option("--recovery-key", "use_recovery", is_flag=True,
              help="Open it with the recovery key (typed at the terminal) instead.")
@click.option("--recovery-key-file", type=click.Path(dir_okay=False),
              help="Open it with the recovery key on the first line of FILE.")
@passphrase_option
@click.pass_context
def restore(ctx: click.Context, file: Path, use_recovery: bool,
            recovery_key_file: str | None) -> None:
    """Make the journal from a backup, in an empty JOURNAL_HOME (a non-empty one is refused).

    It opens with the passphrase (or recovery key) the journal had when the backup was made,
    with every entry and its history. It becomes a device of its own: if the original is
    still in use, both can sync with the same remote."""
    from journal.session import backup

    target = home()
    backup.check(file)  # the file first (a missing one is the likelier slip), before any secret
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise Fail(f"{target} is not empty: restore into an empty folder (set JOURNAL_HOME "
                   "to a new one); nothing was changed")
    recovery = None
    passphrase = None
    if recovery_key_file:
        recovery = read_first_line(recovery_key_file, "recovery key")
    elif use_recovery:
        if not interactive():
            raise Fail("no recovery key given: run this in a terminal, or pass "
                       "--recovery-key-file FILE")
        recovery = ask_secret("Recovery key", file=None, what="recovery key")
    else:
        passphrase = ask_secret("Passphrase of the backup", file=passphrase_file(ctx),
                                what="passphrase")
    try:
        with progress("Restoring", "pages") as report:
            store, found = backup.restore(file, target, passphrase=passphrase,
                                          recovery_key=recovery, progress=report)
    except WrongSecret:
        what = "recovery key" if recovery is not None else "passphrase"
        raise Fail(f"that {what} does not open {file}: it opens with the {what} the journal "
                   "had when the backup was made; nothing was restored", EXIT_WRONG_KEY) from None
    try:
        entries = store.count()
    finally:
        store.close()
    click.echo(f"Restored {entries_word(entries)} ({found.revisions} revisions) into {target}.")
    if recovery is not None:
        click.echo("Set a new passphrase now: `journal recover` (with the same recovery key).",
                   err=True)
    click.echo("It is a device of its own: if the original still syncs, both can sync with the "
               "same remote (`journal sync` here sends what it holds).", err=True)


COMMANDS = [backup_group]
