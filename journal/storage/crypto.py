"""Keys and sealing: the only module that touches key material.

A random 256-bit data key (DEK) encrypts every revision. The DEK is stored only wrapped, in key
slots: one opened by the passphrase through Argon2id, one by the recovery key shown at set-up.
Each slot's header (kind, KDF and its parameters, salt, vault id) is the associated data of its
AES-256-GCM wrap, so editing a parameter (a KDF downgrade) or moving a slot to another vault makes
the unwrap fail instead of silently weakening the journal.

Revisions are sealed with AES-256-GCM, a random 96-bit nonce, and associated data that binds the
ciphertext to its place (format, vault, entry, revision, parents, device, clock, tombstone flag): a
ciphertext copied to another row, or an old revision put back, fails to open.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from journal.storage.errors import CryptoError, DamagedData, WrongKey
from journal.storage.payload import pack_body, pack_header, split_payload

__all__ = ["CryptoError", "DamagedData", "WrongKey"]  # raised here, declared in errors.py

FORMAT = 1
KEY_BYTES = 32
NONCE_BYTES = 12
RECOVERY_KEY_BYTES = 20  # 160 bits: 32 base32 characters, written as 8 groups of 4


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters. The default is the journal's; only tests ask for cheaper ones."""

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4

    #: Upper bounds when reading a slot (which may come from the sync remote): at most four
    #: times the journal's own cost, so a hostile file cannot make an unlock or a join spend
    #: minutes and gigabytes (4 GiB and 64 passes took 22 s and 2.1 GB for two slots).
    MAX_MEMORY_KIB = 4 * 64 * 1024
    MAX_ITERATIONS = 4 * 3
    MAX_LANES = 16

    @classmethod
    def for_tests(cls) -> KdfParams:
        """Fast parameters for test vaults, reachable only from Python, never from a user."""
        return cls(memory_kib=8, iterations=1, lanes=1)

    def to_json(self) -> dict[str, int]:
        return {"m": self.memory_kib, "t": self.iterations, "p": self.lanes}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KdfParams:
        params = cls(int(data["m"]), int(data["t"]), int(data["p"]))
        if not (8 * params.lanes <= params.memory_kib and params.iterations >= 1
                and params.lanes >= 1):
            raise DamagedData("key slot has impossible KDF parameters")
        if (params.memory_kib > cls.MAX_MEMORY_KIB or params.iterations > cls.MAX_ITERATIONS
                or params.lanes > cls.MAX_LANES):
            raise DamagedData(
                f"key slot asks for more work than this journal ever uses ({params.memory_kib} "
                f"KiB, {params.iterations} passes, {params.lanes} lanes); it was not made by "
                "this journal, so it is not tried")
        return params


def random_key() -> bytes:
    return os.urandom(KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


#: The shortest salt Argon2 takes (RFC 9106: 8 bytes); the journal's own are 16.
SALT_MIN = 8


def derive_passphrase_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """Argon2id(passphrase) -> key-encryption key. Deliberately slow (~0.2 s at the default).

    Through argon2-cffi (the reference implementation), not `cryptography`'s Argon2id, which
    gives the same bytes but holds Python's lock for the whole derivation: the app could not
    draw while a passphrase was checked, and the head index could not be read meanwhile
    (`keys.Keys._unlock`). argon2-cffi lets go of it and runs the lanes on their own threads."""
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(passphrase.encode("utf-8"), salt, time_cost=params.iterations,
                           memory_cost=params.memory_kib, parallelism=params.lanes,
                           hash_len=KEY_BYTES, type=Type.ID)


def derive_recovery_key(recovery: bytes, salt: bytes) -> bytes:
    """HKDF is enough here: a 160-bit random recovery key cannot be guessed, only stolen."""
    return HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"peer-journal recovery slot"
    ).derive(recovery)


# -- recovery keys --------------------------------------------------------------------------


def new_recovery_key() -> bytes:
    return os.urandom(RECOVERY_KEY_BYTES)


def format_recovery_key(raw: bytes) -> str:
    """Eight groups of four base32 characters: easy to copy onto paper and read back."""
    text = base64.b32encode(raw).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """Accept any case, spaces or dashes, and the usual look-alikes (0/O, 1/I, 8/B)."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans("018", "OIB"))
    if len(cleaned) != 32:
        raise WrongKey(
            f"a recovery key has 32 letters and digits (8 groups of 4); this one has {len(cleaned)}"
        )
    try:
        return base64.b32decode(cleaned)
    except ValueError:
        raise WrongKey("that is not a recovery key: it has characters a recovery key never has") \
            from None


# -- key slots --------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeySlot:
    """A wrapped copy of the data key. `header` is stored verbatim: its bytes are the wrap's AAD."""

    slot_id: str
    kind: str  # "passphrase" or "recovery"
    header: str
    nonce: bytes
    wrapped: bytes

    def header_fields(self) -> dict[str, Any]:
        # Not checked to be a dict here: `_check_header` turns any wrong shape into DamagedData.
        return cast(dict[str, Any], json.loads(self.header))


