"""One sync: send this device's new revisions, bring in the others', and never lose a thing.

A sync has three steps, so the app can keep the database on its store thread and the network
off it:

1. `prepare(store)` (database): this device's position and the sealed rows it has not sent.
2. `exchange(outgoing, remote)` (network only): check the vault file, exchange key sets, read the
   devices' new segments and write this device's own.
3. `finish(store, incoming)` (database): apply everything in one transaction
   (`JournalStore.apply_sync`).

`sync(store, remote)` runs all three. A crash between any two steps is safe: segments are only
ever added, and the next sync notices segments of its own it has not recorded (they are read
back, applied, and not sent again).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from journal.storage import crypto
from journal.storage.crypto import KeySlot, Sealer, WrongKey
from journal.storage.store import JournalStore
from journal.storage.sync_state import held_back
from journal.sync import chains, keyset, segment
from journal.sync.chains import DEVICES
from journal.sync.keyset import KeySet, KeySetError
from journal.sync.passing import Incoming as Incoming
from journal.sync.passing import Outgoing as Outgoing
from journal.sync.remote import TEMP_MARK, Remote, RemoteError, RemoteMissing, put

_ID = re.compile(r"[0-9a-f]{32}")


class SyncRefused(RemoteError):
    """The remote is not this journal's, or has lost files: nothing was changed anywhere."""


@dataclass
class SyncReport:
    sent: int
    sent_bytes: int
    received: int
    conflicts: int
    problems: list[str]
    waiting: list[str]
    error: str | None = None
    keys_adopted: bool = False
    keys_sent: bool = False
    repaired: list[str] = field(default_factory=list)
    republish_pending: bool = False  # the next sync sends everything anew (after a repair)

    @property
    def clean(self) -> bool:
        return not (self.problems or self.error)


#: Where the listing of this device's own files, as last read back whole, is kept (a sealed,
#: device-local blob beside the remote's settings).
_LOCAL, _OWN_FILES = "sync", "sync-own-files"


def prepare(store: JournalStore) -> Outgoing:
    state = store.sync_state()
    own_files = store.get_local(_LOCAL).get(_OWN_FILES, {}).get("files", {})
    restore = not store.integrity().ok
    if restore:
        state = replace(state, cursors={})
    return Outgoing(store.vault_id, store.device_id, store.sealer, state,
                    store.unsent_rows(state.sent_upto), dict(own_files), restore)


def exchange(out: Outgoing, remote: Remote, *, write: bool = True) -> Incoming:
    """Everything that talks to the remote. Raises SyncRefused or RemoteError only before
    anything was written; later failures are kept in `Incoming.error` so progress is recorded.
    With `write` False nothing is written (`journal remote check`): `Incoming` then says what
    is damaged and what a sync would repair."""
    got = Incoming(restoring=out.restore)
    base = out.vault_id
    if write:
        remote.ensure_root()
    _check_vault(out, remote, got, write=write)
    devices = [d for d in remote.list(f"{base}/{DEVICES}") if _ID.fullmatch(d)]
    for device_id in devices:
        if device_id != out.device_id:
            chains.read_other(out, remote, device_id, got)
    own_ok = chains.check_own(out, remote, got, counting=not write)
    if not write:
        return got
    _clear_own_temps(out, remote)
    if own_ok:
        try:
            sent = _send(out, remote, got)
            if sent and got.own_files is not None:
                listed = remote.fingerprints(f"{base}/{DEVICES}/{out.device_id}")
                got.own_files.update({n: listed[n] for n in sent if n in listed})
        except RemoteError as exc:
            got.error = str(exc)
    if got.own_files == out.own_files:
        got.own_files = None  # nothing new to record
    got.change.finished = datetime.now(UTC).isoformat(timespec="seconds")
    return got


