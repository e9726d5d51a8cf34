"""The footer with the sync status at its right: "synced 14:02", "syncing…", "2 conflicts"."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Static


class SyncBadge(Static):
    """Follows `JournalApp.sync_status`; hidden while no remote is set. A click opens Sync."""

    DEFAULT_CSS = """
    SyncBadge { dock: right; width: auto; padding: 0 1; background: $footer-background;
        color: $text-muted; }
    SyncBadge.-problem { color: $text-warning; }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "sync_status", self._show)

    def _show(self, status: str) -> None:
        self.display = bool(status)
        self.update(status)
        self.set_class(status.startswith(("sync failed", "conflict")) or "conflicts" in status,
                       "-problem")

    async def on_click(self) -> None:
        await self.app.run_action("open_sync")


class JournalFooter(Footer):
    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield SyncBadge(id="sync-badge")
