"""Write or edit an entry: text on the left, values and the "Did I…?" check-list on the right.

The form autosaves as an encrypted draft every few seconds and whenever the screen changes, so a
crash, a closed terminal or an auto-lock loses nothing. Leaving with unsaved changes asks.
"""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import datetime

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Label, Select, Static, TextArea

from journal.domain.dates import DateError, parse_when
from journal.domain.framework import AREA_NAMES, AREAS
from journal.domain.model import Answer, Entry, EntryError, Kind, Mark
from journal.domain.schema import snapshot
from journal.domain.templates import (
    TEMPLATES,
    Template,
    has_writing,
    is_untouched_template,
    section_at,
    template_for,
    without_prompts,
)
from journal.present.actions import format_actions, parse_actions
from journal.present.values import value_explained
from journal.screens import HelpSection, host
from journal.screens.dialogs.own_editor import write_outside
from journal.screens.dialogs.people_picker import pick_people
from journal.session.drafts import Draft
from journal.widgets.checkin import CheckInFields
from journal.widgets.footer import KeysFooter
from journal.widgets.marks import MARK_CYCLE_TEXT, CheckRow, ValueRow
from journal.widgets.people_field import ATTACH_KEY, CHOOSE_KEY, PeopleField
from journal.widgets.ticks import Tick

AUTOSAVE_SECONDS = 4
#: Said when ctrl+s finds a new entry holding nothing but its template.
NOTHING_TO_SAVE = ("nothing is written yet, only the template's headings: write under one, or "
                   "give a title")


