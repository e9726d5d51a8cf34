"""Reading the devices' chains of segments, and noticing when this device's own chain needs
publishing anew. (A part of the engine, kept apart so each file stays readable.)

Each device writes a chain of segments; each segment's associated data names the one before
it, so a missing, truncated, swapped or replayed file breaks the chain where it sits. Files are
never rewritten or deleted, so a broken chain is healed by publishing *anew*: the device that
holds the data starts a fresh chain, a new epoch (`devices/<device>/<epoch>-<seq>`), whose first
segments hold every revision it ever wrote (a snapshot), and carries on writing there.

Readers always prefer a device's newest epoch whose first segment opens: it holds everything,
so a damaged or missing file in an older epoch no longer matters to anyone, a device joining
later included. A device checks its own current chain on every sync (it reads its own files
back) and republishes when a file is missing, damaged, replayed or blocks its next name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from journal.storage.db import RevisionRow
from journal.sync import segment
from journal.sync.passing import Incoming, Outgoing
from journal.sync.remote import Remote, RemoteError, RemoteMissing
from journal.sync.segment import Claims, Mark, SegmentError

DEVICES = "devices"
#: A chain longer than this is published anew as one snapshot, so the device's own check stays
#: quick and a device joining later reads a few files, not one per past sync.
COMPACT_AT = 64


@dataclass
class Tally:
    """Segments read and written so far in one sync, told to a progress bar (`cli/progress.py`)
    as (done, total): the total grows as each chain's listing says how many segments it will
    read, and by the segments to send."""

    report: Callable[[int, int], None] | None = None
    done: int = 0
    total: int = 0

    def expect(self, more: int) -> None:
        self.total += more
        self._tell()

    def one(self) -> None:
        self.done += 1
        self._tell()

    def _tell(self) -> None:
        if self.report is not None:
            self.report(self.done, self.total)


@dataclass
class Walk:
    """How far a chain opened: the last good segment, its hash, what it held, what stopped it."""

    epoch: int
    seq: int
    previous: str
    rows: list[RevisionRow] = field(default_factory=list)
    fault: str | None = None
    hash_at_mark: str = ""
    seen: int = 0  # revisions in every segment that opened, kept or not
    claims: list[Claims] = field(default_factory=list)  # of every segment whose rows opened


@dataclass
class Reading:
    """Another device's chain as this sync read it: the files listed, how far it opened, and
    the fault that stopped it (settled later, when every chain's claims are known)."""

    device_id: str
    files: dict[int, dict[int, str]]
    listing: dict[str, str]  # file name -> fingerprint
    walk: Walk
    before: Mark  # this device's cursor for it when the sync began
    fault: str | None = None


def files_of(remote: Remote, folder: str,
             names: list[str] | None = None) -> dict[int, dict[int, str]]:
    """A device's segment files: epoch -> sequence number -> file name."""
    found: dict[int, dict[int, str]] = {}
    for name in remote.list(folder) if names is None else names:
        pos = segment.segment_seq(name)
        if pos:
            epoch, seq = segment.split(pos)
            found.setdefault(epoch, {})[seq] = name
    return found


def walk(out: Outgoing, remote: Remote, device_id: str, epoch: int, seqs: dict[int, str],
         seq: int, previous: str, *, keep_after: int = 0, mark: int = 0,
         counting: bool = False, tally: Tally | None = None) -> Walk:
    """Open the chain of one epoch from (seq, previous) on, segment by segment, until the end
    or a fault. Rows of segments after `keep_after` are kept; the hash at `mark` is noted."""
    folder = f"{out.vault_id}/{DEVICES}/{device_id}"
    done = Walk(epoch, seq, previous)
    if tally is not None:
        tally.expect(sum(1 for s in seqs if s > seq))
    while seq + 1 in seqs:
        pos = segment.position(epoch, seq + 1)
        try:
            data = remote.read(f"{folder}/{seqs[seq + 1]}")
            opened = segment.open_segment(out.sealer, out.vault_id, device_id, pos, previous,
                                          data, rows=seq + 1 > keep_after or counting)
        except RemoteMissing:
            done.fault = (f"{segment.label(pos)} of device {device_id[:8]} vanished from the "
                          "remote")
            break
        except SegmentError as exc:
            done.fault = str(exc)
            break
        seq, previous = seq + 1, segment.file_hash(data)
        if tally is not None:
            tally.one()
        done.seen += len(opened.rows)
        if seq > keep_after or counting:
            done.claims.append(opened.claims)
        if seq > keep_after:
            done.rows.extend(opened.rows)
        if seq == mark:
            done.hash_at_mark = previous
    done.seq, done.previous = seq, previous
    later = [s for s in seqs if s > seq + 1]
    if done.fault is None and later:
        done.fault = (f"{segment.label(segment.position(epoch, seq + 1))} of device "
                      f"{device_id[:8]} is missing from the remote ({len(later)} later one(s) "
                      "wait for it)")
    return done


def read_other(out: Outgoing, remote: Remote, device_id: str, got: Incoming,
               tally: Tally | None = None) -> Reading | None:
    """Bring in another device's new segments: its newest epoch that opens, else its chain
    after the cursor. A fault is kept in the reading, for `claims.settle` to say or cover."""
    short = device_id[:8]
    try:
        listing = remote.fingerprints(f"{out.vault_id}/{DEVICES}/{device_id}")
    except RemoteError as exc:
        got.problems.append(f"device {short} on the remote cannot be read ({exc}); it was "
                            "skipped")
        return None
    files = files_of(remote, "", sorted(listing))
    cpos, chash = out.state.cursors.get(device_id, (0, ""))
    ce, cs = segment.split(cpos)
    chosen: Walk | None = None
    for epoch in sorted((e for e in files if e > ce), reverse=True):
        tried = walk(out, remote, device_id, epoch, files[epoch], 0, "", tally=tally)
        if tried.seq > 0:
            chosen = tried
            break
        got.problems.append(f"{tried.fault}; an older copy of that device's changes is used "
                            "until it publishes them anew")
    if chosen is None:
        seqs = files.get(ce, {})
        if cs and max(seqs, default=0) < cs:
            chosen = Walk(ce, cs, chash, fault=f"device {short} has fewer files on the remote "
                          "than were already received here")
        else:
            chosen = walk(out, remote, device_id, ce, seqs, cs, chash, tally=tally)
    take(got, device_id, chosen, (cpos, chash))
    return Reading(device_id, files, listing, chosen, (cpos, chash), chosen.fault)


def take(got: Incoming, device_id: str, done: Walk, before: Mark) -> None:
    """Keep what a walk of a device's chain brought, and move its cursor."""
    got.change.rows.extend(done.rows)
    for row in done.rows:
        if row.device_id != device_id:
            got.carried_from[row.revision_id] = device_id
    if segment.position(done.epoch, done.seq) != before[0]:
        got.change.cursors[device_id] = (segment.position(done.epoch, done.seq), done.previous)


def check_own(out: Outgoing, remote: Remote, got: Incoming, *, counting: bool = False) -> bool:
    """Read this device's own current chain back. True when it is whole and its next name is
    free (then segments found but not yet recorded here are taken in); False when the device
    must publish everything anew, as the next epoch (recorded in `got`)."""
    folder = f"{out.vault_id}/{DEVICES}/{out.device_id}"
    listed = remote.fingerprints(folder)
    files = files_of(remote, folder, sorted(listed))
    ce, cs = segment.split(out.state.own_seq)
    seqs = files.get(ce, {})
    # Files whose listing (size, change time or ETag) is as when this device last read them
    # back need not be read again; anything else and the whole chain is read.
    trusted = not counting and not out.restore and cs > 0 and all(
        k in seqs and out.own_files.get(seqs[k]) == listed[seqs[k]] for k in range(1, cs + 1))
    start = (cs, out.state.own_hash) if trusted else (0, "")
    mine = walk(out, remote, out.device_id, ce, seqs, *start,
                keep_after=0 if out.restore else cs, mark=cs, counting=counting)
    if trusted:
        mine.hash_at_mark = out.state.own_hash
    newer = [e for e in files if e > ce]
    got.own_published = mine.seen
    why = None
    if newer:
        first = segment.segment_name(segment.position(max(newer), 1))
        why = f"files of a later chain of this device ({first}…) that it did not record"
    elif mine.seq < cs:
        why = mine.fault or f"{cs - mine.seq} of this device's files are missing from the remote"
    elif cs and mine.hash_at_mark != out.state.own_hash:
        why = (f"{segment.label(out.state.own_seq)} of this device on the remote is not the "
               "one it wrote")
    elif mine.fault:
        why = mine.fault
    if why is not None or mine.seq >= COMPACT_AT:
        epoch = max([ce, *files]) + 1
        got.change.own = (segment.position(epoch, 0), "", 0)
        got.republish = epoch
        got.own_files = {}
        if why is not None:
            got.repaired.append(f"this device's files on the remote were damaged ({why}): it "
                                f"publishes all its changes anew (chain {epoch})")
        return False
    got.own_files = {seqs[k]: listed[seqs[k]] for k in range(1, mine.seq + 1)}
    got.change.rows.extend(mine.rows)  # its own segments from a sync cut short
    if mine.seq > cs and not counting:
        # A sync cut short leaves one such file; more, and this journal file was put back to
        # an older copy: said, not only mended.
        got.repaired.append(
            f"this journal file was behind what this device had published ({mine.seq - cs} "
            "of its files on the remote were not recorded here, as after a sync cut short or "
            "a journal file put back from an older copy): their changes are taken back in")
    if mine.seq > cs:
        got.change.own = (segment.position(ce, mine.seq), mine.previous,
                          max(out.state.sent_upto, 0))
    return True
