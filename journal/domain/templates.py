"""Reflective templates for the editor, chosen per kind of entry, and what of them is saved.

Driscoll's "What? So what? Now what?" is the default for sessions: short, and it ends in action.
Gibbs' cycle and Johns' model (with its ethics cue) suit longer reflections.

A template guides; it never becomes content. The editor starts from its headings only, and
shows the prompt of the section the cursor is in beside the text (`section_at`). On save,
`without_prompts` drops every heading whose section the writer left empty and any line that is
exactly a prompt (entries written before prompts moved out of the text had them inline), so an
untouched template saves nothing, and no prompt reaches the title, trends or the supervision pack.
"""

from __future__ import annotations

from dataclasses import dataclass

from journal.domain.model import Entry, Kind


@dataclass(frozen=True)
class Section:
    heading: str  # "What?": written as "## What?"
    prompt: str  # shown beside the text while the cursor is in the section; never saved

    @property
    def line(self) -> str:
        return f"## {self.heading}"


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    sections: tuple[Section, ...] = ()

    @property
    def text(self) -> str:
        """What the editor starts with: each heading with an empty line to write on."""
        return "".join(f"{s.line}\n\n\n" for s in self.sections)

    @property
    def first_line(self) -> int:
        """Where the cursor starts: under the first heading (0 for free writing)."""
        return 1 if self.sections else 0


def _template(id_: str, name: str, *sections: tuple[str, str]) -> Template:
    return Template(id_, name, tuple(Section(h, p) for h, p in sections))


TEMPLATES: dict[str, Template] = {
    t.id: t
    for t in (
        _template(
            "driscoll", "Driscoll: What? So what? Now what?",
            ("What?", "What happened? Who was there, what did I do, what did they do?"),
            ("So what?", "What did it mean? Which values did I live, which did I find hard?"),
            ("Now what?", "What will I do next time? What do I take to supervision?"),
        ),
        _template(
            "gibbs", "Gibbs' reflective cycle",
            ("Description", "What happened?"),
            ("Feelings", "What was I thinking and feeling?"),
            ("Evaluation", "What was good and bad?"),
            ("Analysis", "What sense can I make of it?"),
            ("Conclusion", "What else could I have done?"),
            ("Action plan", "If it arose again, what would I do?"),
        ),
        _template(
            "johns", "Johns' model of structured reflection",
            ("Description", "What happened, and what stood out?"),
            ("Reflection", "What was I trying to achieve? What were the consequences, for the "
                           "person, for me, for others?"),
            ("Influencing factors", "What affected my decisions: inside me, around me, what I "
                                    "knew?"),
            ("Ethics", "Did I act for the best? Whose interests, whose values, were at stake?"),
            ("Alternative strategies", "What else could I have done?"),
            ("Learning", "How do I feel now? What have I learned?"),
        ),
        Template("free", "Free writing"),
    )
}

DEFAULT_FOR_KIND: dict[Kind, str] = {
    Kind.SESSION: "driscoll",
    Kind.DAILY: "free",
    Kind.SUPERVISION: "johns",
    Kind.LEARNING: "gibbs",
    Kind.QUICK: "free",
}

#: Every template heading line, with the prompts it has (a heading two templates share,
#: "## Description", has the prompts of both).
_PROMPTS: dict[str, list[str]] = {}
for _t in TEMPLATES.values():
    for _s in _t.sections:
        _PROMPTS.setdefault(_s.line, []).append(_s.prompt)


def template_for(kind: Kind, chosen: dict[str, str] | None = None) -> Template:
    """The template for a kind: the writer's choice from settings, else the default."""
    wanted = (chosen or {}).get(kind.value, DEFAULT_FOR_KIND[kind])
    return TEMPLATES.get(wanted, TEMPLATES[DEFAULT_FOR_KIND[kind]])


def without_prompts(body: str) -> str:
    """The body as saved: template headings with nothing written under them dropped, and, under
    a template heading, lines that are exactly its prompt. A body with no template heading is
    returned unchanged."""
    lines = body.splitlines()
    if not any(line.strip() in _PROMPTS for line in lines):
        return body
    kept: list[str] = []
    section: list[str] = []
    heading: str | None = None

    def close() -> None:
        if heading is None:
            kept.extend(section)
        elif any(line.strip() for line in section):
            kept.extend([heading, "", *section])

    for line in lines:
        if line.strip() in _PROMPTS:
            close()
            heading, section = line, []
        elif heading is None or line.strip() not in _PROMPTS[heading.strip()]:
            section.append(line)
    close()
    return _tidy(kept)


def _tidy(lines: list[str]) -> str:
    """Lines joined, with no run of more than one blank line and none at either end."""
    out: list[str] = []
    for line in lines:
        if not line.strip() and (not out or not out[-1].strip()):
            continue
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out) + ("\n" if out else "")


def is_untouched_template(text: str) -> bool:
    """True when the body holds nothing of the writer's: empty, or only template headings and
    prompts. Switching template then loses nothing, and saving it would save nothing."""
    return not without_prompts(text).strip()


def has_writing(entry: Entry) -> bool:
    """Whether a new entry holds anything the writer gave: a title, words beyond the template,
    a mark, an answer, an action, a check-in, a flag or a question. Without any, saving would
    store a template and nothing else, so the editor saves nothing and says so."""
    return bool(entry.title.strip() or not is_untouched_template(entry.body) or entry.marks
                or entry.checks or entry.actions or entry.checkin or entry.flagged
                or entry.question.strip())


def section_at(text: str, line: int, prefer: Template | None = None) -> Section | None:
    """The template section the given line of the body is in (the nearest template heading at
    or above it), to show its prompt: `prefer`'s own where two templates share a heading. None
    above the first heading, and in free writing."""
    lines = text.splitlines()
    for n in range(min(line, len(lines) - 1), -1, -1):
        found = lines[n].strip()
        if found in _PROMPTS:
            own = [s for s in (prefer.sections if prefer else ()) if s.line == found]
            return own[0] if own else Section(found[3:], _PROMPTS[found][0])
    return None
