"""The Sync screen: where this journal syncs, what the last syncs did, and the entries that
have two versions waiting for the writer (Enter shows them side by side)."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from journal.domain.model import Entry
from journal.screens import HelpSection, host
from journal.widgets.footer import JournalFooter
from journal.widgets.progress import ProgressLine


def said_when(stamp: str, now: datetime | None = None) -> str:
    """An ISO time as a person says it, in local time: "today 01:23", "yesterday 22:10",
    "Mon 23 Nov 14:02", "12 Oct 2025 14:02"; text that is not a time is shown as it is."""
    try:
        at = datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return stamp
    today = (now or datetime.now()).astimezone().date()
    day = at.date()
    if day == today:
        return f"today {at:%H:%M}"
    if day == today - timedelta(days=1):
        return f"yesterday {at:%H:%M}"
    if today - timedelta(days=6) <= day < today:
        return f"{at:%a %d %b %H:%M}"
    return f"{at:%d %b %Y %H:%M}"


#: When the app syncs, said once for the help and the Sync screen. The app waits for a quiet
#: moment after saves (JournalApp.SYNC_AFTER_SAVE, 20 s): a writing session is one change on
#: the remote, not one per ctrl+s.
WHEN_IT_SYNCS = ("the app syncs when you unlock, and about 20 s after you stop saving (or "
                 "when it locks or you quit, if sooner)")


class SyncScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="sync.back",
                tooltip="Back where you were"),
        Binding("s", "sync_now", "Sync now", id="sync.now",
                tooltip="Sync now: send this device's changes, fetch the others'"),
    ]
    HELP_SECTION = HelpSection("Sync", note=(
        "With a remote set (`journal remote set ADDRESS` in a terminal), "
        f"{WHEN_IT_SYNCS}; the footer shows how it went."),
        keys=(("enter", "On an entry with two versions: show them side by side"),))

    def __init__(self) -> None:
        super().__init__()
        self.conflicts: list[tuple[str, list[Entry]]] = []
        self.address: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="sync-body"):
            yield Static("", id="sync-remote")
            yield ProgressLine(id="sync-progress")
            yield Static("Entries with two versions (Enter to compare and choose)",
                         classes="sync-heading")
            yield OptionList(id="sync-conflicts")
            yield Static("What the syncs did", classes="sync-heading")
            yield Static("", id="sync-log")
        yield JournalFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "sync_progress", self._show_progress)
        self.reload()

    def _show_progress(self, progress: tuple[int, int] | None) -> None:
        """While a sync runs (started here, on unlock or after a save): how far it has got."""
        line = self.query_one("#sync-progress", ProgressLine)
        if progress is None:
            line.hide()
        elif progress[1] == 0:  # the remote's listing is not read yet
            line.show("Syncing…")
        else:
            line.show("Syncing", *progress, unit="segments")

    @work(exclusive=True, group="sync-screen", exit_on_error=False)
    async def reload(self) -> None:
        app = host(self)
        session = app.session
        self.address = address = await app.run_store(session.remote_address)
        last = await app.run_store(session.last_sync)
        if address is None:
            remote = ("No remote set. In a terminal: `journal remote set ADDRESS` (a folder such "
                      "as a Syncthing or Nextcloud folder, or webdav+https://user@host/path), "
                      f"then {WHEN_IT_SYNCS}.")
        else:
            when = said_when(last) if last else "never"
            remote = f"Syncing with {address}\nLast sync: {when}  ·  s to sync now"
        self.query_one("#sync-remote", Static).update(Content(remote))
        self.conflicts = await app.run_store(session.conflicts)
        options = self.query_one("#sync-conflicts", OptionList)
        options.set_options([
            Option(Content(f"{versions[0].when:%d %b %Y}  {versions[0].title or '(untitled)'}"
                           f"  ·  {len(versions)} versions"), id=entry_id)
            for entry_id, versions in self.conflicts
        ] or [Option("None: every entry has one version.", disabled=True)])
        if self.conflicts:
            options.highlighted = 0
        options.focus()
        self._show_log()

    def _show_log(self) -> None:
        lines = [f"{line.at:%H:%M:%S}  {'' if line.ok else '! '}{line.text}"
                 for line in host(self).session.sync_log.lines]
        self.query_one("#sync-log", Static).update(
            Content("\n".join(lines) or "Nothing yet this session."))

    def action_sync_now(self) -> None:
        if self.address is None:
            self.notify("No remote set: run `journal remote set ADDRESS` in a terminal first.",
                        severity="warning")
            return
        host(self).request_sync()

    @on(OptionList.OptionSelected, "#sync-conflicts")
    def compare(self, event: OptionList.OptionSelected) -> None:
        from journal.screens.resolve import ResolveScreen

        if event.option.id:
            self.app.push_screen(ResolveScreen(event.option.id),
                                 callback=self._reload)

    def _reload(self, _done: object = None) -> None:
        self.reload()
