"""Minimal BER-TLV (ISO/IEC 7816-4 §5.2, X.690) for the card side.

The emulator only needs to build and take apart simple TLVs: APDU data objects
(87, 97, 8E, 7C …) and the LDS files. Full ASN.1 structures go through asn1crypto.
"""

from __future__ import annotations

from collections.abc import Iterator


class TlvError(ValueError):
    """Malformed TLV in a command or a file."""


def encode_length(length: int) -> bytes:
    if length < 0x80:
        return bytes([length])
    body = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def tag_bytes(tag: int) -> bytes:
    return tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")


def tlv(tag: int, value: bytes) -> bytes:
    return tag_bytes(tag) + encode_length(len(value)) + value


def read_tlv(data: bytes, offset: int = 0) -> tuple[int, bytes, int]:
    """Read one TLV at ``offset``; return (tag, value, offset after it)."""
    try:
        first = data[offset]
        tag = first
        offset += 1
        if first & 0x1F == 0x1F:  # multi-byte tag: continue while b8 is set
            while True:
                nxt = data[offset]
                tag = (tag << 8) | nxt
                offset += 1
                if not nxt & 0x80:
                    break
        length = data[offset]
        offset += 1
        if length & 0x80:
            count = length & 0x7F
            if count == 0 or count > 3:
                raise TlvError("unsupported length form")
            length = int.from_bytes(data[offset : offset + count], "big")
            offset += count
    except IndexError as exc:
        raise TlvError("truncated TLV header") from exc
    end = offset + length
    if end > len(data):
        raise TlvError("TLV value runs past the end")
    return tag, data[offset:end], end


def iter_tlv(data: bytes) -> Iterator[tuple[int, bytes]]:
    offset = 0
    while offset < len(data):
        if data[offset] in (0x00, 0xFF):  # padding between objects is allowed
            offset += 1
            continue
        tag, value, offset = read_tlv(data, offset)
        yield tag, value


def tlv_dict(data: bytes) -> dict[int, bytes]:
    """Data objects of one level by tag (last one wins; duplicates do not occur here)."""
    return dict(iter_tlv(data))
