"""Settling what one sync read of the other devices' chains, once every chain's claims are known.

Each segment says what its writer knew (`segment.Claims`): the key set it used, how far it had
read every other device's chain, and which devices' revisions it carries. With those:

- **A damaged chain is covered.** A device that finds files it had already received from another
  device damaged on the remote sends that device's revisions again in its own chain, with a
  `carried` mark; that device may be gone for good and never publish them anew. A reader whose
  chain of that device breaks before the mark takes the revisions from the carrier and reads on
  from the mark, so a device joining later still gets every revision any intact device holds.
- **A withheld file shows.** A chain read shorter than another device's `seen` mark, or a key
  set newer than any key file on the remote, is a warning: the remote withholds files (or is
  still copying them). Without the marks, a remote could hide a device's newest segments or the
  newest passphrase change from a device joining, unnoticed.
- **Damage behind the cursor is noticed.** Each device keeps the listing of the other devices'
  files it has read; a later listing that differs is checked by reading that chain again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from journal.sync import chains, segment
from journal.sync.chains import Reading
from journal.sync.passing import Incoming, Outgoing
from journal.sync.remote import Remote
from journal.sync.segment import Claims, Mark

#: A mark claimed by a device: the mark, and the device whose segment claimed it.
Claimed = tuple[Mark, str]


def settle(out: Outgoing, remote: Remote, readings: list[Reading], got: Incoming) -> None:
    """Cover or say each chain's fault, notice damage behind cursors and withheld files."""
    carried = _furthest(readings, lambda c: c.carried)
    # the furthest marks ever claimed are kept, so a withheld file is said on every sync, not
    # only on the one that read the claim
    seen = _furthest(readings, lambda c: c.seen, kept=out.claimed.get("seen", {}))
    for reading in readings:
        if reading.fault:
            _cover_or_say(out, remote, reading, carried.get(reading.device_id), got)
        _check_behind(out, remote, reading, carried.get(reading.device_id), got)
    _withheld(out, readings, seen, carried, got)
    used = [((c.keys[0], c.keys[1]), r.device_id) for r in readings for c in r.walk.claims
            if c.keys]
    kept = out.claimed.get("keys")
    if kept:
        used.append(((kept[0], kept[1]), kept[2]))
    keys: tuple[str, str] | None = None
    if used:
        keys, by = max(used)
        if got.keys_order[0] and keys > got.keys_order:
            got.problems.append(
                f"device {by[:8]} uses a newer passphrase or recovery key than any key file on "
                "the remote: that key file is withheld by the remote or still being copied; "
                "sync again later")
    claimed = {"seen": {d: [m[0], m[1], by] for d, (m, by) in seen.items()},
               "keys": [*keys, by] if keys else None}
    if claimed != out.claimed:
        got.claimed = claimed


def carried_claims(out: Outgoing) -> Claims:
    """What a segment carrying other devices' revisions claims (see `Outgoing.carry`)."""
    return Claims(carried=dict(out.carry))


def _furthest(readings: list[Reading], marks_of: Callable[[Claims], dict[str, Mark]],
              kept: dict[str, list[Any]] | None = None) -> dict[str, Claimed]:
    """For each device, the furthest mark any segment read claims (this sync, or `kept` from
    earlier ones), and by whom."""
    best: dict[str, Claimed] = {d: ((int(m[0]), str(m[1])), str(m[2]))
                                for d, m in (kept or {}).items()}
    for reading in readings:
        for claims in reading.walk.claims:
            for device, mark in marks_of(claims).items():
                if device not in best or mark[0] > best[device][0][0]:
                    best[device] = (mark, reading.device_id)
    return best


def _gap(fault: str, device_id: str) -> str:
    return (f"{fault}; later changes from device {device_id[:8]} wait until it syncs again and "
            "publishes them anew (nothing was removed here)")


def _reached(got: Incoming, reading: Reading) -> int:
    return got.change.cursors.get(reading.device_id, reading.before)[0]


def _cover_or_say(out: Outgoing, remote: Remote, reading: Reading, cover: Claimed | None,
                  got: Incoming) -> None:
    """A fault before a carried mark is covered: read on from the mark. Otherwise, a gap."""
    assert reading.fault is not None
    device = reading.device_id
    if cover is None or cover[0][0] <= _reached(got, reading):
        got.problems.append(_gap(reading.fault, device))
        return
    (pos, digest), by = cover
    epoch, seq = segment.split(pos)
    tail = chains.walk(out, remote, device, epoch, reading.files.get(epoch, {}), seq, digest)
    chains.take(got, device, tail, reading.before)
    got.repaired.append(f"{reading.fault}; device {by[:8]} had received its changes and sent "
                        "them again, so none are missing")
    if tail.fault:
        got.problems.append(_gap(tail.fault, device))


def _check_behind(out: Outgoing, remote: Remote, reading: Reading, cover: Claimed | None,
                  got: Incoming) -> None:
    """Files of another device this one had already read, now missing or changed on the remote:
    read that chain again; if it no longer reaches what was received, carry that device."""
    device = reading.device_id
    cpos, chash = reading.before
    ce, cs = segment.split(cpos)
    known = out.seen_files.get(device, {})
    names = reading.files.get(ce, {})
    damaged = None
    if cs and reading.walk.epoch == ce:
        # only what changed since the last listing: damage once carried is not carried again
        if any(n not in reading.listing for n in known):
            damaged = "some are missing"
        elif any(reading.listing[n] != fingerprint for n, fingerprint in known.items()):
            again = chains.walk(out, remote, device, ce, names, 0, "", mark=cs, counting=True)
            if again.seq < cs or again.hash_at_mark != chash:
                damaged = again.fault or "some were replaced"
    if damaged and not (cover and cover[0][0] >= cpos):
        got.carry[device] = (cpos, chash)
        got.repaired.append(
            f"files of device {device[:8]} on the remote that this device had already received "
            f"are damaged ({damaged}): it sends that device's changes again, as that device "
            "may never publish them anew")
    epoch, seq = segment.split(_reached(got, reading))
    files = reading.files.get(epoch, {})
    if got.seen_files is None:
        got.seen_files = dict(out.seen_files)
    got.seen_files[device] = {files[k]: reading.listing[files[k]]
                              for k in range(1, seq + 1) if k in files}


def _withheld(out: Outgoing, readings: list[Reading], seen: dict[str, Claimed],
              carried: dict[str, Claimed], got: Incoming) -> None:
    """A device's chain read shorter than another device had read it: files withheld."""
    faulted = {r.device_id for r in readings if r.fault}
    reached = {r.device_id: _reached(got, r) for r in readings}
    for device, ((pos, _), by) in sorted(seen.items()):
        if device == out.device_id or device in faulted:
            continue
        have = reached.get(device, out.state.cursors.get(device, (0, ""))[0])
        cover = carried.get(device)
        if pos <= have or (cover and cover[0][0] >= pos):
            continue
        got.problems.append(
            f"device {device[:8]}'s files up to {segment.label(pos)} are missing from the "
            f"remote, though device {by[:8]} had read them: the remote is withholding them, or "
            "is still copying them; sync again later")
