"""The people the writer supports: name, other names, and a stable pseudonym such as P3.

Kept encrypted in the journal and synced like entries. Export uses the list to replace every
name and alias with the person's pseudonym, the same one every time.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, DataTable, Input, Static

from journal.domain.people import Person
from journal.screens import HelpSection, host
from journal.widgets.footer import KeysFooter


class PeopleScreen(Screen[None]):
    """The list above, the form below. Focus starts, and stays after each save, in the Name
    field: a writer adding people types names, and a focused list would take their letters as
    keys (the `a` of "Mary" is Add person). Tab reaches the list to change or remove someone."""

    AUTO_FOCUS = "#name"
    BINDINGS = [
        Binding("escape", "back", "Back", id="people.back", tooltip="Back to the timeline"),
        Binding("a", "add", "Add person", id="people.add",
                tooltip="Add a person: name, other names, pseudonym"),
        Binding("delete,x", "remove", "Remove", id="people.remove",
                tooltip="Remove the highlighted person from the list"),
    ]
    HELP_SECTION = HelpSection("People", keys=(
        ("enter", "On a person: change their names or pseudonym"),))

    def __init__(self) -> None:
        super().__init__()
        self.people: list[Person] = []
        self.editing: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="people"):
            yield Static(
                "People you support. Their names never leave this journal: when you export "
                "for supervision, every name and alias is replaced by the pseudonym. Type a "
                "name below and press Enter to add someone; shift+tab goes to the list, to "
                "change or remove them.",
                classes="explain")
            yield DataTable(id="people-table", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="person-form"):
                yield Input(placeholder="Name", id="name", compact=True)
                yield Input(placeholder="Other names, commas between", id="aliases",
                            compact=True)
                yield Input(placeholder="Pseudonym (P1…)", id="pseudonym", compact=True)
                yield Button("Save", id="save-person", compact=True)
            yield Static("", id="people-status", classes="error")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Pseudonym", "Name", "Other names")
        self.load()

    @work(exclusive=True, exit_on_error=False)
    async def load(self) -> None:
        app = host(self)
        self.people = await app.run_store(app.session.people)
        table = self.query_one(DataTable)
        table.clear()
        for p in self.people:
            table.add_row(Text(p.pseudonym), Text(p.name), Text(", ".join(p.aliases)),
                          key=p.record_id)

    def action_add(self) -> None:
        self.editing = None
        for name in ("#name", "#aliases", "#pseudonym"):
            self.query_one(name, Input).value = ""
        self.query_one("#name", Input).focus()

    @on(DataTable.RowSelected)
    def edit(self, event: DataTable.RowSelected) -> None:
        person = next(p for p in self.people if p.record_id == event.row_key.value)
        self.editing = person.record_id
        self.query_one("#name", Input).value = person.name
        self.query_one("#aliases", Input).value = ", ".join(person.aliases)
        self.query_one("#pseudonym", Input).value = person.pseudonym
        self.query_one("#name", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save-person")
    def submit(self) -> None:
        self.save()

    @work(exclusive=True, exit_on_error=False)
    async def save(self) -> None:
        app = host(self)
        name = self.query_one("#name", Input).value
        aliases = self.query_one("#aliases", Input).value.split(",")
        pseudonym = self.query_one("#pseudonym", Input).value
        status = self.query_one("#people-status", Static)
        try:
            await app.run_store(app.session.save_person, name, aliases, pseudonym,
                                self.editing)
        except ValueError as exc:
            status.update(Content(str(exc)))
            return
        status.update("")
        self.action_add()
        self.load()

    @work(exclusive=True, exit_on_error=False)
    async def action_remove(self) -> None:
        app = host(self)
        table = self.query_one(DataTable)
        if not self.people or table.cursor_row is None:
            return
        record_id = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if record_id is None:
            return
        await app.run_store(app.session.remove_person, record_id)
        self.notify("Removed from the list. Past entries keep their pseudonyms.", timeout=3)
        self.load()

    def action_back(self) -> None:
        self.dismiss(None)
