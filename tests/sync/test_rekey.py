"""Issue 14 (2): `journal rekey` gives the journal a new data key, so a leaked passphrase (with an
old copy of the key slots: the remote's first key file, a backup) no longer opens anything new.
Every revision is sealed anew, the remote moves to a new vault that the other devices follow,
and the old vault stays closed to the new key."""

from __future__ import annotations

import pytest
from conftest import sample_entry
from sync_devices import PASSPHRASE, Device

from journal.session.facade import Session
from journal.storage.crypto import KdfParams, WrongKey
from journal.storage.store import JournalStore
from journal.sync import engine, joining
from journal.sync import settings as remote_settings
from journal.sync.remote import RemoteAddress

NEW = "lantern orchard velvet quietly"


def session_of(device: Device) -> Session:
    """The device's journal as the CLI and the app see it, with its remote remembered."""
    remote_settings.save(device.store, remote_settings.RemoteSettings(
        RemoteAddress("folder", str(device.remote.root))))
    session = Session(device.home)
    session.store = device.store
    return session


def test_rekey_seals_everything_anew_and_the_other_devices_follow(pair, tmp_path):
    a, b = pair
    b.add(sample_entry(2, title="written on b"))
    b.sync()
    a.sync()
    old_vault = a.store.vault_id
    old_rows = {r.revision_id: r.sealed for r in a.store.rows_of(a.store.device_id)}
    before = a.titles()

    recovery, count = session_of(a).rekey(NEW, kdf=KdfParams.for_tests())
    assert count == len(a.revision_ids())
    assert a.store.vault_id != old_vault and a.titles() == before
    assert all(old_rows[r.revision_id] != r.sealed for r in a.store.rows_of(a.store.device_id))
    assert a.store.verify() == (len(a.revision_ids()), [])
    report = a.sync()
    assert report.clean, report.problems
    assert (a.remote.root / old_vault / "moved" / f"{a.store.vault_id}.json").exists()

    # the old passphrase opens neither this journal nor the new vault, nor joins anywhere
    a.store.close()
    with pytest.raises(WrongKey):
        JournalStore.unlock(a.home, PASSPHRASE)
    a.restart(NEW)
    with pytest.raises(WrongKey, match="before it was given a new key"):
        engine.join(tmp_path / "old-passphrase", a.remote, passphrase=PASSPHRASE)
    # the new key opens nothing of the old vault
    old = next(f for f in joining.journals_on(a.remote) if f.vault_id == old_vault)
    with pytest.raises(WrongKey):
        joining.open_found(old, passphrase=NEW)
    with pytest.raises(WrongKey):
        joining.open_found(old, recovery_key=recovery)
    a.store.close()
    a.store = JournalStore.unlock_with_recovery(a.home, recovery)  # the new recovery key opens

    # a device joining with the new passphrase gets everything, both devices' entries
    late = Device.joining(tmp_path / "late", a.remote, passphrase=NEW)
    assert late.titles() == a.titles()
    late.store.close()

    # B, still on the old key, is told to follow and sends nothing to the old copy
    b.add(sample_entry(3, title="written on b while a rekeyed"))
    with pytest.raises(engine.SyncRefused, match="journal rekey --follow"):
        b.sync()
    with pytest.raises(WrongKey):
        session_of(b).follow_rekey(PASSPHRASE)
    assert session_of(b).follow_rekey(NEW) == len(b.revision_ids())
    assert b.sync().clean
    b.restart(NEW)
    a.sync()
    assert a.titles() == b.titles()
    assert "written on b while a rekeyed" in {t[0] for t in a.titles().values()}
