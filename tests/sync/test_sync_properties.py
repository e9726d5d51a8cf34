"""A Hypothesis state machine: three devices with wrong clocks add, edit, delete, sync and
restart in any order. After a final round of syncs every device shows the same entries and
every revision ever written by any device is still on every device."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from conftest import sample_entry
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sync_devices import Device

from journal.sync.remote import FolderRemote

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
        assert report.clean, report
        self._note(self.devices[d])

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
            for _ in range(2):
                for device in self.devices:
                    assert device.sync().clean
            views = [d.titles() for d in self.devices]
            assert views[0] == views[1] == views[2]
            for device in self.devices:
                assert device.revision_ids() == self.ever | self.devices[0].revision_ids()
                assert self.ever <= device.revision_ids()
        finally:
            for device in self.devices:
                device.store.close()
            shutil.rmtree(self.tmp, ignore_errors=True)


ThreeDevices.TestCase.settings = settings(max_examples=50, stateful_step_count=30, deadline=None)
test_three_devices_converge_and_lose_nothing = ThreeDevices.TestCase
