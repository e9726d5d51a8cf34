"""Joining: finding the journals a remote holds, choosing the key set to trust, and making a
new device's journal from one. (A part of the sync engine, kept apart so each file stays
readable; `engine` re-exports what callers use.)"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from journal.storage import crypto
from journal.storage.crypto import KeySlot, Sealer, WrongKey
from journal.storage.store import JournalStore
from journal.sync import keyset, moved
from journal.sync.keyset import KeySet, KeySetError
from journal.sync.remote import Remote, RemoteError, RemoteMissing

ID = re.compile(r"[0-9a-f]{32}")  # a vault or device id


class SyncRefused(RemoteError):
    """The remote is not this journal's, or has lost files: nothing was changed anywhere."""


def later_key_sets(remote: Remote, vault_id: str) -> Iterator[tuple[str, KeySet | None]]:
    """Each key file in `keys/` by name, parsed, or None when it is damaged or foreign."""
    for name in remote.list(f"{vault_id}/{keyset.KEYS_FOLDER}"):
        if keyset.key_file_order(name) is None:
            continue
        try:
            yield name, keyset.parse(remote.read(f"{vault_id}/{keyset.KEYS_FOLDER}/{name}"),
                                     vault_id)
        except (KeySetError, RemoteMissing):
            yield name, None


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
        if not ID.fullmatch(vault_id):
            continue
        try:
            first = keyset.parse(remote.read(f"{vault_id}/{keyset.VAULT_FILE}"), vault_id)
        except (RemoteMissing, KeySetError):
            continue
        sets = [first, *(c for _, c in later_key_sets(remote, vault_id) if c is not None)]
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
    moved_away: WrongKey | None = None
    for found in journals:
        try:
            dek = open_found(found, passphrase=passphrase, recovery_key=recovery_key)
        except WrongKey as exc:
            last_error = exc
            continue
        sign, _ = moved.find(remote, found.vault_id, Sealer(dek))
        if sign is not None:
            # the journal as it was before a rekey: an old passphrase must not open it anew
            moved_away = WrongKey(
                f"that {'passphrase' if passphrase is not None else 'recovery key'} opens this "
                f"journal only as it was before it was given a new key on device "
                f"{sign.device_id[:8]} ({sign.when[:10]}): join with the new one")
            continue
        slots: tuple[KeySlot, ...] = found.keys.slots
        store = JournalStore.create_joined(home, found.vault_id, dek, slots, found.keys.clock,
                                           found.keys.device_id)
        return store
    if moved_away is not None:
        raise moved_away
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
