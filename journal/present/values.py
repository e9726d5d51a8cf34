"""A value of the framework explained, as the editor's side panel shows it when a value has
focus: its belief, the statements under it, then the journal's reflective prompt.

A belief such as "We believe in the reality of recovery for all and that:" introduces the
statements that follow it in the framework; shown alone it would end in mid-air.
"""

from __future__ import annotations

import re

from journal.domain.framework import Value

_LEADS_ON = re.compile(r"[\s,;]*\band that:?\s*$|:\s*$")


def value_explained(value: Value) -> str:
    """Plain text (never markup): belief, one "• " line per statement, a blank line, prompt."""
    lines = [value.belief] if value.belief else []
    lines += [f"• {statement}" for statement in value.statements]
    if value.prompt:
        lines += ["", value.prompt]
    return "\n".join(lines)


def belief_alone(belief: str) -> str:
    """A belief shown without its statements (a narrow column, as in Trends): "We believe in
    the reality of recovery for all." rather than "...for all and that:"."""
    cut = _LEADS_ON.sub("", belief).rstrip()
    return cut + "." if cut and cut != belief.rstrip() and not cut.endswith(".") else cut
