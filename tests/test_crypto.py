"""Keys and sealing against tampering: every change to a sealed byte or its place is caught."""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import PASSPHRASE, make_store, sample_entry

from journal.storage import crypto
from journal.storage.crypto import KdfParams, WrongKey
from journal.storage.store import JournalStore


def _db(home) -> sqlite3.Connection:
    return sqlite3.connect(home / "journal.db", isolation_level=None)


def _flip(blob: bytes, index: int) -> bytes:
    data = bytearray(blob)
    data[index] ^= 0x01
    return bytes(data)


def test_wrong_passphrase_is_refused(home):
    s, _ = make_store(home)
    s.add(sample_entry())
    s.close()
    with pytest.raises(WrongKey):
        JournalStore.unlock(home, "not the passphrase")
    with JournalStore.unlock(home, PASSPHRASE) as again:
        assert again.count() == 1


def test_default_kdf_is_the_designed_one():
    assert KdfParams() == KdfParams(memory_kib=65536, iterations=3, lanes=4)


def test_slot_stores_its_parameters_and_binds_them(home):
    s, _ = make_store(home)
    s.close()
    header = json.loads(_db(home).execute(
        "SELECT header FROM key_slots WHERE kind='passphrase'").fetchone()[0])
    assert header["kdf"]["name"] == "argon2id"
    assert {header["kdf"][k] for k in ("m", "t", "p")} == {8, 1}
    assert header["vault"] == s.vault_id


@pytest.mark.parametrize("field", ["nonce", "wrapped", "header"])
def test_bit_flip_in_key_slot_refuses_unlock(home, field):
    s, _ = make_store(home)
    s.close()
    db = _db(home)
    value = db.execute(f"SELECT {field} FROM key_slots WHERE kind='passphrase'").fetchone()[0]
    value = value.replace('"t":1', '"t":2') if field == "header" else _flip(value, 3)
    db.execute(f"UPDATE key_slots SET {field}=? WHERE kind='passphrase'", (value,))
    db.close()
    with pytest.raises(WrongKey):
        JournalStore.unlock(home, PASSPHRASE)


def test_kdf_downgrade_is_rejected(home):
    """An attacker lowers Argon2 memory in the header to make guessing cheaper: unwrap fails."""
    s, _ = JournalStore.create(home, PASSPHRASE, kdf=KdfParams(memory_kib=64, iterations=2,
                                                                  lanes=1))
    s.close()
    db = _db(home)
    header = db.execute("SELECT header FROM key_slots WHERE kind='passphrase'").fetchone()[0]
    downgraded = header.replace('"m":64', '"m":8').replace('"t":2', '"t":1')
    assert downgraded != header
    db.execute("UPDATE key_slots SET header=? WHERE kind='passphrase'", (downgraded,))
    db.close()
    with pytest.raises(WrongKey):
        JournalStore.unlock(home, PASSPHRASE)


def test_hostile_kdf_parameters_are_refused_before_running(home):
    s, _ = make_store(home)
    s.close()
    db = _db(home)
    header = db.execute("SELECT header FROM key_slots WHERE kind='passphrase'").fetchone()[0]
    db.execute("UPDATE key_slots SET header=? WHERE kind='passphrase'",
               (header.replace('"m":8', '"m":999999999'),))
    db.close()
    with pytest.raises(crypto.DamagedData):
        JournalStore.unlock(home, PASSPHRASE)


@pytest.mark.parametrize("column,mutate", [
    ("nonce", lambda v: _flip(v, 0)),
    ("sealed", lambda v: _flip(v, 5)),
    ("sealed", lambda v: _flip(v, -1)),  # the tag
    ("sealed", lambda v: v[:-3]),  # truncated
    ("device_id", lambda v: "0" * len(v)),  # associated data
    ("clock", lambda v: v[:-1] + ("1" if v[-1] != "1" else "2")),
    ("deleted", lambda v: 1 - v),
])
def test_tampered_revision_is_reported_and_others_still_open(home, column, mutate):
    s, _ = make_store(home)
    first = s.add(sample_entry(1))
    second = s.add(sample_entry(2))
    s.close()
    db = _db(home)
    value = db.execute(f"SELECT {column} FROM revisions WHERE item_id=?", (first.id,)).fetchone()[0]
    db.execute(f"UPDATE revisions SET {column}=? WHERE item_id=?", (mutate(value), first.id))
    db.close()
    with JournalStore.unlock(home, PASSPHRASE) as again:
        ids = [e.id for e in again.entries()]
        assert second.id in ids and first.id not in ids
        assert [d.entry_id for d in again.damaged] == [first.id]
        checked, damaged = again.verify()
        assert checked == 2 and [d.revision_id for d in damaged] == [first.revision_id]


