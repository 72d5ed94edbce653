"""Command and response APDUs, short and extended (ISO/IEC 7816-4 §5.1)."""

from __future__ import annotations

from dataclasses import dataclass

# Status words the card answers (ISO/IEC 7816-4 §5.6 and ICAO 9303-11).
SW_OK = 0x9000
SW_END_OF_FILE = 0x6282  # fewer bytes than asked: end of file reached
SW_VERIFICATION_FAILED = 0x6300
SW_WRONG_LENGTH = 0x6700
SW_SECURITY_NOT_SATISFIED = 0x6982
SW_SM_DATA_MISSING = 0x6987
SW_SM_DATA_INCORRECT = 0x6988
SW_CONDITIONS_NOT_SATISFIED = 0x6985
SW_WRONG_DATA = 0x6A80
SW_FILE_NOT_FOUND = 0x6A82
SW_WRONG_P1P2 = 0x6B00
SW_INCORRECT_P1P2 = 0x6A86
SW_REFERENCED_DATA_NOT_FOUND = 0x6A88
SW_INS_NOT_SUPPORTED = 0x6D00
SW_CLA_NOT_SUPPORTED = 0x6E00


class ApduError(Exception):
    """A command the card refuses; carries the status word to answer."""

    def __init__(self, sw: int, why: str = "") -> None:
        super().__init__(f"{sw:04X} {why}".strip())
        self.sw = sw


@dataclass(frozen=True, slots=True)
class Command:
    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    ne: int | None = None  # bytes expected: None = no Le field; 256 / 65536 for Le = 00 / 0000
    extended: bool = False

    @property
    def secure(self) -> bool:
        """CLA b4-b3 = 11: secure messaging with the header authenticated (ISO 7816-4 §5.4.1)."""
        return self.cla & 0x0C == 0x0C

    @property
    def chained(self) -> bool:
        return bool(self.cla & 0x10)


def parse_command(raw: bytes) -> Command:
    if len(raw) < 4:
        raise ApduError(SW_WRONG_LENGTH, "APDU shorter than a header")
    cla, ins, p1, p2 = raw[:4]
    body = raw[4:]
    if not body:
        return Command(cla, ins, p1, p2)
    if len(body) == 1:
        return Command(cla, ins, p1, p2, ne=body[0] or 256)
    if body[0] != 0:
        lc = body[0]
        data = body[1 : 1 + lc]
        rest = body[1 + lc :]
        if len(data) != lc or len(rest) > 1:
            raise ApduError(SW_WRONG_LENGTH, "short Lc does not match the data")
        return Command(cla, ins, p1, p2, data, (rest[0] or 256) if rest else None)
    # Extended length: 00 then two bytes.
    if len(body) == 3:
        return Command(
            cla, ins, p1, p2, ne=int.from_bytes(body[1:3], "big") or 65536, extended=True
        )
    if len(body) < 3:
        raise ApduError(SW_WRONG_LENGTH, "truncated extended length")
    lc = int.from_bytes(body[1:3], "big")
    data = body[3 : 3 + lc]
    rest = body[3 + lc :]
    if lc == 0 or len(data) != lc or len(rest) not in (0, 2):
        raise ApduError(SW_WRONG_LENGTH, "extended Lc does not match the data")
    ne = (int.from_bytes(rest, "big") or 65536) if rest else None
    return Command(cla, ins, p1, p2, data, ne, extended=True)


def encode_command(cmd: Command) -> bytes:
    """The inverse of :func:`parse_command`; the emulator's tests use it as a terminal would."""
    header = bytes([cmd.cla, cmd.ins, cmd.p1, cmd.p2])
    extended = cmd.extended or len(cmd.data) > 255 or (cmd.ne or 0) > 256
    if not extended:
        body = bytes([len(cmd.data)]) + cmd.data if cmd.data else b""
        if cmd.ne is not None:
            body += bytes([cmd.ne & 0xFF])
        return header + body
    body = b"\x00" + len(cmd.data).to_bytes(2, "big") + cmd.data if cmd.data else b""
    if cmd.ne is not None:
        body += (b"" if cmd.data else b"\x00") + (cmd.ne & 0xFFFF).to_bytes(2, "big")
    return header + body


def response(data: bytes, sw: int) -> bytes:
    return data + sw.to_bytes(2, "big")
