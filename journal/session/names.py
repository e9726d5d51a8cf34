"""Words the scrubber must not take for names, gathered from what the journal itself says.

A capitalised word mid-sentence is "maybe a name" unless the writer's own journal explains it:
the active framework's words ("Hope", "Mutuality"), the templates' names and headings
("Driscoll", "Feelings"), the services on the Support screen ("Breathing Space") and every
word the writer has marked "not a name" in an export review. Built here, once, for the app and
the command line alike; the shipped allowlist (days, months, platforms…) is the scrubber's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from journal.domain.framework import Framework
from journal.domain.templates import TEMPLATES


def framework_texts(framework: Framework) -> list[str]:
    texts = [framework.name, framework.short_name, framework.source, framework.checklist_prompt]
    for value in framework.values:
        texts += [value.name, value.belief, value.prompt, *value.statements]
    texts += [f"{b.area} {b.text}" for b in framework.behaviours]
    return texts


def scrub_allow(framework: Framework, support: Iterable[Mapping[str, Any]],
                not_names: Iterable[str]) -> frozenset[str]:
    """The folded words `scrub.find` passes by, for this journal."""
    from journal.export.scrub import allow_words

    texts = framework_texts(framework)
    texts += [f"{t.name} {t.text}" for t in TEMPLATES.values()]
    texts += [str(place.get("name", "")) for place in support]
    texts += list(not_names)
    return allow_words(texts)
