"""Every key on one page, screen by screen, plus where to find the rest (ctrl+p)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown

HELP = """\
# Keys

Everything is also in the **command palette**: press **ctrl+p** and type what you want.

## Anywhere
| key | does |
|---|---|
| f1 | this help |
| ctrl+g | places to get support |
| ctrl+l | lock the journal now (it also locks itself after a quiet spell) |
| ctrl+t | theme: dark, light, high contrast |
| ctrl+p | command palette |
| ctrl+q | quit (your draft is kept) |

## Timeline
| key | does |
|---|---|
| n | new entry |
| / | filter: type words, a value, a person, a kind |
| f | only entries flagged for supervision |
| m | more filters: a behaviour of the check-list, a date range |
| o | on this day in earlier years |
| r | recover autosaved drafts |
| t | trends: values, the check-list, change, what is hard, writing, wellbeing |
| p | people you support, and their pseudonyms |
| x | export for supervision: choose, review findings, write (sealed or not) |
| s | settings: framework, theme, auto-lock, templates |
| y | sync: status, what the syncs did, entries with two versions |
| ↑ ↓ PgUp PgDn Home End | move |
| Enter | read the entry |
| Escape | clear filters |

## Trends
| key | does |
|---|---|
| 1 2 3 4 | period: last 4 weeks, 3 months (13 weeks), 12 months (52 weeks), all |
| 5 | a custom period: type FROM..TO and press Enter |
| ] [ | next / previous view |
| Escape | back |

## Export for supervision
| key | does |
|---|---|
| ] [ | next / previous step: choose, review and write, shared before |
| Space | in the list of entries: pick or leave out |
| k r | on a finding: keep it as written, or replace it |
| a K | replace all like this, keep all like this |
| w | write the pack (sealed with age, or after a warning, unencrypted) |
| Escape | back |

## Sync
With a remote set (`journal remote set ADDRESS` in a terminal), the app syncs on unlock and
after every save; the footer shows how it went.

| key | does |
|---|---|
| s | sync now |
| Enter | on an entry with two versions: show them side by side |
| ← → Tab | side by side: the other version |
| k | keep the version in focus (the other stays in its history) |
| e | edit a merge: open the version in focus; saving merges both |
| Escape | back |

## Reading an entry
| key | does |
|---|---|
| e | edit |
| d | delete (u undoes) |
| h | history: every saved version |
| Escape | back |

## Writing
| key | does |
|---|---|
| ctrl+s | save |
| f2 | jump to values and the check-list |
| Tab / shift+Tab | next / previous field |
| Space | on a value: none → lived → challenging; on a behaviour: cycle the answer |
| y n a x | on a behaviour: yes, no, n/a, clear |
| Escape | leave (asks if there are unsaved changes) |

Drafts are saved, encrypted, every few seconds. If the app is closed or crashes, the next
unlock offers your draft back.

## Locked out?
On the unlock screen press **ctrl+r** to use the recovery key you wrote down at set-up.
"""


class HelpScreen(Screen[None]):
    BINDINGS = [Binding("escape,f1", "app.pop_screen", "Back", id="help.back")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HELP)
        yield Footer()
