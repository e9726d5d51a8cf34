"""Sync under faults: crashes at every step, damaged or missing segments, a remote emptied or
replaced. Whatever happens, no device loses an entry and the next clean sync converges."""

from __future__ import annotations

import shutil

import pytest
from conftest import sample_entry
from sync_devices import Device

from journal.storage.store import JournalStore
from journal.sync import engine
from journal.sync.engine import SyncRefused
from journal.sync.remote import TEMP_MARK, FolderRemote, RemoteError


class Crash(Exception):
    """The power went off."""


class CrashingRemote(FolderRemote):
    """The real folder remote, with the power failing at a chosen step of sending a segment."""

    def __init__(self, root, at: str) -> None:
        super().__init__(root)
        self.at = at

    def rename(self, source: str, target: str) -> None:
        if self.at == "before rename" and "/devices/" in target:
            raise Crash
        super().rename(source, target)


def device_folder(device: Device):
    return device.remote.root / device.store.vault_id / "devices" / device.store.device_id


def test_crash_after_the_temp_write_before_the_rename(pair, tmp_path):
    a, b = pair
    a.add(sample_entry(2, title="second"))
    with pytest.raises(Crash):
        engine.sync(a.store, CrashingRemote(a.remote.root, "before rename"))
    assert any(TEMP_MARK in p.name for p in device_folder(a).iterdir())
    a.restart()
    assert a.sync().sent == 1
    assert not any(TEMP_MARK in p.name for p in device_folder(a).iterdir()), "temp left behind"
    b.sync()
    assert sorted(t[0] for t in b.titles().values()) == ["first", "second"]


def test_crash_after_the_rename_before_the_local_commit(pair):
    a, b = pair
    a.add(sample_entry(2, title="second"))
    engine.exchange(engine.prepare(a.store), a.remote)  # sent, but never recorded here
    a.restart()
    report = a.sync()
    assert report.sent == 0, "a segment already on the remote is not sent twice"
    assert len(list(device_folder(a).iterdir())) == 2
    a.add(sample_entry(3, title="third"))
    assert a.sync().sent == 1
    b.sync()
    assert sorted(t[0] for t in b.titles().values()) == ["first", "second", "third"]
    assert a.revision_ids() == b.revision_ids()


def test_crash_in_the_middle_of_applying_leaves_nothing_half_done(pair, monkeypatch):
    a, b = pair
    b.add(sample_entry(2, title="from b"))
    b.sync()
    before = a.revision_ids()

    def power_cut(*_args, **_kwargs):
        raise Crash

    monkeypatch.setattr(a.store._db, "set_cursor", power_cut)
    with pytest.raises(Crash):
        a.sync()
    monkeypatch.undo()
    a.restart()
    assert a.revision_ids() == before, "rows and cursor are one transaction"
    assert a.sync().received == 1
    assert a.revision_ids() == b.revision_ids()


