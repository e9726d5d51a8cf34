"""Device settings that are not secret: the active framework, theme and lock time.

Kept as a small JSON file beside the database (0600). Nothing here reveals what the writer wrote;
anything private (people, supervisors, remote passwords) lives inside the encrypted journal.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
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
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise SettingsError(
            f"{path} is damaged ({reason}); delete it to go back to the default settings"
        ) from None
    known = {f.name for f in fields(Settings)}
    chosen = {k: v for k, v in data.items() if k in known}
    for key, value in chosen.items():
        wanted, check = _KINDS[key]
        if not check(value):
            shown = json.dumps(value)[:40]
            raise SettingsError(f"{path}: {key!r} should be {wanted}, not {shown}; fix it, or "
                                "delete the file to go back to the default settings")
    return Settings(**chosen)


def _text(value: object) -> bool:
    return isinstance(value, str)


#: What each setting holds: said in the error, checked before a wrong type reaches a command.
_KINDS: dict[str, tuple[str, Callable[[object], bool]]] = {
    "framework": ("a framework name (text)", _text),
    "theme": ("a theme name (text)", _text),
    "auto_lock_minutes": ("a whole number of minutes",
                          lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0),
    "streaks": ("true or false", lambda v: isinstance(v, bool)),
    "templates": ("an object of kind: template name",
                  lambda v: isinstance(v, dict) and all(_text(t) for t in v.values())),
}


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
