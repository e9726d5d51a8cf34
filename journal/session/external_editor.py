"""Writing in the writer's own editor ($VISUAL, else $EDITOR), when they opt into it.

While the editor has the text, it sits in a file in the clear: the one time an entry's words
are on a disk unsealed. So the file is made as private and as short-lived as we can:

- in a new folder of its own (0700), the file 0600, created with O_EXCL and O_NOFOLLOW;
- on a RAM-backed filesystem where there is one (`$XDG_RUNTIME_DIR`, then `/dev/shm`; only
  when neither is a RAM-backed folder of this user's, the system's temporary folder), so what
  is written never reaches a disk;
- afterwards, whatever happened (saved, the editor failed or was killed, this process was
  told to stop by SIGTERM or SIGHUP), every file in the folder, the editor's own swap and
  backup files too, is overwritten with zeros, flushed and removed, and so is the folder.

What an editor keeps elsewhere by its own settings (vim's `undofile` or a `backupdir` in the
home folder, an editor's recovery folder) is beyond this; the README says so.

Plain Python with no UI: the CLI uses it (`journal add --editor`), and the app can, inside
`App.suspend()`.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import stat
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType

from journal.errors import JournalError

NOTICE = ("Note: while your editor has it, the text sits in a temporary file, readable only by "
          "you ({where}); it is overwritten and removed when the editor closes.")
#: Made in the journal's folder once the notice has been shown.
TOLD = "editor-notice-shown"
_RAM_FILESYSTEMS = {"tmpfs", "ramfs"}


class EditorError(JournalError, ValueError):
    """The editor could not be used, or did not finish; nothing was saved."""


class Stopped(BaseException):
    """SIGTERM or SIGHUP arrived while the editor had the text (the file is still removed)."""


def editor_command(env: dict[str, str] | None = None) -> list[str]:
    """The editor to run, as `git` picks it: $VISUAL, else $EDITOR (with its arguments)."""
    env = dict(os.environ) if env is None else env
    chosen = (env.get("VISUAL") or "").strip() or (env.get("EDITOR") or "").strip()
    if not chosen:
        raise EditorError("no editor is set: set EDITOR to the one you use (for example "
                          "`export EDITOR=nano`) and try again")
    try:
        command = shlex.split(chosen)
    except ValueError:
        raise EditorError(f"EDITOR={chosen!r} cannot be read as a command (an unclosed "
                          "quote?); set it to the editor's name or path") from None
    if not command or shutil.which(command[0], path=env.get("PATH")) is None:
        raise EditorError(f"the editor {(command or [chosen])[0]!r} was not found; set EDITOR "
                          "to an editor you have")
    return command


def _filesystem(path: Path) -> str:
    """The type of the filesystem `path` is on ('' when /proc/mounts does not say)."""
    best, kind = "", ""
    try:
        with open("/proc/mounts", encoding="utf-8") as mounts:
            for line in mounts:
                parts = line.split()
                if len(parts) < 3:
                    continue
                point = parts[1].replace("\\040", " ")
                inside = str(path) == point or str(path).startswith(point.rstrip("/") + "/")
                if inside and len(point) > len(best):
                    best, kind = point, parts[2]
    except OSError:
        return ""
    return kind


def _private_to_me(folder: Path, *, shared: bool) -> bool:
    """A real folder (not a link) we may write in: ours and closed to others, or (`shared`,
    as /dev/shm is) sticky like /tmp, so nobody else can remove or replace what we make."""
    try:
        found = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(found.st_mode) or not os.access(folder, os.W_OK | os.X_OK):
        return False
    if shared:
        return bool(found.st_mode & stat.S_ISVTX)
    return found.st_uid == os.getuid() and not found.st_mode & 0o077


def private_base(env: dict[str, str] | None = None) -> tuple[Path, bool]:
    """Where the folder for the file is made, and whether it is RAM-backed."""
    env = dict(os.environ) if env is None else env
    candidates = []
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if runtime and Path(runtime).is_absolute():
        candidates.append((Path(runtime), False))
    candidates.append((Path("/dev/shm"), True))
    for folder, shared in candidates:
        if _private_to_me(folder, shared=shared) and _filesystem(folder) in _RAM_FILESYSTEMS:
            return folder, True
    return Path(tempfile.gettempdir()), False


def _wipe(path: Path) -> None:
    """Overwrite a regular file with zeros and flush it, then remove it."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_NOFOLLOW)
    except OSError:
        handle = -1
    if handle >= 0:
        try:
            size = os.fstat(handle).st_size
            block = b"\0" * 65536
            written = 0
            while written < size:
                written += os.write(handle, block[: min(len(block), size - written)])
            os.fsync(handle)
        except OSError:
            pass
        finally:
            os.close(handle)
    path.unlink(missing_ok=True)