def test_a_truncated_segment_is_detected_and_nothing_is_lost(pair):
    a, b = pair
    a.add(sample_entry(2, title="second"))
    a.sync()
    segment = device_folder(a) / "00000002"
    data = segment.read_bytes()
    segment.write_bytes(data[: len(data) // 2])
    report = b.sync()
    assert report.received == 0 and not report.clean
    assert "segment 2 of device" in report.problems[0] and "does not open" in report.problems[0]
    assert list(b.titles().values()) == [["first"]]
    segment.write_bytes(data)  # repaired (a sync tool finished copying it)
    assert b.sync().received == 1


def test_a_missing_segment_is_a_warning_until_its_device_publishes_anew(pair):
    a, b = pair
    for n in (2, 3):
        a.add(sample_entry(n, title=f"entry {n}"))
        a.sync()
    (device_folder(a) / "00000002").unlink()
    report = b.sync()
    assert report.received == 0 and not report.clean, "a gap is a warning, never a note"
    assert "segment 2 of device" in report.problems[0] and "missing" in report.problems[0]
    healed = a.sync()
    assert healed.repaired and "missing" in healed.repaired[0] and healed.clean
    assert healed.sent == 3, "everything a wrote, published anew"
    report = b.sync()
    assert report.clean and report.received == 2
    assert a.revision_ids() == b.revision_ids()


@pytest.mark.parametrize("attack", ["replayed", "swapped", "other device"])
def test_replayed_swapped_or_moved_segments_do_not_open(pair, tmp_path, attack):
    a, b = pair
    a.add(sample_entry(2, title="second"))
    a.sync()
    folder = device_folder(a)
    one, two = folder / "00000001", folder / "00000002"
    if attack == "replayed":
        shutil.copy(one, folder / "00000003")
        report = b.sync()
        assert report.received == 1  # segment 2 is fine; the replay as 3 is refused
        assert "segment 3" in report.problems[0]
    elif attack == "swapped":
        data_one, data_two = one.read_bytes(), two.read_bytes()
        one.write_bytes(data_two)
        two.write_bytes(data_one)
        c_home = tmp_path / "c"
        c = Device.joining(c_home, a.remote)
        assert not c.sync().clean
        assert c.titles() == {}
        c.store.close()
        return
    else:
        b.add(sample_entry(3, title="from b"))
        b.sync()
        shutil.copy(device_folder(b) / "00000001", folder / "00000003")
        report = b.sync()
        assert any("segment 3" in p for p in report.problems)


def test_an_emptied_remote_is_refused_and_nothing_is_deleted(pair):
    a, _ = pair
    shutil.rmtree(a.remote.root / a.store.vault_id)
    with pytest.raises(SyncRefused, match="no longer holds this journal"):
        a.sync()
    assert list(a.titles().values()) == [["first"]]
    assert not (a.remote.root / a.store.vault_id).exists(), "refused means nothing was written"


def test_a_remote_replaced_by_another_journal_is_refused(pair, tmp_path):
    a, _ = pair
    other = Device.first(tmp_path / "other", FolderRemote(tmp_path / "other-remote"))
    (tmp_path / "other-remote").mkdir()
    other.sync()
    vault = a.remote.root / a.store.vault_id
    foreign = tmp_path / "other-remote" / other.store.vault_id / "vault.json"
    (vault / "vault.json").write_bytes(foreign.read_bytes())
    with pytest.raises(SyncRefused, match="another journal"):
        a.sync()
    assert list(a.titles().values()) == [["first"]]
    other.store.close()


def test_lost_own_segments_are_published_anew(pair, tmp_path):
    a, _ = pair
    a.add(sample_entry(2))
    a.sync()
    (device_folder(a) / "00000002").unlink()
    report = a.sync()
    assert report.clean and report.repaired and report.sent == 2
    assert len(a.titles()) == 2
    c = Device.joining(tmp_path / "c", a.remote)
    assert c.titles() == a.titles()
    c.store.close()


def test_an_edit_made_while_a_sync_runs_is_sent_next_time(pair):
    a, b = pair
    a.add(sample_entry(2, title="before the sync"))
    outgoing = engine.prepare(a.store)
    a.add(sample_entry(3, title="during the sync"))
    engine.finish(a.store, engine.exchange(outgoing, a.remote))
    assert a.sync().sent == 1
    b.sync()
    assert sorted(t[0] for t in b.titles().values()) == [
        "before the sync", "during the sync", "first"]


def test_a_remote_that_fails_mid_sync_keeps_what_was_done(pair, monkeypatch):
    a, b = pair
    a.add(sample_entry(2, title="second"))

    def disk_full(*_args, **_kwargs):
        raise RemoteError(f"cannot write a file in {a.remote.root}: the disk is full")

    monkeypatch.setattr(a.remote, "write_new", disk_full)
    report = a.sync()
    assert report.error and "disk is full" in report.error and report.sent == 0
    monkeypatch.undo()
    assert a.sync().sent == 1
    b.sync()
    assert len(b.titles()) == 2


def test_a_device_restored_from_an_old_backup_gets_its_own_entries_back(pair, tmp_path):
    a, b = pair
    a.store.close()
    backup = tmp_path / "a-backup"
    shutil.copytree(a.home, backup)
    a.restart()
    a.add(sample_entry(2, title="after the backup"))
    a.sync()
    a.store.close()
    shutil.rmtree(a.home)
    shutil.copytree(backup, a.home)
    a.store = JournalStore.unlock(a.home, "correct horse battery staple")
    report = a.sync()
    assert any("journal file was behind what this device had published" in line
               for line in report.repaired), report.repaired  # noticed, not only mended
    assert sorted(t[0] for t in a.titles().values()) == ["after the backup", "first"]
    a.add(sample_entry(3, title="after the restore"))
    a.sync()
    b.sync()
    assert sorted(t[0] for t in b.titles().values()) == [
        "after the backup", "after the restore", "first"]


def test_malformed_vault_and_key_files_are_reported_not_trusted(pair):
    a, b = pair
    vault = a.remote.root / a.store.vault_id
    keys = vault / "keys"
    keys.mkdir(exist_ok=True)
    (keys / f"9999999999999-00000-{'f' * 32}.json").write_text("{not json")
    report = b.sync()
    assert any("key file" in p and "damaged" in p for p in report.waiting)  # said, ignored
    assert not report.keys_adopted
    good = (vault / "vault.json").read_bytes()
    (vault / "vault.json").write_bytes(b"\x00\xff garbage")
    with pytest.raises(SyncRefused, match="damaged"):
        a.sync()
    (vault / "vault.json").write_bytes(good)
    assert list(a.titles().values()) == [["first"]]
