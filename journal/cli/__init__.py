"""The `journal` command line. Names, options and --json fields are a contract (see README).

This package module only assembles the group: each command group lives in a module of its own
(`keys`, `entries`, `reading`, `trends`, `imports`, `framework`, `people`, `supervisor`,
`export`, `sync`), and what they share (the one-line error contract, the passphrase, the open
session) is in `base`. Command modules import `base` and the layers below, never each other.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from journal import __version__
from journal.cli import (
    archive,
    backup,
    entries,
    export,
    framework,
    imports,
    keys,
    pack,
    people,
    reading,
    supervisor,
    sync,
    trends,
)
from journal.cli.base import EXIT_BUG, JournalGroup, home, remember_passphrase_file

__all__ = ["cli", "main"]


@click.group(cls=JournalGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--passphrase-file", type=click.Path(dir_okay=False), expose_value=False,
              callback=remember_passphrase_file, envvar="JOURNAL_PASSPHRASE_FILE",
              help="Read the passphrase from the first line of FILE (or JOURNAL_PASSPHRASE_FILE).")
@click.option("--demo", is_flag=True,
              help="Open a throw-away demo journal full of sample entries (deleted on exit).")
@click.version_option(__version__, prog_name="peer-journal")
@click.pass_context
def cli(ctx: click.Context, demo: bool) -> None:
    """An encrypted reflective journal for mental-health peer workers.

    Write reflections after sessions, tag them against the values of your peer-work framework,
    answer its "Did I…?" check-list, and look back at how your practice changes. Everything is
    encrypted on disk with your passphrase.

    On a terminal, `journal` alone opens the app; otherwise it prints this help.
    The journal lives in JOURNAL_HOME if set, otherwise in your user data folder.
    """
    if ctx.invoked_subcommand is None:
        if demo:
            run_demo()
        elif sys.stdin.isatty() and sys.stdout.isatty():
            from journal.app import JournalApp

            app = JournalApp(home(), typed=_TYPED_AHEAD.pop() if _TYPED_AHEAD else "")
            app.run()
            if app.return_code:  # an unexpected error stopped it; it said so in one line
                ctx.exit(EXIT_BUG)
        else:
            click.echo(ctx.get_help())


def run_demo() -> None:
    """The demo journal lives in a private temporary folder that is removed afterwards."""
    import shutil
    import tempfile

    from journal.app import JournalApp
    from journal.session.demo import build_demo

    folder = Path(tempfile.mkdtemp(prefix="journal-demo-"))
    try:
        click.echo("Making a demo journal…", err=True)
        passphrase = build_demo(folder / "journal")
        JournalApp(folder / "journal", passphrase=passphrase,  # it opens straight away
                   banner=f"This is a demo journal. Its passphrase is: {passphrase}").run()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# In the order `journal --help` has always listed them (click sorts them by name anyway).
for _module in (keys, entries, reading, trends, imports, framework, people, supervisor, export,
                sync, backup, archive, pack):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


#: Where `main` leaves what was typed before the app started, for the app's unlock screen
#: (taken once; never put in the environment, where child processes would see it).
_TYPED_AHEAD: list[str] = []


def main(typed: str = "", restore: Callable[[], None] | None = None) -> None:
    """Run the command, then leave without interpreter teardown.

    Every command has committed and closed the journal before it returns, so after flushing the
    output there is nothing left to clean up; skipping the teardown of thousands of decrypted
    objects saves about 0.1 s on a large journal. (Tests invoke `cli`, never this.) `typed` and
    `restore` come from `journal.__main__` (the terminal's echo, turned off early: see
    `journal.session.typed_ahead`); the terminal is put back as it was before leaving.
    """
    try:
        if typed:
            _TYPED_AHEAD.append(typed)
        cli(prog_name="journal")
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    finally:
        if restore is not None:
            restore()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
