"""The local data secret: one random 256-bit value per database, and the keys made from it.

The secret itself never touches the disk in clear (unless an administrator chose a
key file, see ``keystore.py``). Two keys are derived from it with HKDF-SHA256, one per
use, so the database key and the attachment key are independent even though one
secret protects both:

* ``database_key``  — the raw 256-bit SQLCipher key (``PRAGMA key = "x'…'"``);
* ``blob_key``      — the AES-256-GCM key for attachment files;
* ``key_id``        — 8 public bytes that name the secret inside each encrypted file,
  so a file written before a key rotation is opened with the right key.

A ``KeySet`` is what a key store holds: the current secret plus, during a rotation,
the ``next`` one (written before ``PRAGMA rekey`` so a crash mid-way loses nothing)
and the ``previous`` one (kept until every attachment is re-encrypted). It also
names the one database it belongs to (``store_identity.py``): the ``store_id``
written inside that database and the hash of its first audit record, so a file put
in its place is refused even when it opens.
"""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass, replace

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SECRET_BYTES = 32
KEYSET_VERSION = 2
LEGACY_KEYSET_VERSION = 1  # before the store identity: the secrets only


def new_secret() -> bytes:
    return secrets.token_bytes(SECRET_BYTES)


def new_store_id() -> str:
    return uuid.uuid4().hex


def _derive(secret: bytes, purpose: bytes, length: int = 32) -> bytes:
    if len(secret) != SECRET_BYTES:
        raise ValueError("the data secret must be 32 bytes")
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=purpose).derive(secret)


def database_key(secret: bytes) -> bytes:
    return _derive(secret, b"MotCua/sqlcipher/v1")


def blob_key(secret: bytes) -> bytes:
    return _derive(secret, b"MotCua/attachments/v1")


def key_id(secret: bytes) -> bytes:
    return _derive(secret, b"MotCua/key-id/v1", 8)


def sqlcipher_pragma_value(secret: bytes) -> str:
    """The raw-key form SQLCipher accepts: no passphrase KDF, the key is used as is."""
    return f"\"x'{database_key(secret).hex()}'\""


@dataclass(frozen=True, slots=True)
class KeySet:
    current: bytes
    next: bytes | None = None  # a rotation is under way: the database may already use it
    previous: bytes | None = None  # a rotation finished for the database, not yet for files
    # Which database these keys belong to. ``store_id`` is None only for an entry
    # saved before identities existed (bound at its next open).
    store_id: str | None = None
    # True once the database file was created and carries ``store_id``: from then on
    # a missing file means a database was lost, not a first start.
    created: bool = True
    first_audit_hash: str | None = None  # bound once the first audit record exists

    @classmethod
    def for_new_store(cls) -> KeySet:
        return cls(new_secret(), store_id=new_store_id(), created=False)

    def to_json(self) -> str:
        def hx(value: bytes | None) -> str | None:
            return None if value is None else value.hex()

        return json.dumps(
            {
                "v": KEYSET_VERSION,
                "current": hx(self.current),
                "next": hx(self.next),
                "previous": hx(self.previous),
                "store_id": self.store_id,
                "created": self.created,
                "first_audit_hash": self.first_audit_hash,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> KeySet:
        raw = json.loads(text)
        if not isinstance(raw, dict) or raw.get("v") not in (KEYSET_VERSION, LEGACY_KEYSET_VERSION):
            raise ValueError("unknown key set format")

        def un(value: object) -> bytes | None:
            if value is None:
                return None
            if not isinstance(value, str):
                raise ValueError("key is not hex text")
            data = bytes.fromhex(value)
            if len(data) != SECRET_BYTES:
                raise ValueError("key has the wrong length")
            return data

        def text_or_none(value: object) -> str | None:
            if value is not None and not isinstance(value, str):
                raise ValueError("identity is not text")
            return value

        current = un(raw.get("current"))
        if current is None:
            raise ValueError("no current key")
        return cls(
            current,
            un(raw.get("next")),
            un(raw.get("previous")),
            store_id=text_or_none(raw.get("store_id")),
            # A legacy entry was only ever saved for a database that was then created.
            created=bool(raw.get("created", True)),
            first_audit_hash=text_or_none(raw.get("first_audit_hash")),
        )

    def all_secrets(self) -> list[bytes]:
        """Every secret a file may be encrypted with, most likely first."""
        return [s for s in (self.current, self.previous, self.next) if s is not None]

    def begin_rotation(self, new: bytes) -> KeySet:
        return replace(self, next=new)

    def database_switched(self) -> KeySet:
        assert self.next is not None
        return replace(self, current=self.next, next=None, previous=self.current)

    def files_switched(self) -> KeySet:
        return replace(self, next=None, previous=None)