def finish(store: JournalStore, got: Incoming) -> SyncReport:
    rows = got.change.rows
    known = store.known_revisions({r.revision_id for r in rows}
                                  | {p for r in rows for p in r.parents})
    # A device whose revision waits for a parent keeps its cursor, so its segments are read
    # again next time (the parent may come from another device's chain published anew).
    waits = held_back(rows, known)
    for device_id in {r.device_id for r in rows if r.revision_id in waits}:
        got.change.cursors.pop(device_id, None)
    held = store.apply_sync(got.change)
    if got.restoring:
        if store.integrity(full=True).ok:
            got.repaired.append("this journal file had lost revisions it held; the remote had "
                                "them, and they are back")
        else:
            got.problems.append("this journal file lost revisions that no device has on the "
                                "remote: see `journal verify`; restore a backup to get them back")
    if got.own_files is not None:
        store.put_local(_LOCAL, _OWN_FILES, {"files": got.own_files})
    if held:
        got.waiting.append(f"{len(held)} revision(s) wait for an earlier change from another "
                           "device that has not reached the remote yet")
    own_ids = {r.revision_id for r in got.change.rows if r.device_id == store.device_id}
    received = len({r.revision_id for r in got.change.rows} - own_ids - set(held) - known)
    return SyncReport(got.sent_revisions, got.sent_bytes, received, len(store.conflicts()),
                      got.problems, got.waiting, got.error,
                      keys_adopted=got.change.adopt_slots is not None,
                      keys_sent=got.key_file_sent, repaired=got.repaired,
                      republish_pending=bool(got.republish))


def sync(store: JournalStore, remote: Remote) -> SyncReport:
    """One sync; when this device found its own chain damaged it publishes everything anew
    at once (a second round that reads all its revisions), so one `journal sync` repairs."""
    first = finish(store, exchange(prepare(store), remote))
    if not first.republish_pending or first.error:
        return first
    second = finish(store, exchange(prepare(store), remote))
    second.received += first.received
    second.repaired = first.repaired + second.repaired
    second.keys_adopted |= first.keys_adopted
    second.keys_sent |= first.keys_sent
    return second


@dataclass
class Health:
    """What `journal remote check` found, having written nothing: files a device joining now
    could not use, and what this device's next sync would publish anew."""

    devices: int
    revisions: int  # what a device joining now would receive
    problems: list[str]
    would_repair: list[str]

    @property
    def healthy(self) -> bool:
        return not (self.problems or self.would_repair)


def check(store: JournalStore, remote: Remote) -> Health:
    """Read the whole remote as a device joining now would (every device's newest usable
    chain, from its start) and this device's own chain, writing nothing anywhere."""
    out = prepare(store)
    out.state = replace(out.state, cursors={})
    got = exchange(out, remote, write=False)
    devices = [d for d in remote.list(f"{out.vault_id}/{DEVICES}") if _ID.fullmatch(d)]
    others = {r.revision_id for r in got.change.rows if r.device_id != out.device_id}
    revisions = len(others) + got.own_published
    return Health(len(devices), revisions, got.problems,
                  [line.replace("it publishes", "its next sync publishes")
                   for line in got.repaired])


# -- the steps of an exchange ------------------------------------------------------------------


