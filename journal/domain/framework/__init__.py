"""Values frameworks: what they are (`types`), reading and validating files (`parse`), and
the ones a journal can use (`catalogue`).

A framework file names values (id, name, belief, statements, a reflective prompt) and behaviours
(id, text, area). Every name callers use is importable from here.
"""

from journal.domain.framework.catalogue import (
    Catalogue,
    available,
    install,
    resolve,
    shipped_paths,
    user_folder,
)
from journal.domain.framework.parse import load_framework_file, parse_framework
from journal.domain.framework.types import (
    AREA_NAMES,
    AREAS,
    DEFAULT_FRAMEWORK,
    Behaviour,
    Framework,
    FrameworkError,
    Value,
)

__all__ = [
    "AREAS",
    "AREA_NAMES",
    "DEFAULT_FRAMEWORK",
    "Behaviour",
    "Catalogue",
    "Framework",
    "FrameworkError",
    "Value",
    "available",
    "install",
    "load_framework_file",
    "parse_framework",
    "resolve",
    "shipped_paths",
    "user_folder",
]
