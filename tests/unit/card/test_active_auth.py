"""Active Authentication signatures: RSA ISO/IEC 9796-2 scheme 1 (ICAO worked
example values, SHA-1 and SHA-256 trailers) and ECDSA plain r||s."""

from __future__ import annotations

import hashlib
import os

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from app.services.card import ec as own_ec
from app.services.card.active_auth import perform_active_auth, verify_ecdsa, verify_rsa_9796_2
from app.services.card.public_keys import AaPublicKey
from app.services.card.security_infos import EcPublicKey
from app.services.card.transport import FunctionTransport
from app.services.identity import Verdict

H = bytes.fromhex
# ICAO 9303-11 worked example "Active Authentication": k = 1024, SHA-1
ICAO_RND_IFD = H("F173589974BF40C6")
ICAO_F = H(
    "6A9D2784A67F8E7C659973EA1AEA25D95B6C8F91E5002F369F0FBDCE8A3CEC19"
    "91B543F1696546C5524CF23A5303CD6C98599F40B79F377B5F3A1406B3B4D8F9"
    "6784D23AA88DB7E1032A405E69325FA91A6E86F5C71AEA978264C4A207446DAD"
    "4E7292E2DCDA3024B47DA8C063AA1E6D22FBD976AB0FE73D94D2D9C6D88127BC"
)


@pytest.fixture(scope="module")
def rsa_1024():
    return rsa.generate_private_key(65537, 1024)


def _sign_raw(key: rsa.RSAPrivateKey, f: bytes) -> bytes:
    numbers = key.private_numbers()
    n = numbers.public_numbers.n
    return pow(int.from_bytes(f, "big"), numbers.d, n).to_bytes((n.bit_length() + 7) // 8, "big")


def _message_f(key: rsa.RSAPrivateKey, challenge: bytes, hash_name: str) -> bytes:
    size = key.key_size // 8
    digest_len = hashlib.new(hash_name).digest_size
    trailer = b"\xbc" if hash_name == "sha1" else b"\x34\xcc"
    m1 = os.urandom(size - 1 - digest_len - len(trailer))
    return b"\x6a" + m1 + hashlib.new(hash_name, m1 + challenge).digest() + trailer


def test_icao_worked_example_message_representative(rsa_1024):
    # the example's hash H is SHA-1 over M1 || RND.IFD
    assert hashlib.sha1(ICAO_F[1:107] + ICAO_RND_IFD).digest() == ICAO_F[107:127]
    signature = _sign_raw(rsa_1024, ICAO_F)
    assert verify_rsa_9796_2(rsa_1024.public_key(), ICAO_RND_IFD, signature)
    assert not verify_rsa_9796_2(rsa_1024.public_key(), H("F173589974BF40C7"), signature)


@pytest.mark.parametrize("hash_name", ["sha1", "sha256"])
def test_rsa_trailers(rsa_1024, hash_name):
    challenge = os.urandom(8)
    signature = _sign_raw(rsa_1024, _message_f(rsa_1024, challenge, hash_name))
    assert verify_rsa_9796_2(rsa_1024.public_key(), challenge, signature)
    assert not verify_rsa_9796_2(rsa_1024.public_key(), os.urandom(8), signature)


def test_rsa_alternative_representative(rsa_1024):
    """Chips may return n - s; F is then recovered as n - (s^e mod n)."""
    challenge = os.urandom(8)
    f = _message_f(rsa_1024, challenge, "sha1")
    n = rsa_1024.public_key().public_numbers().n
    numbers = rsa_1024.private_numbers()
    s = pow(int.from_bytes(f, "big"), numbers.d, n)
    assert verify_rsa_9796_2(rsa_1024.public_key(), challenge, (n - s).to_bytes(128, "big"))


def test_rsa_signature_by_another_key_fails(rsa_1024):
    challenge = os.urandom(8)
    other = rsa.generate_private_key(65537, 1024)
    signature = _sign_raw(other, _message_f(other, challenge, "sha1"))
    assert not verify_rsa_9796_2(rsa_1024.public_key(), challenge, signature)


def _plain_rs(private: ec.EllipticCurvePrivateKey, message: bytes, size: int) -> bytes:
    r, s = decode_dss_signature(private.sign(message, ec.ECDSA(hashes.SHA256())))
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def _aa_key(private: ec.EllipticCurvePrivateKey) -> AaPublicKey:
    numbers = private.public_key().public_numbers()
    curve = own_ec.curve_by_name(private.curve.name)
    assert curve is not None
    return AaPublicKey(ec=EcPublicKey(curve, (numbers.x, numbers.y)))


def test_ecdsa_plain_signature():
    private = ec.generate_private_key(ec.BrainpoolP256R1())
    challenge = os.urandom(8)
    key = _aa_key(private)
    assert verify_ecdsa(key, challenge, _plain_rs(private, challenge, 32), "sha256")
    assert not verify_ecdsa(key, os.urandom(8), _plain_rs(private, challenge, 32), "sha256")


def test_ecdsa_on_a_curve_cryptography_lacks():
    """brainpoolP320r1: sign and verify with this package's own arithmetic."""
    curve = own_ec.BRAINPOOL_P320R1
    d = curve.random_scalar()
    challenge = os.urandom(8)
    z = int.from_bytes(hashlib.sha256(challenge).digest(), "big")
    k = curve.random_scalar()
    point = curve.mul(k, curve.g)
    assert point is not None
    r = point[0] % curve.n
    s = pow(k, -1, curve.n) * (z + r * d) % curve.n
    public = curve.mul(d, curve.g)
    assert public is not None
    key = AaPublicKey(ec=EcPublicKey(curve, public))
    signature = r.to_bytes(40, "big") + s.to_bytes(40, "big")
    assert verify_ecdsa(key, challenge, signature, "sha256")
    assert not verify_ecdsa(key, challenge, signature[:-1] + bytes([signature[-1] ^ 1]), "sha256")


def test_internal_authenticate_exchange(rsa_1024):
    sent = []

    def chip(apdu: bytes) -> bytes:
        sent.append(apdu)
        challenge = apdu[5:13]
        return _sign_raw(rsa_1024, _message_f(rsa_1024, challenge, "sha1")) + b"\x90\x00"

    key = AaPublicKey(rsa=rsa_1024.public_key())
    assert perform_active_auth(FunctionTransport(chip), key) is Verdict.PASSED
    assert sent[0][:5] == H("0088000008") and len(sent[0]) == 14
    clone = rsa.generate_private_key(65537, 1024)

    def cloned_chip(apdu: bytes) -> bytes:
        return _sign_raw(clone, _message_f(clone, apdu[5:13], "sha1")) + b"\x90\x00"

    assert perform_active_auth(FunctionTransport(cloned_chip), key) is Verdict.FAILED
    assert perform_active_auth(FunctionTransport(chip), None) is Verdict.NOT_SUPPORTED
