"""Tiny DER value decoders for the few ICAO structures asn1crypto does not model
(SecurityInfos, PACE tokens). Bigger structures (CMS, X.509) use asn1crypto."""

from __future__ import annotations

from app.services.card import tlv
from app.services.card.errors import ParseError

TAG_INTEGER = 0x02
TAG_BIT_STRING = 0x03
TAG_OCTET_STRING = 0x04
TAG_OID = 0x06
TAG_SEQUENCE = 0x30
TAG_SET = 0x31


def decode_oid(value: bytes) -> str:
    if not value or value[-1] & 0x80:
        raise ParseError("malformed object identifier")
    arcs: list[int] = []
    current = 0
    for byte in value:
        current = (current << 7) | (byte & 0x7F)
        if not byte & 0x80:
            arcs.append(current)
            current = 0
    first = arcs[0]
    head = [0, first] if first < 40 else [1, first - 40] if first < 80 else [2, first - 80]
    return ".".join(str(a) for a in head + arcs[1:])


def encode_oid(dotted: str) -> bytes:
    arcs = [int(a) for a in dotted.split(".")]
    out = bytearray()
    for arc in [arcs[0] * 40 + arcs[1], *arcs[2:]]:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        out += bytes(reversed(chunk))
    return bytes(out)


def decode_int(value: bytes) -> int:
    if not value:
        raise ParseError("empty INTEGER")
    return int.from_bytes(value, "big", signed=True)


def expect(item: tlv.Tlv, tag: int) -> tlv.Tlv:
    if item.tag != tag:
        raise ParseError(f"expected tag {tag:X}, found {item.tag:X}")
    return item
