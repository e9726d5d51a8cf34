"""The editor's key for writing in $VISUAL/$EDITOR: the app steps aside (`App.suspend`), the
writer's own editor has the title and text, and what it saves comes back into the form.

The file handling is `session.external_editor`'s, as for `journal add --editor`: a private
file, wiped and removed afterwards whatever happens. Until the writer has once chosen to go on, a
dialog says that the text sits in a temporary file while the editor has it, before anything is
written ("Not now" asks again next time).
Nothing is saved to the journal here: the words come back into the form, to save with ctrl+s.
"""

from __future__ import annotations

import os
from typing import Any

from textual.app import SuspendNotSupported
from textual.screen import Screen
from textual.widgets import Input, TextArea

from journal.screens import host
from journal.screens.dialogs.choice import ChoiceScreen
from journal.session import external_editor
from journal.session.external_editor import EditorError

#: The app reads $VISUAL and $EDITOR from the environment it started in: an `export` typed
#: now, in another shell, never reaches it (`journal add --editor` says "try again" instead).
NO_EDITOR = ("error: no editor is set. Quit the journal (ctrl+q), set EDITOR in your shell (for "
             "example `export EDITOR=nano`) and start the journal again: it reads EDITOR only "
             "when it starts.")
RESTART = ("The journal reads EDITOR only when it starts: quit (ctrl+q), set it in your shell "
           "and start the journal again.")
CANNOT_SUSPEND = ("This terminal cannot hand over to another program; write here, or use "
                  "`journal add --editor` from a shell.")


async def write_outside(screen: Screen[Any], title: Input, body: TextArea) -> bool:
    """The title and text to the writer's editor and what it saved back into `title` (from
    the file's first line `# Title`; left as it was when there is none) and `body`. False
    when the editor was not used or did not end well: the form is left as it was.

    Must run in a worker: it may wait for the first-use dialog."""
    app = screen.app
    try:
        external_editor.editor_command()  # none set: say so before anything else
    except EditorError as exc:
        none_set = not any(os.environ.get(name, "").strip() for name in ("VISUAL", "EDITOR"))
        screen.notify(NO_EDITOR if none_set else f"error: {exc}. {RESTART}", severity="error",
                      markup=False, timeout=10)
        return False
    home = host(screen).session.home
    if not (home / external_editor.TOLD).exists():  # told once they choose to go on
        answer = await app.push_screen_wait(ChoiceScreen(
            external_editor.notice(), [("cancel", "Not now"), ("open", "Open my editor")],
            cancel="cancel"))
        if answer != "open":
            return False
        external_editor.first_use(home)
    try:
        with app.suspend():
            text = external_editor.edit(external_editor.compose(title.value, body.text))
    except SuspendNotSupported:
        screen.notify(CANNOT_SUSPEND, severity="warning", markup=False, timeout=10)
        return False
    except EditorError as exc:
        screen.notify(f"The text here is unchanged: {exc}.", severity="error", markup=False,
                      timeout=10)
        return False
    new_title, body.text = external_editor.split(text)
    if new_title is not None:
        title.value = new_title
    return True
