"""The Supervision view: the sealed packs sent, each answered or waiting, and what was said.

The app's side of `journal pack list`: one row per sealed pack (when it was sent, how many
entries, its file), answered (when) or waiting for a reply. Enter on an answered one reads the
supervision entry its reply became. Replies are received with `journal pack receive`.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from journal.export.log import Shared
from journal.screens import HelpSection, host
from journal.widgets.footer import KeysFooter

NONE_SENT = ("No sealed packs sent yet. A pack sealed to a supervisor (Export, or `journal "
             "export --to NAME`) carries a reply template; `journal pack receive` takes the "
             "reply.")


def pack_label(shared: Shared) -> str:
    """One row: when it went, what it held, and whether supervision has answered."""
    n = len(shared.entries)
    state = f"answered {shared.answered[:10]}" if shared.answered else "waiting for a reply"
    return (f"sent {shared.when[:10]}  ·  {n} {'entry' if n == 1 else 'entries'}  ·  "
            f"{shared.file}  ·  {state}")


class SupervisionScreen(Screen[None]):
    """Sealed packs, oldest first."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="supervision.back",
                        tooltip="Back to where you were")]
    HELP_SECTION = HelpSection("Supervision", keys=(
        ("enter", "Read what supervision said (an answered pack's supervision entry)"),))

    def __init__(self) -> None:
        super().__init__()
        self.packs: list[Shared] = []

    def compose(self) -> ComposeResult:
        yield Static("Supervision", classes="title")
        yield Static("Loading…", id="supervision-status", classes="explain")
        yield OptionList(id="supervision-list")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True, group="supervision", exit_on_error=False)
    async def load(self) -> None:
        app = host(self)
        shared = await app.run_store(app.session.export_history)
        self.packs = [s for s in shared if s.pack_id]
        options = self.query_one(OptionList)
        options.set_options([Option(Content(pack_label(s)), id=s.pack_id) for s in self.packs])
        answered = sum(1 for s in self.packs if s.answered)
        self.query_one("#supervision-status", Static).update(
            NONE_SENT if not self.packs else
            f"{len(self.packs)} sealed {'pack' if len(self.packs) == 1 else 'packs'} sent, "
            f"{answered} answered. Enter reads what supervision said; `journal pack receive "
            "REPLY` takes a reply in.")
        if self.packs:
            options.highlighted = len(self.packs) - 1
        options.focus()

    @on(OptionList.OptionSelected)
    def read(self, event: OptionList.OptionSelected) -> None:
        from journal.screens.entry import EntryScreen

        chosen = next((s for s in self.packs if s.pack_id == event.option.id), None)
        if chosen is None or not chosen.answer:
            self.notify("No reply to this pack yet.", timeout=4)
            return
        self.app.push_screen(EntryScreen(chosen.answer))
