"""`journal archive` for the session: every entry for the writer, written as a stream, sealed
as `journal export` seals (age, to supervisors' keys or with a passphrase) or plain.

Entries come from `storage.streaming` (date order, one batch in memory) and are written by
`export.archive` straight into the file, or, sealed to keys, into age's encryption through a
pipe: nothing plaintext reaches the disk when sealing. Sealing with a passphrase is the one
exception to streaming: pyrage offers no streaming passphrase encryption, so that archive is
built in memory first, then sealed.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tarfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from journal.domain.framework import Catalogue, Framework
from journal.domain.model import Entry
from journal.domain.passphrase import check_new
from journal.errors import JournalError
from journal.export import archive as formats
from journal.export import seal
from journal.export.write import ExportError
from journal.storage.store import JournalStore
from journal.storage.streaming import EntryStream, Plan

#: Called with (entries written, entries in all).
Report = Callable[[int, int], None]


class ArchiveError(JournalError, ValueError):
    """The archive cannot be written as asked; the message says what to do."""


@dataclass
class ArchiveSealing:
    """To these age public keys (by supervisor name), or with a passphrase, or plain."""

    to: list[str] = field(default_factory=list)  # supervisor names, found in the journal
    passphrase: str | None = None

    @property
    def sealed(self) -> bool:
        return bool(self.to) or self.passphrase is not None


@dataclass(frozen=True)
class Written:
    path: Path
    entries: int
    damaged: int  # revisions that did not open and are not in the archive


def target_path(output: Path, fmt: str, sealed: bool) -> Path:
    """Where it goes: a sealed archive's name ends in `.age` (an md folder sealed is a tar:
    `.tar.age`), so nobody takes an age file for what it will be once opened."""
    if not sealed:
        return output
    name = output.name.removesuffix(".age")
    if fmt == "md" and not name.endswith(".tar"):
        name += ".tar"  # `-o notes.md.age` writes notes.md.tar.age, not notes.md.age.tar.age
    return output.with_name(name + ".age")


def check_target(path: Path) -> None:
    if path.exists():
        raise ArchiveError(f"{path} already exists; choose another --output (an archive never "
                           "overwrites anything)")
    if not path.absolute().parent.is_dir():
        raise ArchiveError(f"there is no folder {path.absolute().parent}; make it first or "
                           "choose another --output")


def _recipients(plan: Plan, names: list[str]) -> list[str]:
    """The age keys of the supervisors named, from the records the plan read."""
    saved = {" ".join(str(d.get("name", "")).split()).casefold(): str(d.get("key", ""))
             for d in plan.records.get("supervisor", [])}
    keys = []
    for name in names:
        key = saved.get(" ".join(name.split()).casefold())
        if not key:
            raise ArchiveError(f"no supervisor named {name!r} is saved; see `journal supervisor "
                               "list`, or add one with `journal supervisor add NAME AGE_KEY`")
        keys.append(key)
    return keys


def write(store: JournalStore, framework: Framework, catalogue: Catalogue, fmt: str,
          output: Path, *, history: bool = False, sealing: ArchiveSealing | None = None,
          progress: Report | None = None,
          announce: Callable[[Path], None] | None = None) -> Written:
    """Write the archive; returns where and how many entries. `announce` is told the file
    once everything is checked, just before anything is written."""
    sealing = sealing or ArchiveSealing()
    if fmt not in formats.FORMATS:
        raise ArchiveError(f"unknown format {fmt!r}: choose json, md or html")
    if sealing.passphrase is not None:
        check_new(sealing.passphrase, "pack passphrase")  # it may travel: guessed offline
    path = target_path(output, fmt, sealing.sealed)
    check_target(path)
    stream = EntryStream(store)
    plan = stream.plan(include_deleted=history, records=("person", "supervisor"))
    keys = _recipients(plan, sealing.to) if sealing.to else []
    head = formats.header(framework.id, framework.name, plan.records.get("person", []), history)
    total = len(plan.entries)

    def items() -> Iterator[formats.Archived]:
        for n, entry in enumerate(stream.entries(plan), 1):
            versions = stream.history(entry.id, plan.damaged) if history else []
            yield formats.Archived(entry, versions)
            if progress is not None and (n % 200 == 0 or n == total):
                progress(n, total)

    def produce(out: IO[bytes]) -> int:
        if fmt == "json":
            return formats.write_json(out, head, items())
        if fmt == "html":
            return formats.write_html(out, head, items(), total, catalogue)
        return _write_tar(out, head, items(), catalogue)

    if announce is not None:
        announce(path)
    if progress is not None:
        progress(0, total)
    if fmt == "md" and not sealing.sealed:
        count = _write_folder(path, head, items(), catalogue)
    elif sealing.passphrase is not None:
        count = _sealed_with(path, sealing.passphrase, produce)
    elif keys:
        count = _sealed_to(path, keys, produce)
    else:
        count = _plain(path, produce)
    return Written(path, count, len(plan.damaged))


def _new_file(path: Path) -> IO[bytes]:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise ExportError(f"{path} already exists; choose another --output") from None
    return os.fdopen(fd, "wb")


def _plain(path: Path, produce: Callable[[IO[bytes]], int]) -> int:
    try:
        with _new_file(path) as out:
            return produce(out)
    except BaseException:
        path.unlink(missing_ok=True)  # never half an archive
        raise


def _sealed_with(path: Path, passphrase: str, produce: Callable[[IO[bytes]], int]) -> int:
    """Stream into an age file sealed with a passphrase (`age_stream.py`), chunk by chunk."""
    from journal.export.age_stream import PassphraseSealed

    try:
        with _new_file(path) as out, PassphraseSealed(out, passphrase) as sealed:
            return produce(sealed)
    except BaseException:
        path.unlink(missing_ok=True)  # never half an archive
        raise


def _sealed_to(path: Path, keys: list[str], produce: Callable[[IO[bytes]], int]) -> int:
    """Stream into age: this thread writes the archive into a pipe (it holds the journal's
    SQLite connection), a worker encrypts from the pipe into the file."""
    import pyrage

    recipients = [seal.parse_recipient(k) for k in keys]
    failed: list[BaseException] = []
    read_end, write_end = os.pipe()

    def encrypt() -> None:
        try:
            with os.fdopen(read_end, "rb") as source, path.open("r+b") as target:
                pyrage.encrypt_io(source, target, recipients)
        except BaseException as exc:  # handed back below
            failed.append(exc)

    _new_file(path).close()
    worker = threading.Thread(target=encrypt, name="archive-seal", daemon=True)
    worker.start()
    try:
        try:
            with os.fdopen(write_end, "wb") as pipe:
                count = produce(pipe)
        finally:
            worker.join()
        if failed:
            raise ArchiveError("sealing the archive failed; nothing was kept (try again)")
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return count


def _md_files(head: formats.Header, items: Iterator[formats.Archived],
              catalogue: Catalogue) -> Iterator[tuple[str, bytes]]:
    taken: set[str] = set()
    for item in items:
        text = formats.entry_markdown(item.entry, head, catalogue)
        for version in item.history[:-1] if len(item.history) > 1 else []:
            text += (f"\n## Earlier version ({version.updated})\n\n### "
                     f"{version.title or '(untitled)'}\n\n{version.body.rstrip()}\n")
        yield formats.md_name(item.entry, taken), text.encode("utf-8")


def _write_folder(path: Path, head: formats.Header, items: Iterator[formats.Archived],
                  catalogue: Catalogue) -> int:
    try:
        path.mkdir(mode=0o700)
    except FileExistsError:
        raise ArchiveError(f"{path} already exists; choose another --output") from None
    count = 0
    try:
        for name, data in _md_files(head, items, catalogue):
            with _new_file(path / name) as out:
                out.write(data)
            count += 1
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)  # made here, just now: never half a folder
        raise
    return count


def _write_tar(out: IO[bytes], head: formats.Header, items: Iterator[formats.Archived],
               catalogue: Catalogue) -> int:
    """The md folder as a tar stream (for sealing): one entry at a time, nothing on disk."""
    count = 0
    now = int(time.time())
    with tarfile.open(fileobj=out, mode="w|", format=tarfile.PAX_FORMAT) as tar:
        folder = tarfile.TarInfo("archive")
        folder.type, folder.mode, folder.mtime = tarfile.DIRTYPE, 0o700, now
        tar.addfile(folder)
        for name, data in _md_files(head, items, catalogue):
            info = tarfile.TarInfo(f"archive/{name}")
            info.size, info.mode, info.mtime = len(data), 0o600, now
            tar.addfile(info, io.BytesIO(data))
            count += 1
    with contextlib.suppress(Exception):
        out.flush()
    return count


# -- reading an archive back (`journal import archive`) -------------------------------------


@dataclass(frozen=True)
class Imported:
    added: int
    skipped: int  # already here (the same id)
    people_added: list[str]
    deleted: int  # deleted entries in the archive, left out
    earlier_versions: int  # versions before the current one, left out


def import_archive(store: JournalStore, path: Path, *, dry_run: bool = False,
                   progress: Report | None = None) -> Imported:
    """Bring a JSON archive's entries in with their ids; those already here are skipped. Its
    people join the people list (their pseudonym kept when it is free here). Two passes over
    the file: every entry is checked before any is written, then they are added 1,000 at a
    time, none kept in memory."""
    from journal.domain import people
    from journal.importers.archive import ReadArchive, entries
    from journal.storage.bulk import BulkAdd
    from journal.storage.kept_ids import present

    found = ReadArchive()
    ids = []
    for entry in entries(path, found):  # the check: nothing is written yet
        ids.append(entry.id)
        if progress is not None and len(ids) % 1000 == 0:
            progress(len(ids), 0)
    here: set[str] = set()
    for start in range(0, len(ids), 1000):
        here |= present(store, ids[start:start + 1000])
    # The people list, read from the rows (the loaded view of a large journal is hundreds of
    # MB); only adding someone new builds the view, through `people.save_person`.
    listed = {" ".join(str(d.get("name", "")).split()).casefold(): str(d.get("pseudonym", ""))
              for d in EntryStream(store).plan(records=("person",)).records.get("person", [])}
    taken: set[str] | None = None
    added: list[str] = []
    renamed: dict[str, str] = {}  # the archive's pseudonym -> the one here
    for person in found.people:
        name = " ".join(str(person.get("name", "")).split())
        old = str(person.get("pseudonym", ""))
        if not name:
            continue
        if name.casefold() in listed:
            renamed[old.casefold()] = listed[name.casefold()]
            continue
        added.append(name)
        if dry_run:
            continue
        if taken is None:
            taken = {p.casefold() for p in listed.values()} | set(people.retired(store))
        wanted = old if old and old.casefold() not in taken else ""
        saved = people.save_person(store, name, [str(a) for a in person.get("aliases", [])],
                                   wanted)
        taken.add(saved.pseudonym.casefold())
        renamed[old.casefold()] = saved.pseudonym
    new = len(ids) - len(here)
    if not dry_run and new:
        batch: list[Entry] = []
        done = 0
        with BulkAdd(store, keep_ids=True) as add:
            for entry in entries(path):
                if entry.id in here:
                    continue
                entry.people = [renamed.get(p.casefold(), p) for p in entry.people]
                batch.append(entry)
                if len(batch) == 1000:
                    add(batch)
                    done += len(batch)
                    batch = []
                    if progress is not None:
                        progress(done, new)
            if batch:
                add(batch)
    return Imported(new, len(here), added, found.deleted, found.earlier_versions)
