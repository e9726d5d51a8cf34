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

import base64
import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from journal.storage.store import JournalStore
from journal.storage.sync_state import held_back
from journal.sync import chains, claims, keyset, moved, segment
from journal.sync.chains import DEVICES
from journal.sync.joining import ID, later_key_sets
from journal.sync.joining import Found as Found
from journal.sync.joining import SyncRefused as SyncRefused
from journal.sync.joining import check_remote as check_remote
from journal.sync.joining import join as join
from journal.sync.joining import journals_on as journals_on
from journal.sync.joining import open_found as open_found
from journal.sync.keyset import KeySetError
from journal.sync.passing import Incoming as Incoming
from journal.sync.passing import Outgoing as Outgoing
from journal.sync.remote import TEMP_MARK, Remote, RemoteError, RemoteMissing, put


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
#: Other devices' files read (`Outgoing.seen_files`), and devices to carry (`Outgoing.carry`).
_SEEN_FILES, _CARRY, _CLAIMED = "sync-seen-files", "sync-carry", "sync-claimed"


def prepare(store: JournalStore) -> Outgoing:
    state = store.sync_state()
    local = store.get_local(_LOCAL)
    own_files = local.get(_OWN_FILES, {}).get("files", {})
    restore = not store.integrity().ok
    if restore:
        state = replace(state, cursors={})
    carry = {d: (int(m[0]), str(m[1])) for d, m in local.get(_CARRY, {}).get("devices", {}).items()}
    return Outgoing(store.vault_id, store.device_id, store.sealer, state,
                    store.unsent_rows(state.sent_upto), dict(own_files), restore,
                    carry=carry, carry_rows=[r for d in sorted(carry) for r in store.rows_of(d)],
                    seen_files=local.get(_SEEN_FILES, {}).get("devices", {}),
                    claimed={} if restore else local.get(_CLAIMED, {}),
                    moving=_moving(local.get(MOVING)))


#: The sign to leave in the old vault after a rekey made here (`moved`), until it is sent.
MOVING = "sync-moving"


def _moving(saved: dict[str, str] | None) -> tuple[str, bytes] | None:
    if not saved:
        return None
    return saved["vault"], base64.b64decode(saved["sign"])


def leave_sign(store: JournalStore, old_vault: str, sign: bytes) -> None:
    """After a rekey here: the next sync writes `sign` into the old vault."""
    store.put_local(_LOCAL, MOVING, {"vault": old_vault,
                                     "sign": base64.b64encode(sign).decode("ascii")})


def carry_all(store: JournalStore) -> None:
    """The next sync sends every other device's revisions held here too (after a rekey: the new
    vault starts empty, and those devices may never follow)."""
    others = store.writers() - {store.device_id}
    store.put_local(_LOCAL, _CARRY, {"devices": {d: [0, ""] for d in sorted(others)}})


def forget(store: JournalStore) -> None:
    """What this device learnt of a remote (its files, the claims read there, devices to carry):
    dropped when another remote is set or syncing stops, so nothing carries over to it."""
    for blob_id in (_OWN_FILES, _SEEN_FILES, _CARRY, _CLAIMED):
        store.remove_local(blob_id)


def exchange(out: Outgoing, remote: Remote, *, write: bool = True,
             tally: chains.Tally | None = None) -> Incoming:
    """Everything that talks to the remote. Raises SyncRefused or RemoteError only before
    anything was written; later failures are kept in `Incoming.error` so progress is recorded.
    With `write` False nothing is written (`journal remote check`): `Incoming` then says what
    is damaged and what a sync would repair."""
    got = Incoming(restoring=out.restore)
    base = out.vault_id
    if not out.state.trusted:
        got.change.untrusted_position = True
        got.problems.append(
            "this device's sync position in its journal file does not check out (it was "
            "changed outside the journal, or damaged): this sync sends all its changes again, "
            "reads every device anew and takes the passphrase and recovery key from the remote")
    if write:
        remote.ensure_root()
    _check_moved(out, remote, got, write=write)
    _check_vault(out, remote, got, write=write)
    devices = [d for d in remote.list(f"{base}/{DEVICES}") if ID.fullmatch(d)]
    readings = [chains.read_other(out, remote, d, got, tally) for d in devices
                if d != out.device_id]
    claims.settle(out, remote, [r for r in readings if r is not None], got)
    own_ok = chains.check_own(out, remote, got, counting=not write)
    if not write:
        return got
    _clear_own_temps(out, remote)
    if own_ok:
        try:
            sent = _send(out, remote, got, tally)
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
    for row in rows:
        if row.revision_id in waits:
            got.change.cursors.pop(row.device_id, None)
            got.change.cursors.pop(got.carried_from.get(row.revision_id, row.device_id), None)
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
    if got.seen_files is not None:
        store.put_local(_LOCAL, _SEEN_FILES, {"devices": got.seen_files})
    if got.claimed is not None:
        store.put_local(_LOCAL, _CLAIMED, got.claimed)
    if got.moved_sign_sent:
        store.remove_local(MOVING)
    if got.carried_sent:
        store.put_local(_LOCAL, _CARRY, {"devices": {}})
        if got.carried_repairs:  # else all of them, to a new vault after a rekey
            got.repaired.append(f"this device sent again the {got.carried_sent} change(s) it "
                                "holds of devices whose own files on the remote were damaged")
    if got.carry:
        store.put_local(_LOCAL, _CARRY, {"devices": got.carry})
    if held:
        got.waiting.append(f"{len(held)} revision(s) wait for an earlier change from another "
                           "device that has not reached the remote yet")
    own_ids = {r.revision_id for r in got.change.rows if r.device_id == store.device_id}
    received = len({r.revision_id for r in got.change.rows} - own_ids - set(held) - known)
    return SyncReport(got.sent_revisions, got.sent_bytes, received, len(store.conflicts()),
                      got.problems, got.waiting, got.error,
                      keys_adopted=got.change.adopt_slots is not None,
                      keys_sent=got.key_file_sent, repaired=got.repaired,
                      republish_pending=bool(got.republish or got.carry))


