"""One Screen per file; modal screens in `dialogs/`; `palette.py` is the command provider.

Every screen talks only to the app's Session, through the store thread. It reaches the app as
`host(self)`: typed by the `JournalHost` protocol below, so no screen imports `journal.app`
(which imports the screens: that would be a cycle).

Keys are declared once, as each screen's `BINDINGS` (every Binding with an `id` and a
`tooltip`), and a screen's `HELP_SECTION` says under what title they appear. The help page
and the command palette are generated from them; actions with no key of their own are listed
in `PALETTE`, in the same shape.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ParamSpec, Protocol, TypeVar, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from journal.session.facade import Session

T = TypeVar("T")
P = ParamSpec("P")


class JournalHost(Protocol):
    """What a screen may ask of the app beyond Textual's `App` (`journal.app.JournalApp`)."""

    session: Session
    banner: str
    last_activity: float

    async def run_store(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a session call on the store thread."""
        ...

    def sync_soon(self) -> None: ...

    def request_sync(self) -> None: ...

    def refresh_lists(self, *, timeline: bool = True) -> None: ...


def host(node: DOMNode) -> JournalHost:
    """The journal app that `node` runs in."""
    return cast("JournalHost", node.app)


@dataclass(frozen=True)
class HelpSection:
    """How a screen's keys are introduced on the help page and named in the palette.

    `widgets` are our widgets whose own keys work on the screen; `keys` are keys of Textual's
    widgets (a list's Enter, a selection's Space), as (keys, what they do).
    """

    title: str
    note: str = ""
    widgets: tuple[type, ...] = ()
    keys: tuple[tuple[str, str], ...] = ()
