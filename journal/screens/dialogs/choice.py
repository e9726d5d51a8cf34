"""A question with a few named answers, as a typed modal dismissed with the answer's id."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from journal.screens import HelpSection


class ChoiceScreen(ModalScreen[str]):
    DEFAULT_CSS = """
    ChoiceScreen { align: center middle; }
    ChoiceScreen > Vertical { width: 70; max-width: 95%; height: auto; padding: 1 2;
                              border: thick $accent; background: $surface; }
    ChoiceScreen Label { width: 100%; margin-bottom: 1; }
    ChoiceScreen Horizontal { height: auto; align-horizontal: right; }
    ChoiceScreen Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="choice.cancel",
                        tooltip="Cancel: the safest answer")]
    HELP_SECTION = HelpSection("Questions", keys=(("tab,shift+tab", "Another answer"),
                                   ("enter", "Give the answer in focus")))

    def __init__(self, question: str, choices: list[tuple[str, str]], cancel: str) -> None:
        """`choices` are (id, label) pairs, the safest first; Escape answers `cancel`."""
        super().__init__()
        self.question, self.choices, self.cancel = question, choices, cancel

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Content(self.question))
            with Horizontal():
                for choice_id, label in self.choices:
                    yield Button(label, id=choice_id)

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or self.cancel)

    def action_cancel(self) -> None:
        self.dismiss(self.cancel)
