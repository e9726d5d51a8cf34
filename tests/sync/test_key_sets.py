"""Issue 14 (3, 4): anyone who can write to the remote can add files, but not lock a new
device out or wear a device down: a key set whose tag does not check out with the key it holds
is passed over and named, a broken vault is one candidate among others, and a key file with
more slots than a journal makes is not tried."""

from __future__ import annotations

import dataclasses
import os

import pytest
from conftest import sample_entry
from sync_devices import PASSPHRASE

from journal.storage.crypto import WrongKey
from journal.sync import engine, keyset


def _vault(device) -> tuple[keyset.KeySet, object]:
    folder = device.remote.root / device.store.vault_id
    return keyset.parse((folder / keyset.VAULT_FILE).read_bytes()), folder


def _forged_later_set(device) -> str:
    """A copy of the journal's key set with a later clock and a random tag, as an attacker
    with write access to the remote could make."""
    genuine, folder = _vault(device)
    forged = dataclasses.replace(genuine, clock="9999999999999-00000", tag=os.urandom(16))
    path = folder / forged.file_name()
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(forged.to_file())
    return forged.file_name()


def test_a_forged_later_key_file_neither_locks_a_new_device_out_nor_fails_every_sync(
        pair, tmp_path):
    a, b = pair
    name = _forged_later_set(a)
    report = b.sync()
    assert report.clean and not report.keys_adopted
    assert any("was not made with this journal's key; it was ignored" in w
               for w in report.waiting)
    joined = engine.join(tmp_path / "c", a.remote, passphrase=PASSPHRASE)
    first = engine.sync(joined, a.remote)
    assert first.clean and any("it was ignored" in w for w in first.waiting)
    assert [e.title for e in joined.entries()] == ["first"]
    joined.close()
    assert engine.check_remote(a.store, a.remote)  # `remote set` again is not refused
    assert name.startswith(keyset.KEYS_FOLDER)


def test_an_old_passphrase_still_cannot_join_through_an_older_genuine_set(pair, tmp_path):
    from journal.storage.crypto import KdfParams

    a, _ = pair
    a.store.change_passphrase("orbit pencil lantern quietly", kdf=KdfParams.for_tests())
    a.sync()
    _forged_later_set(a)
    with pytest.raises(WrongKey):
        engine.join(tmp_path / "c", a.remote, passphrase=PASSPHRASE)
    engine.join(tmp_path / "d", a.remote, passphrase="orbit pencil lantern quietly").close()


def test_a_bogus_vault_is_one_candidate_among_others(pair, tmp_path):
    a, _ = pair
    genuine, _folder = _vault(a)
    bogus_id = "b" * 32
    bad_slot = dataclasses.replace(genuine.slots[0], header=genuine.slots[0].header.replace(
        genuine.vault_id, bogus_id).replace('"m": 8', '"m": 999999999'))
    bogus = dataclasses.replace(genuine, vault_id=bogus_id, slots=(bad_slot,))
    (a.remote.root / bogus_id).mkdir()
    (a.remote.root / bogus_id / keyset.VAULT_FILE).write_bytes(bogus.to_file())
    a.add(sample_entry(2, title="second"))
    a.sync()
    joined = engine.join(tmp_path / "c", a.remote, passphrase=PASSPHRASE)
    engine.sync(joined, a.remote)
    assert sorted(e.title for e in joined.entries()) == ["first", "second"]
    joined.close()


def test_a_key_file_with_more_slots_than_a_journal_makes_is_not_tried(pair):
    a, b = pair
    genuine, folder = _vault(a)
    crowded = dataclasses.replace(genuine, clock="9999999999999-00000",
                                  slots=genuine.slots * 3)
    (folder / keyset.KEYS_FOLDER).mkdir(exist_ok=True)
    (folder / crowded.file_name()).write_bytes(crowded.to_file())
    with pytest.raises(keyset.KeySetError, match=r"more (passphrase|recovery) slots than a"):
        keyset.parse(crowded.to_file())
    report = b.sync()
    assert report.clean and any("damaged; it was ignored" in w for w in report.waiting)
