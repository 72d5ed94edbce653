"""Card side of secure messaging (ICAO Doc 9303 Part 11 §9.8, ISO/IEC 7816-4 §10).

A command protected by the terminal carries DO'87' (or DO'85' for an odd INS) with the
encrypted data, DO'97' with Le and DO'8E' with a MAC over SSC ‖ padded header ‖ DOs.
The card increments the send sequence counter before checking the command and again
before protecting the answer: DO'87' (data), DO'99' (status word), DO'8E' (MAC).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field

from app.cardsim import primitives as pr
from app.cardsim.apdu import (
    SW_SM_DATA_INCORRECT,
    SW_SM_DATA_MISSING,
    ApduError,
    Command,
)
from app.cardsim.tlv import TlvError, iter_tlv, tlv


@dataclass(slots=True)
class SecureChannel:
    """Session keys and the send sequence counter of one SM session."""

    cipher: str  # "3DES" or "AES-128" (AES-192/256 accepted for completeness)
    ks_enc: bytes
    ks_mac: bytes
    ssc: int
    _ssc_len: int = field(init=False)

    def __post_init__(self) -> None:
        self._ssc_len = 8 if self.cipher == "3DES" else 16

    @property
    def block(self) -> int:
        return self._ssc_len

    def ssc_bytes(self) -> bytes:
        return self.ssc.to_bytes(self._ssc_len, "big")

    def _step(self) -> None:
        self.ssc = (self.ssc + 1) % (1 << (8 * self._ssc_len))

    # --- primitives bound to the session --------------------------------------------
    def mac(self, message: bytes) -> bytes:
        if self.cipher == "3DES":
            return pr.retail_mac(self.ks_mac, message)  # pads itself
        return pr.aes_cmac8(self.ks_mac, pr.pad(message, 16))

    def _iv(self) -> bytes:
        if self.cipher == "3DES":
            return bytes(8)
        # AES: IV = E(KSenc, SSC) (ICAO 9303-11 §9.8.6.2)
        return pr.aes_ecb_block(self.ks_enc, self.ssc_bytes())

    def encrypt(self, data: bytes) -> bytes:
        padded = pr.pad(data, self.block)
        if self.cipher == "3DES":
            return pr.des3_cbc(self.ks_enc, padded)
        return pr.aes_cbc(self.ks_enc, padded, iv=self._iv())

    def decrypt(self, data: bytes) -> bytes:
        if not data or len(data) % self.block:
            raise ApduError(SW_SM_DATA_INCORRECT, "cryptogram is not whole blocks")
        if self.cipher == "3DES":
            plain = pr.des3_cbc(self.ks_enc, data, encrypt=False)
        else:
            plain = pr.aes_cbc(self.ks_enc, data, encrypt=False, iv=self._iv())
        try:
            return pr.unpad(plain)
        except ValueError as exc:
            raise ApduError(SW_SM_DATA_INCORRECT, "bad padding in cryptogram") from exc

    # --- command and response --------------------------------------------------------
    def unwrap(self, cmd: Command) -> Command:
        """Check the MAC and return the plain command. Raises ApduError(6987/6988)."""
        self._step()
        try:
            objects = list(iter_tlv(cmd.data))
        except TlvError as exc:
            raise ApduError(SW_SM_DATA_INCORRECT, "malformed SM data objects") from exc
        mac_input = b""
        cryptogram: bytes | None = None
        odd_ins = False
        le_field: bytes | None = None
        received_mac: bytes | None = None
        for tag, value in objects:
            if tag == 0x8E:
                received_mac = value
                break
            mac_input += tlv(tag, value)
            if tag == 0x87:
                if not value or value[0] != 0x01:
                    raise ApduError(SW_SM_DATA_INCORRECT, "unknown padding indicator")
                cryptogram = value[1:]
            elif tag == 0x85:
                cryptogram, odd_ins = value, True
            elif tag == 0x97:
                le_field = value
            else:
                raise ApduError(SW_SM_DATA_INCORRECT, f"unexpected data object {tag:X}")
        if received_mac is None:
            raise ApduError(SW_SM_DATA_MISSING, "no DO'8E'")
        header = pr.pad(bytes([cmd.cla, cmd.ins, cmd.p1, cmd.p2]), self.block)
        expected = self.mac(self.ssc_bytes() + header + mac_input)
        if not hmac.compare_digest(expected, received_mac):
            raise ApduError(SW_SM_DATA_INCORRECT, "command MAC does not verify")
        if odd_ins != bool(cmd.ins & 1) and cryptogram is not None:
            raise ApduError(SW_SM_DATA_INCORRECT, "DO'85'/'87' does not match the INS parity")
        data = b""
        if cryptogram is not None:
            # DO'85' (odd INS) lacks the padding-content indicator but is padded alike.
            data = self.decrypt(cryptogram)
        ne: int | None = None
        if le_field is not None:
            if len(le_field) == 1:
                ne = le_field[0] or 256
            elif len(le_field) == 2:
                ne = int.from_bytes(le_field, "big") or 65536
            else:
                raise ApduError(SW_SM_DATA_INCORRECT, "DO'97' of bad length")
        extended = cmd.extended or (ne or 0) > 256 or len(data) > 255
        return Command(cmd.cla & ~0x0C & 0xFF, cmd.ins, cmd.p1, cmd.p2, data, ne, extended)

    def wrap(self, data: bytes, sw: int, *, odd_ins: bool = False) -> bytes:
        """Protect a response: DO'87'/'85' ‖ DO'99' ‖ DO'8E', then the plain SW."""
        self._step()
        objects = b""
        if data:
            crypto = self.encrypt(data)
            objects += tlv(0x85, crypto) if odd_ins else tlv(0x87, b"\x01" + crypto)
        objects += tlv(0x99, sw.to_bytes(2, "big"))
        objects += tlv(0x8E, self.mac(self.ssc_bytes() + objects))
        return objects + sw.to_bytes(2, "big")
