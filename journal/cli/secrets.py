"""Getting passphrases and recovery keys from a person or a script, never from argv or plain env.

On a terminal: a hidden prompt. For scripts: the first line of a file named by
`--passphrase-file` or `JOURNAL_PASSPHRASE_FILE` (a file can be 0600; an argument or an
environment value would show up in `ps` and shell history).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from journal.cli.base import Fail

MIN_PASSPHRASE = 8


SecretError = Fail


def read_first_line(path: str | Path, what: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            line = handle.readline()
    except OSError as exc:
        raise SecretError(f"cannot read the {what} file {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise SecretError(f"the {what} file {path} is not UTF-8 text") from None
    value = line.rstrip("\r\n")
    if not value:
        raise SecretError(f"the {what} file {path} is empty; put the {what} on its first line")
    return value


def _interactive() -> bool:
    return sys.stdin.isatty()


def ask_secret(prompt: str, *, file: str | None, what: str, confirm: bool = False) -> str:
    if file:
        return read_first_line(file, what)
    if not _interactive():
        raise SecretError(
            f"no {what} given: run this in a terminal, or pass --{what.replace(' ', '-')}-file FILE"
            + (" (or set JOURNAL_PASSPHRASE_FILE)" if what == "passphrase" else "")
        )
    return click.prompt(prompt, hide_input=True, confirmation_prompt=confirm)


def passphrase_file(ctx: click.Context) -> str | None:
    return ctx.find_root().meta.get("passphrase_file") or os.environ.get("JOURNAL_PASSPHRASE_FILE")


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise SecretError(
            f"the passphrase is too short: use at least {MIN_PASSPHRASE} characters "
            "(a few unrelated words is best)"
        )
    if passphrase.strip() != passphrase:
        raise SecretError("the passphrase starts or ends with a space; remove it to avoid "
                          "surprises when typing it later")