def wipe_folder(folder: Path) -> None:
    """Everything in `folder` wiped and removed (the editor's swap and backup files too), then
    the folder itself."""
    for root, dirs, files in os.walk(folder, topdown=False):
        for name in files:
            _wipe(Path(root) / name)
        for name in dirs:
            inner = Path(root) / name
            if inner.is_symlink():
                inner.unlink(missing_ok=True)
            else:
                inner.rmdir()
    folder.rmdir()


@contextmanager
def private_file(text: str, suffix: str = ".md",
                 env: dict[str, str] | None = None) -> Iterator[Path]:
    """A new 0600 file holding `text`, in a new 0700 folder (see `private_base`); wiped and
    removed, with everything else in the folder, when the block ends, however it ends."""
    base, _ram = private_base(env)
    folder = Path(tempfile.mkdtemp(prefix="journal-edit-", dir=base))  # 0700
    try:
        path = folder / f"entry{suffix}"
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        yield path
    finally:
        wipe_folder(folder)


@contextmanager
def _while_the_editor_runs() -> Iterator[None]:
    """Ctrl-C belongs to the editor (as git has it); SIGTERM and SIGHUP end the edit in order,
    so the file is still removed. Only the main thread can set handlers: elsewhere, nothing
    changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(_number: int, _frame: FrameType | None) -> None:
        raise Stopped

    def ignore(_number: int, _frame: FrameType | None) -> None:
        return None  # a handler, not SIG_IGN: the editor starts with Ctrl-C working

    before = {number: signal.signal(number, handler) for number, handler in (
        (signal.SIGINT, ignore), (signal.SIGTERM, stop), (signal.SIGHUP, stop))}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def _ended(code: int) -> str:
    if code < 0:
        try:
            return f"was stopped by {signal.Signals(-code).name}"
        except ValueError:
            return f"was stopped by signal {-code}"
    return f"ended with exit status {code}"


def edit(text: str, env: dict[str, str] | None = None) -> str:
    """Run the editor on `text` and return what it saved. EditorError (nothing to save) when
    there is no editor or it did not end well; the file is gone either way."""
    command = editor_command(env)
    with private_file(text, env=env) as path:
        try:
            with _while_the_editor_runs():
                done = subprocess.run([*command, str(path)], check=False)
        except FileNotFoundError:
            raise EditorError(f"the editor {command[0]!r} was not found; set EDITOR to an "
                              "editor you have") from None
        except PermissionError:
            raise EditorError(f"the editor {command[0]!r} cannot be run (permission "
                              "denied); set EDITOR to an editor you have") from None
        except Stopped:
            raise EditorError("stopped while the editor was open; nothing was saved, and the "
                              "temporary file is removed") from None
        if done.returncode != 0:
            raise EditorError(f"the editor {_ended(done.returncode)}; nothing was saved, and "
                              "the temporary file is removed")
        try:
            return path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            raise EditorError("the editor removed the file; nothing was saved") from None
        except UnicodeDecodeError:
            raise EditorError("the editor saved text that is not UTF-8; nothing was saved "
                              "(set your editor to UTF-8)") from None


def first_use(home: Path) -> bool:
    """True the first time the editor is used for this journal (then the notice is shown)."""
    marker = home / TOLD
    if marker.exists():
        return False
    with suppress(OSError):  # not made: the notice shows again next time, no harm
        marker.touch(mode=0o600)
    return True


def notice(env: dict[str, str] | None = None) -> str:
    base, ram = private_base(env)
    where = f"in {base}, which is kept in memory" if ram else f"in {base}"
    return NOTICE.format(where=where)


#: What the file holds: the title as a first-line heading, a blank line, then the text.
def compose(title: str, body: str) -> str:
    return (f"# {title}\n\n{body}" if title else body) + "\n"


def split(text: str) -> tuple[str | None, str]:
    """(the title from a first line `# Title`, or None when there is none; the text)."""
    text = text.replace("\r\n", "\n")
    first, _, rest = text.lstrip("\n").partition("\n")
    if first.startswith("# ") and first[2:].strip():
        return first[2:].strip(), rest.strip("\n")
    return None, text.strip("\n")
