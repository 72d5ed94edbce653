"""DG1: the machine readable zone (ICAO 9303 Parts 4–5 for TD3/TD1, Part 10 §4.7.1).

Every check digit is verified; a mismatch is a ``ParseError`` because on a chip it
means corrupt or forged data, not a scanning slip. Vietnamese ID cards (TD1, issuing
state VNM) carry the 12-digit personal number in the optional data, followed by
``<<`` and its own check digit; the document number is its last nine digits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.services.card import tlv
from app.services.card.errors import ParseError, parse_guard
from app.services.card.mrz_keys import check_digit


@dataclass(frozen=True, slots=True)
class Mrz:
    format: str  # "TD1" / "TD2" / "TD3"
    document_code: str
    issuing_state: str
    document_number: str
    optional_data: str
    date_of_birth: str  # YYMMDD, may hold '<' for unknown parts
    sex: str  # "M" / "F" / "<"
    date_of_expiry: str  # YYMMDD
    nationality: str
    primary_identifier: str  # surname(s), spaces for '<'
    secondary_identifier: str  # given name(s)
    id_number: str = ""  # Vietnamese 12-digit personal number, when present

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.primary_identifier, self.secondary_identifier) if p)


def _verify(field: str, digit: str, what: str) -> None:
    if digit == "<" and set(field) <= {"<"}:
        return  # an empty optional field may carry a filler check digit
    if check_digit(field) != digit:
        raise ParseError(f"check digit of {what} does not match")


def _name(field: str) -> tuple[str, str]:
    primary, _, secondary = field.strip("<").partition("<<")
    return primary.replace("<", " ").strip(), secondary.replace("<", " ").strip()


def _document_number(number: str, digit: str, optional: str) -> tuple[str, str]:
    """Number and the rest of the optional data, following the long-number rule
    (ICAO 9303-5 §4.2.4: check digit '<', the number continues in optional data)."""
    if digit == "<" and optional and optional[0] != "<":
        rest, _, tail = optional.partition("<")
        if len(rest) < 2:
            raise ParseError("long document number without check digit")
        full = number + rest[:-1]
        _verify(full, rest[-1], "document number")
        return full, tail
    _verify(number, digit, "document number")
    return number.rstrip("<"), optional


def _vietnamese_id(optional: str) -> str:
    candidate = optional[:12]
    if len(candidate) == 12 and candidate.isdigit():
        trailer = optional[12:].strip("<")
        # The check digit after '<<' covers the 12-digit number (seen on CCCD cards).
        if trailer and trailer.isdigit() and check_digit(candidate) != trailer[-1]:
            raise ParseError("check digit of the personal number does not match")
        return candidate
    return ""


def _parse_td1(text: str) -> Mrz:
    l1, l2, l3 = text[:30], text[30:60], text[60:90]
    number, optional1 = _document_number(l1[5:14], l1[14], l1[15:30])
    _verify(l2[0:6], l2[6], "date of birth")
    _verify(l2[8:14], l2[14], "date of expiry")
    state = l1[2:5]
    id_number = _vietnamese_id(l1[15:30]) if state == "VNM" else ""
    composite = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    _verify(composite, l2[29], "composite")
    primary, secondary = _name(l3)
    return Mrz(
        "TD1", l1[0:2].rstrip("<"), state, number, (optional1 + l2[18:29]).strip("<"),
        l2[0:6], l2[7], l2[8:14], l2[15:18], primary, secondary, id_number,
    )  # fmt: skip


def _parse_td3(text: str) -> Mrz:
    l1, l2 = text[:44], text[44:88]
    number, _ = _document_number(l2[0:9], l2[9], "")
    _verify(l2[13:19], l2[19], "date of birth")
    _verify(l2[21:27], l2[27], "date of expiry")
    _verify(l2[28:42], l2[42], "personal number")
    composite = l2[0:10] + l2[13:20] + l2[21:43]
    _verify(composite, l2[43], "composite")
    primary, secondary = _name(l1[5:44])
    return Mrz(
        "TD3", l1[0:2].rstrip("<"), l1[2:5], number, l2[28:42].strip("<"),
        l2[13:19], l2[20], l2[21:27], l2[10:13], primary, secondary,
    )  # fmt: skip


def _parse_td2(text: str) -> Mrz:
    l1, l2 = text[:36], text[36:72]
    number, optional = _document_number(l2[0:9], l2[9], l2[28:35])
    _verify(l2[13:19], l2[19], "date of birth")
    _verify(l2[21:27], l2[27], "date of expiry")
    composite = l2[0:10] + l2[13:20] + l2[21:35]
    _verify(composite, l2[35], "composite")
    primary, secondary = _name(l1[5:36])
    return Mrz(
        "TD2", l1[0:2].rstrip("<"), l1[2:5], number, optional.strip("<"),
        l2[13:19], l2[20], l2[21:27], l2[10:13], primary, secondary,
    )  # fmt: skip


_ALLOWED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")


@parse_guard
def parse_mrz_text(text: str) -> Mrz:
    text = "".join(text.split())  # line breaks are not part of the data
    if not set(text) <= _ALLOWED:
        raise ParseError("character not allowed in an MRZ")
    parser = {90: _parse_td1, 88: _parse_td3, 72: _parse_td2}.get(len(text))
    if parser is None:
        raise ParseError("MRZ length matches no document format")
    return parser(text)


@parse_guard
def parse_dg1(data: bytes) -> Mrz:
    top = tlv.parse_single(data, 0x61)
    mrz = top.require(0x5F1F)
    return parse_mrz_text(mrz.value.decode("ascii"))


def mrz_date(yymmdd: str, future: bool, today: dt.date | None = None) -> dt.date | None:
    """An MRZ date with its century: birth dates lie in the past, expiry dates may lie
    up to 50 years ahead. None when the field is not a full date."""
    if len(yymmdd) != 6 or not yymmdd.isdigit():
        return None
    today = today or dt.date.today()
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    century = today.year // 100 * 100
    year = century + yy
    if future:
        if year < today.year - 50:
            year += 100
    elif year > today.year:
        year -= 100
    try:
        return dt.date(year, mm, dd)
    except ValueError:
        return None
