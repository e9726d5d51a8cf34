"""The command palette (ctrl+p): everything the app can do, by name, on the current screen."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

#: (title, help, action, screen class name or None for everywhere while unlocked)
COMMANDS: list[tuple[str, str, str, str | None]] = [
    ("New entry", "Write a new reflection", "screen.new_entry", "TimelineScreen"),
    ("Filter: flagged for supervision", "Show only entries to bring to supervision",
     "screen.toggle_flagged", "TimelineScreen"),
    ("Filter: clear", "Show every entry again", "screen.clear_filters", "TimelineScreen"),
    ("Filter: behaviour or dates", "Entries that answered a behaviour, or in a date range",
     "screen.more_filters", "TimelineScreen"),
    ("On this day", "Entries written on this day in earlier years", "screen.on_this_day",
     "TimelineScreen"),
    ("Recover drafts", "Autosaved drafts waiting to be finished", "screen.drafts",
     "TimelineScreen"),
    ("Trends", "How your practice changes over time", "screen.trends", "TimelineScreen"),
    ("Trends: 4 weeks", "The last 4 weeks", "screen.period('4w')", "TrendsScreen"),
    ("Trends: 3 months", "The last 13 weeks", "screen.period('3m')", "TrendsScreen"),
    ("Trends: 12 months", "The last 52 weeks", "screen.period('12m')", "TrendsScreen"),
    ("Trends: all", "The whole journal", "screen.period('all')", "TrendsScreen"),
    ("Trends: custom period", "A range of dates, FROM..TO", "screen.custom", "TrendsScreen"),
    ("People", "The people you support, and their pseudonyms", "screen.people",
     "TimelineScreen"),
    ("Export for supervision", "Choose entries, review names and details, write a pack",
     "screen.export", "TimelineScreen"),
    ("Export: write pack", "Write the reviewed pack", "screen.write", "ExportScreen"),
    ("Settings", "Framework, theme, auto-lock, templates", "screen.settings", "TimelineScreen"),
    ("Sync", "Sync status, what the syncs did, entries with two versions", "app.open_sync",
     None),
    ("Sync now", "Send this device's changes, fetch the others'", "app.request_sync", None),
    ("Keep this version", "Merge the versions by keeping the one in focus", "screen.keep",
     "ResolveScreen"),
    ("Edit a merge", "Edit the version in focus; saving merges all versions", "screen.edit",
     "ResolveScreen"),
    ("Save entry", "Save what you are writing", "screen.save", "EditorScreen"),
    ("Edit entry", "Change this entry", "screen.edit", "EntryScreen"),
    ("Delete entry", "Delete this entry (can be undone)", "screen.delete", "EntryScreen"),
    ("History", "Every saved version of this entry", "screen.history", "EntryScreen"),
    ("Lock", "Lock the journal now", "app.lock", None),
    ("Get support", "Places to get help", "app.support", None),
    ("Help", "Every key, on one page", "app.help", None),
    ("Theme: next", "Dark, light or high contrast", "app.cycle_theme", None),
]


class JournalCommands(Provider):
    """Journal actions for the command palette."""

    def _available(self) -> list[tuple[str, str, str]]:
        screen_name = type(self.screen).__name__
        unlocked = getattr(self.app, "session", None) is not None and self.app.session.unlocked
        return [
            (title, help_text, action)
            for title, help_text, action, where in COMMANDS
            if (where is None and unlocked) or where == screen_name
            or action == "app.support"
        ]

    async def discover(self) -> Hits:
        for title, help_text, action in self._available():
            yield DiscoveryHit(title, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in self._available():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self.app.run_action, action),
                          help=help_text)
