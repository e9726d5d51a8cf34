"""Tick the people an entry is about, from the people list; dismissed with their pseudonyms in
the list's order, or None to leave them as they were.

An entry keeps pseudonyms only (P2), never names: the supervision export needs nothing more.
A pseudonym attached before that no one on the list has now (a removed person's) is offered
too, ticked, so it can be taken off.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static
from textual.widgets.selection_list import Selection

from journal.domain.people import Person
from journal.screens import HelpSection
from journal.widgets.footer import KeysFooter
from journal.widgets.people_field import PeopleField
from journal.widgets.ticks import TickList

NO_ONE = ("No one is on your people list yet. Add the people you support on the People screen "
          "(p on the timeline): each gets a pseudonym such as P1.")


class PeoplePickerScreen(ModalScreen[list[str] | None]):
    DEFAULT_CSS = """
    PeoplePickerScreen { align: center middle; }
    PeoplePickerScreen > Vertical { width: 70; max-width: 98%; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 1 2; }
    PeoplePickerScreen TickList { height: auto; max-height: 14; }
    """
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="people_picker.cancel",
                tooltip="Leave the entry's people as they were"),
        Binding("ctrl+s", "done", "Attach ticked", id="people_picker.done",
                tooltip="Attach the people ticked, and only them"),
    ]
    HELP_SECTION = HelpSection("People in an entry", keys=(
        ("space,enter", "Tick or untick a person"),))

    def __init__(self, people: list[Person], attached: list[str]) -> None:
        super().__init__()
        self.people, self.attached = people, attached

    def compose(self) -> ComposeResult:
        listed = {p.pseudonym for p in self.people}
        on = {a.casefold() for a in self.attached}
        options = [Selection(Content(f"{p.pseudonym}  {p.name}"
                                     + (f" ({', '.join(p.aliases)})" if p.aliases else "")),
                             p.pseudonym, p.pseudonym.casefold() in on) for p in self.people]
        options += [Selection(Content(f"{a}  (not on the people list now)"), a, True)
                    for a in self.attached if a not in listed]
        with Vertical():
            yield Static("People this entry is about", classes="title")
            if options:
                yield Static("Space ticks a person; ctrl+s attaches those ticked, Escape "
                             "leaves them as they were.")
                yield TickList[str](*options, id="people-choices")
            else:
                yield Static(NO_ONE, id="no-one")
        yield KeysFooter()

    def action_done(self) -> None:
        choices = self.query(TickList)
        if not choices:
            self.dismiss(list(self.attached))
            return
        ticks = choices.first()
        chosen = set(ticks.selected)
        in_order = (ticks.get_option_at_index(i).value for i in range(ticks.option_count))
        self.dismiss([value for value in in_order if value in chosen])


async def pick_people(screen: Screen[Any], field: PeopleField) -> None:
    """The editor's key for its people: the list to tick, and the choice into `field` (in a
    worker: it waits for the dialog)."""
    chosen = await screen.app.push_screen_wait(PeoplePickerScreen(field.known, field.attached))
    if chosen is not None:
        field.set_attached(chosen)
