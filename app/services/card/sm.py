"""Secure messaging, ICAO 9303 Part 11 §9.8 (ISO/IEC 7816-4 SM objects).

``SecureChannel`` is itself a ``Transport``: code above it sends plain APDUs and never
knows whether BAC (3DES) or PACE/CA (AES) protects the link. Every response MAC is
verified before anything is decrypted; a bad MAC is an error, never a warning.
"""

from __future__ import annotations

from app.services.card import tlv
from app.services.card.apdu import CommandApdu, exchange, parse_command
from app.services.card.ciphers import SessionKeys, pad, unpad
from app.services.card.errors import SecureMessagingError
from app.services.card.transport import Transport

_SM_CLA = 0x0C


class SecureChannel:
    def __init__(self, inner: Transport, keys: SessionKeys) -> None:
        self.inner = inner
        self.keys = keys
        self.ssc = keys.ssc
        self.stats = inner.stats  # counted at the wire

    @property
    def ssc_bytes(self) -> bytes:
        return self.ssc.to_bytes(self.keys.block, "big")

    def _next_ssc(self) -> bytes:
        self.ssc = (self.ssc + 1) % (1 << (8 * self.keys.block))
        return self.ssc_bytes

    def protect(self, command: CommandApdu) -> CommandApdu:
        """The protected command: DO'87'/'85' (encrypted data), DO'97' (Le), DO'8E'."""
        block = self.keys.block
        ssc = self._next_ssc()
        cla = command.cla | _SM_CLA
        header = bytes([cla, command.ins, command.p1, command.p2])
        extended = command.needs_extended()
        objects = b""
        if command.data:
            cryptogram = self.keys.encrypt(ssc, pad(command.data, block))
            if command.ins & 1:  # odd INS: data are BER-TLV, sent as DO'85' without indicator
                objects += tlv.encode(0x85, cryptogram)
            else:
                objects += tlv.encode(0x87, b"\x01" + cryptogram)
        if command.ne is not None:
            le = (command.ne & 65535).to_bytes(2, "big") if extended else bytes([command.ne & 255])
            objects += tlv.encode(0x97, le)
        mac = self.keys.mac_of(pad(ssc + pad(header, block) + objects, block))
        objects += tlv.encode(0x8E, mac)
        # The outer Le asks for "as much as there is": the real length is inside DO'97'.
        outer_ne = 65536 if extended else 256
        return CommandApdu(cla, command.ins, command.p1, command.p2, objects, outer_ne)

    def unprotect(self, data: bytes, sw: int) -> tuple[bytes, int]:
        ssc = self._next_ssc()
        if not data:
            # Cards answer some errors in plain (6987/6988, or before SM checks):
            # nothing to verify, and no data to trust.
            if sw == 0x9000:
                raise SecureMessagingError("unprotected success response")
            return b"", sw
        try:
            objects = list(tlv.iter_tlv(data))
        except ValueError as exc:
            raise SecureMessagingError("malformed protected response") from exc
        cryptogram = b""
        status: bytes | None = None
        mac: bytes | None = None
        covered = b""
        for obj in objects:
            encoded = tlv.encode(obj.tag, obj.value)
            if obj.tag in (0x87, 0x85):
                cryptogram = obj.value[1:] if obj.tag == 0x87 else obj.value
                if obj.tag == 0x87 and obj.value[:1] != b"\x01":
                    raise SecureMessagingError("unknown padding indicator")
                covered += encoded
            elif obj.tag == 0x99:
                status = obj.value
                covered += encoded
            elif obj.tag == 0x8E:
                mac = obj.value
            else:
                raise SecureMessagingError(f"unexpected SM object {obj.tag:X}")
        if mac is None:
            raise SecureMessagingError("response without MAC")
        expected = self.keys.mac_of(pad(ssc + covered, self.keys.block))
        if mac != expected:
            raise SecureMessagingError("response MAC does not verify")
        if status is None or len(status) != 2:
            raise SecureMessagingError("response without protected status word")
        plain = unpad(self.keys.decrypt(ssc, cryptogram)) if cryptogram else b""
        return plain, int.from_bytes(status, "big")

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        command = parse_command(apdu)
        protected = self.protect(command)
        response = exchange(self.inner, protected)
        return self.unprotect(response.data, response.sw)
