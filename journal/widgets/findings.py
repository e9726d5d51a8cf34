"""The scrubber's findings, one a row, and the one under the cursor in full.

At 80 columns a row holds the writer's decision, the text found and a little of what is around
it; below the list, the finding under the cursor shows its entry, field and kind and a wider
context over two lines, so the writer can tell a name from a word without opening the entry.
The export screen decides; these only draw.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable, Static

if TYPE_CHECKING:
    from journal.domain.model import Entry
    from journal.export.log import Shared
    from journal.export.pack import Place, Review
    from journal.export.scrub import Finding

#: A decision's finding, however the review is rebuilt: its place and what it is.
DecisionKey = tuple[str, str, int, str, str]

#: Characters of context either side of a finding: in a row, and in the full view below.
ROW_CONTEXT, FULL_CONTEXT = 10, 60
FOUND_WIDTH = 16


#: A Markdown heading's marks at the start of a line ("## What?").
_HEADING = re.compile(r"^([ \t]{0,3})(#{1,6})(?=[ \t]|$)", re.MULTILINE)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _words(text: str) -> str:
    """`text` with its headings' `#`s blanked out, so a context reads "What? I met…" rather
    than "## What? I met…". Each `#` becomes a space: a finding's offsets still hold."""
    return _HEADING.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)


class FindingsTable(DataTable[Text | str]):
    def on_mount(self) -> None:
        self.add_columns("Action", "Found", "Context")

    def show(self, review: Review | None, keep_row: int = 0) -> None:
        """Every finding of `review` (none without one), the cursor on row `keep_row`."""
        self.clear()
        if review is None:
            return
        for i, (_, finding, text) in enumerate(review.findings):
            before, what, after = finding.context(_words(text), ROW_CONTEXT)
            context = Text.assemble(f"…{before}", (what, "bold reverse"), f"{after}…")
            action = Text("keep", "bold") if review.is_kept(i) else \
                Text(f"→ {finding.replacement}")
            self.add_row(action, Text(_clip(what, FOUND_WIDTH)), context, key=str(i))
        if review.findings:
            self.move_cursor(row=min(keep_row, len(review.findings) - 1))


class SharedTable(DataTable[Text | str]):
    """Every export so far, newest first: when, how many entries, how it was sealed, what the
    scrubber replaced and kept, and the file. The file's name is the one column that can be
    long, so it comes last: at 80 columns only its end runs past the edge, never a count."""

    def on_mount(self) -> None:
        self.add_columns("When", "Entries", "Format", "Sealed", "Replaced", "Kept", "File")

    def show(self, shared: list[Shared]) -> None:
        self.clear()
        for s in reversed(shared):
            sealed = ("to " + ", ".join(s.to) if s.to
                      else "passphrase" if s.passphrase else "not sealed")
            self.add_row(s.when[:16].replace("T", " "), str(len(s.entries)), s.format,
                         Text(sealed), str(s.replaced), str(s.kept), Text(s.file))


class FindingDetail(Static):
    """The finding under the cursor: where it is, what it is, and its sentence."""

    DEFAULT_CSS = """
    FindingDetail { height: auto; max-height: 4; padding: 0 1; border-top: solid $panel; }
    """

    def show(self, review: Review | None, entries: list[Entry], row: int | None) -> None:
        if review is None or row is None or not 0 <= row < len(review.findings):
            self.update("")
            return
        place, finding, text = review.findings[row]
        entry = next((e for e in entries if e.id == place.entry_id), None)
        when = f"{entry.when:%Y-%m-%d} " if entry else ""
        decision = "kept as written" if review.is_kept(row) else \
            f"replaced by {finding.replacement}"
        before, what, after = finding.context(_words(text), FULL_CONTEXT)
        hint = " · p add to people · n not a name" if finding.learnable else ""
        self.update(Text.assemble(
            (f"{when}{place.field}: {finding.label}, {decision}{hint}\n", "bold"),
            f"…{before}", (what, "bold reverse"), f"{after}…"))


def _decision_key(place: Place, finding: Finding) -> DecisionKey:
    return place.entry_id, place.field, finding.start, finding.kind, finding.text


def recall(review: Review, remembered: set[DecisionKey]) -> None:
    """Apply the decisions made before (on this visit or an earlier one) to a new review."""
    review.kept = {i for i, (place, finding, _) in enumerate(review.findings)
                   if _decision_key(place, finding) in remembered}


def decide(review: Review, index: int, how: str, remembered: set[DecisionKey]) -> str:
    """keep, replace, replace_all or keep_all the finding at `index`, and remember it; what
    to tell the writer when more than one finding changed."""
    said = ""
    if how == "keep":
        review.keep(index)
    elif how == "replace":
        review.replace(index)
    elif how == "replace_all":
        said = f"{review.replace_all_like(index)} like this will be replaced"
    else:
        said = f"{review.keep_all_like(index)} like this will be kept"
    remember(review, remembered)
    return said


def remember(review: Review, remembered: set[DecisionKey]) -> None:
    """Note the review's decisions in `remembered` (the session's, in memory, dropped at lock),
    so leaving the Export screen and coming back loses none."""
    for i, (place, finding, _) in enumerate(review.findings):
        key = _decision_key(place, finding)
        if review.is_kept(i):
            remembered.add(key)
        else:
            remembered.discard(key)


def summary(review: Review | None, entries: list[Entry]) -> str:
    """The line above the findings: how many, what will happen, which keys decide."""
    if review is None:
        return "Nothing chosen yet: pick entries on the first tab."
    n = f"{len(entries)} {'entry' if len(entries) == 1 else 'entries'}"
    if not review.findings:
        return (f"{n}: nothing found that could identify someone. The scrubber finds most "
                "things, not everything: read them once more before you share them.")
    return (f"{n}; {len(review.findings)} findings: {review.replaced_count} will be replaced, "
            f"{review.kept_count} kept. k keep · r replace · a/K all like this · "
            "p add person · n not a name")
