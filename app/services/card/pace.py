"""PACE with ECDH generic mapping, ICAO 9303 Part 11 §4.4 (worked example: Appendix G).

Flow: MSE:Set AT → GENERAL AUTHENTICATE ×4 (encrypted nonce, mapping keys,
ephemeral keys, authentication tokens) → AES (or 3DES) secure messaging, SSC = 0.
Only the elliptic-curve generic mapping is implemented (what the Vietnamese cards and
nearly all passports offer); other mappings are reported as unsupported so the reader
falls back to BAC.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum

from app.services.card import der, ec, tlv
from app.services.card.apdu import CommandApdu, exchange
from app.services.card.ciphers import (
    KDF_PI,
    CipherKind,
    SessionKeys,
    aes_cbc_decrypt,
    aes_cmac,
    des3_cbc_decrypt,
    kdf,
    pad,
    retail_mac,
)
from app.services.card.errors import AuthenticationError, CardError, ParseError
from app.services.card.mrz_keys import MrzKey
from app.services.card.security_infos import PACE_ECDH_GM, PaceInfo
from app.services.card.transport import Transport


class PasswordRef(IntEnum):
    MRZ = 1
    CAN = 2


class PaceNotSupported(CardError):
    """The chip offers no PACE variant this reader implements."""


@dataclass(frozen=True, slots=True)
class PacePassword:
    ref: PasswordRef
    secret: bytes  # MRZ: SHA-1 of the MRZ information; CAN: the digits as ASCII

    def __repr__(self) -> str:
        return f"PacePassword({self.ref.name}, <hidden>)"

    @classmethod
    def from_can(cls, can: str) -> PacePassword:
        return cls(PasswordRef.CAN, can.encode("ascii"))

    @classmethod
    def from_mrz(cls, key: MrzKey) -> PacePassword:
        return cls(PasswordRef.MRZ, key.pace_secret())


def password_key(password: PacePassword, cipher: CipherKind) -> bytes:
    """K_pi = KDF(K, 3)."""
    return kdf(password.secret, KDF_PI, cipher)


def decrypt_nonce(k_pi: bytes, encrypted: bytes, cipher: CipherKind) -> bytes:
    if cipher.is_aes:
        return aes_cbc_decrypt(k_pi, encrypted)
    return des3_cbc_decrypt(k_pi, encrypted)


def map_generator(curve: ec.Curve, nonce: bytes, shared_point: ec.Point) -> tuple[int, int]:
    """Generic mapping: G~ = s·G + H."""
    mapped = curve.add(curve.mul(int.from_bytes(nonce, "big"), curve.g), shared_point)
    if mapped is None:
        raise AuthenticationError("mapped generator is the point at infinity")
    return mapped


def token_input(oid: str, public_key: bytes) -> bytes:
    """Public key data object 7F49 { 06 OID, 86 point } that the tokens authenticate."""
    return tlv.encode(0x7F49, tlv.encode(0x06, der.encode_oid(oid)) + tlv.encode(0x86, public_key))


def auth_token(keys: SessionKeys, oid: str, public_key: bytes) -> bytes:
    data = token_input(oid, public_key)
    if keys.kind.is_aes:
        return aes_cmac(keys.mac, data)[:8]
    return retail_mac(keys.mac, pad(data, 8))


def _dynamic_auth(tag: int, value: bytes) -> bytes:
    return tlv.encode(0x7C, tlv.encode(tag, value) if tag else value)


def _answer(data: bytes, tag: int) -> bytes:
    try:
        outer = tlv.parse_single(data, 0x7C)
        item = outer.find(tag)
    except ParseError as exc:
        raise AuthenticationError("malformed GENERAL AUTHENTICATE answer") from exc
    if item is None:
        raise AuthenticationError(f"GENERAL AUTHENTICATE answer lacks tag {tag:X}")
    return item.value


def _general_authenticate(transport: Transport, body: bytes, last: bool, step: str) -> bytes:
    cla = 0x00 if last else 0x10  # command chaining until the last step
    response = exchange(transport, CommandApdu(cla, 0x86, 0x00, 0x00, body, ne=256))
    if response.sw != 0x9000:
        raise AuthenticationError(f"PACE {step} refused: SW {response.sw:04X}")
    return response.data


def choose(infos: list[PaceInfo]) -> PaceInfo:
    usable = [
        i
        for i in infos
        if i.mapping == PACE_ECDH_GM and i.version == 2 and i.parameter_id in ec.STANDARD_CURVES
    ]
    if not usable:
        raise PaceNotSupported("no ECDH generic mapping with standard parameters")
    # Prefer AES-128 (what the cards advertise first) then the stronger suites.
    order = [CipherKind.AES128, CipherKind.AES256, CipherKind.AES192, CipherKind.DES3]
    return min(usable, key=lambda i: order.index(i.cipher))


def perform_pace(
    transport: Transport,
    info: PaceInfo,
    password: PacePassword,
    ambiguous: bool = False,
    scalar: Callable[[ec.Curve], int] | None = None,
) -> SessionKeys:
    """Run PACE; return the session keys (SSC 0). ``scalar`` replaces the random
    choice of the terminal's private keys (tests replay the ICAO example with it).
    Raises ``AuthenticationError`` when the password is wrong."""
    if info.mapping != PACE_ECDH_GM or info.parameter_id not in ec.STANDARD_CURVES:
        raise PaceNotSupported(info.oid)
    curve = ec.STANDARD_CURVES[info.parameter_id]
    cipher = info.cipher
    pick = scalar or (lambda c: c.random_scalar())

    set_at = tlv.encode(0x80, der.encode_oid(info.oid)) + tlv.encode(0x83, bytes([password.ref]))
    if ambiguous and info.parameter_id is not None:
        set_at += tlv.encode(0x84, bytes([info.parameter_id]))
    response = exchange(transport, CommandApdu(0x00, 0x22, 0xC1, 0xA4, set_at))
    if response.sw != 0x9000:
        raise PaceNotSupported(f"MSE:Set AT refused: SW {response.sw:04X}")

    # 1. encrypted nonce
    encrypted = _answer(
        _general_authenticate(transport, _dynamic_auth(0, b""), False, "nonce"), 0x80
    )
    nonce = decrypt_nonce(password_key(password, cipher), encrypted, cipher)

    # 2. mapping
    sk_map = pick(curve)
    pk_map = curve.mul(sk_map, curve.g)
    answer = _general_authenticate(
        transport, _dynamic_auth(0x81, curve.encode(pk_map)), False, "mapping"
    )
    pk_map_ic = _decode_point(curve, _answer(answer, 0x82))
    shared = curve.mul(sk_map, pk_map_ic)
    generator = map_generator(curve, nonce, shared)

    # 3. key agreement on the mapped generator
    sk_eph = pick(curve)
    pk_eph = curve.mul(sk_eph, generator)
    answer = _general_authenticate(
        transport, _dynamic_auth(0x83, curve.encode(pk_eph)), False, "key agreement"
    )
    pk_eph_ic_bytes = _answer(answer, 0x84)
    pk_eph_ic = _decode_point(curve, pk_eph_ic_bytes)
    if pk_eph_ic == pk_eph:
        raise AuthenticationError("chip echoed the terminal's ephemeral key")
    secret_point = curve.mul(sk_eph, pk_eph_ic)
    if secret_point is None:
        raise AuthenticationError("shared secret is the point at infinity")
    keys = SessionKeys.derive(secret_point[0].to_bytes(curve.size, "big"), cipher)

    # 4. mutual authentication with tokens over the other side's ephemeral key
    t_ifd = auth_token(keys, info.oid, pk_eph_ic_bytes)
    answer = _general_authenticate(transport, _dynamic_auth(0x85, t_ifd), True, "token")
    if _answer(answer, 0x86) != auth_token(keys, info.oid, curve.encode(pk_eph)):
        raise AuthenticationError("chip authentication token does not verify")
    return keys


def _decode_point(curve: ec.Curve, data: bytes) -> tuple[int, int]:
    try:
        return curve.decode(data)
    except ParseError as exc:
        raise AuthenticationError("chip sent an invalid public key") from exc