def test_ciphertext_moved_to_another_row_fails(home):
    s, _ = make_store(home)
    a = s.add(sample_entry(1, title="A"))
    b = s.add(sample_entry(2, title="B"))
    s.close()
    db = _db(home)
    nonce, sealed = db.execute("SELECT nonce, sealed FROM revisions WHERE item_id=?",
                               (a.id,)).fetchone()
    db.execute("UPDATE revisions SET nonce=?, sealed=? WHERE item_id=?", (nonce, sealed, b.id))
    db.close()
    with JournalStore.unlock(home, PASSPHRASE) as again:
        assert [e.title for e in again.entries()] == ["A"]
        assert again.damaged[0].entry_id == b.id


def test_old_revision_put_back_fails(home):
    """Replaying an older sealed version into the head row is detected, not shown as current."""
    s, _ = make_store(home)
    e = s.add(sample_entry(1, title="original"))
    e.title = "edited"
    s.update(e)
    s.close()
    db = _db(home)
    rows = db.execute("SELECT rev_id, nonce, sealed FROM revisions WHERE item_id=? ORDER BY seq",
                      (e.id,)).fetchall()
    old, head = rows[0], rows[1]
    db.execute("UPDATE revisions SET nonce=?, sealed=? WHERE rev_id=?", (old[1], old[2], head[0]))
    db.close()
    with JournalStore.unlock(home, PASSPHRASE) as again:
        # The damaged head is reported; the entry falls back to its last intact version.
        assert again.damaged and again.damaged[0].revision_id == head[0]
        assert again.get(e.id).title == "original"
        assert again.get(e.id).revision_id == old[0]


def test_passphrase_change_rewraps_without_reencrypting(home):
    s, recovery = make_store(home)
    for n in range(5):
        s.add(sample_entry(n))
    db = _db(home)
    before = db.execute("SELECT rev_id, sealed FROM revisions ORDER BY seq").fetchall()
    s.change_passphrase("a brand new passphrase", kdf=KdfParams.for_tests())
    s.close()
    assert db.execute("SELECT rev_id, sealed FROM revisions ORDER BY seq").fetchall() == before
    assert db.execute("SELECT count(*) FROM key_slots WHERE kind='passphrase'").fetchone()[0] == 1
    with pytest.raises(WrongKey):
        JournalStore.unlock(home, PASSPHRASE)
    with JournalStore.unlock(home, "a brand new passphrase") as again:
        assert again.count() == 5 and not again.damaged
    with JournalStore.unlock_with_recovery(home, recovery) as again:
        assert again.count() == 5


def test_recovery_key_opens_and_is_forgiving_about_format(home):
    s, recovery = make_store(home)
    s.add(sample_entry())
    s.close()
    assert len(recovery.split("-")) == 8
    sloppy = recovery.lower().replace("-", " ").replace("o", "0")
    with JournalStore.unlock_with_recovery(home, sloppy) as again:
        again.change_passphrase("recovered passphrase", kdf=KdfParams.for_tests())
    with JournalStore.unlock(home, "recovered passphrase") as again:
        assert again.count() == 1


def test_wrong_or_malformed_recovery_key(home):
    s, recovery = make_store(home)
    s.close()
    other = crypto.format_recovery_key(crypto.new_recovery_key())
    with pytest.raises(WrongKey):
        JournalStore.unlock_with_recovery(home, other)
    with pytest.raises(WrongKey, match="32 letters"):
        JournalStore.unlock_with_recovery(home, recovery[:-5])


def test_new_recovery_key_replaces_the_old(home):
    s, old = make_store(home)
    new = s.new_recovery_key()
    s.close()
    with pytest.raises(WrongKey):
        JournalStore.unlock_with_recovery(home, old)
    JournalStore.unlock_with_recovery(home, new).close()


def test_slot_of_another_vault_is_refused(tmp_path):
    a, _ = make_store(tmp_path / "a")
    b, _ = make_store(tmp_path / "b")
    a.close()
    b.close()
    slot_a = sqlite3.connect(tmp_path / "a" / "journal.db").execute(
        "SELECT slot_id, kind, header, nonce, wrapped FROM key_slots WHERE kind='passphrase'"
    ).fetchone()
    db_b = sqlite3.connect(tmp_path / "b" / "journal.db", isolation_level=None)
    db_b.execute("DELETE FROM key_slots WHERE kind='passphrase'")
    db_b.execute("INSERT INTO key_slots VALUES (?,?,?,?,?)", slot_a)
    db_b.close()
    with pytest.raises(crypto.DamagedData, match="another journal"):
        JournalStore.unlock(tmp_path / "b", PASSPHRASE)


def test_each_revision_gets_a_fresh_nonce(store):
    for n in range(20):
        store.add(sample_entry(n))
    nonces = [r.nonce for r in store._db.all_sealed()]
    assert len(set(nonces)) == 20 and all(len(n) == 12 for n in nonces)
