"""How a value's mark shows, everywhere: the one table of signs and words.

Every mark is told by a sign or a word as well as a colour, so nothing depends on colour:
`+` lived, `!` challenging, `·` tagged. The timeline's badges (`H+`), the editor's value rows
(`[ + ] Hope`), `journal list` (`hope+`), the entry page and the supervision pack all read this
table; only the pack's JSON keeps the stored word as data.
"""

from __future__ import annotations

from journal.domain.model import Mark

#: The sign drawn after a value's name or letter.
SIGN: dict[Mark, str] = {Mark.LIVED: "+", Mark.CHALLENGING: "!", Mark.TAGGED: "·"}

#: In a line of plain text (`journal list`) a tagged value is its bare id: `hope+ experience`.
INLINE_SIGN: dict[Mark, str] = {**SIGN, Mark.TAGGED: ""}

#: The mark in words, as a reader sees it.
WORD: dict[Mark, str] = {Mark.LIVED: "lived", Mark.CHALLENGING: "challenging",
                         Mark.TAGGED: "tagged"}


def named(name: str, mark: Mark | str) -> str:
    """`Hope (lived)`: a value and its mark in words."""
    return f"{name} ({WORD[Mark(mark)]})"


def inline(value_id: str, mark: Mark) -> str:
    """`hope+`, `mutuality!`, `experience`: a value id and its sign, for one line of text."""
    return f"{value_id}{INLINE_SIGN[mark]}"

