"""Command APDUs (ISO/IEC 7816-4 short and extended length) and status words.

Status words become exceptions in one table, like pyscard's error-checking chain,
so protocol code reads ``exchange(...).check()`` and never compares numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.services.card.errors import CardError, ParseError
from app.services.card.transport import Transport

SW_OK = 0x9000
# Bounds against hostile cards: an extended answer is at most 65536 bytes (+ SM
# overhead); fetched in 256-byte GET RESPONSE rounds that is 260 rounds.
MAX_RESPONSE_BYTES = 65536 + 1024
MAX_GET_RESPONSE_ROUNDS = 264


class StatusWordError(CardError):
    """The card refused a command. ``sw`` is the status word."""

    def __init__(self, sw: int, message: str = "") -> None:
        super().__init__(f"SW {sw:04X}" + (f" {message}" if message else ""))
        self.sw = sw


class SecurityStatusNotSatisfied(StatusWordError):  # 6982
    pass


class AuthenticationFailed(StatusWordError):  # 6300, 63Cx: wrong key or cryptogram
    pass


class FileNotFound(StatusWordError):  # 6A82
    pass


class InsNotSupported(StatusWordError):  # 6D00
    pass


class ClaNotSupported(StatusWordError):  # 6E00
    pass


class WrongLength(StatusWordError):  # 6700
    pass


class WrongParameters(StatusWordError):  # 6A86, 6B00: e.g. offset beyond the file
    pass


class ConditionsNotSatisfied(StatusWordError):  # 6985
    pass


class IncorrectData(StatusWordError):  # 6A80, 6988 (incorrect SM data objects)
    pass


class EndOfFile(StatusWordError):  # 6282: fewer bytes than asked; data is still valid
    pass


_EXACT: dict[int, type[StatusWordError]] = {
    0x6982: SecurityStatusNotSatisfied,
    0x6300: AuthenticationFailed,
    0x6A82: FileNotFound,
    0x6D00: InsNotSupported,
    0x6E00: ClaNotSupported,
    0x6700: WrongLength,
    0x6A86: WrongParameters,
    0x6B00: WrongParameters,
    0x6985: ConditionsNotSatisfied,
    0x6A80: IncorrectData,
    0x6987: IncorrectData,
    0x6988: IncorrectData,
    0x6282: EndOfFile,
}


def error_for(sw: int) -> StatusWordError:
    cls = _EXACT.get(sw)
    if cls is None and sw & 0xFFF0 == 0x63C0:
        cls = AuthenticationFailed
    return (cls or StatusWordError)(sw)


@dataclass(frozen=True, slots=True)
class Response:
    data: bytes
    sw: int

    def check(self, allow_eof: bool = False) -> bytes:
        """The data if the card succeeded; raise the status word's exception if not.
        ``allow_eof`` accepts 6282 (end of file reached before Le bytes) for reads."""
        if self.sw == SW_OK or (allow_eof and self.sw == 0x6282):
            return self.data
        raise error_for(self.sw)


@dataclass(frozen=True, slots=True)
class CommandApdu:
    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    ne: int | None = None  # expected response length; 256 (short) / 65536 (extended) = max

    def needs_extended(self) -> bool:
        return len(self.data) > 255 or (self.ne is not None and self.ne > 256)

    def to_bytes(self, extended: bool | None = None) -> bytes:
        if extended is None:
            extended = self.needs_extended()
        header = bytes([self.cla, self.ins, self.p1, self.p2])
        if not extended:
            if len(self.data) > 255 or (self.ne is not None and self.ne > 256):
                raise ValueError("command does not fit a short APDU")
            body = bytes([len(self.data)]) + self.data if self.data else b""
            if self.ne is not None:
                body += bytes([self.ne & 0xFF])  # 256 encodes as 00
            return header + body
        if len(self.data) > 65535 or (self.ne is not None and self.ne > 65536):
            raise ValueError("command does not fit an extended APDU")
        body = b""
        if self.data:
            body = b"\x00" + len(self.data).to_bytes(2, "big") + self.data
        if self.ne is not None:
            le = (self.ne & 0xFFFF).to_bytes(2, "big")  # 65536 encodes as 0000
            body += le if self.data else b"\x00" + le
        return header + body


def exchange(transport: Transport, command: CommandApdu, extended: bool | None = None) -> Response:
    """Send a command and follow the transport-level status words: 61xx (more data,
    fetch with GET RESPONSE) and 6Cxx (wrong Le, resend with the exact length)."""
    data, sw = transport.transmit(command.to_bytes(extended))
    if sw >> 8 == 0x6C:
        exact = sw & 0xFF or 256
        retry = CommandApdu(command.cla, command.ins, command.p1, command.p2, command.data, exact)
        data, sw = transport.transmit(retry.to_bytes(False))
    collected = bytearray(data)
    rounds = 0
    while sw >> 8 == 0x61:
        # A hostile or broken card may answer 61xx for ever: stop at what the
        # largest legitimate answer (an extended-length READ BINARY) could need.
        rounds += 1
        if rounds > MAX_GET_RESPONSE_ROUNDS or len(collected) > MAX_RESPONSE_BYTES:
            raise ParseError("the card keeps announcing more data (61xx)")
        get_response = CommandApdu(command.cla & 0x03, 0xC0, 0, 0, b"", sw & 0xFF or 256)
        data, sw = transport.transmit(get_response.to_bytes(False))
        collected += data
    if len(collected) > MAX_RESPONSE_BYTES:
        raise ParseError("the card answered more than any command asks for")
    return Response(bytes(collected), sw)


def parse_command(raw: bytes) -> CommandApdu:
    """Inverse of ``CommandApdu.to_bytes`` for the four ISO 7816-3 cases, short or
    extended (needed where a layer such as secure messaging rewraps commands)."""
    if len(raw) < 4:
        raise ValueError("APDU shorter than its header")
    cla, ins, p1, p2 = raw[:4]
    body = raw[4:]
    if not body:
        return CommandApdu(cla, ins, p1, p2)
    if len(body) == 1:
        return CommandApdu(cla, ins, p1, p2, b"", body[0] or 256)
    if body[0] != 0:  # short with data
        lc = body[0]
        data = body[1 : 1 + lc]
        rest = body[1 + lc :]
        if len(data) != lc or len(rest) > 1:
            raise ValueError("malformed short APDU")
        return CommandApdu(cla, ins, p1, p2, data, (rest[0] or 256) if rest else None)
    # extended
    if len(body) == 3:
        return CommandApdu(cla, ins, p1, p2, b"", int.from_bytes(body[1:3], "big") or 65536)
    lc = int.from_bytes(body[1:3], "big")
    data = body[3 : 3 + lc]
    rest = body[3 + lc :]
    if len(data) != lc or len(rest) not in (0, 2):
        raise ValueError("malformed extended APDU")
    ne = (int.from_bytes(rest, "big") or 65536) if rest else None
    return CommandApdu(cla, ins, p1, p2, data, ne)
