"""Selecting the eMRTD application and reading its files with as few APDUs as the
card allows.

The first READ BINARY addresses the file by short file identifier (no SELECT) and
asks for the largest chunk; the file's length then comes from its first TLV header,
so the rest is read in exactly as many chunks as needed. Extended length is tried
once; a card that refuses it is read with short APDUs from then on.
"""

from __future__ import annotations

from app.services.card import tlv
from app.services.card.apdu import SW_OK, CommandApdu, error_for, exchange
from app.services.card.errors import ParseError
from app.services.card.lds import AID_MRTD
from app.services.card.transport import Transport

SHORT_MAX = 256
EXTENDED_MAX = 65536
# Under secure messaging a short response (256 bytes) holds at most this much
# plaintext: DO'87' header (4) + padded data + DO'99' (4) + DO'8E' (10).
SHORT_MAX_UNDER_SM = 223
# The largest file this reader accepts. Real DG2 portraits are 10–40 KB and ICAO
# files fit the 15-bit offset of READ BINARY plus the odd-INS range this reader uses.
MAX_FILE_BYTES = 256 * 1024


def select_application(transport: Transport) -> None:
    exchange(transport, CommandApdu(0x00, 0xA4, 0x04, 0x0C, AID_MRTD)).check()


class FileReader:
    """Reads whole files. ``extended`` is decided before secure messaging starts
    (from the ATR and the plain EF.CardAccess read): a refused command under SM may
    end the session, so the size is never probed there."""

    def __init__(self, transport: Transport, extended: bool = False) -> None:
        self.transport = transport
        self.extended = extended
        self.chunk = EXTENDED_MAX if extended else SHORT_MAX

    def _read_at(self, p1: int, p2: int, length: int) -> bytes:
        while True:
            response = exchange(self.transport, CommandApdu(0x00, 0xB0, p1, p2, ne=length))
            if response.sw == SW_OK or (response.sw == 0x6282 and response.data):
                return response.data
            if response.sw == 0x6700 and length > SHORT_MAX_UNDER_SM:
                # the card's buffer is smaller than asked: use the safe SM chunk
                self.chunk = length = SHORT_MAX_UNDER_SM
                continue
            raise error_for(response.sw)

    def read(self, sfi: int) -> bytes:
        """The whole file with short file identifier ``sfi`` (its TLV, exactly)."""
        first = self._read_at(0x80 | sfi, 0x00, self.chunk)
        if not first:
            raise ParseError("empty file")
        _, total = tlv.header_size_and_total(first[:8])
        if total > MAX_FILE_BYTES:
            # A data group announcing megabytes is not an eMRTD file: refuse before
            # reading (and allocating) any of it.
            raise ParseError(f"file announces {total} bytes (limit {MAX_FILE_BYTES})")
        data = bytearray(first[:total])
        # A card answering a few bytes at a time would keep us here for ever.
        reads_left = 4 + total // 32
        while len(data) < total:
            reads_left -= 1
            if reads_left < 0:
                raise ParseError("the card answers in chunks too small to read the file")
            offset = len(data)
            want = min(self.chunk, total - offset)
            if offset > 0x7FFF:
                chunk = self._read_odd(offset, want)
            else:
                chunk = self._read_at(offset >> 8, offset & 0xFF, want)
            if not chunk:
                raise ParseError("file shorter than its header says")
            data += chunk[: total - offset]
        return bytes(data)

    def _read_odd(self, offset: int, length: int) -> bytes:
        """READ BINARY with odd INS (B1) for offsets beyond 32767: the offset goes in
        DO'54' and the data come back in DO'53'."""
        body = tlv.encode(0x54, offset.to_bytes(3, "big").lstrip(b"\x00") or b"\x00")
        # room for the DO'53' header around the data
        response = exchange(
            self.transport,
            CommandApdu(0x00, 0xB1, 0x00, 0x00, body, ne=min(length + 4, self.chunk)),
        )
        if response.sw not in (SW_OK, 0x6282):
            raise error_for(response.sw)
        return tlv.parse_single(response.data, 0x53).value
