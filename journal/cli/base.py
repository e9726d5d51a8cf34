"""What every command shares: the one-line error contract, the passphrase, the open session.

Every failure a person can cause ends in one line on stderr starting `error:` that says what to
do, and an exit code: 1 for bad input or a damaged journal, 2 for a wrong passphrase or recovery
key (and for click's own usage errors), 70 for a bug. No traceback, unless JOURNAL_DEBUG=1 asks
for one. The journal's own failures are one family (`journal.errors.JournalError`); this module
turns them into that line, so commands raise them freely.

Secrets come from a person or a script, never from argv or a plain environment value: on a
terminal, a hidden prompt; for scripts, the first line of a file named by `--passphrase-file`
or `JOURNAL_PASSPHRASE_FILE` (a file can be 0600; an argument or an environment value would
show up in `ps` and shell history).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from journal.errors import JournalError, WrongSecret, disk_problem
from journal.paths import journal_home
from journal.present.counts import counted
from journal.present.terminal import visible
from journal.session.process import keep_memory_private

if TYPE_CHECKING:  # the session loads the store and cryptography: only when a command needs it
    from journal.session.facade import Session

EXIT_ERROR = 1
EXIT_WRONG_KEY = 2
EXIT_CONFLICTS = 3
EXIT_BUG = 70
EXIT_CANCELLED = 130

F = TypeVar("F", bound=Callable[..., Any])


class Fail(click.ClickException):
    """A one-line error with its exit code."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        # click declares `exit_code` on the class (a ClassVar since click 8.2), and reads it from
        # the error it catches: this one error's code is kept on the instance, which it reads
        vars(self)["exit_code"] = code

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


def translate(exc: BaseException) -> Fail | None:
    """The one line for what the journal raises. None means: not ours, a real bug."""
    if isinstance(exc, WrongSecret):
        return Fail(str(exc), EXIT_WRONG_KEY)
    if isinstance(exc, JournalError):
        return Fail(str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc))
    trouble = disk_problem(exc, home())  # a full disk or a read-only file is not damage
    if trouble is not None:
        return Fail(trouble)
    if isinstance(exc, sqlite3.DatabaseError):
        return Fail(f"the journal file is damaged ({exc}); restore it from a backup")
    return None


def usage_failure(exc: click.UsageError) -> Fail:
    """Click's usage error (a bad option value, an unknown command) as one line, exit 2."""
    message = " ".join(exc.format_message().split()).rstrip(".")
    message = message[:1].lower() + message[1:]
    see = f"; see `{exc.ctx.command_path} --help`" if exc.ctx is not None else ""
    return Fail(message + see, exc.exit_code)


