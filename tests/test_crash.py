"""A crash prints nothing the journal read, and leaves no core file of its memory.

The real `journal` process runs on a pseudo-terminal, and every byte it writes there (screen,
stdout and stderr alike) is kept and searched: that is what a terminal and its scrollback would
hold. The crash is made in a frame whose local variables hold a decrypted entry, as a bug in a
screen would; the same run with JOURNAL_DEBUG=1 shows the canary, so the search can find it.
"""

from __future__ import annotations

import ctypes
import io
import os
import re
import resource
import subprocess
import sys
from pathlib import Path
from textwrap import dedent

import pexpect
import pytest
from conftest import PASSPHRASE, PYTHON_M_JOURNAL, installed_command, make_store, sample_entry

from journal.app import JournalApp, crash_line
from journal.cli.base import EXIT_BUG
from journal.session.process import keep_memory_private

pytestmark = pytest.mark.slow

CANARY = "Zebracanary-only-in-memory"
#: What the app does when f1 is pressed, for each way an error reaches Textual: raised in a
#: handler, raised by an error that knows how to draw itself, raised in a worker thread.
CRASHES = {
    "RuntimeError": """
        async def crash(self):
            entry = await self.run_store(self.session.get, ENTRY_ID)  # decrypted
            body = entry.body
            raise RuntimeError(f"could not show {body}")
        """,
    "DrawnError": """
        class DrawnError(Exception):
            def __rich__(self):
                return f"the entry said {self.args[0].body}"

        async def crash(self):
            raise DrawnError(await self.run_store(self.session.get, ENTRY_ID))
        """,
    "KeyError": """
        def crash(self):
            def look_up():
                entry = self.store_thread.call(self.session.get, ENTRY_ID)
                raise KeyError(entry.body)
            self.run_worker(look_up, thread=True)
        """,
}
#: Starts the real command line (`journal.cli.main`) with one change: f1 crashes the app.
SCRIPT = """
import os
from journal.app import JournalApp
from journal.cli import main
ENTRY_ID = os.environ["CRASH_ENTRY"]
{crash}
JournalApp.action_help = crash
main()
"""
ESCAPES = re.compile(r"\x1b(\[[0-9;?$]*[ -/]*[@-~]|[@-Z\\-_]|\][^\x07]*\x07)")
LEAVE_ALTERNATE_SCREEN = "\x1b[?1049l"


def journal_with_canary(home: Path) -> str:
    store, _ = make_store(home)
    entry = store.add(sample_entry(title="A quiet day", body=f"Private words: {CANARY}."))
    store.close()
    return entry.id


def child_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JOURNAL_", "TMUX"))}
    env.update(JOURNAL_HOME=str(home), TERM="xterm-256color", **extra)
    return env


def on_a_terminal(argv: list[str], env: dict[str, str], **spawn: object) -> pexpect.spawn:
    """`argv` on a new 80x24 pseudo-terminal; `.logfile_read` keeps all it writes there."""
    child = pexpect.spawn(argv[0], argv[1:], env=env, dimensions=(24, 80), timeout=30,
                          **spawn)  # type: ignore[arg-type]
    child.logfile_read = io.BytesIO()
    return child


def unlock_and_crash(child: pexpect.spawn) -> str:
    """Type the passphrase, press f1 (the crash), and return all the terminal was sent."""
    child.expect("Passphrase")
    child.send(PASSPHRASE + "\r")
    child.expect("1 entry")
    child.send("\x1bOP")  # f1
    child.expect(pexpect.EOF)
    child.close()
    return child.logfile_read.getvalue().decode("utf-8", "replace")


@pytest.mark.parametrize("kind", list(CRASHES))
def test_a_crash_prints_one_line_and_nothing_the_app_read(home, tmp_path, kind):
    entry_id = journal_with_canary(home)
    script = tmp_path / "crashing_journal.py"
    script.write_text(SCRIPT.format(crash=dedent(CRASHES[kind])))
    child = on_a_terminal([sys.executable, str(script)], child_env(home, CRASH_ENTRY=entry_id))
    shown = unlock_and_crash(child)
    assert CANARY not in shown and "Traceback" not in shown
    after_the_app = ESCAPES.sub("", shown.rsplit(LEAVE_ALTERNATE_SCREEN, 1)[1])
    assert after_the_app == crash_line(kind) + "\r\n"  # one line; the terminal wraps it
    assert "Nothing you saved is lost" in after_the_app
    assert "JOURNAL_DEBUG=1 (the report may include your text)" in after_the_app
    assert child.exitstatus == EXIT_BUG


def test_with_journal_debug_the_full_report_shows_and_the_search_finds_it(home, tmp_path):
    """The control: the same crash, with the report asked for, shows the canary (so the test
    above would see it if it leaked) and Textual's traceback with the decrypted entry."""
    entry_id = journal_with_canary(home)
    script = tmp_path / "crashing_journal.py"
    script.write_text(SCRIPT.format(crash=dedent(CRASHES["RuntimeError"])))
    env = child_env(home, CRASH_ENTRY=entry_id, JOURNAL_DEBUG="1")
    shown = unlock_and_crash(on_a_terminal([sys.executable, str(script)], env))
    assert CANARY in shown and "Traceback" in shown
    assert "error: unexpected" not in shown


