"""Logical Data Structure (ICAO 9303-10): file identifiers, data-group tags, EF.COM,
and the passport data groups DG11 (additional personal details) and DG12
(additional document details)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.services.card import tlv
from app.services.card.errors import ParseError, parse_guard

AID_MRTD = bytes.fromhex("A0000002471001")
FID_CARD_ACCESS = 0x011C
SFI_CARD_ACCESS = 0x1C
FID_COM = 0x011E
SFI_COM = 0x1E
FID_SOD = 0x011D
SFI_SOD = 0x1D

# data group number → tag of its outermost object
DG_TAGS: dict[int, int] = {
    1: 0x61, 2: 0x75, 3: 0x63, 4: 0x76, 5: 0x65, 6: 0x66, 7: 0x67, 8: 0x68,
    9: 0x69, 10: 0x6A, 11: 0x6B, 12: 0x6C, 13: 0x6D, 14: 0x6E, 15: 0x6F, 16: 0x70,
}  # fmt: skip
TAG_TO_DG = {tag: number for number, tag in DG_TAGS.items()}


@dataclass(frozen=True, slots=True)
class EfCom:
    lds_version: str
    unicode_version: str
    data_groups: tuple[int, ...]


@parse_guard
def parse_com(data: bytes) -> EfCom:
    top = tlv.parse_single(data, 0x60)
    tags = top.require(0x5C).value
    groups = []
    for tag in tags:
        if tag not in TAG_TO_DG:
            raise ParseError(f"EF.COM lists unknown tag {tag:X}")
        groups.append(TAG_TO_DG[tag])
    lds = top.find(0x5F01)
    uni = top.find(0x5F36)
    return EfCom(
        lds.value.decode("ascii") if lds else "",
        uni.value.decode("ascii") if uni else "",
        tuple(groups),
    )


def _text(node: tlv.Tlv | None) -> str:
    if node is None:
        return ""
    # ICAO: '<' separates name parts; values are UTF-8 (Latin-1 on old chips).
    try:
        value = node.value.decode("utf-8")
    except UnicodeDecodeError:
        value = node.value.decode("latin-1")
    return value.replace("<<", ", ").replace("<", " ").strip()


@dataclass(frozen=True, slots=True)
class Dg11:
    full_name: str = ""
    personal_number: str = ""
    full_date_of_birth: str = ""  # YYYYMMDD
    place_of_birth: str = ""
    address: str = ""
    telephone: str = ""
    profession: str = ""
    other: dict[int, str] = field(default_factory=dict)


_DG11_FIELDS = {
    0x5F0E: "full_name",
    0x5F10: "personal_number",
    0x5F2B: "full_date_of_birth",
    0x5F11: "place_of_birth",
    0x5F42: "address",
    0x5F12: "telephone",
    0x5F13: "profession",
}


@parse_guard
def parse_dg11(data: bytes) -> Dg11:
    top = tlv.parse_single(data, 0x6B)
    values: dict[str, str] = {}
    other: dict[int, str] = {}
    for child in top.children():
        if child.tag == 0x5C:
            continue
        name = _DG11_FIELDS.get(child.tag)
        if name == "full_name":
            # primary<<secondary, written like the MRZ name: "LINDQVIST MAJA ELIN"
            values[name] = " ".join(_text(child).replace(",", " ").split())
        elif name:
            values[name] = _text(child)
        elif not child.constructed:
            other[child.tag] = _text(child)
    return Dg11(other=other, **values)


@dataclass(frozen=True, slots=True)
class Dg12:
    issuing_authority: str = ""
    date_of_issue: str = ""  # YYYYMMDD
    endorsements: str = ""
    other: dict[int, str] = field(default_factory=dict)


@parse_guard
def parse_dg12(data: bytes) -> Dg12:
    top = tlv.parse_single(data, 0x6C)
    values: dict[str, str] = {}
    other: dict[int, str] = {}
    for child in top.children():
        if child.tag == 0x5F19:
            values["issuing_authority"] = _text(child)
        elif child.tag == 0x5F26:
            raw = child.value
            # Some chips store the date as BCD (4 bytes) instead of 8 ASCII digits.
            values["date_of_issue"] = raw.hex() if len(raw) == 4 else _text(child)
        elif child.tag == 0x5F1B:
            values["endorsements"] = _text(child)
        elif child.tag in (0x5F1D, 0x5F1E, 0x5C):
            continue  # document images and the tag list are not shown
        elif not child.constructed:
            other[child.tag] = _text(child)
    return Dg12(other=other, **values)
