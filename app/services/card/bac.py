"""Basic Access Control, ICAO 9303 Part 11 §4.3: 3DES challenge-response that proves
knowledge of the MRZ key and yields session keys and the starting SSC."""

from __future__ import annotations

import os
from collections.abc import Callable

from app.services.card.apdu import CommandApdu, exchange
from app.services.card.ciphers import (
    KDF_ENC,
    KDF_MAC,
    CipherKind,
    SessionKeys,
    des3_cbc_decrypt,
    des3_cbc_encrypt,
    kdf,
    pad,
    retail_mac,
)
from app.services.card.errors import AuthenticationError
from app.services.card.mrz_keys import MrzKey
from app.services.card.transport import Transport


def access_keys(key: MrzKey) -> tuple[bytes, bytes]:
    """(K_enc, K_mac) from the MRZ key."""
    seed = key.seed()
    return kdf(seed, KDF_ENC, CipherKind.DES3), kdf(seed, KDF_MAC, CipherKind.DES3)


def build_authentication(
    k_enc: bytes, k_mac: bytes, rnd_ic: bytes, rnd_ifd: bytes, k_ifd: bytes
) -> bytes:
    """EXTERNAL AUTHENTICATE data: E_IFD || M_IFD over RND.IFD || RND.IC || K.IFD."""
    e_ifd = des3_cbc_encrypt(k_enc, rnd_ifd + rnd_ic + k_ifd)
    return e_ifd + retail_mac(k_mac, pad(e_ifd, 8))


def finish_authentication(
    k_enc: bytes, k_mac: bytes, response: bytes, rnd_ic: bytes, rnd_ifd: bytes, k_ifd: bytes
) -> SessionKeys:
    """Check the chip's answer and derive the session keys and SSC."""
    if len(response) != 40:
        raise AuthenticationError("mutual authentication answer has the wrong length")
    e_ic, m_ic = response[:32], response[32:]
    if retail_mac(k_mac, pad(e_ic, 8)) != m_ic:
        raise AuthenticationError("chip cryptogram MAC does not verify")
    r = des3_cbc_decrypt(k_enc, e_ic)
    if r[:8] != rnd_ic or r[8:16] != rnd_ifd:
        raise AuthenticationError("chip did not return our challenge")
    k_ic = r[16:32]
    seed = bytes(a ^ b for a, b in zip(k_ifd, k_ic, strict=True))
    ssc = int.from_bytes(rnd_ic[4:] + rnd_ifd[4:], "big")
    return SessionKeys.derive(seed, CipherKind.DES3, ssc)


def perform_bac(
    transport: Transport, key: MrzKey, random: Callable[[int], bytes] = os.urandom
) -> SessionKeys:
    """GET CHALLENGE + MUTUAL AUTHENTICATE. Raises ``AuthenticationError`` on wrong
    keys (the chip answers 6300 or a cryptogram that does not verify)."""
    k_enc, k_mac = access_keys(key)
    rnd_ic = exchange(transport, CommandApdu(0x00, 0x84, 0, 0, ne=8)).check()
    if len(rnd_ic) != 8:
        raise AuthenticationError("challenge has the wrong length")
    rnd_ifd, k_ifd = random(8), random(16)
    data = build_authentication(k_enc, k_mac, rnd_ic, rnd_ifd, k_ifd)
    response = exchange(transport, CommandApdu(0x00, 0x82, 0, 0, data, ne=40))
    if response.sw != 0x9000:
        raise AuthenticationError(f"mutual authentication refused: SW {response.sw:04X}")
    return finish_authentication(k_enc, k_mac, response.data, rnd_ic, rnd_ifd, k_ifd)
