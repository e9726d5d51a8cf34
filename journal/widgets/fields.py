"""A text field that keeps every key of a fast burst, in order, in the field it was meant for.

Textual hands each key to the widget focused when the app reads it, but a key that moves the
focus (Enter to the next field, Tab) takes effect only when that widget gets round to it. By
then the rest of a quick burst (a password manager, a fast typist, tmux's send-keys) sits in
the old field's queue: "key⏎passphrase⏎" all landed in the first field. A `Field` moves the
focus itself, at once, and types the keys still waiting in its queue into the newly focused
field, in order, in the same step, so no later key can overtake them.
"""

from __future__ import annotations

import asyncio

from textual import events
from textual.widget import Widget
from textual.widgets import Input

#: Keys a Field handles itself, at once, rather than through the app's bindings.
MOVING = frozenset({"enter", "ctrl+j", "tab", "shift+tab"})


class Field(Input):
    """An Input whose Enter may lead on to `next_field` (a selector on its screen).

    ctrl+j is Enter here: a Return typed before the app put the terminal in raw mode comes
    through the terminal's cooked mode as a line feed, which Textual reads as ctrl+j."""

    def __init__(self, *args: object, next_field: str | None = None, **kwargs: object) -> None:
        kwargs.setdefault("select_on_focus", False)  # a key taken before the Focus event
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # must not be replaced
        self.next_field = next_field

    async def _on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if focused is not self and isinstance(focused, Field):  # moved on by an earlier key
            event.stop()
            event.prevent_default()
            focused.take(event.key, event.character)
        elif event.key in MOVING and (self.next_field is not None or event.key != "enter"):
            event.stop()
            event.prevent_default()
            self.take(event.key, event.character)
        else:
            await super()._on_key(event)

    def take(self, key: str, character: str | None) -> None:
        """Handle one key now (not queued): type it, or move on as it says."""
        if key in ("enter", "ctrl+j"):
            if self.next_field is not None:
                self._move(self.screen.query_one(self.next_field))
            self.post_message(self.Submitted(self, self.value))
        elif key in ("tab", "shift+tab"):
            target = (self.screen.focus_next() if key == "tab"
                      else self.screen.focus_previous())
            if target is not None:
                self._move(target)
        elif character is not None and character.isprintable():
            self.insert_text_at_cursor(character)
        else:
            self.post_message(events.Key(key, character))

    def _move(self, target: Widget) -> None:
        """Focus `target` now and give it the keys already queued here, in order."""
        self.screen.set_focus(target)
        # Textual's message pump holds the next message aside (`_pending_message`, peeked to
        # merge repeats) before the rest of its queue: both are waiting, in that order.
        queue: asyncio.Queue[object] = self._message_queue
        waiting: list[object] = []
        if self._pending_message is not None:
            waiting.append(self._pending_message)
            self._pending_message = None
        while not queue.empty():
            waiting.append(queue.get_nowait())
        for message in waiting:
            if not isinstance(message, events.Key):
                queue.put_nowait(message)
                continue
            now = self.screen.focused  # a key taken may have moved on again
            if isinstance(now, Field):
                now.take(message.key, message.character)
            elif now is not None:
                now.post_message(events.Key(message.key, message.character))
