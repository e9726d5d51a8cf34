"""Shared fixtures: real SQLite files, real encryption, the real `journal` command line.

Vaults are created through the Python API with cheap KDF parameters (`KdfParams.for_tests()`),
which only Python code can ask for; every other part is the production path.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import settings

from journal.domain.model import Answer, Entry, Kind, Mark
from journal.storage.crypto import KdfParams
from journal.storage.store import JournalStore
from journal.sync.remote import FolderRemote

PASSPHRASE = "correct horse battery staple"

# Real encryption and SQLite make example times vary with the machine: no per-example deadline.
settings.register_profile("journal", deadline=None, print_blob=True)
settings.load_profile("journal")
UTC = UTC


def require_tool(name: str, package: str) -> str:
    """The path of a real tool a test drives. Missing, the test fails and says how to install
    it (`.ci/run` does): a skipped interop test would prove nothing."""
    import shutil

    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: apt-get install {package} (as .ci/run does)")
    return path


def make_store(home: Path, passphrase: str = PASSPHRASE) -> tuple[JournalStore, str]:
    return JournalStore.create(home, passphrase, kdf=KdfParams.for_tests())


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "journal-home"


@pytest.fixture
def store(home: Path) -> Iterator[JournalStore]:
    s, _ = make_store(home)
    yield s
    with contextlib.suppress(Exception):
        s.close()


def sample_entry(n: int = 0, **changes) -> Entry:
    fields = dict(
        when=datetime(2026, 3, 1, 12, 0, tzinfo=UTC) + timedelta(days=n),
        kind=Kind.SESSION,
        title=f"Session {n}",
        body=f"Met a peer for the {n}th time. We talked about hope and setbacks.",
        framework_id="srn-values",
        marks={"hope": Mark.LIVED, "mutuality": Mark.CHALLENGING},
        checks={"share-hope": Answer.YES, "power": Answer.NO},
    )
    fields.update(changes)
    return Entry(**fields)


@dataclass
class Result:
    code: int
    out: str
    err: str


@dataclass
class JournalCli:
    """The `journal` command line as a user's shell runs it, with JOURNAL_HOME, the passphrase
    file and COLUMNS set (`env`), and every other JOURNAL_ variable of the test run left out.

    In-process by default: click's CliRunner invokes the command group itself (never `main`,
    which ends the process), with stdout and stderr kept apart and the environment swapped in
    for the call. With a `command` (`python -m journal`, or the installed `journal` script) it
    runs as a separate process instead: for the few tests about the real process (the installed
    command's exit codes, what reaches the disk).
    """

    home: Path
    passphrase_file: Path
    command: tuple[str, ...] = ()  # empty: in-process

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNAL_")}
        env.update(JOURNAL_HOME=str(self.home), JOURNAL_PASSPHRASE_FILE=str(self.passphrase_file),
                   PYTHONIOENCODING="utf-8", COLUMNS="120")
        env.update(extra)
        return env

    def __call__(self, *args: str, input: str | bytes | None = None,
                 env: dict[str, str] | None = None, timeout: float = 60) -> Result:
        if self.command:
            return self._process(args, input, env or self.env(), timeout)
        return self._in_process(args, input, env or self.env())

    def _process(self, args: tuple[str, ...], input: str | bytes | None, env: dict[str, str],
                 timeout: float) -> Result:
        data = input.encode("utf-8") if isinstance(input, str) else input
        proc = subprocess.run(
            [*self.command, *args],
            input=data if data is not None else b"",
            capture_output=True,
            env=env,
            timeout=timeout,
        )
        return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                      proc.stderr.decode("utf-8", "replace"))

    def _in_process(self, args: tuple[str, ...], input: str | bytes | None,
                    env: dict[str, str]) -> Result:
        from click.testing import CliRunner

        from journal.cli import cli

        # The whole environment of the call: what `env` holds, and nothing else (None unsets).
        changes: dict[str, str | None] = {k: None for k in os.environ if k not in env}
        changes.update(env)
        result = CliRunner(env=changes).invoke(cli, list(args), input=input, prog_name="journal")
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception  # a bug the real command would have printed a traceback for
        return Result(result.exit_code, result.stdout, result.stderr)


# -- what a command's result must be -----------------------------------------------------


def ok(result):
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    return result


def fails(result, code: int, *fragments: str):
    """A failure is one clear line (or one per framework problem), never a traceback."""
    assert result.code == code, (result.code, result.out, result.err)
    assert "Traceback" not in result.err + result.out
    assert result.err.startswith("error: "), result.err
    for fragment in fragments:
        assert fragment in result.err, result.err
    return result


def add(cli, *args, text="Sat with a peer; we talked about hope."):
    return ok(cli("add", text, *args)).out.strip()


@pytest.fixture
def cli(tmp_path: Path, home: Path) -> JournalCli:
    """A journal made through the API (cheap KDF), driven through the command line."""
    pp = tmp_path / "passphrase.txt"
    pp.write_text(PASSPHRASE + "\n")
    pp.chmod(0o600)
    s, _ = make_store(home)
    s.close()
    return JournalCli(home, pp)


@pytest.fixture
def bare_cli(tmp_path: Path, home: Path) -> JournalCli:
    """The command line with no journal yet (for init and missing-journal errors)."""
    pp = tmp_path / "passphrase.txt"
    pp.write_text(PASSPHRASE + "\n")
    return JournalCli(home, pp)


PYTHON_M_JOURNAL = (sys.executable, "-m", "journal")


def installed_command() -> str:
    """The `journal` console script pip installed beside this Python (`pip install -e .`)."""
    import shutil

    found = shutil.which("journal", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("the `journal` command is not installed beside this Python: "
                    ".venv/bin/pip install -e '.[test]' (as .ci/run does)")
    return found


@pytest.fixture
def process_cli(cli: JournalCli) -> JournalCli:
    """The same journal, driven through `python -m journal`, each command a new process."""
    return replace(cli, command=PYTHON_M_JOURNAL)


@pytest.fixture
def installed_cli(cli: JournalCli) -> JournalCli:
    """The same journal, driven through the installed `journal` console script."""
    return replace(cli, command=(installed_command(),))


# -- sync: a folder remote, and two devices already in step through it ---------------------


@pytest.fixture
def remote(tmp_path):
    (tmp_path / "remote").mkdir()
    return FolderRemote(tmp_path / "remote")


@pytest.fixture
def pair(tmp_path, remote):
    from sync_devices import Device

    a = Device.first(tmp_path / "a", remote)
    a.add(sample_entry(1, title="first"))
    a.sync()
    b = Device.joining(tmp_path / "b", remote)
    yield a, b
    for d in (a, b):
        d.store.close()
