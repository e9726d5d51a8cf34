"""Where segments go: one small interface over a dumb remote, and the folder remote.

The protocol (DESIGN.md, "Sync") needs only: list a folder, read a file, write a new file,
rename it into place, and remove a temp file. Nothing here locks, overwrites, or relies on a
server honouring conditional requests; every device writes only its own folder, each file once.
A remote holds only ciphertext, so nothing here ever sees a journal's content.

`put` is how every file is sent: written under a temp name, renamed into place (never over an
existing file), then read back and compared before it counts as sent.

A remote is not trusted to be kind: anyone who can write to it could leave a file of gigabytes
where a segment or a key file belongs. So a read stops at what the journal could have written
there (`read_limit`): a segment's limit with room for its header, a key file far less.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Protocol
from urllib.parse import urlsplit

from journal.errors import JournalError
from journal.sync.keyset import KEYS_FOLDER, VAULT_FILE, KeySetError
from journal.sync.segment import MAX_SEGMENT_BYTES, SegmentError

#: Temp files carry this in their name; listings never show them.
TEMP_MARK = ".tmp-"

#: The only hosts plain http may go to: addresses that never leave this machine. Not the name
#: `localhost`, which means whatever the resolver (a hosts file, DNS) says it means.
LOOPBACK = ("127.0.0.1", "::1")
PLAIN_HTTP_RULE = "http is allowed only to 127.0.0.1 or [::1]"

#: The most read of a vault or key file: a handful of wrapped key slots take about 2 KB.
MAX_KEY_FILE_BYTES = 64 * 1024
#: The most read of a segment. `MAX_SEGMENT_BYTES` counts the sealed revisions in it; the header
#: that lists their ids adds up to about 0.8 of that again when every revision is tiny, so a
#: segment a journal writes stays under 15 MB (measured with 33,689 two-parent tombstones).
MAX_SEGMENT_FILE_BYTES = 3 * MAX_SEGMENT_BYTES


class RemoteError(JournalError):
    """The remote cannot be reached or used; the message says what to do, in one line."""


class RemoteMissing(RemoteError):
    """A file the protocol expected is not on the remote."""


class RemoteTooBig(RemoteError):
    """A file (or a server's answer) the journal cannot have written, larger than it ever
    writes or not a plain file: not read."""


class KeyFileTooBig(RemoteTooBig, KeySetError):
    """A vault or key file that cannot be one: passed over as a damaged key file is."""


class SegmentTooBig(RemoteTooBig, SegmentError):
    """A segment that cannot be one: a fault in its chain, as a damaged segment is."""


def _key_file(path: str) -> bool:
    """Whether `path` is the vault file or a key file (anything else is a segment)."""
    parts = PurePosixPath(path).parts
    return bool(parts) and (parts[-1] == VAULT_FILE or (len(parts) > 1
                                                        and parts[-2] == KEYS_FOLDER))


def read_limit(path: str) -> int:
    """The most a device reads of the file at `path`."""
    return MAX_KEY_FILE_BYTES if _key_file(path) else MAX_SEGMENT_FILE_BYTES


def too_big(path: str, why: str = "") -> RemoteTooBig:
    """The error for the file at `path`, of its kind: over its `read_limit`, or `why` not."""
    if not why:
        limit = read_limit(path)
        size = f"{limit // 1024**2} MB" if limit >= 1024**2 else f"{limit // 1024} KB"
        why = f"is larger than the journal ever writes there ({size} at most)"
    kind = KeyFileTooBig if _key_file(path) else SegmentTooBig
    return kind(f"{path} on the remote {why}, so it was not read: it is not this journal's")


class Remote(Protocol):
    """Paths are relative, with "/" between parts, e.g. "<vault>/devices/<device>/00000001"."""

    def list(self, folder: str, *, temps: bool = False) -> list[str]:
        """Names of the files directly in `folder` ("" is the root), sorted; [] when it does
        not exist. Temp files are left out, or with `temps` listed alone (to clear them)."""
        ...

    def read(self, path: str) -> bytes:
        """The file's bytes; RemoteMissing if it is not there."""
        ...

    def fingerprints(self, folder: str) -> dict[str, str]:
        """Each (non-temp) file in `folder` with what the listing says of it (size and change
        time or ETag): a device need not read its own files back while these stay the same."""
        ...

    def write_new(self, path: str, data: bytes) -> None:
        """Create `path` (making its folders) with `data`; fail if it already exists."""
        ...

    def rename(self, source: str, target: str) -> None:
        """Move `source` to `target`; fail (RemoteError) rather than replace an existing target."""
        ...

    def remove_temp(self, path: str) -> None:
        """Delete a temp file this device wrote; nothing else is ever deleted."""
        ...

    def ensure_root(self) -> None:
        """Make the remote's own top folder when it is missing but its parent exists; a
        missing parent (an unplugged drive, a typo) is a RemoteError."""
        ...


def _checked(path: str) -> PurePosixPath:
    """A relative path with no way out of the remote's root."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or not pure.parts or any(p in ("", ".", "..") for p in pure.parts):
        raise RemoteError(f"not a path inside the remote: {path!r}")
    return pure


def put(remote: Remote, path: str, data: bytes) -> None:
    """Send one file so that it is either fully there under its name, or not there at all."""
    temp = f"{path}{TEMP_MARK}{secrets.token_hex(4)}"
    remote.write_new(temp, data)
    try:
        remote.rename(temp, path)
    except RemoteError:
        with contextlib.suppress(RemoteError):
            remote.remove_temp(temp)
        raise
    if remote.read(path) != data:
        raise RemoteError(f"{path} reads back different from what was written; the remote is "
                          "changing files (check the sync folder's app), then sync again")


# -- a folder ----------------------------------------------------------------------------------


class FolderRemote:
    """Any folder: a Syncthing, Nextcloud-desktop or Dropbox folder, a USB stick, a share."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def __repr__(self) -> str:
        return f"FolderRemote({str(self.root)!r})"

    def _path(self, path: str, *, root_ok: bool = False) -> Path:
        if not self.root.is_dir():  # an unplugged drive or unmounted share is not "empty"
            raise RemoteError(f"the remote folder {self.root} is not there (is the drive "
                              "plugged in, or the share mounted?)")
        return self.root if root_ok and not path else self.root.joinpath(*_checked(path).parts)

    def ensure_root(self) -> None:
        folder = self.root
        if folder.is_dir():
            return
        if folder.exists():
            raise RemoteError(f"{folder} is a file, not a folder")
        if not folder.parent.is_dir():
            raise RemoteError(f"{folder.parent} does not exist (is the drive plugged in?); "
                              "create it first")
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            pass
        except OSError as exc:
            raise self._fail(exc, f"make the folder {folder.name}") from None

    def _make_folders(self, folder: Path) -> None:
        """Make the folders down to `folder`, each 0700 (only this user reads a remote's
        files, even on a shared machine)."""
        missing = []
        while not folder.is_dir() and folder != self.root:
            missing.append(folder)
            folder = folder.parent
        for each in reversed(missing):
            with contextlib.suppress(FileExistsError):
                each.mkdir(mode=0o700)

    def _fail(self, exc: OSError, doing: str) -> RemoteError:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return RemoteError(f"cannot {doing} in {self.root}: permission denied (is the "
                               "folder read-only, or owned by someone else?)")
        if exc.errno == errno.ENOSPC:
            return RemoteError(f"cannot {doing} in {self.root}: the disk is full")
        return RemoteError(f"cannot {doing} in {self.root}: {exc.strerror or exc}")

    def list(self, folder: str, *, temps: bool = False) -> list[str]:
        try:
            # "" is the root: the journals a remote holds.
            names = os.listdir(self._path(folder, root_ok=True))
        except FileNotFoundError:
            return []
        except NotADirectoryError:
            raise RemoteError(f"{folder} on the remote is a file, not a folder") from None
        except OSError as exc:
            raise self._fail(exc, "list files") from None
        return sorted(n for n in names if (TEMP_MARK in n) == temps)

    def fingerprints(self, folder: str) -> dict[str, str]:
        found = {}
        try:
            with os.scandir(self._path(folder, root_ok=True)) as entries:
                for entry in entries:
                    if TEMP_MARK not in entry.name:
                        st = entry.stat(follow_symlinks=False)
                        found[entry.name] = f"{st.st_size}-{st.st_mtime_ns}-{st.st_ino}"
        except FileNotFoundError:
            return {}
        except NotADirectoryError:
            raise RemoteError(f"{folder} on the remote is a file, not a folder") from None
        except OSError as exc:
            raise self._fail(exc, "list files") from None
        return found

    def read(self, path: str) -> bytes:
        """The file, refused when larger than `read_limit(path)` or not a plain file (a pipe
        would wait forever, /dev/zero never ends)."""
        limit = read_limit(path)
        try:
            fd = os.open(self._path(path), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as handle:
                found = os.fstat(fd)
                if not stat.S_ISREG(found.st_mode):
                    raise too_big(path, "is not a plain file")
                if found.st_size > limit:
                    raise too_big(path)
                data = handle.read(limit + 1)  # a file still growing stops here too
        except FileNotFoundError:
            raise RemoteMissing(f"{path} is missing from the remote") from None
        except OSError as exc:
            raise self._fail(exc, "read a file") from None
        if len(data) > limit:
            raise too_big(path)
        return data

    def write_new(self, path: str, data: bytes) -> None:
        target = self._path(path)
        try:
            self._make_folders(target.parent)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except FileExistsError:
            raise RemoteError(f"{path} already exists on the remote") from None
        except OSError as exc:
            raise self._fail(exc, "write a file") from None

    def rename(self, source: str, target: str) -> None:
        src, dst = self._path(source), self._path(target)
        try:
            # A hard link fails when the target exists: an atomic "rename, never replace".
            os.link(src, dst)
        except FileExistsError:
            raise RemoteError(f"{target} already exists on the remote; it is never "
                              "replaced") from None
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                raise self._fail(exc, "rename a file") from None
            # No hard links here (FAT on a USB stick, some shares): only this device writes
            # this folder, so checking first is safe enough.
            if dst.exists():
                raise RemoteError(f"{target} already exists on the remote; it is never "
                                  "replaced") from None
            try:
                os.rename(src, dst)
            except OSError as exc2:
                raise self._fail(exc2, "rename a file") from None
            return
        with contextlib.suppress(FileNotFoundError):
            src.unlink()

    def remove_temp(self, path: str) -> None:
        if TEMP_MARK not in PurePosixPath(path).name:
            raise RemoteError(f"refusing to delete {path}: only temp files are ever removed")
        try:
            self._path(path).unlink(missing_ok=True)
        except OSError as exc:
            raise self._fail(exc, "remove a temp file") from None


# -- which remote ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RemoteAddress:
    """What `journal remote set URL` was given: a folder, or a WebDAV server."""

    kind: str  # "folder" or "webdav"
    location: str  # the folder's absolute path, or the server's http(s) URL without user
    user: str = ""

    def __str__(self) -> str:
        if self.kind == "folder":
            return self.location
        scheme, rest = self.location.split("://", 1)
        return f"webdav+{scheme}://{self.user + '@' if self.user else ''}{rest}"


def parse_address(text: str, cwd: Path | None = None) -> RemoteAddress:
    """A path (relative to `cwd`, `~` expanded, `file://` accepted) or
    `webdav+https://user@host/path` (plain http only to a loopback address, `LOOPBACK`)."""
    text = text.strip()
    if not text:
        raise RemoteError("give a folder or a webdav+https://user@host/path address")
    if text.startswith(("webdav+http://", "webdav+https://")):
        try:
            parts = urlsplit(text[len("webdav+"):])
            port = parts.port
        except ValueError as exc:
            raise RemoteError(f"{text!r} is not a usable address ({exc}): "
                              "webdav+https://user@host[:port]/path") from None
        if not parts.hostname:
            raise RemoteError(f"{text!r} has no server name: webdav+https://user@host/path")
        if parts.password is not None:
            raise RemoteError("leave the password out of the address: `journal remote set` "
                              "asks for it and keeps it inside the encrypted journal")
        if parts.scheme == "http" and parts.hostname not in LOOPBACK:
            raise RemoteError("plain http would send your password unprotected: use "
                              f"webdav+https:// ({PLAIN_HTTP_RULE})")
        host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
        netloc = host + (f":{port}" if port else "")
        path = parts.path.rstrip("/") or "/"
        return RemoteAddress("webdav", f"{parts.scheme}://{netloc}{path}", parts.username or "")
    if "://" in text and not text.startswith("file://"):
        raise RemoteError(f"{text!r}: use a folder path or webdav+https://user@host/path")
    raw = text.removeprefix("file://")
    if not raw:
        raise RemoteError(f"{text!r} names no folder: give a path such as file:///home/me/Sync")
    try:
        folder = Path(raw).expanduser()
        if not folder.is_absolute():
            folder = (cwd or Path.cwd()) / folder
        folder = folder.resolve()
    except (RuntimeError, OSError, ValueError) as exc:
        raise RemoteError(f"{text!r} is not a usable folder ({exc})") from None
    if folder == Path(folder.anchor):
        raise RemoteError(f"{text!r} is the top of the disk: give a folder of its own for the "
                          "journal, such as ~/Sync/journal")
    return RemoteAddress("folder", str(folder))
