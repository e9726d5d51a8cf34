"""The editor's People field: the people attached to the entry (by pseudonym), and a one-line
suggestion when the text names someone on the people list who is not attached yet.

Nothing is attached by itself: the suggestion names the key that accepts it (`ATTACH_KEY`), and
`CHOOSE_KEY` opens the list to tick people on and off. The editor binds these same keys.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, Static

from journal.domain.people import Person
from journal.session.mentions import attached_line, mentioned, suggestion

#: The editor's keys for the people of an entry, named in what this field says.
CHOOSE_KEY, ATTACH_KEY = "f3", "f5"


class PeopleField(Vertical):
    """Attached pseudonyms in `attached`; `known` is the people list, `found` those the text
    names who are not attached (the first is offered)."""

    DEFAULT_CSS = """
    PeopleField { height: auto; }
    PeopleField #people-names { width: 1fr; height: 1; }
    PeopleField #people-hint { height: auto; padding: 0 1; }
    """

    def __init__(self, attached: Sequence[str], id: str | None = None) -> None:
        super().__init__(id=id)
        self.attached = list(attached)
        self.known: list[Person] = []
        self.found: list[Person] = []
        self._text = ""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label("People", classes="field-label")
            yield Static("", id="people-names")
        yield Static("", id="people-hint", classes="explain")

    def on_mount(self) -> None:
        self._show()

    def know(self, people: Sequence[Person]) -> None:
        """The people list, once loaded."""
        self.known = list(people)
        self.look_at(self._text)

    def look_at(self, text: str) -> None:
        """Find who `text` names and is not attached; offer the first."""
        self._text = text
        self.found = mentioned(text, self.known, self.attached) if self.known else []
        self._show()

    def attach_suggested(self) -> str | None:
        """Attach the person offered; their pseudonym, or None when none was offered."""
        if not self.found:
            return None
        pseudonym = self.found[0].pseudonym
        self.set_attached([*self.attached, pseudonym])
        return pseudonym

    def set_attached(self, pseudonyms: Sequence[str]) -> None:
        self.attached = list(pseudonyms)
        self.look_at(self._text)

    def _show(self) -> None:
        if not self.is_mounted:
            return
        self.query_one("#people-names", Static).update(
            Content(attached_line(self.attached, self.known, CHOOSE_KEY)))
        hint = self.query_one("#people-hint", Static)
        hint.update(Content(suggestion(self.found, ATTACH_KEY)))
        hint.display = bool(self.found)
