"""A supervisor's read-only view of an opened pack (`journal pack open` on a terminal).

The supervisor has no journal, so this is an app of its own: one screen, the pack drawn as
Markdown (an HTML or JSON pack as its plain text), scrolled with the usual keys; q or Escape
leaves. Nothing is written anywhere: the pack lives only in this process's memory.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static


class PackReaderScreen(Screen[None]):
    """The pack, whole, in one scrolling page."""

    def __init__(self, name: str, text: str, markdown: bool) -> None:
        super().__init__()
        self.pack_name, self.text, self.markdown = name, text, markdown

    def compose(self) -> ComposeResult:
        yield Static(f"{self.pack_name} (read only)", id="pack-title", markup=False)
        with VerticalScroll(id="pack-page"):
            if self.markdown:
                yield Markdown(self.text, id="pack-text", open_links=False)
            else:
                yield Static(self.text, id="pack-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#pack-page", VerticalScroll).focus()


class PackReaderApp(App[None]):
    """Just the reader: no journal, no lock, no settings."""

    TITLE = "Supervision pack"
    CSS = "#pack-title { background: $panel; color: $text; padding: 0 1; text-style: bold; }" \
          " #pack-page { padding: 0 1; }"
    BINDINGS = [Binding("q", "quit", "Close", id="pack_reader.close", tooltip="Close the pack"),
                Binding("escape", "quit", "Close", show=False, id="pack_reader.escape",
                        tooltip="Close the pack")]

    def __init__(self, name: str, text: str, markdown: bool) -> None:
        super().__init__()
        self.reader = PackReaderScreen(name, text, markdown)

    def on_mount(self) -> None:
        self.push_screen(self.reader)


def read_pack(name: str, text: str, markdown: bool) -> None:
    """Show the pack until the reader closes it."""
    PackReaderApp(name, text, markdown).run()
