"""The command palette (ctrl+p): everything the app can do, by name, on the current screen.

Generated from the bindings: the app's and the current screen's `BINDINGS`, and their
`PALETTE` lists of actions with no key. A command is offered when its action is available
(`check_action`), as it is in the footer, and is named after the screen's help title:
"Timeline: New entry", "Trends: 4 weeks".
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.actions import parse
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from journal.screens import HelpSection

if TYPE_CHECKING:
    from textual.dom import DOMNode


@dataclass(frozen=True)
class Command:
    title: str  # "Timeline: New entry"
    help: str  # the binding's tooltip
    action: str  # as bound, run in the namespace of whoever declared it
    key: str  # "" for an action with no key


def own_bindings(cls: type) -> list[Binding]:
    """The Bindings a class declares itself (not those it inherits), then its `PALETTE`."""
    declared = [*vars(cls).get("BINDINGS", []), *vars(cls).get("PALETTE", [])]
    return [b for b in declared if isinstance(b, Binding)]


def commands(cls: type, *, titled: bool = True) -> list[Command]:
    """Every palette command a screen class declares, named after its help title (`titled`),
    or the app's, named alone ("Lock", "Help")."""
    help_ = vars(cls).get("HELP_SECTION")
    prefix = f"{help_.title}: " if titled and isinstance(help_, HelpSection) else ""
    return [Command(prefix + (b.description or b.action), b.tooltip or b.description,
                    b.action, b.key) for b in own_bindings(cls)]


class JournalCommands(Provider):
    """The journal's actions for the command palette."""

    def _available(self) -> list[tuple[Command, DOMNode]]:
        app, screen = self.app, self.screen
        offered: list[tuple[Command, DOMNode]] = [(c, screen) for c in commands(type(screen))]
        on_screen = {c.action[4:] for c, _ in offered if c.action.startswith("app.")}
        offered += [(c, app) for c in commands(type(app), titled=False)
                    if c.action not in on_screen]  # the Sync key on the timeline: once
        return [(c, namespace) for c, namespace in offered if self._enabled(c, namespace)]

    def _enabled(self, command: Command, namespace: DOMNode) -> bool:
        """As the footer decides: the action's owner says whether it can run now."""
        destination, name, parameters = parse(command.action)
        target = {"app": self.app, "screen": self.screen}.get(destination, namespace)
        return bool(target.check_action(name, parameters))

    def _run(self, command: Command, namespace: DOMNode) -> Callable[[], Awaitable[bool]]:
        return partial(self.app.run_action, command.action, namespace)

    async def discover(self) -> Hits:
        for command, namespace in self._available():
            yield DiscoveryHit(command.title, self._run(command, namespace), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command, namespace in self._available():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title),
                          self._run(command, namespace), help=command.help)
