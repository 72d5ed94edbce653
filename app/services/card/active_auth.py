"""Active Authentication (ICAO 9303-11 §6.1): the chip signs a random challenge with
the private key matching DG15, proving it is not a copy of the data onto another chip.
RSA uses ISO/IEC 9796-2 digital signature scheme 1 (message recovery); ECDSA returns
a plain r||s signature (BSI TR-03111)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec as crypto_ec
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from app.services.card import ec
from app.services.card.apdu import CommandApdu, exchange
from app.services.card.public_keys import AaPublicKey
from app.services.card.transport import Transport
from app.services.identity import Verdict

# ISO/IEC 10118-3 hash identifiers used in two-byte 9796-2 trailers (XX CC)
_TRAILER_HASHES = {0x33: "sha1", 0x34: "sha256", 0x35: "sha512", 0x36: "sha384", 0x38: "sha224"}
_ECDSA_HASHES = {
    "1.2.840.10045.4.1": "sha1",
    "1.2.840.10045.4.3.1": "sha224",
    "1.2.840.10045.4.3.2": "sha256",
    "1.2.840.10045.4.3.3": "sha384",
    "1.2.840.10045.4.3.4": "sha512",
}
_CRYPTO_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


def verify_rsa_9796_2(key: rsa.RSAPublicKey, challenge: bytes, signature: bytes) -> bool:
    """ISO/IEC 9796-2 scheme 1: recover F = s^e mod n, check header, trailer, and
    that hash(M1 || challenge) equals the recovered digest."""
    numbers = key.public_numbers()
    n, e = numbers.n, numbers.e
    size = (n.bit_length() + 7) // 8
    s = int.from_bytes(signature, "big")
    if not 0 < s < n:
        return False
    f_int = pow(s, e, n)
    # Some chips return min(s, n - s) (ISO 9796-2 'alternative'): F then ends in 0x?C
    # only for one of the two representatives.
    for candidate in (f_int, n - f_int):
        f = candidate.to_bytes(size, "big")
        if f[-1] == 0xBC:
            hash_name, trailer = "sha1", 1
        elif f[-1] == 0xCC and f[-2] in _TRAILER_HASHES:
            hash_name, trailer = _TRAILER_HASHES[f[-2]], 2
        else:
            continue
        hash_len = hashlib.new(hash_name).digest_size
        if f[0] & 0xC0 != 0x40:
            return False
        body = f[1 : len(f) - trailer - hash_len]
        if not f[0] & 0x20:  # full recovery: skip padding nibbles B..BA
            marker = body.find(b"\xba")
            if marker < 0:
                return False
            body = body[marker + 1 :]
        digest = f[len(f) - trailer - hash_len : len(f) - trailer]
        return hashlib.new(hash_name, body + challenge).digest() == digest
    return False


def _split_ecdsa(signature: bytes, order_size: int) -> tuple[int, int] | None:
    if len(signature) == 2 * order_size:
        return int.from_bytes(signature[:order_size], "big"), int.from_bytes(
            signature[order_size:], "big"
        )
    # Some chips answer DER (SEQUENCE of two INTEGERs) instead of plain r||s.
    try:
        from asn1crypto.algos import DSASignature

        parsed = DSASignature.load(signature).native
        return int(parsed["r"]), int(parsed["s"])
    except (ValueError, TypeError, KeyError):
        return None


def _ecdsa_verify_own(
    curve: ec.Curve, point: tuple[int, int], digest: bytes, r: int, s: int
) -> bool:
    """ECDSA verification with this package's arithmetic, for curves ``cryptography``
    lacks (brainpool 192/224/320)."""
    if not (0 < r < curve.n and 0 < s < curve.n):
        return False
    z = int.from_bytes(digest, "big")
    excess = len(digest) * 8 - curve.n.bit_length()
    if excess > 0:
        z >>= excess
    w = pow(s, -1, curve.n)
    total = curve.add(curve.mul(z * w % curve.n, curve.g), curve.mul(r * w % curve.n, point))
    return total is not None and total[0] % curve.n == r


def verify_ecdsa(key: AaPublicKey, challenge: bytes, signature: bytes, hash_name: str) -> bool:
    assert key.ec is not None
    curve = key.ec.curve
    rs = _split_ecdsa(signature, (curve.n.bit_length() + 7) // 8)
    if rs is None:
        return False
    r, s = rs
    crypto_key = key.cryptography_ec()
    if crypto_key is None:
        digest = hashlib.new(hash_name, challenge).digest()
        return _ecdsa_verify_own(curve, key.ec.point, digest, r, s)
    try:
        crypto_key.verify(
            encode_dss_signature(r, s), challenge, crypto_ec.ECDSA(_CRYPTO_HASHES[hash_name]())
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def perform_active_auth(
    transport: Transport,
    key: AaPublicKey | None,
    signature_algorithm: str = "",
    random: Callable[[int], bytes] = os.urandom,
) -> Verdict:
    if key is None:
        return Verdict.NOT_SUPPORTED
    challenge = random(8)
    response = exchange(transport, CommandApdu(0x00, 0x88, 0x00, 0x00, challenge, ne=256))
    if response.sw != 0x9000 or not response.data:
        return Verdict.FAILED
    if key.rsa is not None:
        ok = verify_rsa_9796_2(key.rsa, challenge, response.data)
    else:
        hash_name = _ECDSA_HASHES.get(signature_algorithm, "sha256")
        ok = verify_ecdsa(key, challenge, response.data, hash_name)
    return Verdict.PASSED if ok else Verdict.FAILED
