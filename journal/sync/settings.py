"""Which remote this device syncs with, kept sealed inside the journal (never in a plain file).

The WebDAV password lives in the same sealed, device-local blob, so it is as safe as the
entries and is never synced. Scripts can instead name a file with JOURNAL_WEBDAV_PASSWORD_FILE
(its first line is the password); when that is set it wins and nothing is stored.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from journal.storage.store import JournalStore
from journal.sync.remote import FolderRemote, Remote, RemoteAddress, RemoteError

PASSWORD_ENV = "JOURNAL_WEBDAV_PASSWORD_FILE"
_LABEL, _ID = "sync", "remote"


@dataclass(frozen=True)
class RemoteSettings:
    address: RemoteAddress
    password: str = ""  # empty: from JOURNAL_WEBDAV_PASSWORD_FILE, or a folder remote


def load(store: JournalStore) -> RemoteSettings | None:
    saved = store.get_local(_LABEL).get(_ID)
    if not saved:
        return None
    address = RemoteAddress(saved["kind"], saved["location"], saved.get("user", ""))
    return RemoteSettings(address, saved.get("password", ""))


def save(store: JournalStore, settings: RemoteSettings) -> None:
    a = settings.address
    store.put_local(_LABEL, _ID, {"kind": a.kind, "location": a.location, "user": a.user,
                                  "password": settings.password})


def clear(store: JournalStore) -> None:
    store.remove_local(_ID)


def password_from_env() -> str | None:
    """The first line of the file JOURNAL_WEBDAV_PASSWORD_FILE names, or None when unset."""
    path = os.environ.get(PASSWORD_ENV)
    if not path:
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            line = handle.readline().rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise RemoteError(f"cannot read the WebDAV password file {path} ({PASSWORD_ENV}): "
                          f"{getattr(exc, 'strerror', None) or exc}") from None
    if not line:
        raise RemoteError(f"the WebDAV password file {path} is empty; put the password on its "
                          "first line")
    return line


def connect(settings: RemoteSettings, *, timeout: float | None = None) -> Remote:
    """The remote to talk to. WebDAV modules load only when a WebDAV remote is used."""
    address = settings.address
    if address.kind == "folder":
        return FolderRemote(Path(address.location))
    password = password_from_env() or settings.password
    if not password:
        raise RemoteError(f"no password for {address}: run `journal remote set` again, or set "
                          f"{PASSWORD_ENV}")
    from journal.sync.webdav import DEFAULT_TIMEOUT, WebDavRemote

    return WebDavRemote(address.location, address.user, password,
                        timeout=timeout or DEFAULT_TIMEOUT)
