"""A real WebDAV server (wsgidav on cheroot) on 127.0.0.1, with switches to make it misbehave.

The faults sit in a thin WSGI layer in front of the real server: answer some requests with an
HTTP error, or hold them past the client's time-out, as a struggling Nextcloud would.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from cheroot import wsgi
from wsgidav.wsgidav_app import WsgiDAVApp

USER, PASSWORD = "writer", "a webdav password"


class Faults:
    """What to break, for which HTTP methods, and how many times (None: until cleared)."""

    def __init__(self) -> None:
        self.status: int | None = None
        self.stall: float = 0.0
        self.methods: set[str] = set()
        self.times: int | None = None
        self.seen: list[tuple[str, str]] = []
        self._lock = threading.Lock()

    def set(self, *, methods: set[str], status: int | None = None, stall: float = 0.0,
            times: int | None = None) -> None:
        with self._lock:
            self.methods, self.status, self.stall, self.times = methods, status, stall, times

    def clear(self) -> None:
        self.set(methods=set())

    def take(self, method: str) -> tuple[int | None, float]:
        with self._lock:
            if method not in self.methods or self.times == 0:
                return None, 0.0
            if self.times is not None:
                self.times -= 1
            return self.status, self.stall


def _faulty(app: Callable, faults: Faults) -> Callable:
    def middleware(environ, start_response):
        method = environ["REQUEST_METHOD"]
        faults.seen.append((method, environ.get("PATH_INFO", "")))
        status, stall = faults.take(method)
        if stall:
            time.sleep(stall)
        if status:
            start_response(f"{status} Broken", [("Content-Type", "text/plain"),
                                                ("Content-Length", "6")])
            return [b"broken"]
        return app(environ, start_response)

    return middleware


@contextmanager
def webdav_server(root: Path) -> Iterator[tuple[str, Faults]]:
    """Serve `root` over WebDAV with basic auth; yield its base URL and its fault switches."""
    root.mkdir(parents=True, exist_ok=True)
    app = WsgiDAVApp({
        "provider_mapping": {"/": str(root)},
        "simple_dc": {"user_mapping": {"*": {USER: {"password": PASSWORD}}}},
        "http_authenticator": {"accept_basic": True, "accept_digest": False,
                               "default_to_digest": False},
        "verbose": 0,
        "logging": {"enable": False},
        "lock_storage": False,
    })
    faults = Faults()
    server = wsgi.Server(("127.0.0.1", 0), _faulty(app, faults), numthreads=4)
    server.prepare()
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.bind_addr[1]}", faults
    finally:
        server.stop()
        thread.join(timeout=5)