def _check_vault(out: Outgoing, remote: Remote, got: Incoming, *, write: bool = True) -> None:
    """The vault file must be this journal's; a newer key set is adopted, a local change sent."""
    base = out.vault_id
    try:
        first = keyset.parse(remote.read(f"{base}/{keyset.VAULT_FILE}"), out.vault_id)
    except RemoteMissing:
        if out.has_synced:
            raise SyncRefused(
                "the remote no longer holds this journal (its vault file is gone): it was "
                "emptied or replaced. Nothing was changed here. If that was on purpose, run "
                "`journal remote set` with its address again to send everything") from None
        if not write:
            got.problems.append("the remote holds no copy of this journal yet: the next sync "
                                "sends everything")
            return
        mine = out.key_set()
        put(remote, f"{base}/{keyset.VAULT_FILE}", mine.to_file())
        got.change.keys_sent = True
        return
    except KeySetError as exc:
        raise SyncRefused(f"{exc}; refusing to sync with it, nothing was changed") from None
    if not first.checks_out(out.sealer):
        raise SyncRefused("the remote's vault file was not made with this journal's key (the "
                          "remote was replaced by another journal?); refusing to sync with it, "
                          "nothing was changed")
    newest = first
    for name, candidate in _later_key_sets(remote, base):
        # Ignoring such a file is safe, and said; failing every sync over it would let anyone
        # who can write to the remote wear the writer down.
        if candidate is None:
            got.waiting.append(f"key file {name} on the remote is damaged; it was ignored")
            continue
        if not candidate.checks_out(out.sealer):
            got.waiting.append(f"key file {name} on the remote was not made with this "
                               "journal's key; it was ignored")
            continue
        newest = max(newest, candidate, key=lambda k: k.order)
    local = (out.state.keys_clock, out.state.keys_device)
    if out.state.keys_pending and local > newest.order and write:
        mine = out.key_set()
        with contextlib.suppress(RemoteError):  # already there from a sync cut short
            put(remote, f"{base}/{mine.file_name()}", mine.to_file())
        got.change.keys_sent = got.key_file_sent = True
    elif newest.order > local:
        got.change.adopt_slots = (newest.slots, newest.clock, newest.device_id)
        if out.state.keys_pending:
            # Both devices changed the keys before either heard of the other: the later change
            # wins everywhere (so the devices agree), and the writer is told which one was lost.
            got.problems.append(
                f"the passphrase or recovery key was also changed on device "
                f"{newest.device_id[:8]}, later than the change made here: this device now "
                "uses that one, and the change made here was replaced (run `journal passwd` "
                "or `journal recovery-key` again if you want yours)")


def _later_key_sets(remote: Remote, vault_id: str) -> Iterator[tuple[str, KeySet | None]]:
    """Each key file in `keys/` by name, parsed, or None when it is damaged or foreign."""
    for name in remote.list(f"{vault_id}/{keyset.KEYS_FOLDER}"):
        if keyset.key_file_order(name) is None:
            continue
        try:
            yield name, keyset.parse(remote.read(f"{vault_id}/{keyset.KEYS_FOLDER}/{name}"),
                                     vault_id)
        except (KeySetError, RemoteMissing):
            yield name, None


def _clear_own_temps(out: Outgoing, remote: Remote) -> None:
    """Temp files from an upload cut short are this device's own, and only they go."""
    folder = f"{out.vault_id}/{DEVICES}/{out.device_id}"
    with contextlib.suppress(RemoteError):
        for name in remote.list(folder, temps=True):
            if TEMP_MARK in name:
                with contextlib.suppress(RemoteError):
                    remote.remove_temp(f"{folder}/{name}")


def _send(out: Outgoing, remote: Remote, got: Incoming) -> list[str]:
    """Write this device's unsent rows as new segments, continuing its chain (after any of its
    segments found on the remote but not yet recorded here, whose rows are not sent again)."""
    seq, previous, _ = got.change.own or (out.state.own_seq, out.state.own_hash, 0)
    upto = max([out.state.sent_upto, *(r.seq for r in out.rows)])
    already = {r.revision_id for r in got.change.rows if r.device_id == out.device_id}
    rows = [r for r in out.rows if r.revision_id not in already]
    folder = f"{out.vault_id}/{DEVICES}/{out.device_id}"
    names: list[str] = []
    for batch in segment.batches(rows):
        data = segment.seal(out.sealer, out.vault_id, out.device_id, seq + 1, previous, batch,
                            batch[-1].seq)
        put(remote, f"{folder}/{segment.segment_name(seq + 1)}", data)
        names.append(segment.segment_name(seq + 1))
        seq, previous = seq + 1, segment.file_hash(data)
        got.change.own = (seq, previous, batch[-1].seq)  # kept if a later batch fails
        got.sent_revisions += len(batch)
        got.sent_bytes += len(data)
        got.sent_files += 1
    got.change.own = (seq, previous, upto)
    return names


# -- joining -----------------------------------------------------------------------------------


@dataclass
class Found:
    """A journal on a remote: every key set it holds that parses, newest first (which of them
    are genuine is known only with the data key: see `open_found`)."""

    vault_id: str
    sets: list[KeySet]
    ignored: list[str] = field(default_factory=list)  # what was passed over, and why

    @property
    def keys(self) -> KeySet:
        """The key set chosen: the newest, until `open_found` has checked the tags."""
        return self.sets[0]


