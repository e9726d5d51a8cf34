"""A WebDAV server as a remote (Nextcloud, ownCloud, Apache mod_dav and others), via webdav4.

Some servers ignore conditional requests (`If-None-Match`, `Overwrite: F`), so nothing here
depends on them: a rename first asks whether the target exists. That is safe because only this
device ever writes under its own folder, and temp names are random. No retries here either: a
failed sync leaves the journal as it was and the next sync repeats what is missing.

Plain http goes only to a loopback address, and there without the proxy settings of the
environment (HTTP_PROXY and friends would send the Basic-auth password through the proxy);
https keeps them, as a work network may need. Every answer is read up to a limit: a file up to
what the journal could have written there (`remote.read_limit`), a listing up to
`MAX_LISTING_BYTES`, anything else up to `MAX_ANSWER_BYTES`; answers come uncompressed (asked
for, and a compressed one refused), so the limit counts what is held in memory.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
from webdav4.client import (
    Client,
    ClientError,
    HTTPError,
    InsufficientStorage,
    ResourceAlreadyExists,
    ResourceNotFound,
)

from journal.sync.remote import (
    LOOPBACK,
    PLAIN_HTTP_RULE,
    TEMP_MARK,
    RemoteError,
    RemoteMissing,
    RemoteTooBig,
    _checked,
    read_limit,
    too_big,
)

T = TypeVar("T")
DEFAULT_TIMEOUT = 30.0
#: A folder's listing (PROPFIND): about 1 KB a file, so room for some 60,000 files.
MAX_LISTING_BYTES = 64 * 1024 * 1024
#: Any other answer (to PUT, MOVE, MKCOL, DELETE): a status and perhaps an error page.
MAX_ANSWER_BYTES = 1024 * 1024


class _Capped(httpx.SyncByteStream):
    """An answer's body that stops with `error` once it passes `limit` bytes."""

    def __init__(self, stream: httpx.SyncByteStream, limit: int, error: RemoteError) -> None:
        self._stream, self._limit, self._error = stream, limit, error

    def __iter__(self) -> Iterator[bytes]:
        size = 0
        for chunk in self._stream:
            size += len(chunk)
            if size > self._limit:
                raise self._error
            yield chunk

    def close(self) -> None:
        self._stream.close()


