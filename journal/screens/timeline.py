"""The timeline: every entry newest first, filtered as you type; instant at 20,000 entries."""

from __future__ import annotations

import gc
from datetime import date
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input, Select, Static

from journal.domain import filter as timeline
from journal.domain.filter import EntryFilter, Timeline
from journal.domain.model import EntryError, Kind
from journal.screens import HelpSection, host
from journal.widgets.entry_list import EntryList
from journal.widgets.footer import JournalFooter
from journal.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from journal.screens.entry import EntryScreen


def badge_labels(names: dict[str, str]) -> dict[str, str]:
    """One letter per value where that is unambiguous (H, E, A, R, M, E…), else two or three."""
    labels: dict[str, str] = {}
    for size in (1, 2, 3):
        wanted = {vid: name.replace(" ", "")[:size].title() for vid, name in names.items()
                  if vid not in labels}
        counts: dict[str, int] = {}
        for label in wanted.values():
            counts[label] = counts.get(label, 0) + 1
        labels.update({vid: lab for vid, lab in wanted.items() if counts[lab] == 1 or size == 3})
    return labels


#: Entries shown at once after unlocking, before the rest of a large journal has loaded.
FIRST_SCREEN = 80


NO_ENTRIES = "No entries yet: press n to write one."
NOTHING_MATCHES = "Nothing matches the filter: press Esc to clear it."
NOTHING_THIS_DAY = "Nothing written on this day in earlier years: o or Esc shows every entry."

