"""What a crash of the journal's process leaves behind: no core file, no report unless asked.

While unlocked, the process holds the data key and decrypted entries in memory. A core file is
that memory written to disk in the clear (and some systems keep them, in /var/lib/systemd/coredump
or beside the program), so the CLI and the app turn them off before anything is read:

- the core-file size limit goes to 0 (the soft limit, the one the kernel uses; the hard limit is
  left alone, so the shell and the tests that start this process keep theirs);
- on Linux the process is also marked non-dumpable (prctl PR_SET_DUMPABLE 0). That stops a core
  even where the system pipes cores to a collector that ignores the limit, and stops other
  programs of the same user from attaching to it or reading its memory through /proc.

Where the system has neither (Windows has no `resource`; macOS has no prctl) the rest still
holds; nothing here can fail a command.

A report of an unexpected error is printed only when JOURNAL_DEBUG=1 asks for it, because the
error's text and the variables it shows may hold what the writer wrote.
"""

from __future__ import annotations

import contextlib
import os
import sys

#: Set to 1 to see a full report of an unexpected error (which may include the writer's text).
DEBUG_VARIABLE = "JOURNAL_DEBUG"

_PR_SET_DUMPABLE = 4  # from <linux/prctl.h>


def debugging() -> bool:
    """True when the writer asked for full error reports."""
    return os.environ.get(DEBUG_VARIABLE) == "1"


def keep_memory_private() -> None:
    """Turn off core files for this process, and on Linux mark it non-dumpable."""
    try:
        import resource
    except ImportError:  # Windows: no core files of this kind to turn off
        pass
    else:
        try:
            _soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
            resource.setrlimit(resource.RLIMIT_CORE, (0, hard))
        except (OSError, ValueError):
            pass
    if sys.platform.startswith("linux"):
        import ctypes

        # A libc without prctl (AttributeError): the limit above still holds.
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
