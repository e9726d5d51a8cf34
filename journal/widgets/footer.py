"""The footer: the keys that fit, whole, then "f1 all keys"; on the timeline and Sync screens
also the sync status at its right ("synced 14:02", "syncing…", "2 conflicts").

Textual's own footer lays every key out in a row and cuts the last one mid-word ("x Exp") when
the terminal is narrow (80 columns). `KeysFooter` hides, from the right, the keys that do not fit
and always keeps the help key (f1), which lists every key: a hidden key is one key away.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

#: The action whose key stays in the footer, whatever the width, and what it says there.
HELP_ACTION, HELP_WORDS = "help", "all keys"


class KeysFooter(Footer):
    """A footer that never cuts a key: those that do not fit are hidden, f1 lists them all."""

    def compose(self) -> ComposeResult:
        help_key: FooterKey | None = None
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.action.removeprefix("app.") == HELP_ACTION:
                widget.description = HELP_WORDS
                help_key = widget
                continue  # placed last, next to the palette key
            yield widget
        if help_key is not None:
            help_key.add_class("-help")
            yield help_key

    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self.fit)

    def on_resize(self) -> None:
        self.fit()

    def fit(self) -> None:
        """Show the keys in order while they fit, keeping room for the help key and the
        widgets docked at the right (the palette key, the sync status)."""
        if not self.is_attached:
            return
        docked = [w for w in self.children if w.styles.dock != "none" and w.display]
        room = self.size.width - sum(_width(w) for w in docked)
        keys = [w for w in self.children if w.styles.dock == "none"]
        pinned = [w for w in keys if w.has_class("-help")]
        room -= sum(_width(w) for w in pinned)
        for widget in keys:
            if widget in pinned:
                continue
            needed = _width(widget)
            widget.display = needed <= room
            room = room - needed if widget.display else -1  # in order: no gaps filled later

    @property
    def hidden_keys(self) -> list[str]:
        """The descriptions of the keys hidden for want of room (for tests and the curious)."""
        return [w.description for w in self.query(FooterKey) if not w.display]

    @property
    def shown_text(self) -> str:
        """The footer's keys as they read, left to right ("n New entry  f1 all keys")."""
        keys = [w for w in self.query(FooterKey) if w.display and w.parent is self
                and w.styles.dock == "none"]
        return "  ".join(f"{w.key_display} {w.description}".strip() for w in keys)


def _width(widget: Widget) -> int:
    """Columns `widget` takes in the footer's row: content, padding, border and margin."""
    styles = widget.styles
    content = widget.get_content_width(Size(0, 1), Size(0, 1))
    return content + styles.gutter.width + styles.margin.width


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
        # every status starts with "⟳ "; a problem is one the writer should look at (y)
        self.set_class("sync failed" in status or "conflict" in status, "-problem")
        if isinstance(self.parent, KeysFooter):
            self.parent.call_after_refresh(self.parent.fit)

    async def on_click(self) -> None:
        await self.app.run_action("open_sync")


class JournalFooter(KeysFooter):
    def compose(self) -> ComposeResult:
        yield from super().compose()
        # no id: Textual's Footer recomposes when the keys change, and two recomposes that
        # overlap (a busy machine) would mount a second badge while the first still stands:
        # an id would then crash the app with DuplicateIds
        yield SyncBadge()
