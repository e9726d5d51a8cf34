"""Device settings that are not secret: the active framework, theme and lock time.

Kept as a small JSON file beside the database (0600). Nothing here reveals what the writer wrote;
anything private (people, supervisors, remote passwords) lives inside the encrypted journal.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from journal.domain.framework import DEFAULT_FRAMEWORK
from journal.errors import JournalError

SETTINGS_NAME = "settings.json"


class SettingsError(JournalError, ValueError):
    """The settings file cannot be read; the message says how to fix it."""


@dataclass
class Settings:
    framework: str = DEFAULT_FRAMEWORK
    theme: str = "textual-dark"
    auto_lock_minutes: int = 10
    streaks: bool = False
    templates: dict[str, str] = field(default_factory=dict)  # kind -> template id


def load_settings(home: Path) -> Settings:
    path = home / SETTINGS_NAME
    if not path.exists():
        return Settings()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    except (ValueError, UnicodeDecodeError) as exc:
        raise SettingsError(
            f"{path} is damaged ({exc}); delete it to go back to the default settings"
        ) from None
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in data.items() if k in known})


def save_settings(home: Path, settings: Settings) -> None:
    """Write atomically (temp file then rename), readable by the owner only."""
    path = home / SETTINGS_NAME
    temp = path.with_suffix(".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(asdict(settings), handle, indent=2)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)
