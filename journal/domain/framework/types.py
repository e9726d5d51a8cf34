"""What a values framework is: its values, its behaviours (by area), and its one error.

Plain data; reading files is `parse.py`, finding and choosing frameworks `catalogue.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from journal.errors import JournalError

AREAS = ("peers", "self", "team")
AREA_NAMES = {"peers": "Peers", "self": "Self", "team": "Team"}
DEFAULT_FRAMEWORK = "srn-values"


class FrameworkError(JournalError, ValueError):
    """A framework file that cannot be used. `problems` holds one 'FILE:LINE: ...' line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Value:
    id: str
    name: str
    belief: str
    statements: tuple[str, ...] = ()
    prompt: str = ""


@dataclass(frozen=True)
class Behaviour:
    id: str
    text: str
    area: str


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    source: str
    values: tuple[Value, ...]
    behaviours: tuple[Behaviour, ...] = ()
    short_name: str = ""
    checklist_prompt: str = "Did I…"
    note: str = ""
    path: Path | None = field(default=None, compare=False)

    def value(self, value_id: str) -> Value | None:
        return next((v for v in self.values if v.id == value_id), None)

    def behaviour(self, behaviour_id: str) -> Behaviour | None:
        return next((b for b in self.behaviours if b.id == behaviour_id), None)

    def behaviours_in(self, area: str) -> list[Behaviour]:
        return [b for b in self.behaviours if b.area == area]

    @property
    def value_ids(self) -> list[str]:
        return [v.id for v in self.values]

    @property
    def behaviour_ids(self) -> list[str]:
        return [b.id for b in self.behaviours]


# -- where each key sits in the file, for error messages --------------------------------------
