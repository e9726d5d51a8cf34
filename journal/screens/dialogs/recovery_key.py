"""The recovery key, shown once at set-up, with a plain explanation and a confirmation step.

Until the box is ticked the button says so ("Tick the box first"): a disabled button is only
dimmer, and the app never tells anything by colour alone.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Static

from journal.widgets.ticks import Tick

WAITING = "Tick the box first"


class RecoveryKeyScreen(ModalScreen[None]):
    """Focus starts on the tick box: the one thing to do here is tick it, then continue."""

    AUTO_FOCUS = "#written"
    DEFAULT_CSS = """
    RecoveryKeyScreen { align: center middle; }
    RecoveryKeyScreen > VerticalScroll { width: 76; max-width: 98%; height: auto;
        max-height: 95%; border: thick $accent; background: $surface; padding: 1 2; }
    RecoveryKeyScreen #key { text-style: bold; color: $accent; padding: 1 0; content-align:
        center middle; width: 100%; }
    """

    def __init__(self, recovery_key: str) -> None:
        super().__init__()
        self.recovery_key = recovery_key

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("Your recovery key", classes="title")
            yield Static(
                "If you ever forget your passphrase, this key is the only way back into your "
                "journal. Nobody else has a copy, not even us. Write it on paper and keep it "
                "somewhere safe, away from this computer. It will not be shown again.")
            yield Static(self.recovery_key, id="key")
            yield Tick("I have written it down", id="written")
            yield Button(WAITING, id="continue", variant="primary", disabled=True)

    @on(Checkbox.Changed, "#written")
    def allow(self, event: Checkbox.Changed) -> None:
        button = self.query_one("#continue", Button)
        button.disabled = not event.value
        button.label = "Continue" if event.value else WAITING

    @on(Button.Pressed, "#continue")
    def done(self) -> None:
        self.dismiss(None)