def _slot_aad(header: str) -> bytes:
    return b"peer-journal/key-slot/v1\x00" + header.encode("utf-8")


def _wrap(kind: str, vault_id: str, kek: bytes, dek: bytes, kdf: dict[str, Any]) -> KeySlot:
    slot_id = secrets.token_hex(8)
    header = json.dumps(
        {"format": FORMAT, "kind": kind, "slot": slot_id, "vault": vault_id, "kdf": kdf},
        sort_keys=True,
        separators=(",", ":"),
    )
    nonce = os.urandom(NONCE_BYTES)
    wrapped = AESGCM(kek).encrypt(nonce, dek, _slot_aad(header))
    return KeySlot(slot_id, kind, header, nonce, wrapped)


def normalized(passphrase: str) -> str:
    """NFC: the same passphrase gives the same key however the system typed its accents (macOS
    and some keyboards produce "é" as "e" plus a combining accent, NFD)."""
    return unicodedata.normalize("NFC", passphrase)


def passphrase_slot(vault_id: str, dek: bytes, passphrase: str, params: KdfParams) -> KeySlot:
    salt = os.urandom(16)
    kek = derive_passphrase_key(normalized(passphrase), salt, params)
    kdf = {"name": "argon2id", "salt": _b64(salt), **params.to_json()}
    return _wrap("passphrase", vault_id, kek, dek, kdf)


def recovery_slot(vault_id: str, dek: bytes, recovery: bytes) -> KeySlot:
    salt = os.urandom(16)
    kek = derive_recovery_key(recovery, salt)
    return _wrap("recovery", vault_id, kek, dek, {"name": "hkdf-sha256", "salt": _b64(salt)})


def _check_header(slot: KeySlot, vault_id: str) -> dict[str, Any]:
    try:
        fields = slot.header_fields()
        if fields["vault"] != vault_id or fields["kind"] != slot.kind:
            raise DamagedData("key slot belongs to another journal")
        return fields
    except (ValueError, KeyError, TypeError):
        raise DamagedData("key slot header is damaged") from None


def _unwrap(slot: KeySlot, kek: bytes) -> bytes:
    if len(slot.nonce) != NONCE_BYTES:  # AES-GCM would raise an error of its own, not ours
        raise DamagedData("key slot is damaged (its nonce has the wrong length)")
    try:
        dek = AESGCM(kek).decrypt(slot.nonce, slot.wrapped, _slot_aad(slot.header))
    except InvalidTag:
        raise WrongKey("wrong key") from None
    if len(dek) != KEY_BYTES:
        raise DamagedData("key slot holds a key of the wrong size")
    return dek


def open_passphrase_slot(slot: KeySlot, vault_id: str, passphrase: str) -> bytes:
    return open_passphrase_slot_as(slot, vault_id, passphrase)[0]


def open_passphrase_slot_as(slot: KeySlot, vault_id: str, passphrase: str) -> tuple[bytes, bool]:
    """(the data key, True when the slot was made from the normalised passphrase). A slot made
    before passphrases were normalised opens with the form that made it, and should be
    rewrapped (`False`)."""
    fields = _check_header(slot, vault_id)
    try:
        kdf = fields["kdf"]
        if kdf["name"] != "argon2id":
            raise DamagedData(f"unknown key derivation {kdf['name']!r}")
        params = KdfParams.from_json(kdf)
        salt = _unb64(kdf["salt"])
        if len(salt) < SALT_MIN:  # Argon2 refuses it; this journal never makes one
            raise ValueError("salt too short")
    except (KeyError, ValueError, TypeError):
        raise DamagedData("key slot header is damaged") from None
    try:
        return _unwrap(slot, derive_passphrase_key(normalized(passphrase), salt, params)), True
    except WrongKey:
        if normalized(passphrase) == passphrase:
            raise
    return _unwrap(slot, derive_passphrase_key(passphrase, salt, params)), False


def open_recovery_slot(slot: KeySlot, vault_id: str, recovery: bytes) -> bytes:
    fields = _check_header(slot, vault_id)
    try:
        salt = _unb64(fields["kdf"]["salt"])
    except (KeyError, ValueError, TypeError):
        raise DamagedData("key slot header is damaged") from None
    return _unwrap(slot, derive_recovery_key(recovery, salt))


