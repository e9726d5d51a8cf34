"""Every key on one page, screen by screen, generated from the bindings.

Each screen's `BINDINGS` (and those of the widgets its `HELP_SECTION` names) are the only place
a key is described; this page and the command palette are drawn from them, so they cannot drift.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown

from journal.screens import HelpSection
from journal.screens.deleted import DeletedScreen
from journal.screens.dialogs.choice import ChoiceScreen
from journal.screens.dialogs.drafts import DraftsScreen
from journal.screens.dialogs.filters import FiltersScreen
from journal.screens.dialogs.history import HistoryScreen
from journal.screens.dialogs.people_picker import PeoplePickerScreen
from journal.screens.editor import EditorScreen
from journal.screens.entry import EntryScreen
from journal.screens.export import ExportScreen
from journal.screens.palette import own_bindings
from journal.screens.people import PeopleScreen
from journal.screens.resolve import ResolveScreen
from journal.screens.settings import SettingsScreen
from journal.screens.supervision import SupervisionScreen
from journal.screens.support import SupportScreen
from journal.screens.sync import SyncScreen
from journal.screens.timeline import TimelineScreen
from journal.screens.trends import TrendsScreen
from journal.screens.unlock import UnlockScreen
from journal.widgets.footer import KeysFooter

#: Names of keys as a person reads them; other keys ("ctrl+s", "f2", "n") show as bound.
KEY_NAMES = {
    "escape": "Escape", "enter": "Enter", "space": "Space", "tab": "Tab",
    "shift+tab": "shift+Tab", "delete": "Delete", "up": "↑", "down": "↓", "left": "←",
    "right": "→", "pageup": "PgUp", "pagedown": "PgDn", "home": "Home", "end": "End",
    "slash": "/", "left_square_bracket": "[", "right_square_bracket": "]",
}

INTRO = ("Everything is also in the **command palette**: press **{palette}** and type what you "
         "want.")


def key_names(keys: str) -> str:
    """`escape,f1` -> `Escape f1`; `right_square_bracket` -> `]`."""
    return " ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def rows(bindings: list[Binding]) -> list[tuple[str, str]]:
    """(keys, what they do) for each binding; a group of bindings is one row."""
    keys_for: dict[str, list[str]] = {}  # what they do -> keys, in the order first bound
    for b in bindings:
        does = b.group.description if b.group else b.tooltip or b.description
        keys = keys_for.setdefault(does, [])
        keys += [k for k in key_names(b.key).split() if k not in keys]
    return [(" ".join(keys), does) for does, keys in keys_for.items()]


def section(cls: type) -> str:
    """One screen's keys as a Markdown table, under its help title."""
    help_ = vars(cls)["HELP_SECTION"]
    assert isinstance(help_, HelpSection), cls
    keyed = [b for b in own_bindings(cls) if b.key]
    for widget in help_.widgets:
        keyed += own_bindings(widget)
    table = rows(keyed) + [(key_names(keys), does) for keys, does in help_.keys]
    lines = [f"## {help_.title}"]
    if help_.note:
        lines += ["", help_.note]
    lines += ["", "| key | does |", "|---|---|"]
    lines += [f"| {_cell(keys)} | {_cell(does)} |" for keys, does in table]
    unkeyed = [b.description for b in own_bindings(cls) if not b.key]
    if unkeyed:
        lines += ["", f"In the command palette only: {', '.join(unkeyed)}."]
    return "\n".join(lines)


def help_markdown(app_class: type) -> str:
    """The whole page: the app's keys (anywhere), then each screen's."""
    palette = key_names(getattr(app_class, "COMMAND_PALETTE_BINDING", "ctrl+p"))
    parts = ["# Keys", "", INTRO.format(palette=palette)]
    parts += ["\n" + section(cls) for cls in [app_class, *SCREENS]]
    return "\n".join(parts) + "\n"


class HelpScreen(Screen[None]):
    BINDINGS = [Binding("escape,f1", "app.pop_screen", "Back", id="help.back",
                        tooltip="Close this page")]
    HELP_SECTION = HelpSection("This page")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(help_markdown(type(self.app)))
        yield KeysFooter()


#: The screens in the order the page shows them (a test checks none is missing).
SCREENS: list[type] = [
    TimelineScreen, EntryScreen, HistoryScreen, DeletedScreen, EditorScreen,
    PeoplePickerScreen, DraftsScreen, FiltersScreen, TrendsScreen, ExportScreen,
    SupervisionScreen, PeopleScreen, SyncScreen,
    ResolveScreen,
    SettingsScreen, SupportScreen, UnlockScreen, ChoiceScreen, HelpScreen,
]