class EditorScreen(Screen[str | None]):
    """Dismissed with the saved entry's id, or None when nothing was saved.

    `quick` is the quick note: a title and the text, saved as a quick entry with no template,
    values or check-list."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="editor.save", tooltip="Save this entry"),
        Binding("escape", "leave", "Back", id="editor.back",
                tooltip="Leave (asks first if there are unsaved changes)"),
        Binding("f2", "focus_side", "Values", id="editor.values",
                tooltip="Jump to values and the check-list"),
        Binding(CHOOSE_KEY, "people", "People", id="editor.people", show=False,
                tooltip="Tick the people this entry is about (their pseudonyms)"),
        Binding("f4", "own_editor", "My editor", id="editor.own_editor", show=False,
                tooltip="Write the title and text in your own editor ($VISUAL or $EDITOR)"),
        Binding(ATTACH_KEY, "attach", "Attach", id="editor.attach", show=False,
                tooltip="Attach the person the text names, as offered under the text"),
    ]
    HELP_SECTION = HelpSection("Writing", widgets=(ValueRow, CheckRow), note=(
        "A template gives the text its headings; the prompt of the part you are in shows "
        "under the text, and is never saved. Headings left empty are dropped when you save. "
        "Drafts are saved, encrypted, every few seconds. If the app is closed or crashes, the "
        "next unlock offers your draft back."), keys=(
        ("enter", "In the title: on to the text"),
        ("home,end", "Start / end of the line as you see it"),
    ))

    def __init__(self, entry: Entry | None = None, *, draft: Draft | None = None,
                 quick: bool = False) -> None:
        super().__init__()
        self.draft_id = draft.draft_id if draft else secrets.token_hex(8)
        if draft is not None:
            entry = draft.entry
        self.original = entry
        kind = Kind.QUICK if quick else Kind.SESSION
        self.quick = quick
        self.template: Template | None = None if entry else self._template(kind)
        self.entry = entry or Entry(when=datetime.now().astimezone(), kind=kind,
                                    body=self.template.text if self.template else "")
        self.marks: dict[str, Mark] = dict(self.entry.marks)
        self.checks: dict[str, Answer] = dict(self.entry.checks)
        self.saved_snapshot = None if draft else self._snapshot_of(self.entry)
        self.last_autosaved: tuple[object, ...] | None = None

    def _template(self, kind: Kind) -> Template:
        return template_for(kind, host(self).session.settings.templates)

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        e = self.entry
        framework = host(self).session.framework
        with Horizontal(id="editor"):
            with Vertical(id="writing"):
                with Horizontal(id="meta-row", classes="field-row"):
                    yield Label("Title", classes="field-label")
                    yield Input(e.title, placeholder="a few words to find it by", id="title",
                                compact=True, select_on_focus=False)  # typing adds, not replaces
                with Horizontal(id="kind-row", classes="field-row"):
                    yield Label("Kind", classes="field-label")
                    yield Select([(k.value, k.value) for k in Kind], value=e.kind.value,
                                 allow_blank=False, id="kind", compact=True)
                    yield Label(" Date ", id="date-label")
                    yield Input(e.when.strftime("%Y-%m-%d %H:%M"), id="date", compact=True)
                with Horizontal(id="template-row", classes="field-row"):
                    yield Label("Template", classes="field-label")
                    yield Select([(t.name, t.id) for t in TEMPLATES.values()],
                                 prompt="add one to the text", id="template", compact=True)
                body = TextArea(e.body, id="body", language="markdown", soft_wrap=True,
                                show_line_numbers=False,
                                placeholder="Write freely here. ctrl+s saves.")
                body.border_title = "Text"
                yield body
                yield Static("", id="guide", classes="explain")
                yield PeopleField(e.people, id="entry-people")
            with VerticalScroll(id="side"):
                yield Label(f"Values (space: {MARK_CYCLE_TEXT})", classes="heading")
                for value in framework.values:
                    yield ValueRow(value, self.marks.get(value.id))
                yield Static("", id="value-info", classes="explain")
                with Vertical(id="checklist"):
                    if framework.behaviours:
                        yield Label(Content(framework.checklist_prompt), classes="heading")
                        for area in AREAS:
                            rows = framework.behaviours_in(area)
                            if rows:
                                yield Label(AREA_NAMES[area], classes="subheading")
                                for behaviour in rows:
                                    yield CheckRow(behaviour, self.checks.get(behaviour.id))
                yield Label(Content("Now what? (one action a line, [x] when done)"),
                            classes="heading")
                yield TextArea(format_actions(e.actions), id="actions", soft_wrap=True,
                               show_line_numbers=False)
                yield Tick("Bring to supervision", e.flagged, id="flagged", compact=True)
                yield Label("Question for supervision", classes="field-heading")
                yield Input(e.question, placeholder="optional", id="question", compact=True,
                            select_on_focus=False)
                yield CheckInFields(e.checkin)
                yield Static("", id="editor-status", classes="explain")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._show_checklist(self.entry.kind)
        if self.quick:
            for part in ("#kind-row", "#template-row", "#side", "#guide"):
                self.query_one(part).display = False
            body = self.query_one("#body", TextArea)
            body.placeholder, body.border_title = "A few lines. ctrl+s saves.", "Quick note"
        if self.template is not None:
            self.query_one("#body", TextArea).cursor_location = (self.template.first_line, 0)
        self._guide()
        self.query_one("#title", Input).focus()
        self.set_interval(AUTOSAVE_SECONDS, self.autosave, name="autosave")
        self._know_people()

    @work(group="know-people", exit_on_error=False)
    async def _know_people(self) -> None:
        app = host(self)
        self.query_one(PeopleField).know(await app.run_store(app.session.people))

    def _show_checklist(self, kind: Kind) -> None:
        self.query_one("#checklist").display = kind == Kind.SESSION

    # -- reading the form ---------------------------------------------------------------

    def form_entry(self) -> Entry:
        """The entry as the form shows it now (raises EntryError/DateError on a bad date)."""
        question = self.query_one("#question", Input).value.strip()
        return Entry(
            when=parse_when(self.query_one("#date", Input).value),
            kind=Kind(str(self.query_one("#kind", Select).value)),
            title=self.query_one("#title", Input).value.strip(),
            body=self.query_one("#body", TextArea).text,
            framework_id=host(self).session.framework.id,
            marks=dict(self.marks),
            checks=dict(self.checks) if self.query_one("#kind", Select).value == "session"
            else {},
            checkin=self.query_one(CheckInFields).checkin,
            actions=parse_actions(self.query_one("#actions", TextArea).text, self.entry.actions),
            flagged=self.query_one("#flagged", Tick).value or bool(question),
            question=question,
            people=list(self.query_one(PeopleField).attached),
            tags=list(self.entry.tags),
            source=self.entry.source,
            supervision=self.entry.supervision,
            id=self.entry.id,
            extra=dict(self.entry.extra),
        )

    @staticmethod
    def _snapshot_of(entry: Entry) -> tuple[object, ...]:
        """Every field the writer edits, from the one entry shape; the text as it would be
        saved, so template headings alone are no change."""
        return snapshot(replace(entry, body=without_prompts(entry.body)))

    def _snapshot(self) -> tuple[object, ...] | None:
        try:
            return self._snapshot_of(self.form_entry())
        except (DateError, EntryError, ValueError):
            return None

    @property
    def dirty(self) -> bool:
        """Unsaved changes: for a new entry, anything written at all (switching the kind or
        the template of an empty one is none)."""
        if not self.entry.id and self.saved_snapshot is not None:
            try:
                return has_writing(self.form_entry())
            except (DateError, EntryError, ValueError):
                return True
        return self._snapshot() != self.saved_snapshot

    # -- reacting to the form -----------------------------------------------------------

    @on(ValueRow.Changed)
    def mark_changed(self, event: ValueRow.Changed) -> None:
        if event.mark is None:
            self.marks.pop(event.value_id, None)
        else:
            self.marks[event.value_id] = event.mark

    @on(ValueRow.Focused)
    def explain_value(self, event: ValueRow.Focused) -> None:
        self.query_one("#value-info", Static).update(Content(value_explained(event.value)))

    @on(CheckRow.Changed)
    def check_changed(self, event: CheckRow.Changed) -> None:
        if event.answer is None:
            self.checks.pop(event.behaviour_id, None)
        else:
            self.checks[event.behaviour_id] = event.answer

    @on(Select.Changed, "#kind")
    def kind_changed(self, event: Select.Changed) -> None:
        kind = Kind(str(event.value))
        self._show_checklist(kind)
        body = self.query_one("#body", TextArea)
        if is_untouched_template(body.text) and not self.quick:
            self._start_from(self._template(kind))

    @on(Select.Changed, "#template")
    def template_chosen(self, event: Select.Changed) -> None:
        if event.value is Select.NULL:
            return
        body = self.query_one("#body", TextArea)
        template = TEMPLATES[str(event.value)]
        if is_untouched_template(body.text):
            self._start_from(template)
        else:
            self.template = template
            end = body.document.end
            body.insert("\n" + template.text, end)
            body.cursor_location = (end[0] + 1 + template.first_line, 0)
        body.focus()

    def _start_from(self, template: Template) -> None:
        """Put a template's headings in place of an untouched body, the cursor under the first."""
        self.template = template
        body = self.query_one("#body", TextArea)
        body.text = template.text
        body.cursor_location = (template.first_line, 0)
        self._guide()

    @on(TextArea.SelectionChanged, "#body")
    @on(TextArea.Changed, "#body")
    def _guide(self) -> None:
        """Under the text, the prompt of the template section the cursor is in: it guides,
        and is never part of the entry."""
        body = self.query_one("#body", TextArea)
        section = section_at(body.text, body.cursor_location[0], self.template)
        guide = self.query_one("#guide", Static)
        guide.update(Content(f"{section.heading}  {section.prompt}") if section else "")
        guide.display = section is not None and not self.quick

    @on(TextArea.Changed, "#body")
    def _names(self) -> None:
        """Offer to attach a listed person the text names (never attached by itself)."""
        self.query_one(PeopleField).look_at(self.query_one("#body", TextArea).text)

    @on(Input.Submitted, "#title")
    def title_done(self) -> None:
        """Enter after the title: on to the text, where the cursor was left."""
        self.query_one("#body", TextArea).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A quick note has no values or check-list to jump to."""
        return not (action == "focus_side" and self.quick)

    def action_focus_side(self) -> None:
        rows = self.query(ValueRow)
        if rows:
            rows.first().focus()

    def action_attach(self) -> None:
        self.query_one(PeopleField).attach_suggested()

    @work(exclusive=True, group="people", exit_on_error=False)
    async def action_people(self) -> None:
        await pick_people(self, self.query_one(PeopleField))

    @work(exclusive=True, group="own-editor", exit_on_error=False)
    async def action_own_editor(self) -> None:
        title, body = self.query_one("#title", Input), self.query_one("#body", TextArea)
        await write_outside(self, title, body)

    # -- saving -------------------------------------------------------------------------

    async def autosave(self) -> None:
        """Seal the form as a draft if it changed since it was last saved or autosaved."""
        app = host(self)
        if not app.session.unlocked or not self.dirty:
            return
        try:
            entry = self.form_entry()
        except (DateError, EntryError, ValueError):
            return
        snapshot = self._snapshot_of(entry)
        if snapshot == self.last_autosaved:
            return
        await app.run_store(app.session.save_draft, self.draft_id, entry)
        self.last_autosaved = snapshot
        self.query_one("#editor-status", Static).update(
            f"Draft autosaved {datetime.now():%H:%M:%S}")

    async def on_screen_suspend(self) -> None:
        await self.autosave()

    def action_save(self) -> None:
        self._save(leave=True)

    @work(exclusive=True, group="save", exit_on_error=False)
    async def _save(self, leave: bool) -> None:
        app = host(self)
        status = self.query_one("#editor-status", Static)
        try:
            entry = self.form_entry()
            entry.body = without_prompts(entry.body)  # the template guided; it is not saved
            if not entry.title.strip() and not entry.body.strip():
                raise EntryError(NOTHING_TO_SAVE)
            entry.validate()
        except (DateError, EntryError) as exc:
            status.update(Content(f"Not saved: {exc}"))
            self.notify(f"Not saved: {exc}", severity="warning", markup=False)
            return
        try:
            saved = await app.run_store(app.session.save, entry)
        except Exception as exc:  # a full disk, a damaged file: say so, keep every word
            kept = "It stays here"
            try:
                await self.autosave()
                kept = "It is kept as a draft and stays here"
            except Exception:  # the same fault stops the draft too: the text stays on screen
                pass
            status.update(Content(f"Not saved ({type(exc).__name__}: {exc}). {kept}; try ctrl+s "
                                  "again."))
            self.notify("Not saved: nothing you wrote is lost.", severity="error")
            return
        await app.run_store(app.session.discard_draft, self.draft_id)
        self.entry = saved
        self.saved_snapshot = self._snapshot_of(saved)
        self.last_autosaved = None
        self.notify("Saved.", timeout=2)
        app.sync_soon()
        if leave:
            self.dismiss(saved.id)

    @work(exclusive=True, group="leave", exit_on_error=False)
    async def action_leave(self) -> None:
        from journal.screens.dialogs.choice import ChoiceScreen

        if not self.dirty:
            await self._discard_draft()
            self.dismiss(None)
            return
        answer = await self.app.push_screen_wait(ChoiceScreen(
            "You have changes that are not saved.",
            [("keep", "Keep writing"), ("discard", "Discard changes"), ("save", "Save")],
            cancel="keep"))
        if answer == "save":
            self._save(leave=True)
        elif answer == "discard":
            await self._discard_draft()
            self.dismiss(None)

    async def _discard_draft(self) -> None:
        app = host(self)
        if app.session.unlocked:
            await app.run_store(app.session.discard_draft, self.draft_id)
