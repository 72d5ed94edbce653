"""DG15: the Active Authentication public key (RSA or EC), as a ``cryptography`` key
when the curve is one it supports, else as this package's ``EcPublicKey``."""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric import ec as crypto_ec
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import load_der_public_key

from app.services.card import tlv
from app.services.card.errors import ParseError, parse_guard
from app.services.card.security_infos import EcPublicKey, parse_subject_public_key

_CRYPTOGRAPHY_CURVES: dict[str, type[crypto_ec.EllipticCurve]] = {
    "secp192r1": crypto_ec.SECP192R1,
    "secp224r1": crypto_ec.SECP224R1,
    "secp256r1": crypto_ec.SECP256R1,
    "secp384r1": crypto_ec.SECP384R1,
    "secp521r1": crypto_ec.SECP521R1,
    "brainpoolP256r1": crypto_ec.BrainpoolP256R1,
    "brainpoolP384r1": crypto_ec.BrainpoolP384R1,
    "brainpoolP512r1": crypto_ec.BrainpoolP512R1,
}


@dataclass(frozen=True, slots=True)
class AaPublicKey:
    rsa: rsa.RSAPublicKey | None = None
    ec: EcPublicKey | None = None

    def cryptography_ec(self) -> crypto_ec.EllipticCurvePublicKey | None:
        """The EC key for ``cryptography`` if it knows the curve."""
        if self.ec is None:
            return None
        curve_cls = _CRYPTOGRAPHY_CURVES.get(self.ec.curve.name)
        if curve_cls is None:
            return None
        x, y = self.ec.point
        return crypto_ec.EllipticCurvePublicNumbers(x, y, curve_cls()).public_key()


@parse_guard
def parse_dg15(data: bytes) -> AaPublicKey:
    top = tlv.parse_single(data, 0x6F)
    spki = tlv.parse_single(top.value)
    encoded = tlv.encode(spki.tag, spki.value)
    ec_key = parse_subject_public_key(spki)
    if ec_key is not None:
        return AaPublicKey(ec=ec_key)
    try:
        key = load_der_public_key(encoded)
    except (ValueError, TypeError) as exc:
        raise ParseError("DG15 key does not load") from exc
    if not isinstance(key, rsa.RSAPublicKey):
        raise ParseError("DG15 key is neither RSA nor EC")
    return AaPublicKey(rsa=key)
