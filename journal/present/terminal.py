"""Text bound for a terminal, made safe to print: control characters shown, never obeyed.

A title or a body may hold any character (an import, a paste, another device), and a terminal
obeys control characters: BEL rings, ESC starts a sequence that can recolour, retitle or hide
the screen, a carriage return overwrites the line. What the CLI prints as text passes through
`visible`, which shows each one as its Unicode control picture (BEL as ␇, ESC as ␛) or as
`\\x9b` (the C1 controls have no picture); tabs and line breaks stay. The stored text is never
changed, and `--json` output escapes them anyway.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, and the C1 controls (0x9b is a one-byte CSI).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else f"\\x{code:02x}"


def visible(text: str) -> str:
    """`text` with every control character but tab and newline shown instead of obeyed
    (a Windows line break is kept as a line break)."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(_picture, text.replace("\r\n", "\n"))
