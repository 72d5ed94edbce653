"""Chip Authentication (ICAO 9303-11 §6.2): ephemeral-static ECDH with the chip's DG14
key. Only the genuine chip knows the private key, so only it can continue secure
messaging under the new session keys; the caller proves this by reading on."""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric import ec as crypto_ec

from app.services.card import der, tlv
from app.services.card.apdu import CommandApdu, exchange
from app.services.card.ciphers import CipherKind, SessionKeys
from app.services.card.errors import CardError
from app.services.card.public_keys import _CRYPTOGRAPHY_CURVES
from app.services.card.security_infos import ChipAuthInfo, ChipAuthPublicKey, SecurityInfos
from app.services.card.transport import Transport


class ChipAuthRefused(CardError):
    """The chip refused the Chip Authentication commands."""


@dataclass(frozen=True, slots=True)
class ChipAuthPlan:
    info: ChipAuthInfo | None  # None: DG14 lists a key but no ChipAuthenticationInfo
    key: ChipAuthPublicKey

    @property
    def cipher(self) -> CipherKind:
        # Without a ChipAuthenticationInfo, ICAO says 3DES (the original EAC v1 default).
        return self.info.cipher if self.info else CipherKind.DES3


def plan(infos: SecurityInfos) -> ChipAuthPlan | None:
    """The (info, key) pair to use, or None when the chip offers no EC Chip
    Authentication that this reader implements."""
    keys = [k for k in infos.chip_auth_keys if k.key is not None]
    if not keys:
        return None
    for info in infos.chip_auth:
        if not info.is_ecdh:
            continue
        for key in keys:
            if info.key_id is None or key.key_id is None or info.key_id == key.key_id:
                return ChipAuthPlan(info, key)
    if not infos.chip_auth:
        return ChipAuthPlan(None, keys[0])
    return None


def _agree(plan_: ChipAuthPlan) -> tuple[bytes, bytes]:
    """(our ephemeral public key encoded, shared secret x-coordinate)."""
    chip_key = plan_.key.key
    assert chip_key is not None
    curve = chip_key.curve
    curve_cls = _CRYPTOGRAPHY_CURVES.get(curve.name)
    if curve_cls is not None:
        private = crypto_ec.generate_private_key(curve_cls())
        peer = crypto_ec.EllipticCurvePublicNumbers(*chip_key.point, curve_cls()).public_key()
        shared = private.exchange(crypto_ec.ECDH(), peer)
        numbers = private.public_key().public_numbers()
        return curve.encode((numbers.x, numbers.y)), shared
    secret = curve.random_scalar()
    point = curve.mul(secret, chip_key.point)
    assert point is not None
    return curve.encode(curve.mul(secret, curve.g)), point[0].to_bytes(curve.size, "big")


def perform_chip_auth(transport: Transport, plan_: ChipAuthPlan) -> SessionKeys:
    """Send our ephemeral key under the current secure messaging; return the new
    session keys (SSC 0). The caller must switch to them and read to verify."""
    ephemeral, shared = _agree(plan_)
    key_id = plan_.info.key_id if plan_.info else plan_.key.key_id
    key_ref = (
        tlv.encode(0x84, key_id.to_bytes((key_id.bit_length() + 7) // 8 or 1, "big"))
        if key_id is not None
        else b""
    )
    if plan_.info is None or plan_.cipher is CipherKind.DES3:
        # MSE:Set KAT carries the ephemeral key directly (3DES variant).
        data = tlv.encode(0x91, ephemeral) + key_ref
        response = exchange(transport, CommandApdu(0x00, 0x22, 0x41, 0xA6, data))
        if response.sw != 0x9000:
            raise ChipAuthRefused(f"MSE:Set KAT refused: SW {response.sw:04X}")
    else:
        data = tlv.encode(0x80, der.encode_oid(plan_.info.oid)) + key_ref
        response = exchange(transport, CommandApdu(0x00, 0x22, 0x41, 0xA4, data))
        if response.sw != 0x9000:
            raise ChipAuthRefused(f"MSE:Set AT refused: SW {response.sw:04X}")
        body = tlv.encode(0x7C, tlv.encode(0x80, ephemeral))
        response = exchange(transport, CommandApdu(0x00, 0x86, 0x00, 0x00, body, ne=256))
        if response.sw != 0x9000:
            raise ChipAuthRefused(f"GENERAL AUTHENTICATE refused: SW {response.sw:04X}")
    return SessionKeys.derive(shared, plan_.cipher)
