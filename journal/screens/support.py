"""Places to get help, always one key away (ctrl+g). The writer edits the list; it is kept
encrypted in the journal. The app never scans entries and never contacts anyone."""

from __future__ import annotations

import time
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static, TextArea

from journal.screens import HelpSection, host
from journal.session.facade import DEFAULT_SUPPORT
from journal.widgets.footer import KeysFooter

#: The widest a name or contact column grows; a longer name wraps, a longer contact pushes
#: its note right.
NAME_MAX, CONTACT_MAX = 24, 30
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


def place_rows(places: list[dict[str, Any]]) -> list[Horizontal]:
    """One row a place: name, contact, note, in columns as wide as the longest (within reason).

    Plain text, never markup or Markdown. A contact never wraps ("0800 83 85 87" split over two
    lines is a wrong number); a long note wraps under itself.
    """
    name_width = min(max((len(p.get("name", "")) for p in places), default=0), NAME_MAX)
    contact_width = min(max((len(p.get("contact", "")) for p in places), default=0), CONTACT_MAX)
    rows = []
    for place in places:
        name = Static(Content(place.get("name", "")), classes="place-name")
        name.styles.width = name_width
        contact = Static(Content(place.get("contact", "")), classes="place-contact")
        contact.styles.min_width = contact_width
        rows.append(Horizontal(name, contact, Static(Content(place.get("note", "")),
                                                     classes="place-note"), classes="place"))
    return rows


class SupportScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="support.back",
                tooltip="Close this page (while editing the list: stop, unsaved)"),
        Binding("e", "edit", "Edit list", id="support.edit",
                tooltip="Edit the list: one place a line, name | number or address | note"),
        Binding("ctrl+s", "save", "Save list", id="support.save",  # in the footer while editing
                tooltip="Save the list you edited"),
    ]
    HELP_SECTION = HelpSection("Get support")

    def __init__(self) -> None:
        super().__init__()
        self.places = [dict(p) for p in DEFAULT_SUPPORT]
        self.editing = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="support"):
            yield Static("Get support", classes="title")
            yield Static(INTRO, id="support-intro", classes="explain")
            yield Vertical(*place_rows(self.places), id="places")
            yield Static("One place a line: name | number or address | note. ctrl+s saves.",
                         id="support-hint", classes="explain hidden")
            yield TextArea("", id="support-edit", classes="hidden")
        yield KeysFooter()

    def on_mount(self) -> None:
        if host(self).session.unlocked:
            self.load()

    @work(exclusive=True, exit_on_error=False)
    async def load(self) -> None:
        app = host(self)
        self.places = await app.run_store(app.session.support)
        await self.show_places()

    async def show_places(self) -> None:
        places = self.query_one("#places", Vertical)
        await places.remove_children()
        await places.mount_all(place_rows(self.places))

    def action_edit(self) -> None:
        if not host(self).session.unlocked:
            self.notify("Unlock the journal to edit this list.", timeout=3)
            return
        self.editing = True
        area = self.query_one("#support-edit", TextArea)
        area.text = to_text(self.places)
        self._editing(True)
        area.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer offers ctrl+s while the list is being edited, and e while it is not."""
        if action in ("save", "edit"):
            return self.editing == (action == "save")
        return True

    def _editing(self, editing: bool) -> None:
        """While editing, the edit box takes the list's place: on screen at any size."""
        self.editing = editing
        self.refresh_bindings()
        for name in ("#support-edit", "#support-hint"):
            self.query_one(name).set_class(not editing, "hidden")
        for name in ("#places", "#support-intro"):
            self.query_one(name).set_class(editing, "hidden")

    @work(exclusive=True, exit_on_error=False)
    async def action_save(self) -> None:
        app = host(self)
        if not self.editing:
            return
        places = from_text(self.query_one("#support-edit", TextArea).text)
        await app.run_store(app.session.set_support, places)
        self.places = places
        self._editing(False)
        await self.show_places()
        self.notify("Support list saved.", timeout=2)

    @on(TextArea.Changed, "#support-edit")
    def touched(self) -> None:
        host(self).last_activity = time.monotonic()

    def action_back(self) -> None:
        if self.editing:  # Escape leaves the edit box first, as it leaves any field
            self._editing(False)
            self.notify("The list is as it was (ctrl+s saves an edit).", timeout=3)
            return
        self.dismiss(None)
