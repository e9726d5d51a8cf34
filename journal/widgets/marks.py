"""Value marks and the "Did I…?" check-list: one focusable row per value or behaviour.

A row shows its state in words and signs, not colour alone. Space or a click cycles it; on the
check-list, y / n / a answer directly and x clears. Focusing a value row tells the editor, which
shows that value's belief and reflective prompt.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from journal.domain.framework import Behaviour, Value
from journal.domain.model import Answer, Mark
from journal.present.marks import SIGN, WORD

#: Tagged (`R·`: the value was there, neither lived nor a challenge) is last, so the two marks
#: a writer uses most stay one and two presses away.
MARK_CYCLE: list[Mark | None] = [None, Mark.LIVED, Mark.CHALLENGING, Mark.TAGGED]
#: What space does on a value, in words: "none → lived → challenging → tagged".
MARK_CYCLE_TEXT = " → ".join(WORD[m] if m else "none" for m in MARK_CYCLE)
ANSWER_CYCLE: list[Answer | None] = [None, Answer.YES, Answer.NO, Answer.NA]
ANSWER_TEXT = {None: "    ", Answer.YES: "yes ", Answer.NO: " no ", Answer.NA: "n/a "}
#: Up and down move between the rows of values and behaviours alike.
ROWS = Binding.Group("Next / previous value or behaviour")


class ValueRow(Static, can_focus=True):
    """One value: none -> lived -> challenging -> tagged -> none."""

    DEFAULT_CSS = """
    ValueRow { height: auto; padding: 0 1; }
    ValueRow:focus { background: $accent 40%; }
    ValueRow.-lived { color: $text-success; text-style: bold; }
    ValueRow.-challenging { color: $text-warning; text-style: bold; }
    """
    BINDINGS = [
        Binding("space,enter", "cycle", "Cycle mark", id="values.cycle", show=False,
                tooltip=f"On a value: {MARK_CYCLE_TEXT}"),
        Binding("down", "app.focus_next", "Next", id="values.next", show=False, group=ROWS),
        Binding("up", "app.focus_previous", "Previous", id="values.previous", show=False,
                group=ROWS),
    ]

    mark: reactive[Mark | None] = reactive(None)

    @dataclass
    class Changed(Message):
        row: ValueRow
        value_id: str
        mark: Mark | None

    @dataclass
    class Focused(Message):
        value: Value

    def __init__(self, value: Value, mark: Mark | None = None) -> None:
        super().__init__(id=f"value-{value.id}")
        self.value = value
        self.set_reactive(ValueRow.mark, mark)
        self.watch_mark(mark)  # set_reactive calls no watcher: the colour from the start

    def render(self) -> Content:
        """`[ + ] Hope  (lived)`, as plain text: a framework's names are never markup."""
        if self.mark is None:
            return Content(f"[   ] {self.value.name}")
        return Content(f"[ {SIGN[self.mark]} ] {self.value.name}  ({WORD[self.mark]})")

    def watch_mark(self, mark: Mark | None) -> None:
        self.set_class(mark == Mark.LIVED, "-lived")
        self.set_class(mark == Mark.CHALLENGING, "-challenging")

    def action_cycle(self) -> None:
        following = MARK_CYCLE[(MARK_CYCLE.index(self.mark) + 1) % len(MARK_CYCLE)]
        self.mark = following
        self.post_message(self.Changed(self, self.value.id, following))

    def on_click(self) -> None:
        self.focus()
        self.action_cycle()

    def on_focus(self) -> None:
        self.post_message(self.Focused(self.value))


class CheckRow(Static, can_focus=True):
    """One behaviour of the check-list: unanswered -> yes -> no -> n/a."""

    DEFAULT_CSS = """
    CheckRow { height: auto; padding: 0 1; }
    CheckRow:focus { background: $accent 40%; }
    CheckRow.-yes { color: $text-success; }
    CheckRow.-no { color: $text-warning; }
    """
    ANSWER = Binding.Group("On a behaviour: yes, no, n/a, clear")
    BINDINGS = [
        Binding("space,enter", "cycle", "Cycle answer", id="checks.cycle", show=False,
                tooltip="On a behaviour: unanswered → yes → no → n/a"),
        Binding("y", "answer('yes')", "Yes", id="checks.yes", show=False, group=ANSWER),
        Binding("n", "answer('no')", "No", id="checks.no", show=False, group=ANSWER),
        Binding("a", "answer('n/a')", "N/A", id="checks.na", show=False, group=ANSWER),
        Binding("x", "answer('')", "Clear", id="checks.clear", show=False, group=ANSWER),
        Binding("down", "app.focus_next", "Next", id="checks.next", show=False, group=ROWS),
        Binding("up", "app.focus_previous", "Previous", id="checks.previous", show=False,
                group=ROWS),
    ]

    answer: reactive[Answer | None] = reactive(None)

    @dataclass
    class Changed(Message):
        row: CheckRow
        behaviour_id: str
        answer: Answer | None

    def __init__(self, behaviour: Behaviour, answer: Answer | None = None) -> None:
        super().__init__(id=f"check-{behaviour.id}")
        self.behaviour = behaviour
        self.set_reactive(CheckRow.answer, answer)
        self.watch_answer(answer)

    def render(self) -> Content:
        """`[yes ] Shared hope`, as plain text: read as markup, `[yes ]` would vanish."""
        return Content(f"[{ANSWER_TEXT[self.answer]}] {self.behaviour.text}")

    def watch_answer(self, answer: Answer | None) -> None:
        self.set_class(answer == Answer.YES, "-yes")
        self.set_class(answer == Answer.NO, "-no")

    def _set(self, answer: Answer | None) -> None:
        self.answer = answer
        self.post_message(self.Changed(self, self.behaviour.id, answer))

    def action_cycle(self) -> None:
        self._set(ANSWER_CYCLE[(ANSWER_CYCLE.index(self.answer) + 1) % len(ANSWER_CYCLE)])

    def action_answer(self, answer: str) -> None:
        self._set(Answer(answer) if answer else None)

    def on_click(self) -> None:
        self.focus()
        self.action_cycle()
