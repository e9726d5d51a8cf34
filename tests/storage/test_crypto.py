"""Keys and sealing against tampering: every change to a sealed byte or its place is caught."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
import unicodedata

import pytest
from conftest import PASSPHRASE, make_store, sample_entry

from journal.storage import crypto, payload
from journal.storage.crypto import KdfParams, WrongKey
from journal.storage.store import JournalStore, SyncChange


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


def test_the_kdf_gives_what_cryptographys_argon2id_gives():
    """argon2-cffi replaced `cryptography`'s Argon2id: every journal made before opens."""
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    salt = bytes(range(16))
    for passphrase in ("correct horse battery", "Siobhán’s garden, 2026"):
        old = Argon2id(salt=salt, length=32, iterations=3, lanes=4,
                       memory_cost=64 * 1024).derive(passphrase.encode())
        assert crypto.derive_passphrase_key(passphrase, salt, KdfParams()) == old


def test_the_kdf_lets_other_threads_run():
    """While a passphrase is checked the app draws and the head index is read: the longest
    pause of this thread during a derivation on another is a small part of it."""
    gaps: list[float] = []
    took: list[float] = []

    def derive() -> None:
        began = time.perf_counter()
        crypto.derive_passphrase_key("a passphrase", bytes(16), KdfParams())
        took.append(time.perf_counter() - began)

    worker = threading.Thread(target=derive)
    last = time.perf_counter()
    worker.start()
    while worker.is_alive():
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    assert took and max(gaps) < took[0] / 2, (max(gaps), took)


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


def test_a_salt_too_short_for_argon2_is_a_damaged_slot_not_a_crash(home):
    """A tampered file or a hostile remote's key set: Argon2 refuses a salt under 8 bytes."""
    s, _ = make_store(home)
    s.close()
    db = _db(home)
    header = json.loads(db.execute(
        "SELECT header FROM key_slots WHERE kind='passphrase'").fetchone()[0])
    header["kdf"]["salt"] = "AAAA"  # 3 bytes
    db.execute("UPDATE key_slots SET header=? WHERE kind='passphrase'", (json.dumps(header),))
    db.close()
    with pytest.raises(crypto.DamagedData, match="key slot header is damaged"):
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
        assert checked == 2 and [d.revision_id for d in damaged if d.entry_id] == \
            [first.revision_id]
        # a changed public column also no longer matches the ledger; the payload is not in it
        ledger = [d.reason for d in damaged if not d.entry_id]
        assert bool(ledger) == (column in ("device_id", "clock", "deleted")), ledger


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


# -- the associated data of a revision: built in one place, byte for byte as it always was -------

_VAULT, _ITEM, _REV = "0123456789abcdef0123456789abcdef", "a" * 32, "b" * 32
_PARENTS = ("f" * 32, "1" * 32)  # deliberately not in sorted order
_DEVICE, _CLOCK = "c" * 32, "1764460800000-00001"


def test_revision_aad_bytes_are_pinned():
    """Every revision ever sealed was sealed with exactly these bytes: a change here locks
    writers out of their journals. Parents go in sorted, whatever order they are given in."""
    expected = (b"peer-journal/revision\x1f1\x1f" + _VAULT.encode() + b"\x1f" + _ITEM.encode()
                + b"\x1f" + _REV.encode() + b"\x1f" + b"1" * 32 + b"," + b"f" * 32 + b"\x1f"
                + _DEVICE.encode() + b"\x1f1764460800000-00001\x1f0")
    for parents in (_PARENTS, tuple(reversed(_PARENTS))):
        place = crypto.RevisionPlace(_VAULT, _ITEM, _REV, parents, _DEVICE, _CLOCK, False)
        assert place.aad() == expected
        assert crypto.revision_aad(_VAULT, _ITEM, _REV, parents, _DEVICE, _CLOCK,
                                   False) == expected
    assert crypto.revision_aad(_VAULT, _ITEM, _REV, (), _DEVICE, _CLOCK, True).endswith(
        _REV.encode() + b"\x1f\x1f" + _DEVICE.encode() + b"\x1f1764460800000-00001\x1f1")


def test_a_merge_revision_sealed_by_an_earlier_release_still_opens():
    """Sealed by the code before the associated data was built in one place (RevisionPlace.aad
    sorted the parents, the head loader and the search joined them as stored): it opens
    through every path, with its parents in either order."""
    sealer = crypto.Sealer(bytes(range(32)))
    nonce = bytes.fromhex("2ca8f545edb5cf3112024320")
    sealed = bytes.fromhex(
        "d8e80b270949ecd0e93c9be8ff074f87dc7e1d53ce8ea5df6d2e54492a75f4411f797a86475e8920cd8d5b"
        "05ad7f6285a858147ef245a47325292fb111e7c995b4af81")
    for parents in (_PARENTS, tuple(sorted(_PARENTS))):
        place = crypto.RevisionPlace(_VAULT, _ITEM, _REV, parents, _DEVICE, _CLOCK, False)
        meta, packed = sealer.open(place, nonce, sealed)
        assert json.loads(meta) == {"type": "entry", "title": "merged"}
        assert payload.inflate_body(packed) == "kept version"
        aad = crypto.revision_aad(_VAULT, _ITEM, _REV, parents, _DEVICE, _CLOCK, False)
        assert payload.split_payload(sealer.decrypt(aad, nonce, sealed))[0] == meta


