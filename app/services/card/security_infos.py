"""SecurityInfos (ICAO 9303-11 §9.2) as found in EF.CardAccess and DG14: which
PACE, Chip Authentication, Terminal Authentication and Active Authentication
variants the chip offers. Unknown entries are skipped, as §9.2 allows."""

from __future__ import annotations

from dataclasses import dataclass, field

from asn1crypto.keys import ECDomainParameters

from app.services.card import der, ec, tlv
from app.services.card.ciphers import CipherKind
from app.services.card.errors import ParseError, parse_guard

ID_PACE = "0.4.0.127.0.7.2.2.4"
ID_CA = "0.4.0.127.0.7.2.2.3"
ID_PK = "0.4.0.127.0.7.2.2.1"
ID_TA = "0.4.0.127.0.7.2.2.2"
ID_AA = "2.23.136.1.1.5"
ID_EC_PUBLIC_KEY = "1.2.840.10045.2.1"

_CIPHER_BY_LAST_ARC = {
    1: CipherKind.DES3,
    2: CipherKind.AES128,
    3: CipherKind.AES192,
    4: CipherKind.AES256,
}
# The mapping/agreement arc under id-PACE: 1 DH-GM, 2 ECDH-GM, 3 DH-IM, 4 ECDH-IM, 6 ECDH-CAM
PACE_ECDH_GM = 2


@dataclass(frozen=True, slots=True)
class PaceInfo:
    oid: str
    version: int
    parameter_id: int | None

    @property
    def mapping(self) -> int:
        return int(self.oid.split(".")[-2])

    @property
    def cipher(self) -> CipherKind:
        return _CIPHER_BY_LAST_ARC[int(self.oid.split(".")[-1])]


@dataclass(frozen=True, slots=True)
class ChipAuthInfo:
    oid: str
    version: int
    key_id: int | None

    @property
    def is_ecdh(self) -> bool:
        return self.oid.startswith(ID_CA + ".2.")

    @property
    def cipher(self) -> CipherKind:
        return _CIPHER_BY_LAST_ARC[int(self.oid.split(".")[-1])]


@dataclass(frozen=True, slots=True)
class EcPublicKey:
    curve: ec.Curve
    point: tuple[int, int]

    def encoded(self) -> bytes:
        return self.curve.encode(self.point)


@dataclass(frozen=True, slots=True)
class ChipAuthPublicKey:
    oid: str  # id-PK-ECDH or id-PK-DH
    key: EcPublicKey | None  # None for DH keys (not supported here)
    key_id: int | None


@dataclass(frozen=True, slots=True)
class ActiveAuthInfo:
    version: int
    signature_algorithm: str  # e.g. ecdsa-with-SHA256 1.2.840.10045.4.3.2


@dataclass(slots=True)
class SecurityInfos:
    pace: list[PaceInfo] = field(default_factory=list)
    chip_auth: list[ChipAuthInfo] = field(default_factory=list)
    chip_auth_keys: list[ChipAuthPublicKey] = field(default_factory=list)
    terminal_auth: bool = False
    active_auth: ActiveAuthInfo | None = None


def parse_ec_domain(params: bytes) -> ec.Curve:
    """Named-curve OID or explicit ECParameters → a curve this package knows."""
    try:
        domain = ECDomainParameters.load(params)
        if domain.name == "named":
            curve = ec.curve_by_name(domain.chosen.native)
        elif domain.name == "specified":
            spec = domain.chosen
            p = spec["field_id"]["parameters"].native
            a = int.from_bytes(spec["curve"]["a"].native, "big")
            b = int.from_bytes(spec["curve"]["b"].native, "big")
            base = spec["base"].native
            size = (p.bit_length() + 7) // 8
            if len(base) != 1 + 2 * size or base[0] != 4:
                raise ParseError("unsupported base point encoding")
            gx = int.from_bytes(base[1 : 1 + size], "big")
            gy = int.from_bytes(base[1 + size :], "big")
            curve = ec.curve_by_params(p, a, b, gx, gy)
        else:
            curve = None
    except ParseError:
        raise
    except Exception as exc:  # asn1crypto raises ValueError/TypeError on junk
        raise ParseError("malformed EC domain parameters") from exc
    if curve is None:
        raise ParseError("unknown elliptic curve")
    return curve


def parse_subject_public_key(spki: tlv.Tlv) -> EcPublicKey | None:
    """SubjectPublicKeyInfo with an EC key (id-ecPublicKey or id-PK-ECDH); None if DH."""
    parts = der.expect(spki, der.TAG_SEQUENCE).children()
    if len(parts) != 2:
        raise ParseError("SubjectPublicKeyInfo needs two parts")
    algorithm = der.expect(parts[0], der.TAG_SEQUENCE).children()
    oid = der.decode_oid(der.expect(algorithm[0], der.TAG_OID).value)
    if oid not in (ID_EC_PUBLIC_KEY, ID_PK + ".2"):
        return None
    if len(algorithm) < 2:
        raise ParseError("EC key without domain parameters")
    params = algorithm[1]
    curve = parse_ec_domain(tlv.encode(params.tag, params.value))
    bits = der.expect(parts[1], der.TAG_BIT_STRING).value
    if not bits or bits[0] != 0:
        raise ParseError("public key bit string has unused bits")
    return EcPublicKey(curve, curve.decode(bits[1:]))


def _optional_int(items: list[tlv.Tlv], index: int) -> int | None:
    if len(items) > index and items[index].tag == der.TAG_INTEGER:
        return der.decode_int(items[index].value)
    return None


@parse_guard
def parse_security_infos(data: bytes) -> SecurityInfos:
    """EF.CardAccess content (a SET) or DG14 content (tag 6E wrapping the SET)."""
    top = tlv.parse_single(data)
    if top.tag == 0x6E:
        top = tlv.parse_single(top.value)
    der.expect(top, der.TAG_SET)
    infos = SecurityInfos()
    for entry in top.children():
        items = der.expect(entry, der.TAG_SEQUENCE).children()
        if not items:
            raise ParseError("empty SecurityInfo")
        oid = der.decode_oid(der.expect(items[0], der.TAG_OID).value)
        if oid.startswith(ID_PACE + ".") and len(oid.split(".")) == 11:
            if int(oid.split(".")[-1]) not in _CIPHER_BY_LAST_ARC:
                continue
            version = der.decode_int(der.expect(items[1], der.TAG_INTEGER).value)
            infos.pace.append(PaceInfo(oid, version, _optional_int(items, 2)))
        elif oid.startswith(ID_CA + ".") and len(oid.split(".")) == 11:
            if int(oid.split(".")[-1]) not in _CIPHER_BY_LAST_ARC:
                continue
            version = der.decode_int(der.expect(items[1], der.TAG_INTEGER).value)
            infos.chip_auth.append(ChipAuthInfo(oid, version, _optional_int(items, 2)))
        elif oid in (ID_PK + ".1", ID_PK + ".2"):
            if len(items) < 2:
                raise ParseError("ChipAuthenticationPublicKeyInfo without key")
            key = parse_subject_public_key(items[1])
            infos.chip_auth_keys.append(ChipAuthPublicKey(oid, key, _optional_int(items, 2)))
        elif oid == ID_TA:
            infos.terminal_auth = True
        elif oid == ID_AA:
            version = der.decode_int(der.expect(items[1], der.TAG_INTEGER).value)
            algorithm = (
                der.decode_oid(der.expect(items[2], der.TAG_OID).value) if len(items) > 2 else ""
            )
            infos.active_auth = ActiveAuthInfo(version, algorithm)
    return infos
