"""A deliberately small terminal for the emulator's own checks (self-test, tests, bench).

It is *not* the application's reader (that lives in ``app/services/card/`` and is
written separately). It drives a card through any ``transmit(bytes) -> bytes``:
the in-process ``VirtualCard.process_apdu`` or a pyscard connection.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from app.cardsim import primitives as pr
from app.cardsim.apdu import Command, encode_command
from app.cardsim.ec_math import BRAINPOOL_P256R1
from app.cardsim.lds_asn1 import ID_PACE_ECDH_GM_AES_CBC_CMAC_128
from app.cardsim.pace import oid_body, random_scalar
from app.cardsim.sm import SecureChannel
from app.cardsim.tlv import read_tlv, tlv, tlv_dict

Transmit = Callable[[bytes], bytes]


class CardError(Exception):
    def __init__(self, sw: int, what: str) -> None:
        super().__init__(f"{what}: {sw:04X}")
        self.sw = sw


def split(answer: bytes) -> tuple[bytes, int]:
    return answer[:-2], int.from_bytes(answer[-2:], "big")


class Terminal:
    def __init__(self, transmit: Transmit, *, extended: bool = False) -> None:
        self.transmit = transmit
        self.sm: SecureChannel | None = None
        self.extended = extended

    # --- plumbing --------------------------------------------------------------------
    def send(self, cmd: Command) -> tuple[bytes, int]:
        if self.sm is None:
            return split(self.transmit(encode_command(cmd)))
        return self._send_secure(cmd)

    def _send_secure(self, cmd: Command) -> tuple[bytes, int]:
        sm = self.sm
        assert sm is not None
        sm.ssc += 1
        cla = cmd.cla | 0x0C
        objects = b""
        if cmd.data:
            crypto = sm.encrypt(cmd.data)
            objects += tlv(0x85, crypto) if cmd.ins & 1 else tlv(0x87, b"\x01" + crypto)
        if cmd.ne is not None:
            if cmd.ne > 256 or (self.extended and cmd.ne == 65536):
                objects += tlv(0x97, (cmd.ne & 0xFFFF).to_bytes(2, "big"))
            else:
                objects += tlv(0x97, bytes([cmd.ne & 0xFF]))
        header = pr.pad(bytes([cla, cmd.ins, cmd.p1, cmd.p2]), sm.block)
        objects += tlv(0x8E, sm.mac(sm.ssc_bytes() + header + objects))
        ne = 65536 if (cmd.ne or 0) > 256 else 256
        raw = encode_command(Command(cla, cmd.ins, cmd.p1, cmd.p2, objects, ne, extended=ne > 256))
        data, sw = split(self.transmit(raw))
        if not data:  # an unprotected error: the card dropped the session
            self.sm = None
            return b"", sw
        sm.ssc += 1
        body, mac_in, rdata = b"", b"", b""
        offset = 0
        received_mac = b""
        while offset < len(data):
            tag, value, end = read_tlv(data, offset)
            if tag == 0x8E:
                received_mac = value
            else:
                mac_in += data[offset:end]
                if tag == 0x87:
                    rdata = sm.decrypt(value[1:])
                elif tag == 0x85:
                    rdata = sm.decrypt(value)
                elif tag == 0x99:
                    body = value
            offset = end
        if sm.mac(sm.ssc_bytes() + mac_in) != received_mac:
            raise CardError(sw, "response MAC does not verify")
        return rdata, int.from_bytes(body, "big") if body else sw

    def check(self, cmd: Command, what: str, ok: tuple[int, ...] = (0x9000,)) -> bytes:
        data, sw = self.send(cmd)
        if sw not in ok:
            raise CardError(sw, what)
        return data

    # --- files -----------------------------------------------------------------------
    def select_application(self) -> None:
        self.check(Command(0x00, 0xA4, 0x04, 0x0C, bytes.fromhex("A0000002471001")), "SELECT AID")

    def read_sfi(self, sfi: int, chunk: int = 256) -> bytes:
        """Read a whole EF by short file identifier, then by offset."""
        first = self.check(
            Command(0x00, 0xB0, 0x80 | sfi, 0x00, ne=min(chunk, 256)),
            f"READ SFI {sfi:02X}",
            (0x9000, 0x6282),
        )
        total = _tlv_total_length(first)
        out = first
        while len(out) < total:
            want = min(chunk, total - len(out))
            part = self.check(
                Command(0x00, 0xB0, len(out) >> 8, len(out) & 0xFF, ne=want),
                f"READ SFI {sfi:02X} @{len(out)}",
                (0x9000, 0x6282),
            )
            if not part:
                break
            out += part
        return out[:total]

    # --- access control --------------------------------------------------------------
    def bac(self, mrz_information: bytes, rng: Callable[[int], bytes] = os.urandom) -> None:
        seed = hashlib.sha1(mrz_information).digest()[:16]
        k_enc, k_mac = pr.kdf(seed, 1, "3DES"), pr.kdf(seed, 2, "3DES")
        rnd_ic = self.check(Command(0x00, 0x84, 0x00, 0x00, ne=8), "GET CHALLENGE")
        rnd_ifd, k_ifd = rng(8), rng(16)
        e_ifd = pr.des3_cbc(k_enc, rnd_ifd + rnd_ic + k_ifd)
        answer = self.check(
            Command(0x00, 0x82, 0x00, 0x00, e_ifd + pr.retail_mac(k_mac, e_ifd), ne=40),
            "MUTUAL AUTHENTICATE",
        )
        r = pr.des3_cbc(k_enc, answer[:32], encrypt=False)
        if r[8:16] != rnd_ifd:
            raise CardError(0x6300, "card did not echo RND.IFD")
        seed = bytes(a ^ b for a, b in zip(k_ifd, r[16:32], strict=True))
        self.sm = SecureChannel(
            "3DES",
            pr.kdf(seed, 1, "3DES"),
            pr.kdf(seed, 2, "3DES"),
            int.from_bytes(rnd_ic[4:] + rnd_ifd[4:], "big"),
        )

    def pace(
        self, reference: int, password: bytes, rng: Callable[[int], bytes] = os.urandom
    ) -> None:
        """PACE ECDH-GM AES-128 on brainpoolP256r1 (terminal side, for checks only)."""
        curve, oid = BRAINPOOL_P256R1, ID_PACE_ECDH_GM_AES_CBC_CMAC_128
        key = hashlib.sha1(password).digest() if reference == 1 else password
        self.sm = None
        self.check(
            Command(
                0x00, 0x22, 0xC1, 0xA4, tlv(0x80, oid_body(oid)) + tlv(0x83, bytes([reference]))
            ),
            "MSE:Set AT",
        )
        z = tlv_dict(
            tlv_dict(self.check(Command(0x10, 0x86, 0, 0, tlv(0x7C, b""), ne=256), "GA nonce"))[
                0x7C
            ]
        )[0x80]
        s = int.from_bytes(pr.aes_cbc(pr.kdf(key, 3, "AES-128"), z, encrypt=False), "big")
        sk_map = random_scalar(rng, curve.n)
        pk_map = curve.mul(sk_map, curve.g)
        answer = self.check(
            Command(0x10, 0x86, 0, 0, tlv(0x7C, tlv(0x81, curve.encode(pk_map))), ne=256), "GA map"
        )
        pk_map_ic = curve.decode(tlv_dict(tlv_dict(answer)[0x7C])[0x82])
        g_hat = curve.add(curve.mul(s, curve.g), curve.mul(sk_map, pk_map_ic))
        sk_dh = random_scalar(rng, curve.n)
        pk_dh = curve.encode(curve.mul(sk_dh, g_hat))
        answer = self.check(
            Command(0x10, 0x86, 0, 0, tlv(0x7C, tlv(0x83, pk_dh)), ne=256), "GA key agreement"
        )
        pk_dh_ic = tlv_dict(tlv_dict(answer)[0x7C])[0x84]
        shared = curve.mul(sk_dh, curve.decode(pk_dh_ic))
        assert shared is not None
        k = shared[0].to_bytes(32, "big")
        ks_enc, ks_mac = pr.kdf(k, 1, "AES-128"), pr.kdf(k, 2, "AES-128")

        def token(point: bytes) -> bytes:
            return pr.aes_cmac8(ks_mac, tlv(0x7F49, tlv(0x06, oid_body(oid)) + tlv(0x86, point)))

        answer = self.check(
            Command(0x00, 0x86, 0, 0, tlv(0x7C, tlv(0x85, token(pk_dh_ic))), ne=256),
            "GA mutual authentication",
        )
        if tlv_dict(tlv_dict(answer)[0x7C])[0x86] != token(pk_dh):
            raise CardError(0x6300, "card token does not verify")
        self.sm = SecureChannel("AES-128", ks_enc, ks_mac, 0)

    def chip_authentication(
        self, ca_public: ec.EllipticCurvePublicKey, oid: str, cipher: str
    ) -> None:
        """MSE:Set AT + GENERAL AUTHENTICATE (AES) — ICAO 9303-11 §6.2.4."""
        ephemeral = ec.generate_private_key(ca_public.curve)
        point = ephemeral.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        self.check(Command(0x00, 0x22, 0x41, 0xA4, tlv(0x80, oid_body(oid))), "MSE:Set AT CA")
        self.check(Command(0x00, 0x86, 0, 0, tlv(0x7C, tlv(0x80, point)), ne=256), "GA CA")
        shared = ephemeral.exchange(ec.ECDH(), ca_public)
        self.sm = SecureChannel(cipher, pr.kdf(shared, 1, cipher), pr.kdf(shared, 2, cipher), 0)

    def internal_authenticate(self, challenge: bytes) -> bytes:
        return self.check(
            Command(0x00, 0x88, 0x00, 0x00, challenge, ne=256), "INTERNAL AUTHENTICATE"
        )


def _tlv_total_length(head: bytes) -> int:
    """Size of the whole TLV whose first bytes are ``head`` (tag + length + value)."""
    offset = 1
    if head[0] & 0x1F == 0x1F:
        while head[offset] & 0x80:
            offset += 1
        offset += 1
    first = head[offset]
    offset += 1
    if first & 0x80:
        count = first & 0x7F
        length = int.from_bytes(head[offset : offset + count], "big")
        offset += count
    else:
        length = first
    return offset + length
