"""Attachment files at rest: AES-GCM with a key from the database secret."""

from __future__ import annotations

import os

import pytest

from app.errors import ErrorKind, UserError
from app.services.security import blobs
from app.services.security.keys import KeySet

SCAN = b"%PDF-1.7\n" + os.urandom(4096)


@pytest.fixture
def keys() -> KeySet:
    keys = KeySet(os.urandom(32))
    blobs.use_keys(keys)
    return keys


def test_round_trip_and_nothing_readable_in_the_file(keys):
    stored = blobs.encrypt_blob(SCAN)
    assert SCAN[:64] not in stored and b"%PDF" not in stored
    assert blobs.decrypt_blob(stored) == SCAN


def test_same_content_twice_gives_different_files(keys):
    assert blobs.encrypt_blob(SCAN) != blobs.encrypt_blob(SCAN)  # a fresh nonce per file


@pytest.mark.parametrize("where", [0, 5, 13, 20, 100, -1])
def test_any_changed_byte_is_refused_with_a_clear_error(keys, where):
    stored = bytearray(blobs.encrypt_blob(SCAN))
    stored[where] ^= 0x01
    with pytest.raises(UserError) as err:
        blobs.decrypt_blob(bytes(stored))
    assert err.value.kind is ErrorKind.ATTACHMENT_TAMPERED


def test_truncated_or_foreign_files_are_refused(keys):
    stored = blobs.encrypt_blob(SCAN)
    for bad in (stored[:-1], stored[:20], b"", SCAN):
        with pytest.raises(UserError) as err:
            blobs.decrypt_blob(bad)
        assert err.value.kind is ErrorKind.ATTACHMENT_TAMPERED


def test_a_file_from_another_database_key_does_not_open(keys):
    stored = blobs.encrypt_blob(SCAN)
    blobs.use_keys(KeySet(os.urandom(32)))
    with pytest.raises(UserError) as err:
        blobs.decrypt_blob(stored)
    assert err.value.kind is ErrorKind.ATTACHMENT_TAMPERED


def test_files_from_before_a_rotation_still_open_until_re_encrypted(keys):
    stored = blobs.encrypt_blob(SCAN)
    rotated = keys.begin_rotation(os.urandom(32)).database_switched()
    blobs.use_keys(rotated)
    assert blobs.decrypt_blob(stored) == SCAN
    cipher = blobs.BlobCipher(rotated)
    assert not cipher.is_current(stored) and cipher.is_current(blobs.encrypt_blob(SCAN))


def test_using_blobs_before_the_database_is_open_is_a_bug():
    blobs.use_keys(None)
    with pytest.raises(RuntimeError):
        blobs.encrypt_blob(SCAN)
