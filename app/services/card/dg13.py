"""DG13 of Vietnamese ID cards: personal data with full diacritics.

Fields are found by their number (``SEQUENCE { INTEGER n, value }``) wherever they
sit under the data group, never by byte offset, so both known parent encodings and
future re-orderings parse. Any field may be missing; unknown numbers are kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.services.card import der, tlv
from app.services.card.errors import ParseError, parse_guard

_STRING_CODECS = {
    0x0C: "utf-8",  # UTF8String
    0x13: "ascii",  # PrintableString
    0x16: "ascii",  # IA5String
    0x14: "latin-1",  # T61String (treated as Latin-1)
    0x1A: "ascii",  # VisibleString
    0x1E: "utf-16-be",  # BMPString
    0x04: "utf-8",  # OCTET STRING holding text
}


@dataclass(frozen=True, slots=True)
class Dg13:
    id_number: str = ""
    full_name: str = ""
    date_of_birth: str = ""  # dd/mm/yyyy as stored
    sex: str = ""
    nationality: str = ""
    ethnicity: str = ""
    religion: str = ""
    place_of_origin: str = ""
    residence: str = ""
    identifying_marks: str = ""
    issue_date: str = ""
    expiry: str = ""  # dd/mm/yyyy or "Không thời hạn"
    father_name: str = ""
    mother_name: str = ""
    spouse_name: str = ""
    old_id_number: str = ""
    field_16: str = ""  # meaning unknown, kept as read
    unknown: dict[int, bytes] = field(default_factory=dict)  # number → encoded value(s)


_TEXT_FIELDS = {
    1: "id_number",
    2: "full_name",
    3: "date_of_birth",
    4: "sex",
    5: "nationality",
    6: "ethnicity",
    7: "religion",
    8: "place_of_origin",
    9: "residence",
    10: "identifying_marks",
    11: "issue_date",
    12: "expiry",
    15: "old_id_number",
    16: "field_16",
}


def _strings(items: list[tlv.Tlv]) -> list[str]:
    """Every text value under these objects, depth first (flattens the SEQUENCE
    wrappers that some cards put around each parent's name)."""
    found: list[str] = []
    for item in items:
        codec = _STRING_CODECS.get(item.tag)
        if codec is not None:
            found.append(item.value.decode(codec).strip())
        elif item.constructed:
            found.extend(_strings(item.children()))
    return found


def _field_number(node: tlv.Tlv, in_set: bool) -> int | None:
    if node.tag != der.TAG_SEQUENCE:
        return None
    children = node.children()
    if not children or children[0].tag != der.TAG_INTEGER:
        return None
    if len(children) == 1 and not in_set:
        return None  # a lone INTEGER outside the field SET is not a field
    if len(children) > 1 and children[1].tag == der.TAG_OID:
        return None  # the header SEQUENCE { version, OID, ... }
    number = der.decode_int(children[0].value)
    return number if 0 < number < 256 else None


def _collect(node: tlv.Tlv, out: dict[int, list[tlv.Tlv]]) -> None:
    for child in node.children():
        number = _field_number(child, node.tag == der.TAG_SET)
        if number is not None:
            out.setdefault(number, child.children()[1:])
        elif child.constructed:
            _collect(child, out)


@parse_guard
def parse_dg13(data: bytes) -> Dg13:
    top = tlv.parse_single(data, 0x6D)
    if not top.constructed:
        raise ParseError("DG13 is not constructed")
    fields: dict[int, list[tlv.Tlv]] = {}
    _collect(top, fields)
    if not fields:
        raise ParseError("DG13 holds no numbered fields")
    values: dict[str, object] = {}
    unknown: dict[int, bytes] = {}
    for number, items in fields.items():
        if number in _TEXT_FIELDS:
            texts = _strings(items)
            values[_TEXT_FIELDS[number]] = texts[0] if texts else ""
        elif number == 13:
            texts = _strings(items)
            values["father_name"] = texts[0] if texts else ""
            values["mother_name"] = texts[1] if len(texts) > 1 else ""
        elif number == 14:
            texts = _strings(items)
            values["spouse_name"] = texts[0] if texts else ""
        else:
            unknown[number] = b"".join(tlv.encode(i.tag, i.value) for i in items)
    return Dg13(unknown=unknown, **values)  # type: ignore[arg-type]


def parse_vn_date(text: str) -> dt.date | None:
    """dd/mm/yyyy → date; None for anything else (e.g. "Không thời hạn", "1990")."""
    parts = text.strip().split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    try:
        return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return None
