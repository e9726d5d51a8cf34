"""Sync between devices through a real folder remote: every revision arrives, nothing is lost."""

from __future__ import annotations

import pytest
from conftest import sample_entry
from sync_devices import Device

from journal.storage.crypto import KdfParams, WrongKey
from journal.storage.store import JournalStore
from journal.sync import engine


def test_a_joined_device_has_everything_and_changes_travel_both_ways(pair):
    a, b = pair
    assert b.store.vault_id == a.store.vault_id and b.store.device_id != a.store.device_id
    assert list(b.titles().values()) == [["first"]]
    b.add(sample_entry(2, title="from phone"))
    report = b.sync()
    assert (report.sent, report.conflicts, report.clean) == (1, 0, True)
    report = a.sync()
    assert report.received == 1
    assert sorted(t[0] for t in a.titles().values()) == ["first", "from phone"]
    assert a.revision_ids() == b.revision_ids()
    # Nothing new: nothing sent, nothing received, and no new file on the remote.
    before = sorted(p.name for p in a.remote.root.rglob("*"))
    assert (a.sync().sent, a.sync().received) == (0, 0)
    assert sorted(p.name for p in a.remote.root.rglob("*")) == before


def test_concurrent_edits_keep_both_versions_until_the_writer_chooses(pair):
    a, b = pair
    entry_id = a.store.entries()[0].id
    on_a, on_b = a.store.get(entry_id), b.store.get(entry_id)
    on_a.title, on_b.title = "edited on laptop", "edited on phone"
    a.store.update(on_a)
    b.store.update(on_b)
    a.sync()
    report = b.sync()
    assert report.conflicts == 1 and report.clean
    a.sync()
    for d in (a, b):
        assert d.titles() == {entry_id: ["edited on laptop", "edited on phone"]}
        assert d.store.get(entry_id).versions == 2
    keep = next(v.revision_id for v in b.store.versions(entry_id) if v.title == "edited on phone")
    b.store.resolve_conflict(entry_id, keep[:8])
    b.sync()
    assert a.sync().conflicts == 0
    assert a.titles() == b.titles() == {entry_id: ["edited on phone"]}
    # Every version is still in the history.
    assert {r.entry.title for r in a.store.history(entry_id)} >= {
        "first", "edited on laptop", "edited on phone"}


def test_an_edit_concurrent_with_a_delete_keeps_the_entry(pair):
    a, b = pair
    entry_id = a.store.entries()[0].id
    a.store.delete(entry_id)
    edited = b.store.get(entry_id)
    edited.title = "still needed"
    b.store.update(edited)
    b.sync()
    a.sync()
    b.sync()
    for d in (a, b):
        entry = d.store.get(entry_id)
        assert not entry.deleted and entry.title == "still needed"


def test_three_devices_converge(tmp_path, remote):
    a = Device.first(tmp_path / "a", remote)
    a.sync()
    b = Device.joining(tmp_path / "b", remote)
    c = Device.joining(tmp_path / "c", remote)
    for n, d in enumerate((a, b, c)):
        d.add(sample_entry(n, title=f"device {n}"))
    for _ in range(2):
        for d in (a, b, c):
            d.sync()
    assert a.titles() == b.titles() == c.titles()
    assert len(a.titles()) == 3
    assert a.revision_ids() == b.revision_ids() == c.revision_ids()


def test_joining_needs_the_passphrase_or_the_recovery_key(tmp_path, remote):
    store, recovery = JournalStore.create(tmp_path / "a", "a good passphrase",
                                          kdf=KdfParams.for_tests())
    store.add(sample_entry(1))
    engine.sync(store, remote)
    with pytest.raises(WrongKey):
        engine.join(tmp_path / "b", remote, passphrase="not the passphrase")
    assert not JournalStore.exists(tmp_path / "b")
    joined = engine.join(tmp_path / "b", remote, recovery_key=recovery)
    engine.sync(joined, remote)
    assert [e.title for e in joined.entries()] == ["Session 1"]


def test_a_passphrase_change_reaches_the_other_devices(pair, tmp_path):
    a, b = pair
    a.store.change_passphrase("a brand new passphrase",
                              kdf=KdfParams.for_tests())
    assert a.sync().keys_sent
    assert b.sync().keys_adopted
    b.restart("a brand new passphrase")
    with pytest.raises(WrongKey):
        JournalStore.unlock(b.home, "correct horse battery staple")
    # A new device joins with the new passphrase only.
    with pytest.raises(WrongKey):
        engine.join(tmp_path / "c", a.remote, passphrase="correct horse battery staple")
    c = engine.join(tmp_path / "c", a.remote, passphrase="a brand new passphrase")
    engine.sync(c, a.remote)
    assert len(c.entries()) == 1
