"""A Hypothesis state machine: three devices with wrong clocks add, edit, delete, sync and
restart in any order, while the remote is damaged between syncs (a segment deleted, truncated,
duplicated, swapped or replayed; a stray file in devices/). Once the faults stop, after a few
rounds of syncs every device shows the same entries and every revision ever written by any
device is still on every device (and on the remote, for a device joining later)."""

from __future__ import annotations

import shutil
import tempfile
import time
from itertools import count
from pathlib import Path

from conftest import sample_entry
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sync_devices import Device

from journal.sync import segment
from journal.sync.remote import FolderRemote

FAULTS = ["delete", "truncate", "duplicate", "swap", "replay", "stray"]

DAY_MS = 86_400_000
NOW_MS = time.time_ns() // 1_000_000
#: A day behind, a year ahead, and stopped at one instant.
WALLS = [
    lambda: time.time_ns() // 1_000_000 - DAY_MS,
    lambda: time.time_ns() // 1_000_000 + 365 * DAY_MS,
    lambda: NOW_MS,
]


class ThreeDevices(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="sync-machine-"))
        (self.tmp / "remote").mkdir()
        remote = FolderRemote(self.tmp / "remote")
        first = Device.first(self.tmp / "d0", remote)
        first.sync()
        self.devices = [first, Device.joining(self.tmp / "d1", remote),
                        Device.joining(self.tmp / "d2", remote)]
        for device, wall in zip(self.devices, WALLS, strict=True):
            device.store.use_wall_clock(wall)
        self.ever: set[str] = set()
        self.counter = 0
        self.remote_root = self.tmp / "remote" / first.store.vault_id
        self.strays = count(1)

    def _note(self, device: Device) -> None:
        self.ever |= device.revision_ids()

    def _live_ids(self, device: Device) -> list[str]:
        return sorted(e.id for e in device.store.entries())

    @rule(d=st.integers(0, 2))
    def add(self, d: int) -> None:
        self.counter += 1
        self.devices[d].add(sample_entry(self.counter, title=f"entry {self.counter}"))
        self._note(self.devices[d])

    @rule(d=st.integers(0, 2), pick=st.integers(0, 1000))
    def edit(self, d: int, pick: int) -> None:
        device = self.devices[d]
        ids = self._live_ids(device)
        if ids:
            entry = device.store.get(ids[pick % len(ids)])
            self.counter += 1
            entry.title = f"edit {self.counter}"
            device.store.update(entry)
            self._note(device)

    @rule(d=st.integers(0, 2), pick=st.integers(0, 1000))
    def delete(self, d: int, pick: int) -> None:
        device = self.devices[d]
        ids = self._live_ids(device)
        if ids:
            device.store.delete(ids[pick % len(ids)])
            self._note(device)

    @rule(d=st.integers(0, 2))
    def sync(self, d: int) -> None:
        report = self.devices[d].sync()
        assert report.error is None, report  # damage is a warning, never a failed sync
        self._note(self.devices[d])

    @rule(kind=st.sampled_from(FAULTS), pick=st.integers(0, 1000), other=st.integers(0, 1000))
    def damage_the_remote(self, kind: str, pick: int, other: int) -> None:
        devices = self.remote_root / "devices"
        if kind == "stray":
            devices.mkdir(exist_ok=True)
            (devices / f"{next(self.strays):032x}").write_bytes(b"a stray file")
            return
        files = sorted(p for p in devices.glob("*/*") if segment.segment_seq(p.name))
        if not files:
            return
        target = files[pick % len(files)]
        if kind == "delete":
            target.unlink()
        elif kind == "truncate":
            target.write_bytes(target.read_bytes()[: len(target.read_bytes()) // 2])
        elif kind in ("duplicate", "replay"):
            folders = sorted(p for p in devices.iterdir() if p.is_dir())
            folder = target.parent if kind == "duplicate" else folders[other % len(folders)]
            epoch = segment.split(segment.segment_seq(target.name) or 0)[0]
            taken = [segment.split(pos)[1] for n in (p.name for p in folder.iterdir())
                     if (pos := segment.segment_seq(n)) and segment.split(pos)[0] == epoch]
            name = segment.segment_name(segment.position(epoch, max(taken, default=0) + 1))
            shutil.copy(target, folder / name)
        else:  # swap with another file of the same device
            mates = [p for p in files if p.parent == target.parent and p != target]
            if mates:
                mate = mates[other % len(mates)]
                first, second = target.read_bytes(), mate.read_bytes()
                target.write_bytes(second)
                mate.write_bytes(first)

    @rule(d=st.integers(0, 2))
    def restart(self, d: int) -> None:
        device = self.devices[d]
        device.restart()
        device.store.use_wall_clock(WALLS[d])

    @precondition(lambda self: self.counter > 0)
    @invariant()
    def nothing_written_is_lost_locally(self) -> None:
        held = set().union(*(d.revision_ids() for d in self.devices))
        assert self.ever <= held

    def teardown(self) -> None:
        try:
            # The faults stop. Round one: each device repairs its own chain; round two: each
            # reads the others' repaired chains; round three must be quiet.
            for _ in range(2):
                for device in self.devices:
                    assert device.sync().error is None
            for device in self.devices:
                report = device.sync()
                assert report.error is None and not report.repaired, report
                assert all("cannot be read" in p for p in report.problems), report.problems
            views = [d.titles() for d in self.devices]
            assert views[0] == views[1] == views[2]
            for device in self.devices:
                assert device.revision_ids() == self.ever | self.devices[0].revision_ids()
                assert self.ever <= device.revision_ids()
            late = Device.joining(self.tmp / "late", self.devices[0].remote)
            try:
                assert late.revision_ids() == self.devices[0].revision_ids()
            finally:
                late.store.close()
        finally:
            for device in self.devices:
                device.store.close()
            shutil.rmtree(self.tmp, ignore_errors=True)


ThreeDevices.TestCase.settings = settings(max_examples=50, stateful_step_count=30, deadline=None)
test_three_devices_converge_and_lose_nothing = ThreeDevices.TestCase
