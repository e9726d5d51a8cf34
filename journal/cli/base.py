"""The command line's one kind of failure: a single line on stderr and an exit code."""

from __future__ import annotations

from typing import Any

import click

EXIT_ERROR = 1
EXIT_WRONG_KEY = 2


class Fail(click.ClickException):
    """A one-line error with its exit code."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.exit_code = code

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)