# -- sealed revisions -----------------------------------------------------------------------

@dataclass(frozen=True)
class RevisionPlace:
    """Where a revision lives. All of it is bound into the AEAD so a sealed blob cannot move."""

    vault_id: str
    item_id: str
    revision_id: str
    parents: tuple[str, ...]
    device_id: str
    clock: str
    deleted: bool

    def aad(self) -> bytes:
        return revision_aad(self.vault_id, self.item_id, self.revision_id, self.parents,
                            self.device_id, self.clock, self.deleted)


def join_parents(parents: Iterable[str]) -> str:
    """The one written form of a revision's parent ids: sorted, comma-joined.

    The database column, the sync segment header and the associated data below all use it, so a
    revision opens whichever of them its parents were read from, and in whatever order a caller
    happens to hold them (the store keeps heads newest first, not sorted). Every revision ever
    written was sealed with its parents sorted, so this is also the historical form.
    """
    return ",".join(sorted(parents))


def revision_aad(vault_id: str, item_id: str, revision_id: str, parents: tuple[str, ...],
                 device_id: str, clock: str, deleted: bool) -> bytes:
    """Associated data of a revision: its fields joined by the unit separator. The only place
    it is built: sealing (`RevisionPlace.aad`), loading heads and searching all come here.

    Ids are hex and clocks digits (checked before a remote revision is accepted), so the
    encoding is unambiguous; it is plain string joining, not JSON, because 20,000 of these are
    built on every search. Changing a byte here makes every existing revision fail to open:
    `tests/test_crypto.py` pins the exact bytes and a revision sealed by an earlier release.
    """
    return (
        f"peer-journal/revision\x1f{FORMAT}\x1f{vault_id}\x1f{item_id}\x1f{revision_id}\x1f"
        f"{join_parents(parents)}\x1f{device_id}\x1f{clock}\x1f{'1' if deleted else '0'}"
    ).encode("ascii")


class Sealer:
    """Seals and opens revision payloads with the data key. Holds the key; drop it to lock."""

    def __init__(self, dek: bytes) -> None:
        self._aead = AESGCM(dek)

    def seal(self, place: RevisionPlace, meta: bytes, body: str) -> tuple[bytes, bytes, bytes]:
        """Seal metadata (JSON bytes) and body; return (nonce, ciphertext, packed body).

        The body is kept apart from the metadata, so readers that only list can skip it.
        """
        zbody = pack_body(body)
        payload = pack_header(len(meta)) + meta + zbody
        nonce = os.urandom(NONCE_BYTES)
        return nonce, self._aead.encrypt(nonce, payload, place.aad()), zbody

    def open(self, place: RevisionPlace, nonce: bytes, sealed: bytes) -> tuple[bytes, bytes]:
        """Return (metadata JSON bytes, packed body). Unpack the body with `inflate_body`."""
        return self.open_with_aad(place.aad(), nonce, sealed)

    def open_with_aad(self, aad: bytes, nonce: bytes, sealed: bytes) -> tuple[bytes, bytes]:
        return split_payload(self.decrypt(aad, nonce, sealed))

    def decrypt(self, aad: bytes, nonce: bytes, sealed: bytes) -> bytes:
        """The whole authenticated payload (see `split_payload`)."""
        try:
            return self._aead.decrypt(nonce, sealed, aad)
        except (InvalidTag, ValueError):
            raise DamagedData("does not open: damaged, moved or tampered with") from None

    def encrypt(self, aad: bytes, payload: bytes) -> tuple[bytes, bytes]:
        """Seal an already packed payload (see `decrypt`) under a fresh nonce: a revision sealed
        anew under another key, its contents untouched (`journal rekey`)."""
        nonce = os.urandom(NONCE_BYTES)
        return nonce, self._aead.encrypt(nonce, payload, aad)

    def seal_blob(self, label: str, blob_id: str, data: bytes) -> tuple[bytes, bytes]:
        """Seal a local, unsynced blob (a draft, settings) bound to its label and id."""
        nonce = os.urandom(NONCE_BYTES)
        return nonce, self._aead.encrypt(nonce, data, f"peer-journal/{label}/{blob_id}".encode())

    def open_blob(self, label: str, blob_id: str, nonce: bytes, sealed: bytes) -> bytes:
        try:
            return self._aead.decrypt(nonce, sealed, f"peer-journal/{label}/{blob_id}".encode())
        except (InvalidTag, ValueError):
            raise DamagedData(f"{label} does not open: damaged or tampered with") from None
