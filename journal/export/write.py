"""The last steps of an export, shared by `journal export` and the Export screen: render the
reviewed pack, seal it when asked, write it privately, and record what was shared.

select -> scrub (pack.review) -> render -> seal -> write + log. Nothing is written until the
writer has reviewed the findings; nothing plaintext is written when sealing.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from journal.domain.framework import Catalogue, Framework
from journal.domain.model import Entry
from journal.errors import JournalError
from journal.export import identity, log, pack, render, seal
from journal.export.supervisors import Supervisor
from journal.storage.store import JournalStore


class ExportError(JournalError, ValueError):
    """The pack cannot be written where asked; the message says what to do."""


@dataclass
class Sealing:
    """How the file is sealed: to supervisors' keys, or with a passphrase, or not at all."""

    to: list[Supervisor] = field(default_factory=list)
    passphrase: str | None = None

    @property
    def sealed(self) -> bool:
        return bool(self.to) or self.passphrase is not None

    def describe(self) -> str:
        if self.to:
            return "sealed with age to " + ", ".join(s.name for s in self.to)
        if self.passphrase is not None:
            return "sealed with age and a passphrase"
        return "NOT encrypted, readable by anyone who gets the file"


@dataclass(frozen=True)
class Written:
    path: Path
    shared: log.Shared
    missing: int  # characters a PDF without a Unicode font could not draw


def default_path(fmt: str, sealed: bool, today: date | None = None) -> Path:
    """supervision-2026-11-22.md, or supervision-2026-11-22.md.age when sealed."""
    name = f"supervision-{(today or date.today()).isoformat()}.{fmt}"
    return Path(name + ".age" if sealed else name)


def target_path(output: Path | None, fmt: str, sealed: bool) -> Path:
    """Where the pack goes: `output`, or the default name. A sealed pack's name always ends
    in `.age` (`-o pack.md --to Sam` writes pack.md.age), so nobody takes an age file for the
    Markdown it will be once opened, or a plain one for a sealed one."""
    path = output or default_path(fmt, sealed)
    if sealed and path.suffix != ".age":
        path = path.with_name(path.name + ".age")
    return path


def check_target(path: Path) -> None:
    """Refuse before any work (or any question) if the file cannot be written."""
    if path.exists():
        raise ExportError(f"{path} already exists; choose another file with --output")
    if not path.resolve().parent.is_dir():
        raise ExportError(f"there is no folder {path.resolve().parent}; make it first or "
                          "choose another --output")


def write_private(path: Path, data: bytes) -> None:
    """Created 0600 and written whole, so no one else can read it even for a moment. A file
    that appeared since `check_target` is never overwritten."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise ExportError(f"{path} already exists; choose another file with --output") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError:
        path.unlink(missing_ok=True)  # never leave half a pack behind
        raise


def write_pack(store: JournalStore, entries: list[Entry], review: pack.Review, fmt: str,
               path: Path, framework: Framework, catalogue: Catalogue,
               include_wellbeing: bool = False, sealing: Sealing | None = None) -> Written:
    """Build, render, seal (if asked), write and log one supervision pack. A sealed pack
    carries a way back (`pack.ReplyTo`): its id, a secret, and the writer's age key."""
    sealing = sealing or Sealing()
    reply = pack.ReplyTo(secrets.token_hex(8), secrets.token_hex(16),
                         identity.writer_recipient(store)) if sealing.sealed else None
    built = pack.build(store, entries, review, framework, catalogue, include_wellbeing,
                       reply=reply)
    missing = 0
    if fmt == "pdf":
        from journal.export.pdf import to_pdf

        result = to_pdf(render.outline(built))
        data, missing = result.data, result.missing
    else:
        data = render.render(built, fmt)
    if sealing.sealed:
        data = seal.seal(data, recipients=[s.key for s in sealing.to],
                         passphrase=sealing.passphrase)
        path = target_path(path, fmt, sealed=True)
    write_private(path, data)
    shared = log.Shared(log.now(), [e.id for e in entries], fmt, [s.name for s in sealing.to],
                        sealing.passphrase is not None, path.name, review.replaced_count,
                        review.kept_count, reply.pack_id if reply else "",
                        reply.secret if reply else "")
    log.record(store, shared)
    return Written(path, shared, missing)
