"""What segments claim (`segment.Claims`): a device gone for good whose files are damaged is
covered by another device that holds its revisions (issue 13); a remote that withholds a
device's newest segments, or the newest key file, from a device joining is noticed (issue 14)."""

from __future__ import annotations

import shutil

import pytest
from conftest import sample_entry
from sync_devices import PASSPHRASE, Device
from test_sync_heal import break_file, device_folder, three_segments

from journal.storage.crypto import KdfParams
from journal.sync import engine
from journal.sync.remote import FolderRemote


@pytest.mark.parametrize("how", ["delete", "truncate", "swap", "flip"])
def test_a_device_gone_for_good_is_covered_by_one_that_holds_its_changes(pair, tmp_path, how):
    """A writes three segments and is never seen again (a lost phone); B had them all. A file of
    A is damaged: B's next sync sends A's revisions again, and a device joining later gets
    every revision, with a clean sync."""
    a, b = pair
    three_segments(a)
    assert b.sync().clean
    b.add(sample_entry(7, title="written on b"))
    assert b.sync().clean
    a.store.close()  # gone for good
    break_file(device_folder(a), how)

    report = b.sync()
    said = " ".join(report.repaired)
    assert f"files of device {a.store.device_id[:8]}" in said and "damaged" in said, report
    assert "sent again the 3 change(s)" in said and report.sent == 3, report
    assert report.clean
    assert b.sync().repaired == [], "carried once, then quiet"

    late = Device.joining(tmp_path / "late", a.remote)
    assert late.revision_ids() == b.revision_ids()
    assert sorted(t[0] for t in late.titles().values()) == [
        "entry 2", "entry 3", "first", "written on b"]
    report = late.sync()
    assert report.clean, report.problems
    late.store.close()


def test_a_device_behind_the_damage_takes_the_carried_changes_and_reads_on(pair, tmp_path):
    """C had read only A's first segment when A's second was lost; B had read all three and
    carries them. C ends with everything, and reads A's chain on past the damage."""
    a, b = pair
    c = Device.joining(tmp_path / "c", a.remote)
    three_segments(a)
    assert b.sync().clean
    (device_folder(a) / "00000002").unlink()
    assert not c.sync().clean, "before anyone carries, the gap is a warning"
    assert b.sync().repaired
    report = c.sync()
    assert report.clean, report.problems
    assert any("sent them again, so none are missing" in line for line in report.repaired)
    assert c.revision_ids() == a.revision_ids()
    a.add(sample_entry(5, title="a comes back"))
    a.sync()  # A republishes its damaged chain and writes on
    assert c.sync().clean and b.sync().clean
    assert c.revision_ids() == a.revision_ids() == b.revision_ids()
    c.store.close()


def copy_without(remote: FolderRemote, tmp_path, *paths: str) -> FolderRemote:
    """A copy of the remote that withholds some files, as a hostile server could for one
    device joining."""
    target = tmp_path / "withholding"
    shutil.copytree(remote.root, target)
    for path in paths:
        for found in target.glob(path):
            found.unlink()
    return FolderRemote(target)


def test_a_withheld_newest_segment_shows_to_a_device_joining(pair, tmp_path):
    a, b = pair
    three_segments(a)
    b.add(sample_entry(7, title="written on b"))
    assert b.sync().clean  # B's segment says it had read A's chain up to segment 3
    vault, device = a.store.vault_id, a.store.device_id
    hiding = copy_without(a.remote, tmp_path, f"{vault}/devices/{device}/00000003")
    late = Device(tmp_path / "late", engine.join(tmp_path / "late", hiding,
                                                 passphrase=PASSPHRASE), hiding)
    for _ in range(2):  # said on the sync that read the claim, and on every one after
        report = late.sync()
        said = " ".join(report.problems)
        assert f"device {device[:8]}'s files up to segment 3 are missing" in said, report
        assert f"though device {b.store.device_id[:8]} had read them" in said
    late.store.close()
    honest = Device.joining(tmp_path / "honest", a.remote)
    assert honest.sync().clean
    honest.store.close()


def test_a_withheld_key_file_shows_to_a_device_joining(pair, tmp_path):
    """A changes the passphrase; a remote that hides the new key file would let a device join
    with the old passphrase unnoticed. The segment A writes next names its key set."""
    a, b = pair
    a.store.change_passphrase("lantern orchard velvet one", kdf=KdfParams.for_tests())
    a.add(sample_entry(2, title="after the change"))
    assert a.sync().clean
    hiding = copy_without(a.remote, tmp_path, f"{a.store.vault_id}/keys/*")
    # the old passphrase still joins there
    late = Device(tmp_path / "late", engine.join(tmp_path / "late", hiding,
                                                 passphrase=PASSPHRASE), hiding)
    late.sync()
    report = late.sync()
    assert any("newer passphrase or recovery key than any key file on the remote" in p
               for p in report.problems), report
    late.store.close()
    assert b.sync().clean, "the honest remote has the key file: nothing to say"


def test_a_segment_claiming_to_carry_nothing_else_is_refused_for_others_rows(pair):
    """A segment may hold another device's revision only when it says it carries that device."""
    from journal.sync import segment

    a, _ = pair
    row = a.store.rows_of(a.store.device_id)[0]
    other = "f" * 32
    sealed = segment.seal(a.store.sealer, a.store.vault_id, other, 1, "", [row], 0)
    with pytest.raises(segment.SegmentError, match="holds a revision of another device"):
        segment.open_segment(a.store.sealer, a.store.vault_id, other, 1, "", sealed)
    carried = segment.Claims(carried={a.store.device_id: (1, "")})
    sealed = segment.seal(a.store.sealer, a.store.vault_id, other, 1, "", [row], 0, carried)
    opened = segment.open_segment(a.store.sealer, a.store.vault_id, other, 1, "", sealed)
    assert [r.revision_id for r in opened.rows] == [row.revision_id]
    assert opened.claims == carried