class WebDavRemote:
    """`location` is the folder's http(s) URL; `user` and `password` for basic auth."""

    def __init__(self, location: str, user: str, password: str, *,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self.location = location.rstrip("/")
        parts = urlsplit(self.location)
        on_this_machine = parts.hostname in LOOPBACK
        if parts.scheme != "https" and not on_this_machine:  # a remote set by an older version
            raise RemoteError(f"{self.location} is plain http, which would send the password "
                              f"unprotected ({PLAIN_HTTP_RULE}): run `journal remote set` "
                              "again with a webdav+https:// address")
        self._client = Client(self.location + "/", auth=(user, password) if user else None,
                              retry=False, timeout=httpx.Timeout(timeout),
                              trust_env=not on_this_machine,
                              headers={"Accept-Encoding": "identity"},
                              event_hooks={"response": [self._limit_answer]})
        self._base_path = self._client.base_url.path
        self._made: set[str] = set()

    def _limit_answer(self, response: httpx.Response) -> None:
        """Before an answer's body is read: refuse it when it says it is too large or comes
        compressed, and stop reading it once it passes its limit."""
        request = response.request
        if request.method == "GET":
            path = request.url.path.removeprefix(self._base_path)
            limit, error = read_limit(path), too_big(path)
        else:
            limit = MAX_LISTING_BYTES if request.method == "PROPFIND" else MAX_ANSWER_BYTES
            error = RemoteTooBig(f"{self.location} sent an answer over {limit // 1024**2} MB to "
                                 f"a {request.method} request, more than a journal's remote "
                                 "ever needs, so it was not read; check the address")
        encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
        if encoding not in ("", "identity"):
            raise RemoteError(f"{self.location} sent a compressed answer ({encoding}) though "
                              "asked not to, so it was not read; check the server")
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise error
        assert isinstance(response.stream, httpx.SyncByteStream)  # a sync client's
        response.stream = _Capped(response.stream, limit, error)  # a server may say less

    def __repr__(self) -> str:
        return f"WebDavRemote({self.location!r})"

    def _call(self, doing: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run one request; every failure becomes one line that says what to do."""
        try:
            return fn(*args, **kwargs)
        except (ResourceNotFound, ResourceAlreadyExists, RemoteError):
            raise
        except InsufficientStorage:
            raise RemoteError(f"cannot {doing} on {self.location}: the server is out of "
                              "space") from None
        except HTTPError as exc:
            raise RemoteError(self._status(exc.status_code, doing)) from None
        except httpx.TimeoutException:
            raise RemoteError(f"{self.location} did not answer in time while trying to "
                              f"{doing}; check the connection and sync again") from None
        except httpx.HTTPError as exc:
            raise RemoteError(f"cannot reach {self.location} ({type(exc).__name__}); check the "
                              "address and the connection, then sync again") from None
        except ClientError as exc:
            raise RemoteError(f"cannot {doing} on {self.location}: {exc}") from None

    def _status(self, status: int, doing: str) -> str:
        if status == 401:
            return (f"{self.location} refused the user name or password: run `journal remote "
                    "set` again with the right ones")
        if status == 403:
            return f"{self.location} does not allow this account to {doing} there"
        if status >= 500:
            return (f"{self.location} failed (HTTP {status}) while trying to {doing}; the "
                    "server has a problem, try again later")
        return f"cannot {doing} on {self.location}: the server answered HTTP {status}"

    def list(self, folder: str, *, temps: bool = False) -> list[str]:
        path = str(_checked(folder)) if folder else ""
        try:
            found = self._call("list files", self._client.ls, path, detail=True)
        except ResourceNotFound:
            return []
        if (len(found) == 1 and found[0].get("type") != "directory" and path
                and PurePosixPath(str(found[0]["name"])).name == PurePosixPath(path).name):
            raise RemoteError(f"{folder} on the remote is a file, not a folder")
        names = []
        for info in found:
            name = PurePosixPath(str(info["name"])).name
            if (TEMP_MARK in name) == temps and not (temps and info.get("type") == "directory"):
                names.append(name)
        return sorted(names)

    def fingerprints(self, folder: str) -> dict[str, str]:
        path = str(_checked(folder)) if folder else ""
        try:
            found = self._call("list files", self._client.ls, path, detail=True)
        except ResourceNotFound:
            return {}
        return {PurePosixPath(str(info["name"])).name:
                f"{info.get('content_length')}-{info.get('etag')}-{info.get('modified')}"
                for info in found
                if info.get("type") != "directory"
                and TEMP_MARK not in PurePosixPath(str(info["name"])).name}

    def read(self, path: str) -> bytes:
        target = str(_checked(path))
        try:
            response = self._call("read a file", self._client.request, "GET", target)
            return bytes(response.content)
        except ResourceNotFound:
            raise RemoteMissing(f"{path} is missing from the remote") from None

    def _exists(self, path: str) -> bool:
        return bool(self._call("look for a file", self._client.exists, path))

    def _make_folders(self, path: PurePosixPath) -> None:
        parents = list(reversed(path.parents))[1:]  # without "."
        for folder in parents:
            key = str(folder)
            if key in self._made:
                continue
            with contextlib.suppress(ResourceAlreadyExists):
                self._call("make a folder", self._client.mkdir, key)
            self._made.add(key)

    def ensure_root(self) -> None:
        """MKCOL the remote's folder when it is missing (a new Nextcloud user's first
        address); a missing parent folder is one line saying so."""
        if self._exists(""):
            return
        try:
            self._call("make the folder", self._client.mkdir, "")
        except ResourceAlreadyExists:
            return
        except RemoteError as exc:
            if any(mark in str(exc) for mark in ("HTTP 409", "HTTP 404", "parent of the")):
                parent = self.location.rsplit("/", 1)[0]
                raise RemoteError(f"{parent} does not exist on the server, so {self.location} "
                                  "cannot be made there; check the address, or create the "
                                  "parent folder first") from None
            raise

    def write_new(self, path: str, data: bytes) -> None:
        target = _checked(path)
        self._make_folders(target)
        if self._exists(str(target)):
            raise RemoteError(f"{path} already exists on the remote")
        self._call("write a file", self._client.request, "PUT", str(target), content=data,
                   headers={"Content-Length": str(len(data))})

    def rename(self, source: str, target: str) -> None:
        src, dst = str(_checked(source)), str(_checked(target))
        if self._exists(dst):
            raise RemoteError(f"{target} already exists on the remote; it is never replaced")
        try:
            self._call("rename a file", self._client.move, src, dst, overwrite=False)
        except ResourceAlreadyExists:
            raise RemoteError(f"{target} already exists on the remote; it is never "
                              "replaced") from None
        except ResourceNotFound:
            raise RemoteMissing(f"{source} vanished from the remote before it was "
                                "renamed") from None

    def remove_temp(self, path: str) -> None:
        if TEMP_MARK not in PurePosixPath(path).name:
            raise RemoteError(f"refusing to delete {path}: only temp files are ever removed")
        with contextlib.suppress(ResourceNotFound):
            self._call("remove a temp file", self._client.remove, str(_checked(path)))
