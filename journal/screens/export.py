"""Export for supervision: choose entries (with a live count), review every finding in context,
then write the pack, sealed with age or, after a clear warning, unencrypted.

Thin: choosing, scrubbing, rendering, sealing and logging are `journal.export`, reached through
the session on the store thread. This screen holds the writer's decisions and shows them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Input,
    Select,
    SelectionList,
    Static,
    TabbedContent,
    TabPane,
)

from journal.domain.dates import DateError, parse_day
from journal.domain.filter import EntryFilter, FilterError
from journal.domain.model import EntrySummary, Kind
from journal.screens import HelpSection, host
from journal.screens.dialogs.filters import DAY_FORMATS
from journal.widgets import findings
from journal.widgets.findings import FindingDetail, FindingsTable, SharedTable
from journal.widgets.footer import KeysFooter
from journal.widgets.progress import ProgressLine, from_thread
from journal.widgets.ticks import Tick, TickList

if TYPE_CHECKING:  # loaded when first used: the export machinery is not needed to open the app
    from journal.domain.model import Entry
    from journal.export.pack import Review
    from journal.export.supervisors import Supervisor
    from journal.export.write import Sealing

#: Listed for picking by hand; the count still covers every match.
MAX_LISTED = 500
FORMATS = [("Markdown", "md"), ("HTML (prints well)", "html"), ("PDF", "pdf"), ("JSON", "json")]
PLAIN, PASSPHRASE = "plain", "passphrase"
TABS = ("tab-choose", "tab-review", "tab-shared")


def _entry_label(s: EntrySummary) -> Text:
    title = s.title or s.preview or "(untitled)"
    return Text.assemble((f"{s.when:%Y-%m-%d} ", "dim"), (f"{s.kind:<11}", "dim"),
                         ("⚑ " if s.flagged else "  ", "bold"), title[:70])


class ExportScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="export.back", tooltip="Back to the timeline"),
        Binding("right_square_bracket", "tab(1)", "Next step", id="export.next",
                tooltip="Next step: choose, review and write, shared before"),
        Binding("left_square_bracket", "tab(-1)", "Previous", id="export.previous", show=False,
                tooltip="Previous step"),
        Binding("k", "decide('keep')", "Keep", id="export.keep",
                tooltip="Keep this finding as written"),
        Binding("r", "decide('replace')", "Replace", id="export.replace",
                tooltip="Replace this finding"),
        Binding("a", "decide('replace_all')", "Replace all like this", id="export.replace_all",
                tooltip="Replace this and every finding like it"),
        Binding("K", "decide('keep_all')", "Keep all like this", id="export.keep_all",
                show=False, tooltip="Keep this and every finding like it"),
        Binding("p", "learn('person')", "Add person", id="export.add_person",
                tooltip="A maybe-name: add them to your people list (a new pseudonym)"),
        Binding("n", "learn('not_name')", "Not a name", id="export.not_a_name",
                tooltip="A maybe-name: remember it is not a name, in this and every export"),
        Binding("w", "write", "Write pack", id="export.write",
                tooltip="Write the pack (sealed with age, or after a warning, unencrypted)"),
    ]
    HELP_SECTION = HelpSection("Export for supervision", keys=(
        ("space", "In the list of entries: pick or leave out"),))

    def __init__(self) -> None:
        super().__init__()
        self.candidates: list[EntrySummary] = []
        self.entries: list[Entry] = []  # the picked entries, once reviewed
        self.review: Review | None = None  # once reviewed
        self.reviewed_ids: list[str] = []
        self._reviewed_wellbeing = False
        self.supervisors: list[Supervisor] = []  # loaded on mount

    def compose(self) -> ComposeResult:
        yield Static("Export for supervision: choose entries, review what could identify "
                     "someone, then write the pack.", id="export-header")
        with TabbedContent(id="export-tabs"):
            with TabPane("1 Choose", id="tab-choose"), Vertical():
                with Horizontal(classes="export-row", id="choose-what"):
                    yield Tick("Flagged only", True, id="flagged", compact=True)
                    yield Select([(k.value, k.value) for k in Kind], prompt="Any kind",
                                 id="kind", compact=True)
                    yield Select([(v.name, v.id) for v in host(self).session.framework.values],
                                 prompt="Any value", id="value", compact=True)
                    yield Tick("Wellbeing", False, id="wellbeing", compact=True,
                               tooltip="Include wellbeing check-ins (left out otherwise)")
                with Horizontal(classes="export-row"):  # whole placeholders at 80 columns
                    yield Input(placeholder=f"From ({DAY_FORMATS})", id="since", compact=True)
                    yield Input(placeholder=f"Until ({DAY_FORMATS})", id="until", compact=True)
                yield Static("", id="choose-error", classes="error").set_styles("display: none;")
                yield Static("", id="export-count")
                yield TickList[str](id="export-entries")
            with TabPane("2 Review and write", id="tab-review"), Vertical():
                yield Static("", id="review-summary")
                yield ProgressLine(id="review-progress")
                yield FindingsTable(id="findings", cursor_type="row", zebra_stripes=True)
                yield FindingDetail(id="finding-detail")
                with Horizontal(classes="export-row", id="write-how"):  # the file: a row of its own
                    yield Select(FORMATS, value="md", allow_blank=False, id="format", compact=True)
                    yield Select([("Not encrypted", PLAIN)], value=PLAIN, allow_blank=False,
                                 id="seal", compact=True)
                    yield Button("Write pack", id="write", variant="primary", compact=True,
                                 action="screen.write")
                yield Input(placeholder="The file to write", id="path", compact=True)
                with Horizontal(classes="export-row", id="passphrase-row"):
                    yield Input(placeholder="Passphrase for the pack", password=True,
                                id="pack-passphrase", compact=True)
                    yield Input(placeholder="Repeat it", password=True, id="pack-repeat",
                                compact=True)
                yield Static("", id="export-status")
            with TabPane("Shared", id="tab-shared"):
                yield SharedTable(id="shared", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#path", Input).value = str(self._default_path("md", sealed=False))
        self._show_passphrase_fields(False)
        self.refresh_candidates()
        self.load_seal_choices()
        self.load_shared()

    def _default_path(self, fmt: str, sealed: bool) -> Path:
        from journal.export.write import default_path

        return Path.home() / default_path(fmt, sealed)

    # -- step 1: choose ----------------------------------------------------------------------

    def _choice(self) -> EntryFilter:

        def day(selector: str) -> date | None:
            text = self.query_one(selector, Input).value.strip()
            return parse_day(text) if text else None

        kind, value = (self.query_one(f"#{s}", Select).value for s in ("kind", "value"))
        return EntryFilter(flagged=self.query_one("#flagged", Checkbox).value,
                           since=day("#since"), until=day("#until"),
                           values=[] if value is Select.NULL else [str(value)],
                           kinds=[] if kind is Select.NULL else [str(kind)])

    @on(Input.Changed, "#since, #until")
    @on(Checkbox.Changed, "#flagged")
    @on(Select.Changed, "#kind, #value")
    def _filters_changed(self) -> None:
        self.refresh_candidates()

    @work(exclusive=True, group="candidates", exit_on_error=False)
    async def refresh_candidates(self) -> None:
        app = host(self)
        error = self.query_one("#choose-error", Static)
        try:  # a bad date, or a value no entry can have, chooses nothing until put right
            self.candidates = await app.run_store(app.session.export_candidates, self._choice())
            error.display = False
        except (DateError, FilterError) as exc:
            self.candidates, error.display = [], True
            error.update(Content(str(exc)))
        picker = self.query_one("#export-entries", SelectionList)
        picker.clear_options()
        picker.add_options([(_entry_label(s), s.id, True)
                            for s in self.candidates[:MAX_LISTED]])
        self._show_count()

    @on(SelectionList.SelectedChanged)
    def _show_count(self) -> None:
        chosen = len(self.chosen_ids())
        matching = len(self.candidates)
        text = f"{chosen} {'entry' if chosen == 1 else 'entries'} chosen"
        if matching != chosen:
            text += f" of {matching} matching"
        if matching > MAX_LISTED:
            text += f" (the newest {MAX_LISTED} are listed to pick from)"
        if not matching:
            text = "No entries match: untick Flagged only, or change the dates."
        self.query_one("#export-count", Static).update(text)

    def chosen_ids(self) -> list[str]:
        listed = self.query_one("#export-entries", SelectionList)
        unpicked = {s.id for s in self.candidates[:MAX_LISTED]} - set(listed.selected)
        return [s.id for s in self.candidates if s.id not in unpicked]

    # -- step 2: review ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Decisions on findings only show (in the footer) on the review step."""
        if action in ("decide", "write", "learn"):
            tabs = self.query("#export-tabs")
            return bool(tabs) and tabs.first(TabbedContent).active == "tab-review"
        return True

    @on(TabbedContent.TabActivated, "#export-tabs")
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()
        if event.pane.id == "tab-review":
            self.start_review()

    @work(exclusive=True, group="review", exit_on_error=False)
    async def start_review(self, again: bool = False, keep_row: int = 0) -> None:
        """Scrub the chosen entries (`again` after the writer taught the journal a name or a
        word). Decisions already made, on this visit or an earlier one, apply again."""
        app = host(self)
        ids = self.chosen_ids()
        wellbeing = self.query_one("#wellbeing", Checkbox).value
        if ids == self.reviewed_ids and self.review is not None \
                and self._reviewed_wellbeing == wellbeing and not again:
            return  # the writer's decisions so far are kept
        self.reviewed_ids, self._reviewed_wellbeing = ids, wellbeing
        if not ids:
            self.entries, self.review = [], None
            self._show_findings()
            return
        self.query_one("#review-summary", Static).update("Looking for names and details…")
        line = self.query_one("#review-progress", ProgressLine)
        told = from_thread(lambda done, total: line.show("Scrubbing", done, total, "entries"))
        try:
            self.entries, review = await app.run_store(app.session.export_review, ids,
                                                       wellbeing, told)
        finally:
            line.hide()
        findings.recall(review, app.session.review_kept)
        self.review = review
        self._show_findings(keep_row)
        self.query_one(FindingsTable).focus()

    def _show_findings(self, keep_row: int = 0) -> None:
        self.query_one(FindingsTable).show(self.review, keep_row)
        self._show_detail()
        summary = findings.summary(self.review, self.entries)
        self.query_one("#review-summary", Static).update(summary)

    @on(DataTable.RowHighlighted, "#findings")
    def _show_detail(self) -> None:
        table = self.query_one(FindingsTable)
        row = table.cursor_row if self.review is not None and self.review.findings else None
        self.query_one(FindingDetail).show(self.review, self.entries, row)

    def _current(self) -> int | None:
        table = self.query_one(FindingsTable)
        if self.review is None or not self.review.findings or not table.has_focus:
            return None
        return table.cursor_row

    def action_decide(self, how: str) -> None:
        """keep, replace, replace_all or keep_all the finding under the cursor."""
        index = self._current()
        review = self.review
        if index is None or review is None:
            return
        if said := findings.decide(review, index, how, host(self).session.review_kept):
            self.notify(said, timeout=2)
        self._show_findings(keep_row=index + 1 if how in ("keep", "replace") else index)

    @work(exclusive=True, group="learn", exit_on_error=False)
    async def action_learn(self, how: str) -> None:
        """On a "maybe a name": add the person (a new pseudonym), or remember the word is not a
        name; then scrub again, so every finding like it follows."""
        from journal.domain.people import PeopleError

        app = host(self)
        index = self._current()
        if index is None or self.review is None:
            return
        finding = self.review.findings[index][1]
        if not finding.learnable:
            self.notify("p and n are for a \"maybe a name\" finding", timeout=3)
            return
        try:
            said = await app.run_store(app.session.learn, finding.text, how == "person")
        except PeopleError as exc:
            self.notify(str(exc), severity="warning", timeout=5)
            return
        self.notify(said, timeout=4)
        self.start_review(again=True, keep_row=index)

    # -- writing -----------------------------------------------------------------------------

    @work(exclusive=True, group="supervisors", exit_on_error=False)
    async def load_seal_choices(self) -> None:
        app = host(self)
        self.supervisors = await app.run_store(app.session.supervisors)
        options = [("Not encrypted", PLAIN)]
        options += [(f"Sealed to {s.name}", s.name) for s in self.supervisors]
        options.append(("Sealed with a passphrase", PASSPHRASE))
        self.query_one("#seal", Select).set_options(options)
        self.query_one("#seal", Select).value = PLAIN

    @on(Select.Changed, "#format, #seal")
    def _format_or_seal_changed(self) -> None:
        fmt = str(self.query_one("#format", Select).value)
        seal = self.query_one("#seal", Select).value
        self._show_passphrase_fields(seal == PASSPHRASE)
        path = self.query_one("#path", Input)
        if Path(path.value).name.startswith("supervision-"):  # still the default: follow it
            folder = Path(path.value).parent
            path.value = str(folder / self._default_path(fmt, seal != PLAIN).name)

    def _show_passphrase_fields(self, show: bool) -> None:
        self.query_one("#passphrase-row").display = show

    def _sealing(self) -> Sealing:
        from journal.export.write import Sealing

        seal = self.query_one("#seal", Select).value
        if seal == PASSPHRASE:
            first = self.query_one("#pack-passphrase", Input).value
            if not first:
                raise ValueError("type a passphrase for the pack (and tell your supervisor "
                                 "another way, not in the same e-mail)")
            if first != self.query_one("#pack-repeat", Input).value:
                raise ValueError("the two passphrases differ; type them again")
            return Sealing(passphrase=first)
        if seal == PLAIN:
            return Sealing()
        return Sealing(to=[s for s in self.supervisors if s.name == seal])

    @work(exclusive=True, group="write", exit_on_error=False)
    async def action_write(self) -> None:
        from journal.export.write import ExportError, check_target
        from journal.screens.dialogs.choice import ChoiceScreen

        app = host(self)
        status = self.query_one("#export-status", Static)
        if self.review is None or not self.entries:
            status.update("Nothing to write: choose entries, then review them here.")
            return
        path = Path(self.query_one("#path", Input).value.strip()).expanduser()
        try:
            sealing = self._sealing()
            check_target(path)
        except (ValueError, ExportError) as exc:
            status.update(Content(str(exc)))
            return
        if not sealing.sealed:
            answer = await self.app.push_screen_wait(ChoiceScreen(
                f"{path.name} will be written NOT encrypted: anyone who gets the file can "
                "read it. Seal it to your supervisor instead if you can.",
                [("cancel", "Go back"), ("write", "Write unencrypted")], "cancel"))
            if answer != "write":
                status.update("Nothing was written.")
                return
        fmt = str(self.query_one("#format", Select).value)
        wellbeing = self.query_one("#wellbeing", Checkbox).value
        status.update(Content(f"Writing {path}…"))
        try:
            written = await app.run_store(app.session.write_export, self.entries,
                                          self.review, fmt, path, wellbeing, sealing)
        except (ValueError, OSError) as exc:
            status.update(Content(f"Not written: {exc}"))
            return
        for selector in ("#pack-passphrase", "#pack-repeat"):
            self.query_one(selector, Input).value = ""
        n = len(self.entries)
        status.update(Content(f"Written {path} ({sealing.describe()}; {n} "
                              f"{'entry' if n == 1 else 'entries'}, {self.review.replaced_count} "
                              f"replaced, {self.review.kept_count} kept)."
                              + (f" {written.missing} characters are not in the PDF's font "
                                 "(shown simplified or as '?'); HTML shows every script."
                                 if written.missing else "")))
        self.load_shared()

    # -- shared before -----------------------------------------------------------------------

    @work(exclusive=True, group="shared", exit_on_error=False)
    async def load_shared(self) -> None:
        app = host(self)
        self.query_one(SharedTable).show(await app.run_store(app.session.export_history))

    # -- moving about ------------------------------------------------------------------------

    def action_tab(self, step: int) -> None:
        tabs = self.query_one("#export-tabs", TabbedContent)
        tabs.query_one("ContentTabs").focus()  # a field focused in a step would take it back
        tabs.active = TABS[(TABS.index(tabs.active) + step) % len(TABS)]

    def action_back(self) -> None:
        self.dismiss(None)
