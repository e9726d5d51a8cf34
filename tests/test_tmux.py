"""End to end: the real `journal` command in tmux, typed into and read back like a person would."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable

import pytest
from conftest import PASSPHRASE, make_store, require_tool, sample_entry

from journal.screens.deleted import NONE_DELETED
from journal.storage.store import JournalStore

pytestmark = pytest.mark.slow


class Tmux:
    def __init__(self, session: str, env: dict[str, str]) -> None:
        self.session, self.env = session, env

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", *args], capture_output=True, text=True, env=self.env,
                              check=True).stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-t", self.session, "-p")

    def send(self, *keys: str) -> None:
        for key in keys:
            self.run("send-keys", "-t", self.session, key)

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", self.session, "-l", text)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        """The screen, once `text` is on it (polled, with a deadline)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.02)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def wait_until(self, holds: Callable[[str], bool], what: str, timeout: float = 20.0) -> str:
        """The screen, once `holds(screen)` (polled, with a deadline): for a state that needs
        more than one text, or the absence of one (a toast fades, a list reloads)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if holds(screen):
                return screen
            time.sleep(0.02)
        raise AssertionError(f"never {what}; the screen was:\n{self.screen()}")

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.session], env=self.env,
                              capture_output=True).returncode == 0


def test_type_an_entry_in_the_real_app(home, tmp_path):
    store, _ = make_store(home)
    store.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JOURNAL_", "TMUX"))}
    env["TMUX_TMPDIR"] = str(tmp_path)
    require_tool("tmux", "tmux")
    tmux = Tmux("journal-e2e", env)
    command = f"JOURNAL_HOME={home} {sys.executable} -m journal"
    tmux.run("new-session", "-d", "-s", tmux.session, "-x", "100", "-y", "30", command)
    try:
        tmux.wait_for("Passphrase")
        tmux.type(PASSPHRASE)
        tmux.send("Enter")
        tmux.wait_for("0 entries")
        tmux.send("n")
        tmux.wait_for("What happened?")  # the first part's prompt, shown under the text
        tmux.type("Allotment")  # focus starts in the title
        tmux.wait_for("Title    Allotment")  # (keys in one burst with Enter read as pasted)
        moved_on(tmux, "Enter")  # on to the text, under the first heading
        tmux.type("Walked with P2 to the allotment and talked about hope.")
        tmux.send("F2")
        tmux.wait_for("We believe in the")  # Hope has focus: its belief is shown
        tmux.send("Space")
        tmux.wait_for("(lived)")
        tmux.send("C-s")
        screen = tmux.wait_for("1 entry")
        assert "What happened?" not in screen and "H+" in screen
        tmux.send("Enter")
        tmux.wait_for("allotment")
        tmux.send("Escape")
        tmux.wait_for("1 entry")  # back on the timeline (an Escape and a key at once is alt+key)
        tmux.send("C-q")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and tmux.alive():
            time.sleep(0.02)
        assert not tmux.alive(), "ctrl+q did not quit the app"
    finally:
        subprocess.run(["tmux", "kill-server"], env=env, capture_output=True)
    with JournalStore.unlock(home, PASSPHRASE) as again:
        entry = again.entries()[0]
        assert entry.title == "Allotment" and entry.marks == {"hope": "lived"}
        # the empty parts of the template and every prompt are left out
        assert entry.body == "## What?\n\nWalked with P2 to the allotment and talked about hope.\n"


@contextlib.contextmanager
def real_app(home, tmp_path, session: str, size: tuple[int, int] = (80, 24)):
    """The real `journal` in a tmux terminal of `size`, killed afterwards whatever happened."""
    require_tool("tmux", "tmux")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JOURNAL_", "TMUX"))}
    env["TMUX_TMPDIR"] = str(tmp_path)
    tmux = Tmux(session, env)
    tmux.run("new-session", "-d", "-s", session, "-x", str(size[0]), "-y", str(size[1]),
             f"JOURNAL_HOME={home} {sys.executable} -m journal")
    try:
        yield tmux
    finally:
        subprocess.run(["tmux", "kill-server"], env=env, capture_output=True)


def moved_on(tmux: Tmux, key: str, timeout: float = 10.0) -> None:
    """Press `key` and wait until the terminal's cursor (the focused field's) has moved."""
    def cursor() -> str:
        return tmux.run("display", "-p", "-t", tmux.session, "#{cursor_x},#{cursor_y}")

    before = cursor()
    tmux.send(key)
    deadline = time.monotonic() + timeout
    while cursor() == before:
        assert time.monotonic() < deadline, f"{key} did not move the focus"
        time.sleep(0.02)


def test_first_run_at_80x24_shows_the_create_button(home, tmp_path):
    with real_app(home, tmp_path, "journal-first-run") as tmux:
        # The button, whole (not only its top), says what it waits for until it can be pressed
        screen = tmux.wait_for("Choose a passphrase first")
        assert "▔▔▔\n     Choose a passphrase first\n    ▁▁▁" in screen
        tmux.type("four unrelated words here")
        screen = tmux.wait_for("Strength: strong")
        assert "Type it again first" in screen  # still on screen with the strength line shown
        moved_on(tmux, "Tab")  # (keys in one burst with a Tab read as pasted text)
        tmux.type("four unrelated words here")
        tmux.wait_for("Type it again\n    " + "•" * 25 + "\n\n")  # typed, and no mismatch
        tmux.wait_for("▔▔▔\n     Create my journal\n    ▁▁▁")
        tmux.send("Enter")  # Enter in the second field creates the journal
        tmux.wait_for("Your recovery key", timeout=60)  # the real KDF
    with JournalStore.unlock(home, "four unrelated words here") as store:
        assert store.count() == 0


def test_a_check_list_answer_reads_on_screen(home, tmp_path):
    store, _ = make_store(home)
    store.close()
    with real_app(home, tmp_path, "journal-check-list") as tmux:
        tmux.wait_for("Passphrase")
        tmux.type(PASSPHRASE)
        tmux.send("Enter")
        tmux.wait_for("0 entries")
        tmux.send("n")
        tmux.wait_for("What happened?")
        tmux.send("F2")
        tmux.wait_for("We believe in the")  # Hope has focus
        tmux.send(*["Down"] * 6)  # past the six values to the first behaviour
        tmux.wait_for("[    ] Intentionally")
        tmux.send("y")
        tmux.wait_for("[yes ] Intentionally")
        tmux.send("n")
        tmux.wait_for("[ no ] Intentionally")
        tmux.send("a")
        screen = tmux.wait_for("[n/a ] Intentionally")
        assert "[ no ]" not in screen


def test_a_deleted_entry_comes_back_after_leaving_it(home, tmp_path):
    """Undo stays on the timeline after leaving the entry, and the Deleted view (D) lists what
    was deleted, with its title and when, to bring it back."""
    store, _ = make_store(home)
    store.add(sample_entry(1, title="Walk with P1"))
    gone = store.add(sample_entry(2, title="Group session"))
    store.close()
    with real_app(home, tmp_path, "journal-deleted", size=(100, 30)) as tmux:
        tmux.wait_for("Passphrase")
        tmux.type(PASSPHRASE)
        tmux.send("Enter")
        tmux.wait_for("2 entries")
        tmux.send("Enter")  # the newest: Group session
        tmux.wait_for("d Delete")  # reading it
        tmux.send("d")
        tmux.wait_for("u brings it back")
        tmux.send("Escape")
        # the footer offers undo after leaving the entry, and the list reloads without it
        tmux.wait_until(lambda screen: "u Undo delete" in screen and "1 entry" in screen
                        and "Group session" not in screen, "the entry gone and undo offered")
        tmux.send("u")
        tmux.wait_for("2 entries")
        tmux.wait_for("Restored: Group session")
        tmux.send("Enter")
        tmux.wait_for("d Delete")
        tmux.send("d")
        tmux.wait_for("u brings it back")
        tmux.send("Escape")
        tmux.wait_for("1 entry")
        tmux.send("D")
        screen = tmux.wait_for("1 deleted entry")
        row = next(line for line in screen.splitlines() if "Group session" in line)
        assert f"deleted {time.strftime('%d %b %Y')}" in row, row
        tmux.send("r")
        tmux.wait_for(NONE_DELETED)
        tmux.send("Escape")
        tmux.wait_for("2 entries")
    with JournalStore.unlock(home, PASSPHRASE) as again:
        assert again.count() == 2
        assert [r.deleted for r in again.history(gone.id)] == [False, True, False, True, False]
