"""Write or edit an entry: text on the left, values and the "Did I…?" check-list on the right.

The form autosaves as an encrypted draft every few seconds and whenever the screen changes, so a
crash, a closed terminal or an auto-lock loses nothing. Leaving with unsaved changes asks.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Checkbox, Footer, Input, Label, Select, Static, TextArea

from journal.domain.dates import DateError, parse_when
from journal.domain.framework import AREA_NAMES, AREAS
from journal.domain.model import Action, Answer, CheckIn, Entry, EntryError, Kind, Mark
from journal.domain.schema import snapshot
from journal.domain.templates import TEMPLATES, is_untouched_template, template_for
from journal.screens import HelpSection, host
from journal.session.drafts import Draft
from journal.widgets.marks import MARK_CYCLE_TEXT, CheckRow, ValueRow

AUTOSAVE_SECONDS = 4


def parse_actions(text: str, previous: list[Action]) -> list[Action]:
    """One action per line; a line starting "[x]" is done. Known texts keep their ids."""
    ids = {a.text: a.id for a in previous}
    actions = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        done = line.lower().startswith("[x]")
        body = line[3:].strip() if done or line.startswith("[ ]") else line
        action = Action(body, done)
        if body in ids:
            action.id = ids[body]
        actions.append(action)
    return actions


def format_actions(actions: list[Action]) -> str:
    return "\n".join(f"[{'x' if a.done else ' '}] {a.text}" for a in actions)


class EditorScreen(Screen[str | None]):
    """Dismissed with the saved entry's id, or None when nothing was saved."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="editor.save", tooltip="Save this entry"),
        Binding("escape", "leave", "Back", id="editor.back",
                tooltip="Leave (asks first if there are unsaved changes)"),
        Binding("f2", "focus_side", "Values", id="editor.values",
                tooltip="Jump to values and the check-list"),
    ]
    HELP_SECTION = HelpSection("Writing", widgets=(ValueRow, CheckRow), note=(
        "Drafts are saved, encrypted, every few seconds. If the app is closed or crashes, the "
        "next unlock offers your draft back."))

    def __init__(self, entry: Entry | None = None, *, draft: Draft | None = None) -> None:
        super().__init__()
        self.draft_id = draft.draft_id if draft else secrets.token_hex(8)
        if draft is not None:
            entry = draft.entry
        self.original = entry
        self.entry = entry or Entry(when=datetime.now().astimezone(), kind=Kind.SESSION,
                                    body=self._template(Kind.SESSION))
        self.marks: dict[str, Mark] = dict(self.entry.marks)
        self.checks: dict[str, Answer] = dict(self.entry.checks)
        self.saved_snapshot = None if draft else self._snapshot_of(self.entry)
        self.last_autosaved: tuple[object, ...] | None = None

    def _template(self, kind: Kind) -> str:
        return template_for(kind, host(self).session.settings.templates).text

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        e = self.entry
        framework = host(self).session.framework
        with Horizontal(id="editor"):
            with Vertical(id="writing"):
                with Horizontal(id="meta-row"):
                    yield Input(e.title, placeholder="Title", id="title", compact=True)
                    yield Select([(k.value, k.value) for k in Kind], value=e.kind.value,
                                 allow_blank=False, id="kind", compact=True)
                    yield Input(e.when.strftime("%Y-%m-%d %H:%M"), id="date", compact=True)
                yield Select([(t.name, t.id) for t in TEMPLATES.values()], prompt="Template",
                             id="template", compact=True)
                yield TextArea(e.body, id="body", language="markdown", soft_wrap=True,
                               show_line_numbers=False)
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
                yield Label("Now what? (one action a line, [x] when done)", classes="heading")
                yield TextArea(format_actions(e.actions), id="actions", soft_wrap=True,
                               show_line_numbers=False)
                yield Checkbox("Bring to supervision", e.flagged, id="flagged")
                yield Input(e.question, placeholder="Question for supervision", id="question",
                            compact=True)
                yield Label("Wellbeing check-in (private)", classes="heading")
                levels = [(str(n), n) for n in range(1, 6)]
                checkin = e.checkin or CheckIn()
                with Horizontal(classes="checkin"):
                    yield Select(levels, prompt="mood", value=checkin.mood or Select.NULL,
                                 id="mood", compact=True)
                    yield Select(levels, prompt="energy", value=checkin.energy or Select.NULL,
                                 id="energy", compact=True)
                yield Input(checkin.need, placeholder="What do I need?", id="need",
                            compact=True)
                yield Static("", id="editor-status", classes="explain")
        yield Footer()

    def on_mount(self) -> None:
        self._show_checklist(self.entry.kind)
        self.query_one("#body", TextArea).focus()
        self.set_interval(AUTOSAVE_SECONDS, self.autosave, name="autosave")

    def _show_checklist(self, kind: Kind) -> None:
        self.query_one("#checklist").display = kind == Kind.SESSION

    # -- reading the form ---------------------------------------------------------------

    def form_entry(self) -> Entry:
        """The entry as the form shows it now (raises EntryError/DateError on a bad date)."""
        checkin = CheckIn(
            _level(self.query_one("#mood", Select).value),
            _level(self.query_one("#energy", Select).value),
            self.query_one("#need", Input).value.strip(),
        )
        has_checkin = checkin.mood is not None or checkin.energy is not None or checkin.need
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
            checkin=checkin if has_checkin else None,
            actions=parse_actions(self.query_one("#actions", TextArea).text, self.entry.actions),
            flagged=self.query_one("#flagged", Checkbox).value or bool(question),
            question=question,
            people=list(self.entry.people),
            tags=list(self.entry.tags),
            source=self.entry.source,
            id=self.entry.id,
            extra=dict(self.entry.extra),
        )

    @staticmethod
    def _snapshot_of(entry: Entry) -> tuple[object, ...]:
        return snapshot(entry)  # every field the writer edits, from the one entry shape

    def _snapshot(self) -> tuple[object, ...] | None:
        try:
            return self._snapshot_of(self.form_entry())
        except (DateError, EntryError, ValueError):
            return None

    @property
    def dirty(self) -> bool:
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
        value = event.value
        prompt = f"\n{value.prompt}" if value.prompt else ""
        self.query_one("#value-info", Static).update(Content(f"{value.belief}{prompt}"))

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
        if is_untouched_template(body.text):
            body.text = self._template(kind)

    @on(Select.Changed, "#template")
    def template_chosen(self, event: Select.Changed) -> None:
        if event.value is Select.NULL:
            return
        body = self.query_one("#body", TextArea)
        template = TEMPLATES[str(event.value)]
        if is_untouched_template(body.text):
            body.text = template.text
        else:
            body.insert("\n" + template.text, body.document.end)
        body.focus()

    def action_focus_side(self) -> None:
        rows = self.query(ValueRow)
        if rows:
            rows.first().focus()

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
            entry.validate()
        except (DateError, EntryError) as exc:
            status.update(Content(f"Not saved: {exc}"))
            self.notify(f"Not saved: {exc}", severity="warning")
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


def _level(value: object) -> int | None:
    """A 1-5 choice of a Select, or None for none chosen (Select.NULL)."""
    return value if isinstance(value, int) else None