class TimelineScreen(Screen[None]):
    BINDINGS = [
        Binding("n", "new_entry", "New entry", id="timeline.new", tooltip="Write a reflection"),
        Binding("u", "undo_delete", "Undo delete", id="timeline.undo",
                tooltip="Bring back the entry you just deleted"),
        Binding("slash", "focus_filter", "Filter", id="timeline.filter",
                tooltip="Filter: type words, a value, a person, a kind"),
        Binding("f", "toggle_flagged", "Flagged", id="timeline.flagged",
                tooltip="Only entries flagged for supervision (again: all)"),
        Binding("o", "on_this_day", "On this day", id="timeline.on_this_day", show=False,
                tooltip="Entries written on this day in earlier years"),
        Binding("r", "drafts", "Drafts", id="timeline.drafts", show=False,
                tooltip="Recover autosaved drafts"),
        Binding("escape", "clear_filters", "Clear filters", id="timeline.clear", show=False,
                tooltip="Clear the filters: every entry again"),
        Binding("m", "more_filters", "More filters", id="timeline.more_filters", show=False,
                tooltip="More filters: a behaviour of the check-list, a date range"),
        Binding("t", "trends", "Trends", id="timeline.trends",
                tooltip="Trends: values, the check-list, change, what is hard, writing, "
                        "wellbeing"),
        Binding("p", "people", "People", id="timeline.people",
                tooltip="The people you support, and their pseudonyms"),
        Binding("x", "export", "Export", id="timeline.export",
                tooltip="Export for supervision: choose, review findings, write (sealed or "
                        "not)"),
        Binding("y", "app.open_sync", "Sync", id="timeline.sync", show=False,
                tooltip="Sync: status, what the syncs did, entries with two versions"),
        Binding("s", "settings", "Settings", id="timeline.settings", show=False,
                tooltip="Settings: framework, theme, auto-lock, templates"),
        Binding("q", "quick_note", "Quick note", id="timeline.quick", show=False,
                tooltip="A quick note: a title and a few lines, nothing else to fill in"),
        Binding("D", "deleted", "Deleted entries", id="timeline.deleted", show=False,
                tooltip="Deleted entries: read one, or bring it back"),
    ]
    HELP_SECTION = HelpSection("Timeline", widgets=(EntryList,))

    def __init__(self, *, offer_drafts: bool = False) -> None:
        super().__init__()
        self.offer_drafts = offer_drafts
        self.warned_untrusted = False
        self.items: Timeline = Timeline()
        self.filter = EntryFilter()
        self.only_today = False
        self.loading_rest = False
        self.reading_words = False  # the list is all there; the word filter still waits
        self.narrower = timeline.Narrower()
        self.undoable: str | None = None  # the entry deleted last, for u

    def compose(self) -> ComposeResult:
        yield StatusLine("Opening your journal…", id="summary")
        with Horizontal(id="filters"):
            yield Input(placeholder="Filter (/): words, values, people…", id="filter",
                        compact=True)
            yield Select([(k.value, k.value) for k in Kind], prompt="any kind", id="kind",
                         compact=True)
            yield Select([], prompt="any value", id="value", compact=True)
        yield Static("", id="on-this-day")
        yield EntryList(id="entries", empty_text=NO_ENTRIES)
        yield JournalFooter()

    def on_mount(self) -> None:
        app = host(self)
        framework = app.session.framework
        self.query_one("#value", Select).set_options([(v.name, v.id) for v in framework.values])
        self._set_labels()
        self.query_one(EntryList).focus()
        self.reload()
        app.request_sync()  # on unlock, when a remote is set

    @work(exclusive=True, group="timeline", exit_on_error=False)
    async def reload(self, keep: str | None = None) -> None:
        app = host(self)
        if not self.items:  # first load: the newest screenful, every entry, then their words
            self.items = await app.run_store(app.session.timeline, FIRST_SCREEN)
            if len(self.items) >= FIRST_SCREEN:  # a small journal needs no steps
                self.loading_rest = True
                self.refilter(keep=keep)
                self.items = await app.run_store(app.session.timeline, words=False)
                self.loading_rest, self.reading_words = False, True
                self.refilter(keep=keep)
            words = await app.run_store(app.session.timeline_words)
            await app.run_store(self.items.add_texts, words)
        else:
            self.items = await app.run_store(app.session.timeline)
        self.loading_rest = self.reading_words = False
        # 20,000 summaries live as long as the journal is open: keep them out of the cyclic
        # collector's full passes, which would otherwise walk them during typing.
        gc.freeze()
        self.refilter(keep=keep)
        self._show_on_this_day()
        await self._warn_if_untrusted()
        items = self.items
        self.set_timer(0.3, lambda: self._warm_filter(items))  # after the first frame
        if self.offer_drafts:
            self.offer_drafts = False
            drafts = await app.run_store(app.session.drafts)
            if drafts:
                self.action_drafts()

    async def _warn_if_untrusted(self) -> None:
        """Once per unlock: rows the journal wrote that are gone from its file (the ledger)."""
        app = host(self)
        untrusted, suspect = await app.run_store(app.session.untrusted)
        if untrusted and not self.warned_untrusted:
            self.warned_untrusted = True
            named = (f" Entries missing a revision: {', '.join(sorted(s[:8] for s in suspect))}."
                     if suspect else "")
            self.notify("This journal file no longer holds every revision it wrote, so an "
                        f"entry may show an older version or be missing.{named} Sync with your "
                        "other devices, or run `journal verify`.", title="Cannot be trusted",
                        severity="warning", timeout=30, markup=False)

    @work(thread=True, exclusive=True, group="warm", exit_on_error=False)
    def _warm_filter(self, items: Timeline) -> None:
        """Fold every entry's words in the background, so the first keystroke is as quick as
        the rest."""
        for item in items:
            _ = item.folded

    # -- filtering ------------------------------------------------------------------------

    def refilter(self, keep: str | None = None) -> None:
        app = host(self)
        entries = self.query_one(EntryList)
        keep = keep or (entries.highlighted.id if entries.highlighted else None)
        rows = [i.summary for i in self.narrower.select(self.items, self.filter)]
        if self.only_today:
            rows = timeline.on_this_day(rows, date.today())
        filtered = self.filter.active or self.only_today
        entries.empty_text = NO_ENTRIES if not (filtered and self.items) else \
            NOTHING_THIS_DAY if self.only_today and not self.filter.active else NOTHING_MATCHES
        entries.set_rows(rows, keep=keep)
        total = len(self.items)
        what = "entry" if total == 1 else "entries"
        still = (" (loading the rest…)" if self.loading_rest else
                 " (reading their words…)" if self.reading_words else "")
        shown = (f"{len(rows)} of {total} {what} shown" if (self.filter.active or
                                                            self.only_today)
                 else f"{total} {what}") + still
        f = self.filter
        did = f.behaviours[0] if f.behaviours else ""
        behaviour = app.session.catalogue.behaviours.get(did)
        flags = [label for on_, label in (  # the longest last: the line wraps at 80 columns
            (f.flagged, "flagged only"), (self.only_today, "on this day"),
            (f.since, f"from {f.since}"), (f.until, f"until {f.until}"),
            (did, f"did: {behaviour.text[:30] if behaviour else did}…")) if on_]
        summary = self.query_one("#summary", StatusLine)
        summary.update(f"{app.session.framework.short_name or app.session.framework.name}"
                       f"  ·  {shown}" + (f"  ·  {', '.join(flags)}" if flags else ""))
        summary.refresh(layout=True)  # one line, or two with many filters (and back)

    def _show_on_this_day(self) -> None:
        earlier = timeline.on_this_day([i.summary for i in self.items], date.today())
        years = sorted({s.when.year for s in earlier})
        note = self.query_one("#on-this-day", Static)
        note.display = bool(earlier)
        note.update(f"On this day: {len(earlier)} {'entry' if len(earlier) == 1 else 'entries'} "
                    f"from {', '.join(map(str, years))}  (press o)" if earlier else "")

    @on(Input.Changed, "#filter")
    def text_changed(self, event: Input.Changed) -> None:
        self.filter.text = event.value
        self.refilter()

    @on(Input.Submitted, "#filter")
    def to_list(self) -> None:
        self.query_one(EntryList).focus()

    @on(Select.Changed, "#kind")
    def kind_changed(self, event: Select.Changed) -> None:
        self.filter.kinds = [] if event.value is Select.NULL else [str(event.value)]
        self.refilter()

    @on(Select.Changed, "#value")
    def value_changed(self, event: Select.Changed) -> None:
        self.filter.values = [] if event.value is Select.NULL else [str(event.value)]
        self.refilter()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_toggle_flagged(self) -> None:
        self.filter.flagged = not self.filter.flagged
        self.refilter()

    def action_on_this_day(self) -> None:
        self.only_today = not self.only_today
        self.refilter()

    def action_clear_filters(self) -> None:
        self.filter = EntryFilter()
        self.only_today = False
        self.query_one("#filter", Input).value = ""
        self.query_one("#kind", Select).clear()
        self.query_one("#value", Select).clear()
        self.refilter()
        self.query_one(EntryList).focus()

    # -- moving on ----------------------------------------------------------------------------

    @on(EntryList.Selected)
    def open_entry(self, event: EntryList.Selected) -> None:
        from journal.screens.entry import EntryScreen

        screen = EntryScreen(event.entry_id)
        self.app.push_screen(screen, callback=lambda changed: self._back_from(screen, changed))

    def _back_from(self, screen: EntryScreen, changed: str | None) -> None:
        """Back from reading: an entry deleted there can still be brought back from here."""
        if screen.entry is not None and screen.entry.deleted:
            self.undoable = screen.entry_id
            self.app.clear_notifications()  # the reading screen's, saying the same: said once
            self.notify("Deleted. u brings it back; D lists every deleted entry.", timeout=10)
        elif self.undoable == screen.entry_id:
            self.undoable = None  # brought back there
        self.refresh_bindings()
        self._back(changed)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo_delete":
            return self.undoable is not None
        return True

    @work(exclusive=True, group="undo", exit_on_error=False)
    async def action_undo_delete(self) -> None:
        app = host(self)
        entry_id, self.undoable = self.undoable, None
        self.refresh_bindings()
        if entry_id is None:
            return
        try:
            entry = await app.run_store(app.session.restore, entry_id)
        except EntryError:  # brought back meanwhile (the CLI, another device)
            self.notify("That entry is not deleted any more.", timeout=4)
            return
        self.notify(f"Restored: {entry.title or '(untitled)'}", timeout=4, markup=False)
        app.sync_soon()
        self.reload(keep=entry_id)

    def action_deleted(self) -> None:
        from journal.screens.deleted import DeletedScreen

        def back(restored: str | None) -> None:
            if restored is not None and restored == self.undoable:
                self.undoable = None
                self.refresh_bindings()
            self.reload(keep=restored)

        self.app.push_screen(DeletedScreen(), callback=back)

    def action_new_entry(self) -> None:
        from journal.screens.editor import EditorScreen

        self.app.push_screen(EditorScreen(), callback=self._back)

    def action_quick_note(self) -> None:
        from journal.screens.editor import EditorScreen

        self.app.push_screen(EditorScreen(quick=True), callback=self._back)

    @work(exclusive=True, group="filters", exit_on_error=False)
    async def action_more_filters(self) -> None:
        from journal.screens.dialogs.filters import FiltersScreen, MoreFilters

        did = self.filter.behaviours[0] if self.filter.behaviours else None
        current = MoreFilters(did, self.filter.since, self.filter.until)
        chosen = await self.app.push_screen_wait(
            FiltersScreen(host(self).session.framework, current))
        if chosen is not None:
            self.filter.behaviours = [chosen.behaviour] if chosen.behaviour else []
            self.filter.since, self.filter.until = chosen.since, chosen.until
            self.refilter()

    def action_trends(self) -> None:
        from journal.screens.trends import TrendsScreen

        self.app.push_screen(TrendsScreen())

    def action_people(self) -> None:
        from journal.screens.people import PeopleScreen

        self.app.push_screen(PeopleScreen())

    def action_export(self) -> None:
        from journal.screens.export import ExportScreen

        self.app.push_screen(ExportScreen())

    def action_settings(self) -> None:
        from journal.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen(), callback=lambda _: self._after_settings())

    def _after_settings(self) -> None:
        framework = host(self).session.framework
        self.query_one("#value", Select).set_options([(v.name, v.id) for v in framework.values])
        self._set_labels()
        self.reload()

    def _set_labels(self) -> None:
        """Badge letters from the active framework; three letters for other frameworks' tags."""
        session = host(self).session
        labels = badge_labels({v.id: v.name for v in session.framework.values})
        for value in session.catalogue.values.values():
            labels.setdefault(value.id, value.name.replace(" ", "")[:3].title())
        self.query_one(EntryList).set_labels(labels)

    def _back(self, changed: str | None) -> None:
        self.reload(keep=changed)

    @work(exclusive=True, group="drafts", exit_on_error=False)
    async def action_drafts(self) -> None:
        from journal.screens.dialogs.drafts import DraftsScreen
        from journal.screens.editor import EditorScreen

        app = host(self)
        drafts = await app.run_store(app.session.drafts)
        if not drafts:
            self.notify("No autosaved drafts.", timeout=3)
            return
        chosen = await self.app.push_screen_wait(DraftsScreen(drafts))
        if chosen is not None:
            self.app.push_screen(EditorScreen(draft=chosen), callback=self._back)
