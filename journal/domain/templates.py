"""Reflective templates for the editor, chosen per kind of entry.

Driscoll's "What? So what? Now what?" is the default for sessions: short, and it ends in action.
Gibbs' cycle and Johns' model (with its ethics cue) suit longer reflections. Headings only: the
writer's words go underneath.
"""

from __future__ import annotations

from dataclasses import dataclass

from journal.domain.model import Kind


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    text: str


TEMPLATES: dict[str, Template] = {
    t.id: t
    for t in (
        Template(
            "driscoll",
            "Driscoll: What? So what? Now what?",
            "## What?\n\nWhat happened? Who was there, what did I do, what did they do?\n\n"
            "## So what?\n\nWhat did it mean? Which values did I live, which did I find hard?\n\n"
            "## Now what?\n\nWhat will I do next time? What do I take to supervision?\n",
        ),
        Template(
            "gibbs",
            "Gibbs' reflective cycle",
            "## Description\n\n\n## Feelings\n\n\n## Evaluation\n\nWhat was good and bad?\n\n"
            "## Analysis\n\nWhat sense can I make of it?\n\n## Conclusion\n\n"
            "What else could I have done?\n\n## Action plan\n\nIf it arose again, what would I "
            "do?\n",
        ),
        Template(
            "johns",
            "Johns' model of structured reflection",
            "## Description\n\nWhat happened, and what stood out?\n\n## Reflection\n\nWhat was I "
            "trying to achieve? What were the consequences, for the person, for me, for others?\n\n"
            "## Influencing factors\n\nWhat affected my decisions: inside me, around me, what I "
            "knew?\n\n## Ethics\n\nDid I act for the best? Whose interests, whose values, were "
            "at stake?\n\n## Alternative strategies\n\nWhat else could I have done?\n\n"
            "## Learning\n\nHow do I feel now? What have I learned?\n",
        ),
        Template("free", "Free writing", ""),
    )
}

DEFAULT_FOR_KIND: dict[Kind, str] = {
    Kind.SESSION: "driscoll",
    Kind.DAILY: "free",
    Kind.SUPERVISION: "johns",
    Kind.LEARNING: "gibbs",
    Kind.QUICK: "free",
}


def template_for(kind: Kind, chosen: dict[str, str] | None = None) -> Template:
    """The template for a kind: the writer's choice from settings, else the default."""
    wanted = (chosen or {}).get(kind.value, DEFAULT_FOR_KIND[kind])
    return TEMPLATES.get(wanted, TEMPLATES[DEFAULT_FOR_KIND[kind]])


def is_untouched_template(text: str) -> bool:
    """True when the body is empty or exactly a template: switching template loses nothing."""
    return not text.strip() or any(text == t.text for t in TEMPLATES.values())
