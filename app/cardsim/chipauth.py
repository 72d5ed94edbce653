"""Chip Authentication and Active Authentication, chip side (ICAO Doc 9303 Part 11 §6).

- Chip Authentication (§6.2): ECDH between the DG14 private key and the terminal's
  ephemeral key; new session keys, SSC back to zero.
- Active Authentication (§6.1): the chip signs the terminal's 8-byte challenge with the
  private key whose public half is in DG15 — RSA with ISO/IEC 9796-2 digital signature
  scheme 1 (SHA-1, partial message recovery) or ECDSA in plain r‖s format.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from app.cardsim import primitives as pr
from app.cardsim.apdu import SW_WRONG_DATA, ApduError
from app.cardsim.sm import SecureChannel


def chip_authentication(
    private_key: ec.EllipticCurvePrivateKey, terminal_public: bytes, cipher: str
) -> SecureChannel:
    try:
        peer = ec.EllipticCurvePublicKey.from_encoded_point(private_key.curve, terminal_public)
    except ValueError as exc:
        raise ApduError(SW_WRONG_DATA, "terminal key is not a point of the CA curve") from exc
    shared = private_key.exchange(ec.ECDH(), peer)
    return SecureChannel(
        cipher,
        pr.kdf(shared, pr.KDF_ENC, cipher),
        pr.kdf(shared, pr.KDF_MAC, cipher),
        ssc=0,
    )


def active_authentication(
    private_key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey,
    challenge: bytes,
    rng: Callable[[int], bytes],
) -> bytes:
    if isinstance(private_key, ec.EllipticCurvePrivateKey):
        der = private_key.sign(challenge, ec.ECDSA(hashes.SHA256()))
        r, s = decode_dss_signature(der)
        size = (private_key.curve.key_size + 7) // 8
        return r.to_bytes(size, "big") + s.to_bytes(size, "big")
    return iso9796_2_scheme1_sign(private_key, challenge, rng)


def iso9796_2_scheme1_sign(
    private_key: rsa.RSAPrivateKey, m2: bytes, rng: Callable[[int], bytes]
) -> bytes:
    """F = '6A' ‖ M1 ‖ SHA-1(M1 ‖ M2) ‖ 'BC', signature = F^d mod n.

    M1 is a chip nonce filling the block (Doc 9303-11 §6.1.2.2), M2 the challenge,
    which the terminal knows and so is not recovered.
    """
    numbers = private_key.private_numbers()
    n = numbers.public_numbers.n
    k = (n.bit_length() + 7) // 8
    m1 = rng(k - 2 - 20)
    f = b"\x6a" + m1 + hashlib.sha1(m1 + m2).digest() + b"\xbc"
    # Raw RSA: cryptography has no textbook-RSA primitive, and 9796-2 needs one.
    signature = pow(int.from_bytes(f, "big"), numbers.d, n)
    return signature.to_bytes(k, "big")