def _legacy_read_aad(vault_id: str, row) -> bytes:
    """The associated data exactly as `heads.py` and `scan.py` built it before: the parents
    joined in the order they were read back (the database column), not sorted again."""
    return (f"peer-journal/revision\x1f1\x1f{vault_id}\x1f{row.item_id}\x1f{row.revision_id}"
            f"\x1f{','.join(row.parents)}\x1f{row.device_id}\x1f{row.clock}"
            f"\x1f{'1' if row.deleted else '0'}").encode("ascii")


def test_merge_revisions_made_by_the_store_have_the_same_aad_on_every_path(tmp_path):
    """Three devices edit one entry (a three-way conflict resolved by keeping a version) and two
    edit another (merged by an edit). For every stored row, the associated data it was sealed
    with, the one the loader and search built before, and the one built now are the same
    bytes, and every row opens after a reopen, through the index, search and verify."""
    a, _ = make_store(tmp_path / "a")
    state = a.sync_state()
    others = [JournalStore.create_joined(tmp_path / name, a.vault_id, a._key(), state.slots,
                                         state.keys_clock, state.keys_device)
              for name in ("b", "c")]

    def send(source, *targets):
        for target in targets:
            target.apply_sync(SyncChange(rows=source.unsent_rows(0)))

    three, two = a.add(sample_entry(1, title="base")), a.add(sample_entry(2, title="base"))
    send(a, *others)
    for device, title in zip((a, *others), "ABC", strict=True):
        entry = device.get(three.id)
        entry.title = title
        device.update(entry)
    for device, title in zip((a, others[0]), ("A2", "B2"), strict=True):
        entry = device.get(two.id)
        entry.title = title
        device.update(entry)
    send(others[0], a)
    send(others[1], a)
    assert {c.item_id: c.live for c in a.conflicts()} == {three.id: 3, two.id: 2}
    held_order = tuple(h.revision_id for h in a._load()[three.id].heads)  # newest first
    a.resolve_conflict(three.id, a.versions(three.id)[-1].revision_id)
    merged = a.get(two.id)
    merged.title = "merged"
    a.update(merged)

    rows = list(a._db.all_sealed())
    merges = [r for r in rows if len(r.parents) > 1]
    assert sorted(len(r.parents) for r in merges) == [2, 3]
    assert set(next(r for r in merges if len(r.parents) == 3).parents) == set(held_order)
    for row in rows:
        assert row.parents == tuple(sorted(row.parents))  # the column is stored sorted
        place = crypto.RevisionPlace(a.vault_id, row.item_id, row.revision_id, row.parents,
                                     row.device_id, row.clock, row.deleted)
        shuffled = tuple(reversed(row.parents))
        assert place.aad() == _legacy_read_aad(a.vault_id, row) == crypto.revision_aad(
            a.vault_id, row.item_id, row.revision_id, shuffled, row.device_id, row.clock,
            row.deleted)
        a.sealer.open(place, row.nonce, row.sealed)
    for device in (a, *others):
        device.close()
    with JournalStore.unlock(tmp_path / "a", PASSPHRASE) as again:
        assert {e.title for e in again.entries()} == {"merged", again.get(three.id).title}
        assert len(again.search("peer")) == 2 and again.damaged == []
        assert again.verify() == (len(rows), [])


NFC = "café crème brûlée"
NFD = unicodedata.normalize("NFD", NFC)


def test_a_passphrase_opens_whether_its_accents_come_composed_or_not(home):
    assert NFD != NFC
    s, _ = JournalStore.create(home, NFC, kdf=KdfParams.for_tests())
    s.close()
    JournalStore.unlock(home, NFD).close()
    JournalStore.unlock(home, NFC).close()


def test_a_slot_made_before_normalising_opens_and_is_rewrapped(home):
    """A slot wrapped from the NFD form (as before this change) still opens with that form,
    and is rewrapped from the normalised one, so the composed form opens it from then on."""
    s, _ = JournalStore.create(home, "placeholder words here", kdf=KdfParams.for_tests())
    salt = os.urandom(16)
    kek = crypto.derive_passphrase_key(NFD, salt, KdfParams.for_tests())  # the old way: raw
    kdf = {"name": "argon2id", "salt": crypto._b64(salt), **KdfParams.for_tests().to_json()}
    old = crypto._wrap("passphrase", s.vault_id, kek, s._key(), kdf)
    with s._db.transaction():
        s._db.remove_key_slots("passphrase")
        s._db.put_key_slot(old)
    s.close()
    with pytest.raises(WrongKey):
        JournalStore.unlock(home, NFC)  # the old slot knows only the form that made it
    JournalStore.unlock(home, NFD).close()  # opens, and rewraps
    JournalStore.unlock(home, NFC).close()


@pytest.mark.parametrize("m,t,p", [(1024 * 1024, 3, 4), (64 * 1024, 64, 4), (64 * 1024, 3, 64)])
def test_a_slot_asking_for_far_more_work_is_refused_before_any_is_done(m, t, p):
    """A key slot read from the remote may be hostile: more than four times the journal's own
    cost is refused at once, without running Argon2id."""
    began = time.perf_counter()
    with pytest.raises(crypto.DamagedData, match="more work than this journal ever uses"):
        KdfParams.from_json({"m": m, "t": t, "p": p})
    assert time.perf_counter() - began < 0.1
    assert KdfParams.from_json(KdfParams().to_json()) == KdfParams()