def _interrupted(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


class JournalGroup(click.Group):
    """A click group that turns the journal's exceptions into one-line errors."""

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:  # the group's own options (`journal --bogus`)
            raise usage_failure(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        keep_memory_private()  # before anything is decrypted: no core file holds it
        # `kill`, a logout or systemd stopping a job: stopped as ctrl+c stops it, so a file
        # half-written (an archive, a backup) is removed (the app sets its own handler)
        signal.signal(signal.SIGTERM, _interrupted)
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:  # a command's options, an unknown command
            raise usage_failure(exc) from None
        except (click.ClickException, click.exceptions.Exit):
            raise
        except (KeyboardInterrupt, click.Abort):
            # each change is one transaction, each file written whole or removed
            raise Fail("cancelled; nothing is left half-written", EXIT_CANCELLED) from None
        except Exception as exc:
            failure = translate(exc)
            if failure is not None:
                raise failure from None
            if os.environ.get("JOURNAL_DEBUG") == "1":
                raise
            # Never print the exception text: it might hold a piece of an entry.
            raise Fail(
                f"unexpected {type(exc).__name__}; nothing more was written. Run again with "
                "JOURNAL_DEBUG=1 to see details (they may include your text)", EXIT_BUG
            ) from None


# -- secrets -----------------------------------------------------------------------------------


def remember_passphrase_file(ctx: click.Context, _param: click.Parameter,
                             value: str | None) -> str | None:
    if value:
        ctx.find_root().meta["passphrase_file"] = value
    return value


def passphrase_option(command: F) -> F:
    """`--passphrase-file FILE` on a command (the group takes it too, and the variable)."""
    return click.option(
        "--passphrase-file",
        type=click.Path(dir_okay=False),
        expose_value=False,
        callback=remember_passphrase_file,
        help="Read the passphrase from the first line of FILE (for scripts).",
    )(command)


def passphrase_file(ctx: click.Context) -> str | None:
    named: str | None = ctx.find_root().meta.get("passphrase_file")
    return named or os.environ.get("JOURNAL_PASSPHRASE_FILE")


def read_first_line(path: str | Path, what: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            line = handle.readline()
    except OSError as exc:
        raise Fail(f"cannot read the {what} file {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise Fail(f"the {what} file {path} is not UTF-8 text") from None
    value = line.rstrip("\r\n")
    if not value:
        said = "is empty" if not line else "has an empty first line"
        raise Fail(f"the {what} file {path} {said}; put the {what} on its first line")
    return value


def interactive() -> bool:
    return sys.stdin.isatty()


def ask_secret(prompt: str, *, file: str | None, what: str, confirm: bool = False) -> str:
    """From `file` if given, else a hidden prompt on a terminal, else a one-line error."""
    if file:
        return read_first_line(file, what)
    if not interactive():
        raise Fail(
            f"no {what} given: run this in a terminal, or pass --{what.replace(' ', '-')}-file FILE"
            + (" (or set JOURNAL_PASSPHRASE_FILE)" if what == "passphrase" else "")
        )
    answer: str = click.prompt(prompt, hide_input=True, confirmation_prompt=confirm)
    return answer


# -- the journal -------------------------------------------------------------------------------


def home() -> Path:
    return journal_home()


def session_here() -> Session:
    """The journal in JOURNAL_HOME (or the user data folder), still locked."""
    from journal.session.facade import Session

    return Session(home())


def no_journal(session: Session, advice: str = "run `journal init` to make one (or set "
               "JOURNAL_HOME to where yours is)") -> Fail:
    return Fail(f"no journal in {session.home}: {advice}")


@contextmanager
def open_session(ctx: click.Context, session: Session | None = None) -> Iterator[Session]:
    """The journal (`session`, or the one here), unlocked with the passphrase; locked again
    (the key forgotten) afterwards."""
    session = session or session_here()
    if not session.exists:
        raise no_journal(session)
    if session.framework_problem:
        click.echo(f"warning: {session.framework_problem}; using the default framework until "
                   "it is fixed (`journal framework use NAME` chooses another)", err=True)
    passphrase = ask_secret("Passphrase", file=passphrase_file(ctx), what="passphrase")
    try:
        session.unlock(passphrase)
    except WrongSecret:
        raise Fail("wrong passphrase; try again, or use `journal recover` with your "
                   "recovery key", EXIT_WRONG_KEY) from None
    try:
        yield session
    finally:
        session.lock()


def warn_damage(session: Session, entry_id: str | None = None) -> None:
    """Say on stderr what cannot be trusted: revisions that fail to open, and rows the journal
    wrote that are gone (its ledger), naming `entry_id` when it is one of them."""
    damaged = session.damaged_count()
    if damaged:
        click.echo(f"warning: {damaged} damaged revision(s) could not be opened; "
                   "run `journal verify` for details", err=True)
    untrusted, suspect = session.untrusted()
    if entry_id is not None and entry_id in suspect:
        click.echo(f"warning: entry {entry_id[:8]} is missing a revision it had: what it shows "
                   "may be an older version; sync with your other devices or restore a backup",
                   err=True)
    elif untrusted:
        named = f" (entries {', '.join(sorted(s[:8] for s in suspect))})" if suspect else ""
        click.echo("warning: this journal file no longer holds every revision it wrote" + named
                   + "; an entry may show an older version or be missing: run `journal verify`",
                   err=True)


# -- output ------------------------------------------------------------------------------------


def echo_lines(lines: list[str]) -> None:
    """One write for many lines: a 20,000-line listing should not cost 20,000 calls."""
    if lines:
        click.echo(visible("\n".join(lines)))


def echo_markdown(text: str) -> None:
    """The entry page as the app shows it: drawn by rich's Markdown renderer on a terminal (the
    app draws the same Markdown with Textual's), the Markdown itself when piped or redirected,
    so a script or a file gets plain text with nothing to strip. Control characters in it are
    shown, never obeyed (`journal.present.terminal`)."""
    text = visible(text)
    if not sys.stdout.isatty():
        click.echo(text)
        return
    from rich.console import Console  # only here: the other commands start without it
    from rich.markdown import Markdown

    Console(highlight=False).print(Markdown(text, hyperlinks=False))


def dump_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def entries_word(n: int) -> str:
    return counted(n, "entry", "entries")


def json_option(command: F) -> F:
    return click.option("--json", "as_json", is_flag=True,
                        help="One JSON document (see README).")(command)
