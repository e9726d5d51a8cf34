"""People an entry's text names but the entry does not list yet, and how the editor words them.

The editor suggests attaching a person when their name (or one of their other names) appears
in the text; it never attaches anyone by itself. Names are found with the scrubber's own matcher
(`export.scrub.names.listed`), so the app suggests exactly the people an export would replace
with a pseudonym: any case, accents or apostrophes, "Mary Kate" for "Mary-Kate".

Plain Python, no UI: here rather than in `present` because `export` already depends on
`present`, and the matcher lives in `export`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from journal.domain.people import Person
from journal.export.scrub.names import listed


def mentioned(text: str, people: Sequence[Person], attached: Iterable[str]) -> list[Person]:
    """The listed people `text` names who are not among the `attached` pseudonyms, in the
    order they are first named."""
    have = {p.casefold() for p in attached}
    by_pseudonym = {p.pseudonym: p for p in people}
    found: dict[str, Person] = {}
    for finding in listed(text, people):
        person = by_pseudonym.get(finding.replacement)
        if person is not None and person.pseudonym.casefold() not in have:
            found.setdefault(person.pseudonym, person)
    return list(found.values())


def who(pseudonym: str, people: Sequence[Person]) -> str:
    """A pseudonym as the writer knows it: "P2 Sam", or the pseudonym alone when no one on the
    list has it now (a removed person's, or one given with `journal add --person`)."""
    for person in people:
        if person.pseudonym.casefold() == pseudonym.casefold():
            return f"{person.pseudonym} {person.name}"
    return pseudonym


def attached_line(attached: Sequence[str], people: Sequence[Person], choose_key: str) -> str:
    """The editor's People field: who is attached, or how to attach someone."""
    if not attached:
        return f"none ({choose_key} to choose)"
    return ", ".join(who(p, people) for p in attached)


def suggestion(found: Sequence[Person], attach_key: str) -> str:
    """One line offering the first person named in the text ('' when there is no one)."""
    if not found:
        return ""
    first = found[0]
    more = f" ({len(found) - 1} more named after)" if len(found) > 1 else ""
    return (f"{first.name} is named in the text: {attach_key} attaches them as "
            f"{first.pseudonym}{more}")
