"""The frameworks a journal can use (shipped with the package, or the writer's own copies),
choosing one by name or file, and looking ids up across all of them.

Entries store the framework id and value ids they were tagged with, so switching framework never
loses old tags: `Catalogue` looks ids up in every framework known.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from journal.domain.framework.parse import load_framework_file
from journal.domain.framework.types import Behaviour, Framework, FrameworkError, Value

# -- the shipped frameworks and the writer's own -------------------------------------------------


def shipped_paths() -> dict[str, Path]:
    """Frameworks that come with the package, by id."""
    folder = resources.files("journal") / "frameworks"
    return {p.name.removesuffix(".toml"): Path(str(p)) for p in folder.iterdir()
            if p.name.endswith(".toml")}


def user_folder(home: Path) -> Path:
    return home / "frameworks"


def available(home: Path) -> dict[str, Path]:
    """Every framework this journal can use: shipped ones, then the writer's own copies."""
    found = dict(sorted(shipped_paths().items()))
    folder = user_folder(home)
    if folder.is_dir():
        for path in sorted(folder.glob("*.toml")):
            found.setdefault(path.stem, path)
    return found


def resolve(name_or_path: str, home: Path) -> Framework:
    """A framework by id (shipped or installed) or by file path."""
    known = available(home)
    if name_or_path in known:
        return load_framework_file(known[name_or_path])
    path = Path(name_or_path).expanduser()
    if path.suffix == ".toml" or path.exists():
        if not path.exists():
            raise FrameworkError([f"{path}: no such file; check the path"])
        return load_framework_file(path)
    raise FrameworkError(
        [f"{name_or_path}:1: no framework with that name; choose one of {', '.join(known)} "
         "or give the path of a .toml file"]
    )


def install(framework: Framework, home: Path) -> Path:
    """Copy a writer's framework file into the journal, so it survives the original moving."""
    if framework.path is None:
        raise ValueError("framework has no file")
    shipped = shipped_paths()
    if framework.id in shipped and framework.path.resolve() != shipped[framework.id].resolve():
        raise FrameworkError(
            [f"{framework.path}:1: id {framework.id!r} belongs to a shipped framework; "
             "give yours another id in [framework]"]
        )
    if framework.id in shipped:
        return shipped[framework.id]
    folder = user_folder(home)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = folder / f"{framework.id}.toml"
    if framework.path.resolve() != target.resolve():
        shutil.copyfile(framework.path, target)
        target.chmod(0o600)
    return target


class Catalogue:
    """Names for every value and behaviour id in any known framework, active one first.

    Old entries keep ids from frameworks no longer active; this finds their names, and falls back
    to the stored id itself, so nothing is ever shown blank.
    """

    def __init__(self, active: Framework, others: list[Framework]) -> None:
        self.active = active
        self.values: dict[str, Value] = {}
        self.behaviours: dict[str, Behaviour] = {}
        for fw in [active, *others]:
            for v in fw.values:
                self.values.setdefault(v.id, v)
            for b in fw.behaviours:
                self.behaviours.setdefault(b.id, b)

    @classmethod
    def for_home(cls, home: Path, active: Framework) -> Catalogue:
        others = []
        for ident, path in available(home).items():
            if ident != active.id:
                try:
                    others.append(load_framework_file(path))
                except FrameworkError:
                    continue
        return cls(active, others)

    def value_name(self, value_id: str) -> str:
        value = self.values.get(value_id)
        return value.name if value else value_id

    def behaviour_text(self, behaviour_id: str) -> str:
        behaviour = self.behaviours.get(behaviour_id)
        return behaviour.text if behaviour else behaviour_id
