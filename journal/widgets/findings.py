"""The scrubber's findings, one a row: the writer's decision first, then what was found in its
context, so both show at 80 columns. The export screen decides; this only draws."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable

if TYPE_CHECKING:
    from journal.domain.model import Entry
    from journal.export.pack import Review


class FindingsTable(DataTable[Text | str]):
    def on_mount(self) -> None:
        self.add_columns("Action", "Found", "Context", "Entry", "Where")

    def show(self, review: Review | None, entries: list[Entry], keep_row: int = 0) -> None:
        """Every finding of `review` (none without one), the cursor on row `keep_row`."""
        self.clear()
        if review is None:
            return
        by_id = {e.id: e for e in entries}
        for i, (place, finding, text) in enumerate(review.findings):
            before, what, after = finding.context(text)
            context = Text.assemble(f"…{before}", (what, "bold reverse"), f"{after}…")
            action = Text("keep", "bold yellow") if review.is_kept(i) else \
                Text(f"→ {finding.replacement}")
            self.add_row(action, Text(finding.label), context,
                         f"{by_id[place.entry_id].when:%Y-%m-%d}", Text(place.field),
                         key=str(i))
        if review.findings:
            self.move_cursor(row=min(keep_row, len(review.findings) - 1))
