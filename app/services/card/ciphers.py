"""Symmetric primitives of ICAO 9303 Part 11 §9.7–9.8, built on ``cryptography``:
ISO/IEC 9797-1 padding method 2, the key derivation function, and the two
secure-messaging cipher suites (3DES + Retail MAC for BAC; AES + CMAC for PACE/CA)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives import cmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from app.services.card.errors import SecureMessagingError


class CipherKind(StrEnum):
    DES3 = "3des"
    AES128 = "aes128"
    AES192 = "aes192"
    AES256 = "aes256"

    @property
    def key_length(self) -> int:
        return {"3des": 16, "aes128": 16, "aes192": 24, "aes256": 32}[self.value]

    @property
    def is_aes(self) -> bool:
        return self is not CipherKind.DES3


KDF_ENC = 1
KDF_MAC = 2
KDF_PI = 3  # PACE: the key that encrypts the nonce, from the password


def pad(data: bytes, block: int) -> bytes:
    """ISO/IEC 9797-1 padding method 2 (0x80 then zeros to a block boundary)."""
    padded = data + b"\x80"
    return padded + bytes(-len(padded) % block)


def unpad(data: bytes) -> bytes:
    stripped = data.rstrip(b"\x00")
    if not stripped or stripped[-1] != 0x80:
        raise SecureMessagingError("bad padding")
    return stripped[:-1]


def _set_odd_parity(key: bytes) -> bytes:
    return bytes(b & 0xFE | (bin(b >> 1).count("1") + 1) % 2 for b in key)


def kdf(shared: bytes, counter: int, kind: CipherKind) -> bytes:
    """ICAO 9303-11 §9.7.1: hash of (shared secret || 32-bit counter), cut to the key
    length; SHA-1 for 3DES and AES-128, SHA-256 for AES-192/256."""
    data = shared + counter.to_bytes(4, "big")
    if kind in (CipherKind.DES3, CipherKind.AES128):
        digest = hashlib.sha1(data).digest()
    else:
        digest = hashlib.sha256(data).digest()
    key = digest[: kind.key_length]
    # 3DES keys carry parity bits; ICAO's worked example shows them adjusted.
    return _set_odd_parity(key) if kind is CipherKind.DES3 else key


def _des3(key16: bytes) -> TripleDES:
    return TripleDES(key16 + key16[:8])  # two-key 3DES as K1 K2 K1


def des3_cbc_encrypt(key: bytes, data: bytes, iv: bytes = bytes(8)) -> bytes:
    enc = Cipher(_des3(key), modes.CBC(iv)).encryptor()
    return enc.update(data) + enc.finalize()


def des3_cbc_decrypt(key: bytes, data: bytes, iv: bytes = bytes(8)) -> bytes:
    dec = Cipher(_des3(key), modes.CBC(iv)).decryptor()
    return dec.update(data) + dec.finalize()


def retail_mac(key: bytes, padded: bytes) -> bytes:
    """ISO/IEC 9797-1 MAC algorithm 3 with DES (the 'Retail MAC'): single-DES CBC with
    K1 over every block, then the last block through 3DES (K1, K2, K1)."""
    if len(padded) % 8 or not padded:
        raise ValueError("retail MAC input must be padded to 8 bytes")
    k1 = key[:8]
    head, last = padded[:-8], padded[-8:]
    chain = bytes(8)
    if head:
        enc = Cipher(TripleDES(k1 * 3), modes.CBC(bytes(8))).encryptor()
        chain = (enc.update(head) + enc.finalize())[-8:]
    block = bytes(a ^ b for a, b in zip(chain, last, strict=True))
    final = Cipher(_des3(key), modes.ECB()).encryptor()
    return final.update(block) + final.finalize()


def aes_cbc_encrypt(key: bytes, data: bytes, iv: bytes = bytes(16)) -> bytes:
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return enc.update(data) + enc.finalize()


def aes_cbc_decrypt(key: bytes, data: bytes, iv: bytes = bytes(16)) -> bytes:
    dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return dec.update(data) + dec.finalize()


def aes_ecb_encrypt(key: bytes, block: bytes) -> bytes:
    enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return enc.update(block) + enc.finalize()


def aes_cmac(key: bytes, data: bytes) -> bytes:
    mac = cmac.CMAC(algorithms.AES(key))
    mac.update(data)
    return mac.finalize()


@dataclass(frozen=True, slots=True)
class SessionKeys:
    """Keys and counter that a secure-messaging channel starts from."""

    kind: CipherKind
    enc: bytes
    mac: bytes
    ssc: int = 0

    @classmethod
    def derive(cls, shared: bytes, kind: CipherKind, ssc: int = 0) -> SessionKeys:
        return cls(kind, kdf(shared, KDF_ENC, kind), kdf(shared, KDF_MAC, kind), ssc)

    @property
    def block(self) -> int:
        return 16 if self.kind.is_aes else 8

    def encrypt(self, ssc_bytes: bytes, padded: bytes) -> bytes:
        if self.kind.is_aes:
            # §9.8.6.2: AES IV = E(KSenc, SSC)
            return aes_cbc_encrypt(self.enc, padded, aes_ecb_encrypt(self.enc, ssc_bytes))
        return des3_cbc_encrypt(self.enc, padded)

    def decrypt(self, ssc_bytes: bytes, data: bytes) -> bytes:
        if len(data) % self.block or not data:
            raise SecureMessagingError("cryptogram is not whole blocks")
        if self.kind.is_aes:
            return aes_cbc_decrypt(self.enc, data, aes_ecb_encrypt(self.enc, ssc_bytes))
        return des3_cbc_decrypt(self.enc, data)

    def mac_of(self, padded: bytes) -> bytes:
        """Checksum over data already padded to the block size (8 bytes returned)."""
        if self.kind.is_aes:
            return aes_cmac(self.mac, padded)[:8]
        return retail_mac(self.mac, padded)
