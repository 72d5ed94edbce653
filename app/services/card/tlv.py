"""BER-TLV as used by ISO/IEC 7816-4 and the ICAO LDS (tags of one to three bytes,
definite lengths up to four bytes). Enough for data groups and SM objects; CMS and
X.509 go through asn1crypto instead."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from app.services.card.errors import ParseError


@dataclass(frozen=True, slots=True)
class Tlv:
    tag: int
    value: bytes
    constructed: bool

    def children(self) -> list[Tlv]:
        if not self.constructed:
            raise ParseError(f"tag {self.tag:X} is primitive")
        return list(iter_tlv(self.value))

    def find(self, tag: int) -> Tlv | None:
        return next((c for c in self.children() if c.tag == tag), None)

    def require(self, tag: int) -> Tlv:
        found = self.find(tag)
        if found is None:
            raise ParseError(f"tag {tag:X} missing inside {self.tag:X}")
        return found


def read_tag(data: bytes, pos: int) -> tuple[int, bool, int]:
    """Tag number (as the bytes read big-endian), constructed flag, next position."""
    if pos >= len(data):
        raise ParseError("truncated tag")
    first = data[pos]
    constructed = bool(first & 0x20)
    tag = first
    pos += 1
    if first & 0x1F == 0x1F:
        for _ in range(3):
            if pos >= len(data):
                raise ParseError("truncated tag")
            byte = data[pos]
            tag = (tag << 8) | byte
            pos += 1
            if not byte & 0x80:
                break
        else:
            raise ParseError("tag longer than 4 bytes")
    return tag, constructed, pos


def read_length(data: bytes, pos: int) -> tuple[int, int]:
    """Definite length and the position after it."""
    if pos >= len(data):
        raise ParseError("truncated length")
    first = data[pos]
    pos += 1
    if first < 0x80:
        return first, pos
    count = first & 0x7F
    if count == 0 or count > 4:
        raise ParseError("indefinite or oversized length")
    if pos + count > len(data):
        raise ParseError("truncated length")
    return int.from_bytes(data[pos : pos + count], "big"), pos + count


def header_size_and_total(prefix: bytes) -> tuple[int, int]:
    """From the first bytes of a file: (header length, total TLV length). Lets the
    reader size a file from its first chunk instead of reading to the end."""
    _, _, pos = read_tag(prefix, 0)
    length, value_start = read_length(prefix, pos)
    return value_start, value_start + length


def parse_one(data: bytes, pos: int = 0) -> tuple[Tlv, int]:
    tag, constructed, pos = read_tag(data, pos)
    length, pos = read_length(data, pos)
    end = pos + length
    if end > len(data):
        raise ParseError(f"value of tag {tag:X} runs past the end")
    return Tlv(tag, bytes(data[pos:end]), constructed), end


def iter_tlv(data: bytes) -> Iterator[Tlv]:
    pos = 0
    while pos < len(data):
        # Padding bytes 00/FF between objects are allowed by ISO 7816-4.
        if data[pos] in (0x00, 0xFF):
            pos += 1
            continue
        item, pos = parse_one(data, pos)
        yield item


def parse_single(data: bytes, expected_tag: int | None = None) -> Tlv:
    """The one top-level object of a file; trailing bytes after it are ignored (files
    are often read in whole blocks)."""
    item, _ = parse_one(data, 0)
    if expected_tag is not None and item.tag != expected_tag:
        raise ParseError(f"expected tag {expected_tag:X}, found {item.tag:X}")
    return item


def encode_length(length: int) -> bytes:
    if length < 0x80:
        return bytes([length])
    raw = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


def encode_tag(tag: int) -> bytes:
    return tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big")


def encode(tag: int, value: bytes) -> bytes:
    return encode_tag(tag) + encode_length(len(value)) + value