def test_quitting_is_not_a_crash(home):
    """ctrl+q leaves with exit 0 and prints nothing after the app."""
    journal_with_canary(home)
    child = on_a_terminal([*PYTHON_M_JOURNAL], child_env(home))
    child.expect("Passphrase")
    child.send(PASSPHRASE + "\r")
    child.expect("1 entry")
    child.send("\x11")  # ctrl+q
    child.expect(pexpect.EOF)
    child.close()
    shown = child.logfile_read.getvalue().decode("utf-8", "replace")
    assert ESCAPES.sub("", shown.rsplit(LEAVE_ALTERNATE_SCREEN, 1)[1]).strip() == ""
    assert child.exitstatus == 0


# -- no core file, and no reading of its memory ------------------------------------------------

PR_CAPBSET_DROP, CAP_SYS_PTRACE = 24, 19


def as_a_plain_process() -> None:
    """In a child before exec: core files allowed (so the journal must turn them off itself),
    and, for root, no CAP_SYS_PTRACE, which lets root read any process's memory whatever it
    says: the journal and the reader below are then both what an ordinary user's programs are."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_CAPBSET_DROP, CAP_SYS_PTRACE, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop CAP_SYS_PTRACE")


def core_limit(pid: int) -> str:
    """The soft and hard core-file limits of a running process, from /proc/PID/limits."""
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max core file size"):
            return " ".join(line.split()[4:6])
    raise AssertionError(f"no core limit in /proc/{pid}/limits")


def another_program_can_look_inside(pid: int) -> bool:
    """Whether a program of the same user (no special powers) may read where the process is
    (/proc/PID/cwd): the same check guards reading its memory and attaching a debugger, and a
    non-dumpable process refuses it."""
    probe = subprocess.run(
        [sys.executable, "-c", f"import os; os.readlink('/proc/{pid}/cwd')"],
        preexec_fn=as_a_plain_process, capture_output=True, text=True)
    assert probe.returncode == 0 or "PermissionError" in probe.stderr, probe.stderr
    return probe.returncode == 0


@pytest.fixture
def started_with_core_files_allowed():
    if sys.platform != "linux":
        pytest.fail("this test reads /proc, which only Linux has")
    if resource.getrlimit(resource.RLIMIT_CORE)[1] == 0:
        pytest.fail("the hard core-file limit is 0 here, so the test cannot show that the "
                    "journal lowers it: run it where `ulimit -Hc` is above 0")


@pytest.mark.usefixtures("started_with_core_files_allowed")
@pytest.mark.parametrize("argv", [["journal"], ["journal", "list"]], ids=["app", "cli"])
def test_the_real_journal_process_has_no_core_file_and_is_not_dumpable(home, argv):
    """The installed command, waiting for the passphrase (the app's screen, or the prompt of
    `journal list`): its core-file limit is 0 and another program cannot look inside it; a
    plain process started the same way can be looked into, and keeps its limit."""
    journal_with_canary(home)
    plain = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                             preexec_fn=as_a_plain_process)
    child = on_a_terminal([installed_command(), *argv[1:]], child_env(home),
                          preexec_fn=as_a_plain_process)
    try:
        child.expect("Passphrase")
        allowed, hard = core_limit(plain.pid).split()
        assert allowed != "0" and another_program_can_look_inside(plain.pid)
        assert core_limit(child.pid) == f"0 {hard}"
        assert not another_program_can_look_inside(child.pid)
    finally:
        plain.kill()
        child.terminate(force=True)


def test_keep_memory_private_lowers_only_the_soft_limit():
    """What the command line does first, in this process: the soft core limit goes to 0 and the
    hard one stays, so what this process starts later may raise theirs again."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
    keep_memory_private()
    assert resource.getrlimit(resource.RLIMIT_CORE) == (0, hard)


async def test_an_error_that_draws_itself_prints_only_its_kind(home, capsys, monkeypatch):
    """In-process (run_test): Textual lets an error with `__rich__` draw itself in place of a
    traceback; the app prints only its kind."""
    monkeypatch.delenv("JOURNAL_DEBUG", raising=False)

    class DrawnError(Exception):
        def __rich__(self) -> str:
            return f"drawn: {CANARY}"

    def boom() -> None:
        raise DrawnError(CANARY)

    journal_with_canary(home)
    app = JournalApp(home)
    with pytest.raises(DrawnError):
        async with app.run_test(size=(80, 24)) as pilot:
            app.call_later(boom)
            await pilot.pause()
    shown = capsys.readouterr()
    assert CANARY not in shown.out + shown.err
    assert shown.err == crash_line("DrawnError") + "\n"
