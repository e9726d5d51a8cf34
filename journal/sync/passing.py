"""What passes between the steps of a sync: `Outgoing` (read from the store by `prepare`) and
`Incoming` (what `exchange` found and did, for `finish` to record)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from journal.storage.crypto import Sealer
from journal.storage.db import RevisionRow
from journal.storage.store import SyncChange, SyncState
from journal.sync.keyset import KeySet
from journal.sync.segment import Mark


@dataclass
class Outgoing:
    """What `prepare` read on the store thread; `exchange` needs nothing else."""

    vault_id: str
    device_id: str
    sealer: Sealer
    state: SyncState
    rows: list[RevisionRow]
    own_files: dict[str, str] = field(default_factory=dict)  # own files read back, listed as
    #: The journal file lost revisions it held (its ledger): read every chain from its start,
    #: this device's own included, so whatever a remote still has comes back.
    restore: bool = False
    #: Other devices whose own files on the remote were found damaged: this device sends
    #: again every revision of theirs it holds (`carry_rows`), covering up to the mark given.
    carry: dict[str, Mark] = field(default_factory=dict)
    carry_rows: list[RevisionRow] = field(default_factory=list)
    #: Other devices' files this device has read, as listed then (name -> fingerprint): a
    #: later listing that differs is checked, so damage behind a cursor is noticed.
    seen_files: dict[str, dict[str, str]] = field(default_factory=dict)
    #: The furthest marks other devices' segments ever claimed (see `claims.settle`).
    claimed: dict[str, Any] = field(default_factory=dict)
    #: After a rekey here: the old vault, and the sign to leave there (see `moved`).
    moving: tuple[str, bytes] | None = None

    @property
    def has_synced(self) -> bool:
        return self.state.own_seq > 0 or bool(self.state.cursors)

    def key_set(self) -> KeySet:
        return KeySet(self.vault_id, self.state.keys_clock, self.state.keys_device,
                      self.state.slots).signed(self.sealer)


@dataclass
class Incoming:
    """What `exchange` found and did, for `finish` to record."""

    change: SyncChange = field(default_factory=SyncChange)
    sent_revisions: int = 0
    sent_bytes: int = 0
    sent_files: int = 0
    problems: list[str] = field(default_factory=list)  # damaged or odd files: exit 1
    waiting: list[str] = field(default_factory=list)  # missing segments, maybe still copying
    error: str | None = None  # the remote failed part-way; what was done is still recorded
    key_file_sent: bool = False  # a changed passphrase or recovery key went to the remote
    repaired: list[str] = field(default_factory=list)  # what this device published anew, why
    republish: int = 0  # the epoch this device's changes are to be published anew as
    own_published: int = 0  # revisions in this device's current chain that open
    own_files: dict[str, str] | None = None  # this device's files known whole, to record
    restoring: bool = False  # every chain was read from its start to bring lost rows back
    carry: dict[str, Mark] = field(default_factory=dict)  # damaged devices to carry next round
    carried_sent: int = 0  # revisions of `Outgoing.carry_rows` this sync sent
    carried_repairs: bool = False  # and they cover damaged files (not a move to a new vault)
    carried_from: dict[str, str] = field(default_factory=dict)  # revision -> chain it came in
    seen_files: dict[str, dict[str, str]] | None = None  # other devices' files read, to record
    claimed: dict[str, Any] | None = None  # the furthest claims, to record when they changed
    keys_order: tuple[str, str] = ("", "")
    moved_sign_sent: bool = False  # the newest genuine key set on the remote
