"""What the ATR tells about APDU sizes: ISO/IEC 7816-4 §8.1.1.2.7 'card capabilities'
(compact-TLV tag 7x in the historical bytes), third software-function byte, bit 7
= extended Lc and Le fields."""

from __future__ import annotations


def historical_bytes(atr: bytes) -> bytes:
    """The historical bytes of an ISO/IEC 7816-3 ATR (contactless PC/SC ATRs too)."""
    if len(atr) < 2:
        return b""
    count = atr[1] & 0x0F
    pos = 1
    indicator = atr[1]
    while True:
        pos += 1
        # interface bytes TAi, TBi, TCi present per the high nibble of T0/TDi
        present = indicator >> 4
        pos += bin(present & 0x7).count("1")
        if present & 0x8:
            if pos >= len(atr):
                return b""
            indicator = atr[pos]
            continue
        break
    return atr[pos : pos + count]


def supports_extended_length(atr: bytes) -> bool:
    hist = historical_bytes(atr)
    if not hist or hist[0] != 0x80:
        return False
    pos = 1
    while pos < len(hist):
        tag, length = hist[pos] >> 4, hist[pos] & 0x0F
        value = hist[pos + 1 : pos + 1 + length]
        if tag == 0x7 and len(value) >= 3:
            return bool(value[2] & 0x40)
        pos += 1 + length
    return False
