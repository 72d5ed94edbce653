"""Attachment files encrypted at rest with AES-256-GCM.

File layout: ``MCB1`` | key id (8 bytes) | nonce (12 random bytes) | ciphertext + tag.
The magic and key id are authenticated as associated data, so changing any byte of
the file — header included — makes decryption fail. The key comes from the same
secret as the database key (HKDF, see ``keys.py``); the key id says which secret,
so files written before a key rotation still open until they are re-encrypted.

The attachment's identity (its SHA-256 file name) is computed on the *plaintext* by
the caller: the same scan keeps the same name whatever the key. After decrypting,
callers should compare the plaintext's SHA-256 with the name they asked for: that
also catches two valid files swapped on disk.

The app calls ``use_keys`` once the local database is open; ``encrypt_blob`` and
``decrypt_blob`` then work with that database's secret.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.errors import ErrorKind, UserError
from app.services.security.keys import KeySet, blob_key, key_id

MAGIC = b"MCB1"
_KEY_ID_LEN = 8
_NONCE_LEN = 12
_HEADER_LEN = len(MAGIC) + _KEY_ID_LEN
_TAG_LEN = 16


def is_encrypted_blob(data: bytes) -> bool:
    return data[: len(MAGIC)] == MAGIC


class BlobCipher:
    def __init__(self, keys: KeySet) -> None:
        self._current_id = key_id(keys.current)
        self._by_id = {key_id(s): AESGCM(blob_key(s)) for s in keys.all_secrets()}

    def encrypt(self, plaintext: bytes) -> bytes:
        header = MAGIC + self._current_id
        nonce = os.urandom(_NONCE_LEN)  # random 96-bit nonce: one per file
        return header + nonce + self._by_id[self._current_id].encrypt(nonce, plaintext, header)

    def decrypt(self, data: bytes) -> bytes:
        if len(data) < _HEADER_LEN + _NONCE_LEN + _TAG_LEN or not is_encrypted_blob(data):
            raise UserError(ErrorKind.ATTACHMENT_TAMPERED, detail="not an encrypted attachment")
        header, kid = data[:_HEADER_LEN], data[len(MAGIC) : _HEADER_LEN]
        aead = self._by_id.get(kid)
        if aead is None:
            raise UserError(ErrorKind.ATTACHMENT_TAMPERED, detail="encrypted with an unknown key")
        nonce = data[_HEADER_LEN : _HEADER_LEN + _NONCE_LEN]
        try:
            return aead.decrypt(nonce, data[_HEADER_LEN + _NONCE_LEN :], header)
        except InvalidTag as exc:
            raise UserError(ErrorKind.ATTACHMENT_TAMPERED, detail="authentication failed") from exc

    def is_current(self, data: bytes) -> bool:
        return is_encrypted_blob(data) and data[len(MAGIC) : _HEADER_LEN] == self._current_id


_active: BlobCipher | None = None


def use_keys(keys: KeySet | None) -> None:
    """Set (or, with None, forget) the keys of the open local database."""
    global _active
    _active = None if keys is None else BlobCipher(keys)


def _cipher() -> BlobCipher:
    if _active is None:
        raise RuntimeError("attachment keys not set: open the local database first")
    return _active


def encrypt_blob(plaintext: bytes) -> bytes:
    return _cipher().encrypt(plaintext)


def decrypt_blob(ciphertext: bytes) -> bytes:
    """The plaintext, or UserError(ATTACHMENT_TAMPERED) for an altered or foreign file."""
    return _cipher().decrypt(ciphertext)
