"""Places to get help, always one key away (ctrl+g). The writer edits the list; it is kept
encrypted in the journal. The app never scans entries and never contacts anyone."""

from __future__ import annotations

import time
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static, TextArea

from journal.screens import HelpSection, host
from journal.session.facade import DEFAULT_SUPPORT

INTRO = ("If you are struggling, you do not have to manage it alone. These are places to get "
         "help. Press e to edit the list.")


def to_text(places: list[dict[str, Any]]) -> str:
    return "\n".join(f"{p.get('name', '')} | {p.get('contact', '')} | {p.get('note', '')}"
                     for p in places)


def from_text(text: str) -> list[dict[str, Any]]:
    places: list[dict[str, Any]] = []
    for line in text.splitlines():
        parts = [part.strip() for part in line.split("|")]
        if parts and parts[0]:
            parts += [""] * (3 - len(parts))
            places.append({"name": parts[0], "contact": parts[1], "note": parts[2]})
    return places


def to_markdown(places: list[dict[str, Any]]) -> str:
    rows = "\n".join(f"| **{p['name']}** | {p['contact']} | {p['note']} |" for p in places)
    return f"# Get support\n\n{INTRO}\n\n| | | |\n|---|---|---|\n{rows}\n"


class SupportScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="support.back", tooltip="Close this page"),
        Binding("e", "edit", "Edit list", id="support.edit",
                tooltip="Edit the list: one place a line, name | number or address | note"),
        Binding("ctrl+s", "save", "Save list", id="support.save", show=False,
                tooltip="Save the list you edited"),
    ]
    HELP_SECTION = HelpSection("Get support")

    def __init__(self) -> None:
        super().__init__()
        self.places = [dict(p) for p in DEFAULT_SUPPORT]
        self.editing = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="support"):
            yield Markdown(to_markdown(self.places), id="places")
            yield Static("One place a line: name | number or address | note. ctrl+s saves.",
                         id="support-hint", classes="explain hidden")
            yield TextArea("", id="support-edit", classes="hidden")
        yield Footer()

    def on_mount(self) -> None:
        if host(self).session.unlocked:
            self.load()

    @work(exclusive=True, exit_on_error=False)
    async def load(self) -> None:
        app = host(self)
        self.places = await app.run_store(app.session.support)
        await self.query_one("#places", Markdown).update(to_markdown(self.places))

    def action_edit(self) -> None:
        if not host(self).session.unlocked:
            self.notify("Unlock the journal to edit this list.", timeout=3)
            return
        self.editing = True
        area = self.query_one("#support-edit", TextArea)
        area.text = to_text(self.places)
        for name in ("#support-edit", "#support-hint"):
            self.query_one(name).remove_class("hidden")
        area.focus()

    @work(exclusive=True, exit_on_error=False)
    async def action_save(self) -> None:
        app = host(self)
        if not self.editing:
            return
        places = from_text(self.query_one("#support-edit", TextArea).text)
        await app.run_store(app.session.set_support, places)
        self.places = places
        self.editing = False
        for name in ("#support-edit", "#support-hint"):
            self.query_one(name).add_class("hidden")
        await self.query_one("#places", Markdown).update(to_markdown(places))
        self.notify("Support list saved.", timeout=2)

    @on(TextArea.Changed, "#support-edit")
    def touched(self) -> None:
        host(self).last_activity = time.monotonic()

    def action_back(self) -> None:
        self.dismiss(None)
