"""A count with its noun in the number it needs: `1 revision`, `2 revisions`, `1 entry`."""

from __future__ import annotations


def counted(n: int, one: str, many: str = "") -> str:
    """`1 check-in`, `2 check-ins`; `many` for a plural not made with an s (`entries`)."""
    return f"{n} {one if n == 1 else many or one + 's'}"
