"""The remote heals: a damaged, missing, stray or replayed file is repaired by the next sync of
the device that holds the data, by publishing anew under fresh names (a new chain, "epoch");
every device, one joining later included, ends with every revision."""

from __future__ import annotations

import shutil

import pytest
from conftest import sample_entry
from sync_devices import Device

from journal.sync import chains, engine
from journal.sync.remote import FolderRemote


def device_folder(device: Device):
    return device.remote.root / device.store.vault_id / "devices" / device.store.device_id


def three_segments(a: Device) -> None:
    for n in (2, 3):
        a.add(sample_entry(n, title=f"entry {n}"))
        a.sync()


def files(device: Device) -> list[str]:
    return sorted(p.name for p in device_folder(device).iterdir())


def joiner(tmp_path, a: Device, name: str = "late") -> Device:
    return Device.joining(tmp_path / name, a.remote)


def break_file(folder, how: str) -> None:
    one, two = folder / "00000001", folder / "00000002"
    if how == "delete":
        one.unlink()
    elif how == "truncate":
        one.write_bytes(one.read_bytes()[:40])
    elif how == "swap":
        first, second = one.read_bytes(), two.read_bytes()
        one.write_bytes(second)
        two.write_bytes(first)
    elif how == "flip":
        data = bytearray(two.read_bytes())
        data[-1] ^= 1
        two.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["delete", "truncate", "swap", "flip"])
def test_a_damaged_segment_is_published_anew_and_a_late_joiner_gets_everything(
        pair, tmp_path, how):
    a, b = pair
    three_segments(a)
    b.sync()
    break_file(device_folder(a), how)
    short = joiner(tmp_path, a, "before")
    assert len(short.titles()) < 3 and not short.sync().clean, "the damage shows, exit 1"
    report = a.sync()
    assert report.clean and len(report.repaired) == 1 and report.sent == 3
    assert any(name.startswith("0001-") for name in files(a)), "a new chain, fresh names"
    late = joiner(tmp_path, a)
    assert late.titles() == a.titles() and late.revision_ids() == a.revision_ids()
    for device in (b, short):
        assert device.sync().clean
        assert device.revision_ids() == a.revision_ids()
    assert a.sync().repaired == [], "repaired once, then quiet"
    for device in (late, short):
        device.store.close()


@pytest.mark.parametrize("stray", ["replayed", "copied from another device", "junk"])
def test_a_stray_file_at_the_next_name_does_not_block_its_device(pair, tmp_path, stray):
    a, b = pair
    a.add(sample_entry(2, title="second"))
    a.sync()
    folder = device_folder(a)
    if stray == "replayed":
        shutil.copy(folder / "00000001", folder / "00000003")
    elif stray == "copied from another device":
        b.add(sample_entry(5, title="from b"))
        b.sync()
        shutil.copy(device_folder(b) / "00000001", folder / "00000003")
    else:
        (folder / "00000003").write_bytes(b"not a segment")
    a.add(sample_entry(3, title="third"))
    report = a.sync()
    assert report.clean and report.error is None and report.repaired, report
    assert "segment 3" in report.repaired[0]
    a.add(sample_entry(4, title="fourth"))
    assert a.sync().clean
    assert b.sync().clean
    assert sorted(t[0] for t in b.titles().values()) == sorted(
        t[0] for t in a.titles().values())
    assert len(a.titles()) == (5 if stray == "copied from another device" else 4)


def test_a_file_named_like_a_device_in_devices_is_skipped_with_a_warning(pair):
    a, b = pair
    devices = a.remote.root / a.store.vault_id / "devices"
    (devices / ("f" * 32)).write_bytes(b"stray")
    a.add(sample_entry(2, title="still travels"))
    report = a.sync()
    assert report.error is None and report.sent == 1
    assert any("ffffffff" in p and "skipped" in p for p in report.problems)
    report = b.sync()
    assert report.received == 1 and report.error is None
    assert not report.clean, "a warning: exit 1 until the file is gone"


