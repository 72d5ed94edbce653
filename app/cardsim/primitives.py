"""Card-side symmetric cryptography of ICAO Doc 9303 Part 11, on ``cryptography`` primitives.

Written from the standard for the emulator alone (the reader has its own
implementation, so each catches the other's mistakes):
- padding: ISO/IEC 9797-1 method 2 (§9.8.6);
- 3DES-CBC with zero IV and the "retail MAC" (ISO/IEC 9797-1 MAC algorithm 3, DES);
- AES-CBC and AES-CMAC truncated to 8 bytes (§9.8.6.2, §4.4.3.4);
- the key derivation function KDF(K, c) of §9.7.1.
"""

from __future__ import annotations

import hashlib

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives import cmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

KDF_ENC = 1
KDF_MAC = 2
KDF_PACE = 3


def pad(data: bytes, block: int) -> bytes:
    """ISO/IEC 9797-1 padding method 2: 0x80 then zeros up to the block size."""
    data += b"\x80"
    return data + bytes(-len(data) % block)


def unpad(data: bytes) -> bytes:
    stripped = data.rstrip(b"\x00")
    if not stripped.endswith(b"\x80"):
        raise ValueError("bad ISO/IEC 9797-1 padding")
    return stripped[:-1]


def adjust_parity(key: bytes) -> bytes:
    """DES keys carry odd parity in the low bit of each byte (FIPS 46-3)."""
    out = bytearray()
    for byte in key:
        high = byte & 0xFE
        out.append(high | ((bin(high).count("1") + 1) & 1))
    return bytes(out)


def kdf(secret: bytes, counter: int, cipher: str) -> bytes:
    """ICAO 9303-11 §9.7.1: keys from a shared secret and a 32-bit counter."""
    data = secret + counter.to_bytes(4, "big")
    if cipher == "3DES":
        return adjust_parity(hashlib.sha1(data).digest()[:16])
    if cipher == "AES-128":
        return hashlib.sha1(data).digest()[:16]
    if cipher == "AES-192":
        return hashlib.sha256(data).digest()[:24]
    if cipher == "AES-256":
        return hashlib.sha256(data).digest()
    raise ValueError(f"unknown cipher {cipher}")


def _des_key(key: bytes) -> bytes:
    """24-byte 3DES key: single DES (K‖K‖K) and two-key 3DES (K1‖K2‖K1) expanded."""
    if len(key) == 8:
        return key * 3
    if len(key) == 16:
        return key + key[:8]
    return key


def _run(cipher: Cipher, data: bytes, encrypt: bool) -> bytes:
    ctx = cipher.encryptor() if encrypt else cipher.decryptor()
    return ctx.update(data) + ctx.finalize()


def des3_cbc(key: bytes, data: bytes, *, encrypt: bool = True, iv: bytes = bytes(8)) -> bytes:
    return _run(Cipher(TripleDES(_des_key(key)), modes.CBC(iv)), data, encrypt)


def aes_cbc(key: bytes, data: bytes, *, encrypt: bool = True, iv: bytes = bytes(16)) -> bytes:
    return _run(Cipher(algorithms.AES(key), modes.CBC(iv)), data, encrypt)


def aes_ecb_block(key: bytes, block: bytes) -> bytes:
    return _run(Cipher(algorithms.AES(key), modes.ECB()), block, True)


def retail_mac(key: bytes, message: bytes) -> bytes:
    """ISO/IEC 9797-1 MAC algorithm 3 with DES and padding method 2 (8 bytes)."""
    padded = pad(message, 8)
    ka, kb = key[:8], key[8:16]
    # Single-DES CBC over every block with Ka, then decrypt with Kb and encrypt with Ka
    # on the last one. TripleDES with K‖K‖K is single DES.
    last = des3_cbc(ka, padded)[-8:]
    last = _run(Cipher(TripleDES(_des_key(kb)), modes.ECB()), last, False)
    return _run(Cipher(TripleDES(_des_key(ka)), modes.ECB()), last, True)


def aes_cmac8(key: bytes, message: bytes) -> bytes:
    mac = cmac.CMAC(algorithms.AES(key))
    mac.update(message)
    return mac.finalize()[:8]
