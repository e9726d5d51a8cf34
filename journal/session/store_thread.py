"""One thread that owns the journal's store while the app runs.

A SQLite connection belongs to the thread that opened it, and decrypting 20,000 entries must
never freeze the screen. So the app sends every store call here, one at a time, and awaits the
answer; the UI thread never touches the database or a key.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import ParamSpec, TypeVar

T = TypeVar("T")
P = ParamSpec("P")


class StoreThread:
    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journal-store")

    async def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run `fn(*args, **kwargs)` on the store thread and return its result."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(fn, *args, **kwargs))

    def call(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """The same from a non-async context (tests, shutdown)."""
        return self._executor.submit(fn, *args, **kwargs).result()

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True)

    def close(self, lock: Callable[[], object]) -> None:
        """Run `lock` (the session's: forget the key, close the file) on the store thread, the
        thread that opened the file, then stop the thread. Safe to call twice."""
        try:
            self.call(lock)
        except RuntimeError:  # already shut down: the file was closed then
            return
        self.shutdown()
