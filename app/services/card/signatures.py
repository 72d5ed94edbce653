"""Verifying the signatures of passive authentication: EF.SOD's SignerInfo (RFC 5652
§5.6), certificates (DSC by CSCA) and master lists.

Every algorithm real documents use: ``rsaEncryption`` with the digest taken from the
SignerInfo's ``digestAlgorithm`` (allowed by RFC 5652 and common on Document Signers),
``sha*WithRSAEncryption``, RSASSA-PSS (RFC 4055, defaults SHA-1/MGF1-SHA-1/20),
ECDSA with SHA-1 or any SHA-2 (DER signatures, and BSI TR-03111 plain r‖s).

Keys are taken from the SubjectPublicKeyInfo with asn1crypto, not with OpenSSL: EC keys
with explicit domain parameters (``specifiedCurve``, e.g. German DSCs) are matched to
the named curve, and when the parameters are of no named curve the signature is still
checked with the parameters themselves. RSA keys that OpenSSL refuses (non-strict DER)
are rebuilt from their modulus and exponent. What is truly unusable raises
``UnsupportedKey``: the officer then sees "cannot check" (amber), never "not genuine".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from asn1crypto import algos, cms, keys
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec as crypto_ec
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from app.services.card import ec
from app.services.card.active_auth import _ecdsa_verify_own, _split_ecdsa
from app.services.card.errors import ParseError
from app.services.card.public_keys import _CRYPTOGRAPHY_CURVES

_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}
_RSA = "1.2.840.113549.1.1."
_RSA_PKCS1: dict[str, str | None] = {
    _RSA + "1": None,  # rsaEncryption: the digest comes from digestAlgorithm
    _RSA + "5": "sha1",
    _RSA + "14": "sha224",
    _RSA + "11": "sha256",
    _RSA + "12": "sha384",
    _RSA + "13": "sha512",
}
RSASSA_PSS = _RSA + "10"
_ECDSA_DER: dict[str, str | None] = {
    "1.2.840.10045.2.1": None,  # id-ecPublicKey used as a signature algorithm (seen)
    "1.2.840.10045.4.1": "sha1",
    "1.2.840.10045.4.3.1": "sha224",
    "1.2.840.10045.4.3.2": "sha256",
    "1.2.840.10045.4.3.3": "sha384",
    "1.2.840.10045.4.3.4": "sha512",
}
_BSI = "0.4.0.127.0.7.1.1.4.1."  # ecdsa-plain-signatures (BSI TR-03111 §5.2.1)
_ECDSA_PLAIN = {_BSI + "1": "sha1", _BSI + "2": "sha224", _BSI + "3": "sha256",
                _BSI + "4": "sha384", _BSI + "5": "sha512"}  # fmt: skip


class UnsupportedKey(ParseError):
    """A key or algorithm this reader cannot check (not a proof of forgery)."""


@dataclass(frozen=True, slots=True)
class SignerKey:
    """An RSA key, or an EC point with its curve (and ``cryptography``'s key when it
    knows the curve, which is faster)."""

    rsa: rsa.RSAPublicKey | None = None
    curve: ec.Curve | None = None
    point: tuple[int, int] | None = None
    crypto_ec: crypto_ec.EllipticCurvePublicKey | None = None


def _explicit_curve(spec: keys.SpecifiedECDomain) -> ec.Curve:
    field = spec["field_id"]
    if field["field_type"].native != "prime_field":
        raise UnsupportedKey("characteristic-two curves are not supported")
    p = int(field["parameters"].native)
    a = int.from_bytes(spec["curve"]["a"].native, "big")
    b = int.from_bytes(spec["curve"]["b"].native, "big")
    base = bytes(spec["base"].native)
    size = (p.bit_length() + 7) // 8
    if len(base) != 1 + 2 * size or base[0] != 4:
        raise UnsupportedKey("compressed or malformed base point")
    gx, gy = int.from_bytes(base[1 : 1 + size], "big"), int.from_bytes(base[1 + size :], "big")
    known = ec.curve_by_params(p, a, b, gx, gy)
    if known is not None:
        return known
    # Not a named curve: verify with the parameters themselves.
    order = int(spec["order"].native)
    cofactor = spec["cofactor"].native
    curve = ec.Curve("explicit", p, a % p, b, gx, gy, order, int(cofactor or 1))
    if not curve.contains(curve.g) or order < 2:
        raise UnsupportedKey("explicit curve parameters are inconsistent")
    return curve


def signer_key(info: keys.PublicKeyInfo) -> SignerKey:
    """The key of a certificate or master-list signer, as leniently as is safe."""
    try:
        algorithm = info["algorithm"]["algorithm"].native
        if algorithm in ("rsa", "rsassa_pss"):
            try:
                loaded = serialization.load_der_public_key(info.dump())
                if isinstance(loaded, rsa.RSAPublicKey):
                    return SignerKey(rsa=loaded)
            except (ValueError, UnsupportedAlgorithm):
                pass  # OpenSSL is stricter than DER needs: rebuild from the numbers
            numbers = info["public_key"].parsed
            n, e = int(numbers["modulus"].native), int(numbers["public_exponent"].native)
            return SignerKey(rsa=rsa.RSAPublicNumbers(e, n).public_key())
        if algorithm == "ec":
            params = info["algorithm"]["parameters"]
            if params.name == "named":
                curve = ec.curve_by_name(params.chosen.native)
                if curve is None:
                    raise UnsupportedKey(f"named curve {params.chosen.dotted} unknown")
            elif params.name == "specified":
                curve = _explicit_curve(params.chosen)
            else:
                raise UnsupportedKey("implicitCA curve parameters")
            point = curve.decode(bytes(info["public_key"].native))
            cls = _CRYPTOGRAPHY_CURVES.get(curve.name)
            crypto_key = (
                crypto_ec.EllipticCurvePublicNumbers(point[0], point[1], cls()).public_key()
                if cls is not None
                else None
            )
            return SignerKey(curve=curve, point=point, crypto_ec=crypto_key)
    except UnsupportedKey:
        raise
    except Exception as exc:  # asn1crypto/cryptography raise many types on junk
        raise UnsupportedKey(f"signer key unreadable ({type(exc).__name__})") from exc
    raise UnsupportedKey(f"signer key type {algorithm} not supported")


def _hash(name: str | None) -> type[hashes.HashAlgorithm]:
    cls = _HASHES.get(name or "")
    if cls is None:
        raise UnsupportedKey(f"digest {name} not supported")
    return cls


def _verify_ecdsa(key: SignerKey, digest: str, r: int, s: int, message: bytes) -> bool:
    if key.crypto_ec is not None:
        try:
            key.crypto_ec.verify(
                encode_dss_signature(r, s), message, crypto_ec.ECDSA(_hash(digest)())
            )
        except (InvalidSignature, ValueError):
            return False
        return True
    assert key.curve is not None and key.point is not None
    _hash(digest)
    return _ecdsa_verify_own(key.curve, key.point, hashlib.new(digest, message).digest(), r, s)


def _pss(params: algos.RSASSAPSSParams | None) -> tuple[padding.PSS, hashes.HashAlgorithm]:
    """RFC 4055 §3.1; absent fields take their defaults (SHA-1, MGF1-SHA-1, 20)."""
    native = params.native if params is not None and params.native else {}
    hash_name = (native.get("hash_algorithm") or {}).get("algorithm", "sha1")
    mgf = native.get("mask_gen_algorithm") or {}
    if mgf and mgf.get("algorithm") != "mgf1":
        raise UnsupportedKey("PSS mask generation other than MGF1")
    mgf_hash = (mgf.get("parameters") or {}).get("algorithm", "sha1")
    salt = native.get("salt_length", 20)
    return padding.PSS(padding.MGF1(_hash(mgf_hash)()), int(salt)), _hash(hash_name)()


def verify(
    key: SignerKey,
    algorithm: algos.SignedDigestAlgorithm,
    digest_name: str,
    signature: bytes,
    message: bytes,
) -> bool:
    """True when ``signature`` over ``message`` verifies. ``digest_name`` is the
    SignerInfo digestAlgorithm, used when the signature OID names no digest. Raises
    ``UnsupportedKey`` for an algorithm or key/algorithm pair this reader cannot check."""
    oid = algorithm["algorithm"].dotted
    if oid in _RSA_PKCS1 or oid == RSASSA_PSS:
        if key.rsa is None:
            return False  # an RSA algorithm with an EC key cannot be a valid signature
        try:
            if oid == RSASSA_PSS:
                params = algorithm["parameters"]
                pad, hash_ = _pss(params if isinstance(params, algos.RSASSAPSSParams) else None)
                key.rsa.verify(signature, message, pad, hash_)
            else:
                digest = _RSA_PKCS1[oid] or digest_name
                key.rsa.verify(signature, message, padding.PKCS1v15(), _hash(digest)())
        except (InvalidSignature, ValueError):
            return False
        return True
    if oid in _ECDSA_DER or oid in _ECDSA_PLAIN:
        if key.curve is None:
            return False
        digest = _ECDSA_DER.get(oid) or _ECDSA_PLAIN.get(oid) or digest_name
        order_size = (key.curve.n.bit_length() + 7) // 8
        rs = _split_ecdsa(signature, order_size)
        return rs is not None and _verify_ecdsa(key, digest, rs[0], rs[1], message)
    raise UnsupportedKey(f"signature algorithm {oid} not supported")


def signed_message(signer: cms.SignerInfo, content: bytes) -> tuple[bytes, str] | None:
    """The bytes a SignerInfo's signature covers and its digest name; None when the
    signed attributes' messageDigest does not match the content (RFC 5652 §5.4)."""
    digest_name = signer["digest_algorithm"]["algorithm"].native
    attrs = signer["signed_attrs"]
    if not attrs:
        return content, digest_name
    if digest_name not in hashlib.algorithms_available:
        return None
    digest = hashlib.new(digest_name, content).digest()
    message_digest = next(
        (a["values"][0].native for a in attrs if a["type"].native == "message_digest"), None
    )
    if message_digest != digest:
        return None
    # Signed attributes are signed as an explicit SET OF (tag 31), not as [0].
    return b"\x31" + attrs.dump()[1:], digest_name