def test_a_permanent_gap_is_a_warning_not_a_note(pair, tmp_path):
    """Nobody holds the data (the device is gone): a joiner gets what it can, and says so."""
    a, _ = pair
    three_segments(a)
    (device_folder(a) / "00000002").unlink()
    late = joiner(tmp_path, a)
    report = late.sync()
    assert not report.clean and report.waiting == []
    assert "segment 2" in report.problems[0] and "missing" in report.problems[0]
    assert len(late.titles()) == 1
    late.store.close()


def test_remote_set_again_on_a_damaged_remote_does_not_make_things_worse(pair, tmp_path):
    a, b = pair
    three_segments(a)
    (device_folder(a) / "00000001").unlink()
    a.store.reset_sync()  # what `journal remote set` with the same address does
    report = a.sync()
    assert report.clean and report.repaired
    late = joiner(tmp_path, a)
    assert late.revision_ids() == a.revision_ids()
    assert b.sync().clean and b.revision_ids() == a.revision_ids()
    late.store.close()


def test_a_republish_cut_short_carries_on_next_time(pair, tmp_path, monkeypatch):
    a, b = pair
    three_segments(a)
    (device_folder(a) / "00000002").unlink()
    first = engine.finish(a.store, engine.exchange(engine.prepare(a.store), a.remote))
    assert first.republish_pending and first.repaired  # the power fails here
    a.restart()
    report = a.sync()
    assert report.clean and report.sent == 3
    assert b.sync().clean and b.revision_ids() == a.revision_ids()


def test_a_long_chain_is_compacted_so_a_joiner_reads_few_files(pair, tmp_path, monkeypatch):
    monkeypatch.setattr(chains, "COMPACT_AT", 4)
    a, b = pair
    for n in range(2, 8):
        a.add(sample_entry(n, title=f"entry {n}"))
        a.sync()
        b.sync()
    assert any(name.startswith("0001-") for name in files(a))
    late = joiner(tmp_path, a)
    assert late.revision_ids() == a.revision_ids() == b.revision_ids()
    assert late.store.sync_state().cursors[a.store.device_id][0] < 10**8 + 4
    late.store.close()


def test_remote_check_reads_and_writes_nothing(pair):
    a, b = pair
    three_segments(a)
    before = sorted(p for p in a.remote.root.rglob("*"))
    health = engine.check(b.store, b.remote)
    assert health.healthy and health.devices == 1 and health.revisions == 3
    (device_folder(a) / "00000002").unlink()
    health = engine.check(b.store, b.remote)
    assert not health.healthy and "segment 2" in health.problems[0]
    health = engine.check(a.store, a.remote)
    assert health.would_repair and "next sync publishes" in health.would_repair[0]
    after = sorted(p for p in a.remote.root.rglob("*"))
    assert set(after) == set(before) - {device_folder(a) / "00000002"}


def test_the_top_folder_is_made_when_its_parent_exists_and_folders_are_0700(tmp_path):
    remote = FolderRemote(tmp_path / "new-remote")
    a = Device.first(tmp_path / "a", remote)
    a.add(sample_entry(1))
    assert a.sync().clean
    for path in [remote.root, *remote.root.rglob("*")]:
        if path.is_dir():
            assert path.stat().st_mode & 0o777 == 0o700, path
    a.store.close()


def test_a_device_reads_its_own_files_back_only_when_their_listing_changed(pair, monkeypatch):
    a, _ = pair
    three_segments(a)
    reads: list[str] = []
    real_read = FolderRemote.read

    def counting_read(self, path):
        reads.append(path)
        return real_read(self, path)

    monkeypatch.setattr(FolderRemote, "read", counting_read)
    a.add(sample_entry(4, title="fourth"))
    assert a.sync().clean
    own = f"devices/{a.store.device_id}/"
    assert [p for p in reads if own in p] == [f"{a.store.vault_id}/{own}00000004"], \
        "only the new segment, read back once as it was sent"
    reads.clear()
    folder = device_folder(a)
    data = (folder / "00000002").read_bytes()
    (folder / "00000002").unlink()
    (folder / "00000002").write_bytes(data)  # the same bytes, put back by a sync tool
    assert a.sync().repaired == [], "whole again: read back, found intact"
    assert len([p for p in reads if own in p]) == 4
