"""Where the journal lives: `JOURNAL_HOME` if set, else the platform's per-user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "peer-journal"


def journal_home() -> Path:
    """The folder holding the database, settings and the writer's frameworks."""
    override = os.environ.get("JOURNAL_HOME")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False)
