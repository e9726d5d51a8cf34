"""Labels for the value and behaviour ids that entries store."""

from __future__ import annotations

from collections.abc import Iterable

from journal.domain.framework import Catalogue, Framework


class Names:
    """Labels for value and behaviour ids: the active framework's first, in its order; ids from
    other frameworks keep their stored id (with a known name, when one exists)."""

    def __init__(self, framework: Framework, catalogue: Catalogue | None = None) -> None:
        self.framework = framework
        self.catalogue = catalogue or Catalogue(framework, [])

    def value_ids(self, seen: Iterable[str]) -> list[str]:
        active = self.framework.value_ids
        return active + sorted(set(seen) - set(active))

    def behaviour_ids(self, seen: Iterable[str]) -> list[str]:
        active = self.framework.behaviour_ids
        return active + sorted(set(seen) - set(active))

    def value(self, value_id: str) -> tuple[str, str, bool]:
        """(name, belief, in the active framework)."""
        value = self.framework.value(value_id)
        if value is not None:
            return value.name, value.belief, True
        known = self.catalogue.values.get(value_id)
        return value_id, known.name if known else "", False

    def behaviour(self, behaviour_id: str) -> tuple[str, str, bool]:
        """(text, area, in the active framework); other behaviours go under "other"."""
        behaviour = self.framework.behaviour(behaviour_id)
        if behaviour is not None:
            return behaviour.text, behaviour.area, True
        known = self.catalogue.behaviours.get(behaviour_id)
        return (f"{behaviour_id}: {known.text}" if known else behaviour_id), "other", False
