"""Issue 14 (1): a key change made after adopting another device's key set stays, even when
that device's clock ran ahead: adopting a set moves this device's clock past it."""

from __future__ import annotations

import time

import pytest

from journal.storage.crypto import KdfParams, WrongKey
from journal.storage.store import JournalStore

DAY_MS = 86_400_000


def test_a_key_change_after_adopting_a_set_from_a_fast_clock_is_not_undone(pair):
    a, b = pair
    a.store.use_wall_clock(lambda: int(time.time() * 1000) + DAY_MS)  # a day ahead
    a.store.change_passphrase("lantern orchard velvet one", kdf=KdfParams.for_tests())
    assert a.sync().keys_sent
    assert b.sync().keys_adopted
    b.store.change_passphrase("harbour quiet meadow two", kdf=KdfParams.for_tests())
    assert b.sync().keys_sent
    a.sync()
    b.sync()  # before the fix, B re-adopted A's older set here and lost its own change
    b.restart("harbour quiet meadow two")
    with pytest.raises(WrongKey):
        JournalStore.unlock(b.home, "lantern orchard velvet one")
    a.restart("harbour quiet meadow two")  # and A took B's change


def test_a_pending_key_change_replaced_by_a_later_one_is_said(pair):
    """Both devices change the passphrase before either syncs: they end agreeing on the later
    change, and the device whose own change was replaced says so (exit 1), never silently."""
    a, b = pair
    a.store.use_wall_clock(lambda: int(time.time() * 1000) + DAY_MS)  # A's change is later
    b.store.change_passphrase("harbour quiet meadow two", kdf=KdfParams.for_tests())
    a.store.change_passphrase("lantern orchard velvet one", kdf=KdfParams.for_tests())
    assert a.sync().keys_sent
    report = b.sync()
    assert report.keys_adopted and not report.clean
    said = " ".join(report.problems)
    assert f"also changed on device {a.store.device_id[:8]}" in said
    assert "the change made here was replaced" in said
    b.restart("lantern orchard velvet one")
    assert b.sync().clean  # said once, not on every sync
    with pytest.raises(WrongKey):
        JournalStore.unlock(b.home, "harbour quiet meadow two")