def journals_on(remote: Remote) -> list[Found]:
    """Every journal a remote holds, with its key sets newest first. A vault whose own file is
    broken is skipped, one candidate among others."""
    found = []
    for vault_id in remote.list(""):
        if not _ID.fullmatch(vault_id):
            continue
        try:
            first = keyset.parse(remote.read(f"{vault_id}/{keyset.VAULT_FILE}"), vault_id)
        except (RemoteMissing, KeySetError):
            continue
        sets = [first, *(c for _, c in _later_key_sets(remote, vault_id) if c is not None)]
        found.append(Found(vault_id, sorted(sets, key=lambda k: k.order, reverse=True)))
    return found


def _open_set(keys: KeySet, vault_id: str, passphrase: str | None,
              recovery: bytes) -> bytes | None:
    """The data key from one of the set's slots of the secret's kind, or None."""
    kind = "passphrase" if passphrase is not None else "recovery"
    for slot in keys.slots:
        if slot.kind != kind:
            continue
        try:
            if passphrase is not None:
                return crypto.open_passphrase_slot(slot, vault_id, passphrase)
            return crypto.open_recovery_slot(slot, vault_id, recovery)
        except (WrongKey, crypto.DamagedData):
            continue  # not this secret, or a slot not worth trying (too costly, malformed)
    return None


def open_found(found: Found, *, passphrase: str | None = None,
               recovery_key: str | None = None) -> bytes:
    """The data key of a journal on the remote, from its newest genuine key set. A set whose
    tag does not check out with the key it holds was not made by the writer (anyone who can
    write to the remote can add a file): it is passed over and named in `found.ignored`, so it
    cannot lock a new device out. A secret that opens only an older set than a genuine newer
    one is an old passphrase: WrongKey, as before."""
    raw = crypto.parse_recovery_key(recovery_key) if recovery_key is not None else b""
    for at, keys in enumerate(found.sets):
        dek = _open_set(keys, found.vault_id, passphrase, raw)
        if dek is None:
            continue
        sealer = Sealer(dek)
        if not keys.checks_out(sealer):
            found.ignored.append(f"key file {keys.file_name()} was not made with the key it "
                                 "holds; it was ignored")
            continue
        if any(newer.checks_out(sealer) for newer in found.sets[:at]):
            break  # a genuine newer set exists that this secret does not open
        found.sets = [keys, *[k for k in found.sets if k is not keys]]
        return dek
    raise WrongKey("wrong passphrase" if passphrase is not None
                   else "that recovery key does not open the journal on the remote")


def join(home: Path, remote: Remote, *, passphrase: str | None = None,
         recovery_key: str | None = None) -> JournalStore:
    """Make a new device's journal in `home` from a remote, then fill it (one sync)."""
    journals = journals_on(remote)
    if not journals:
        raise RemoteError("there is no journal on that remote yet: run `journal remote set` "
                          "and `journal sync` on a device that has one first")
    last_error: Exception | None = None
    for found in journals:
        try:
            dek = open_found(found, passphrase=passphrase, recovery_key=recovery_key)
        except WrongKey as exc:
            last_error = exc
            continue
        slots: tuple[KeySlot, ...] = found.keys.slots
        store = JournalStore.create_joined(home, found.vault_id, dek, slots, found.keys.clock,
                                           found.keys.device_id)
        return store
    assert last_error is not None
    raise last_error


def check_remote(store: JournalStore, remote: Remote) -> bool:
    """Before a remote is set: True if it already holds this journal, False if it holds none.
    SyncRefused if it holds only other journals, or a copy of this one made with another key."""
    journals = journals_on(remote)
    ours = [f for f in journals if f.vault_id == store.vault_id]
    if ours:
        if not any(keys.checks_out(store.sealer) for keys in ours[0].sets):
            raise SyncRefused("the remote holds a journal with this one's id but another key; "
                              "refusing to use it, nothing was changed")
        return True
    if journals:
        raise SyncRefused(
            "that remote holds another journal, not this one. To add this device to it, use "
            "`journal join ADDRESS` with an empty JOURNAL_HOME; nothing was changed")
    return False
