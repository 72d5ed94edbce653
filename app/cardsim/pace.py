"""PACE with ECDH generic mapping, chip side (ICAO Doc 9303 Part 11 §4.4, Appendix G.1).

The four GENERAL AUTHENTICATE steps:
1. the chip sends z = E(K_π, s) for a random nonce s;
2. mapping keys are exchanged, H = SK_Map,IC · PK_Map,IFD, and G~ = s·G + H;
3. ephemeral keys on G~ are exchanged, K = x(SK_DH,IC · PK_DH,IFD) gives KSenc, KSmac;
4. authentication tokens T = MAC(KSmac, 7F49{06 OID, 86 PK_other}) are exchanged.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric import ec

from app.cardsim import primitives as pr
from app.cardsim.apdu import (
    SW_CONDITIONS_NOT_SATISFIED,
    SW_VERIFICATION_FAILED,
    SW_WRONG_DATA,
    ApduError,
)
from app.cardsim.ec_math import PACE_DOMAIN_PARAMETERS
from app.cardsim.lds_asn1 import PACE_CIPHERS
from app.cardsim.sm import SecureChannel
from app.cardsim.tlv import TlvError, read_tlv, tlv, tlv_dict

PASSWORD_MRZ = 0x01
PASSWORD_CAN = 0x02

Random = Callable[[int], bytes]


def password_key(reference: int, *, mrz_information: bytes, can: str | None) -> bytes:
    """K = f(π) (§4.4.3.1): SHA-1 of the MRZ information, or the CAN itself."""
    if reference == PASSWORD_MRZ:
        return hashlib.sha1(mrz_information).digest()
    if reference == PASSWORD_CAN and can:
        return can.encode("ascii")
    raise ApduError(SW_WRONG_DATA, "password reference not supported")


def oid_body(dotted: str) -> bytes:
    """DER content octets of an OBJECT IDENTIFIER."""
    arcs = [int(x) for x in dotted.split(".")]
    out = bytearray([arcs[0] * 40 + arcs[1]])
    for arc in arcs[2:]:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        out += bytes(reversed(chunk))
    return bytes(out)


def random_scalar(rng: Random, n: int) -> int:
    while True:
        k = int.from_bytes(rng((n.bit_length() + 7) // 8), "big")
        if 1 <= k < n:
            return k


@dataclass
class PaceChip:
    """One PACE run on the chip, created by MSE:Set AT."""

    oid: str
    parameter_id: int
    password: bytes  # K = f(π)
    rng: Random
    step: int = 1
    _s: int = 0
    _g_mapped: tuple[int, int] | None = None
    _pk_dh_ifd: bytes = b""
    _pk_dh_ic: bytes = b""
    _ks: tuple[bytes, bytes] = (b"", b"")
    cipher: str = field(init=False)

    def __post_init__(self) -> None:
        if self.oid not in PACE_CIPHERS or self.parameter_id not in PACE_DOMAIN_PARAMETERS:
            raise ApduError(SW_WRONG_DATA, "PACE protocol or domain parameters not supported")
        self.cipher = PACE_CIPHERS[self.oid]
        self.curve, self.ec_curve = PACE_DOMAIN_PARAMETERS[self.parameter_id]

    def _token(self, ks_mac: bytes, public_point: bytes) -> bytes:
        data = tlv(0x7F49, tlv(0x06, oid_body(self.oid)) + tlv(0x86, public_point))
        if self.cipher == "3DES":
            return pr.retail_mac(ks_mac, data)
        return pr.aes_cmac8(ks_mac, data)

    def general_authenticate(self, data: bytes) -> tuple[bytes, SecureChannel | None]:
        """Answer one step; the channel is returned with the last step's answer."""
        try:
            tag, inner, end = read_tlv(data)
            objects = tlv_dict(inner)
        except TlvError as exc:
            raise ApduError(SW_WRONG_DATA, "malformed dynamic authentication data") from exc
        if tag != 0x7C or end != len(data):
            raise ApduError(SW_WRONG_DATA, "expected dynamic authentication data 7C")
        handlers = {1: self._nonce, 2: self._map, 3: self._agree, 4: self._confirm}
        handler = handlers.get(self.step)
        if handler is None:
            raise ApduError(SW_CONDITIONS_NOT_SATISFIED, "PACE already finished")
        return handler(objects)

    def _nonce(self, objects: dict[int, bytes]) -> tuple[bytes, None]:
        if objects:
            raise ApduError(SW_WRONG_DATA, "step 1 takes an empty 7C")
        nonce = self.rng(16)
        self._s = int.from_bytes(nonce, "big")
        k_pi = pr.kdf(self.password, pr.KDF_PACE, self.cipher)
        z = pr.des3_cbc(k_pi, nonce) if self.cipher == "3DES" else pr.aes_cbc(k_pi, nonce)
        self.step = 2
        return tlv(0x7C, tlv(0x80, z)), None

    def _point(self, objects: dict[int, bytes], tag: int) -> tuple[bytes, tuple[int, int]]:
        if tag not in objects:
            raise ApduError(SW_WRONG_DATA, f"missing data object {tag:02X}")
        try:
            return objects[tag], self.curve.decode(objects[tag])
        except ValueError as exc:
            raise ApduError(SW_WRONG_DATA, "public key is not a point of the curve") from exc

    def _map(self, objects: dict[int, bytes]) -> tuple[bytes, None]:
        _, pk_map_ifd = self._point(objects, 0x81)
        sk_map = random_scalar(self.rng, self.curve.n)
        pk_map_ic = _public_point(sk_map, self.ec_curve)
        if pk_map_ic == pk_map_ifd:  # §4.4.3.3.1: the chip must check they differ
            raise ApduError(SW_WRONG_DATA, "mapping keys are equal")
        # cryptography's ECDH yields only x; the mapping needs the whole point H.
        h = self.curve.mul(sk_map, pk_map_ifd)
        s_g = _public_point(self._s, self.ec_curve)
        mapped = self.curve.add(s_g, h)
        if mapped is None:
            raise ApduError(SW_WRONG_DATA, "mapped generator is the point at infinity")
        self._g_mapped = mapped
        self.step = 3
        return tlv(0x7C, tlv(0x82, self.curve.encode(pk_map_ic))), None

    def _agree(self, objects: dict[int, bytes]) -> tuple[bytes, None]:
        raw_ifd, pk_dh_ifd = self._point(objects, 0x83)
        sk_dh = random_scalar(self.rng, self.curve.n)
        pk_dh_ic = self.curve.mul(sk_dh, self._g_mapped)
        if pk_dh_ic == pk_dh_ifd:
            raise ApduError(SW_WRONG_DATA, "ephemeral keys are equal")
        # The peer key lies on the same curve (only the generator changed), so
        # cryptography can do this ECDH.
        private = ec.derive_private_key(sk_dh, self.ec_curve)
        peer = ec.EllipticCurvePublicKey.from_encoded_point(self.ec_curve, raw_ifd)
        shared = private.exchange(ec.ECDH(), peer)
        self._ks = (
            pr.kdf(shared, pr.KDF_ENC, self.cipher),
            pr.kdf(shared, pr.KDF_MAC, self.cipher),
        )
        self._pk_dh_ifd = raw_ifd
        self._pk_dh_ic = self.curve.encode(pk_dh_ic)
        self.step = 4
        return tlv(0x7C, tlv(0x84, self._pk_dh_ic)), None

    def _confirm(self, objects: dict[int, bytes]) -> tuple[bytes, SecureChannel]:
        if 0x85 not in objects:
            raise ApduError(SW_WRONG_DATA, "missing terminal token 85")
        ks_enc, ks_mac = self._ks
        expected = self._token(ks_mac, self._pk_dh_ic)
        self.step = 5
        if not hmac.compare_digest(expected, objects[0x85]):
            raise ApduError(SW_VERIFICATION_FAILED, "terminal token does not verify")
        t_ic = self._token(ks_mac, self._pk_dh_ifd)
        return tlv(0x7C, tlv(0x86, t_ic)), SecureChannel(self.cipher, ks_enc, ks_mac, ssc=0)


def _public_point(scalar: int, curve: ec.EllipticCurve) -> tuple[int, int]:
    numbers = ec.derive_private_key(scalar, curve).public_key().public_numbers()
    return numbers.x, numbers.y