def sync(store: JournalStore, remote: Remote,
         progress: Callable[[int, int], None] | None = None) -> SyncReport:
    """One sync; when this device found its own chain damaged it publishes everything anew
    at once (a second round that reads all its revisions), so one `journal sync` repairs.
    `progress` is told (segments done, segments known so far) as they are read and written."""
    tally = chains.Tally(progress)
    first = finish(store, exchange(prepare(store), remote, tally=tally))
    if not first.republish_pending or first.error:
        return first
    second = finish(store, exchange(prepare(store), remote, tally=tally))
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
    devices = [d for d in remote.list(f"{out.vault_id}/{DEVICES}") if ID.fullmatch(d)]
    others = {r.revision_id for r in got.change.rows if r.device_id != out.device_id}
    revisions = len(others) + got.own_published
    return Health(len(devices), revisions, got.problems,
                  [line.replace("it publishes", "its next sync publishes")
                   .replace(": it sends", ": its next sync sends") for line in got.repaired])


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
    for name, candidate in later_key_sets(remote, base):
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
    got.keys_order = max(newest.order, local)
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


def _check_moved(out: Outgoing, remote: Remote, got: Incoming, *, write: bool) -> None:
    """Leave the sign of a rekey made here in the old vault (once); stop when this vault has
    moved to a new key elsewhere: nothing more goes to the old copy."""
    if out.moving is not None and write:
        old_vault, sign = out.moving
        with contextlib.suppress(RemoteError):  # already there from a sync cut short
            put(remote, f"{old_vault}/{moved.FOLDER}/{out.vault_id}.json", sign)
        got.moved_sign_sent = True
    sign_here, ignored = moved.find(remote, out.vault_id, out.sealer)
    got.waiting.extend(ignored)
    if sign_here is not None:
        raise SyncRefused(
            f"this journal was given a new key on device {sign_here.device_id[:8]} "
            f"({sign_here.when[:10]}, `journal rekey`): run `journal rekey --follow` here with "
            "the new passphrase to go on syncing; nothing was sent to the old copy")


def _clear_own_temps(out: Outgoing, remote: Remote) -> None:
    """Temp files from an upload cut short are this device's own, and only they go."""
    folder = f"{out.vault_id}/{DEVICES}/{out.device_id}"
    with contextlib.suppress(RemoteError):
        for name in remote.list(folder, temps=True):
            if TEMP_MARK in name:
                with contextlib.suppress(RemoteError):
                    remote.remove_temp(f"{folder}/{name}")


def _send(out: Outgoing, remote: Remote, got: Incoming,
          tally: chains.Tally | None = None) -> list[str]:
    """Write this device's unsent rows as new segments, continuing its chain (after any of its
    segments found on the remote but not yet recorded here, whose rows are not sent again),
    then any other devices' rows it carries. Each segment claims what this device knows."""
    seq, previous, _ = got.change.own or (out.state.own_seq, out.state.own_hash, 0)
    upto = max([out.state.sent_upto, *(r.seq for r in out.rows)])
    already = {r.revision_id for r in got.change.rows if r.device_id == out.device_id}
    rows = [r for r in out.rows if r.revision_id not in already]
    adopted = got.change.adopt_slots
    keys = ((adopted[1], adopted[2]) if adopted
            else (out.state.keys_clock, out.state.keys_device))
    seen = {d: m for d, m in {**out.state.cursors, **got.change.cursors}.items()
            if d != out.device_id}
    folder = f"{out.vault_id}/{DEVICES}/{out.device_id}"
    names: list[str] = []
    work = [(batch, batch[-1].seq, segment.Claims(keys, seen)) for batch in segment.batches(rows)]
    carried = replace(claims.carried_claims(out), keys=keys, seen=seen)
    work += [(batch, upto, carried) for batch in segment.batches(out.carry_rows)]
    # marks past the start: what was received up to there, sent again over damaged files
    got.carried_repairs = any(mark[0] > 0 for mark in out.carry.values())
    if tally is not None:
        tally.expect(len(work))
    for batch, reach, claimed in work:
        data = segment.seal(out.sealer, out.vault_id, out.device_id, seq + 1, previous, batch,
                            reach, claimed)
        put(remote, f"{folder}/{segment.segment_name(seq + 1)}", data)
        names.append(segment.segment_name(seq + 1))
        seq, previous = seq + 1, segment.file_hash(data)
        got.change.own = (seq, previous, reach)  # kept if a later batch fails
        if claimed.carried:
            got.carried_sent += len(batch)
        got.sent_revisions += len(batch)
        got.sent_bytes += len(data)
        got.sent_files += 1
        if tally is not None:
            tally.one()
    got.change.own = (seq, previous, upto)
    return names
