"""The "Now what?" actions as the editor shows them: one a line, "[x] " before a done one.

Editing them is editing that text, so reading it back keeps each known action's id (an action
carries forward from entry to entry until it is done, and is followed by its id).
"""

from __future__ import annotations

from journal.domain.model import Action


def parse_actions(text: str, previous: list[Action]) -> list[Action]:
    """One action per line; a line starting "[x]" is done. Known texts keep their ids."""
    ids = {a.text: a.id for a in previous}
    actions = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        done = line.lower().startswith("[x]")
        body = line[3:].strip() if done or line.startswith("[ ]") else line
        action = Action(body, done)
        if body in ids:
            action.id = ids[body]
        actions.append(action)
    return actions


def format_actions(actions: list[Action]) -> str:
    return "\n".join(f"[{'x' if a.done else ' '}] {a.text}" for a in actions)
