"""Card profiles: fictitious holders and card features, stored as JSON data.

A profile lives in ``resources/cards/<name>.json``; paths inside it (photo, keys) are
relative to that folder. ``load_profile`` takes a name or a path.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from app.cardsim.faults import Faults
from app.cardsim.pki import RESOURCES


class ProfileError(ValueError):
    """The profile file is missing or does not describe a card."""


@dataclass(frozen=True, slots=True)
class Holder:
    full_name: str
    surname: str
    given_names: str
    sex: str  # "M" or "F"
    birth: date
    id_number: str  # 12-digit personal number (ID card) or passport personal number
    nationality: str = "Việt Nam"
    old_id_number: str = ""
    ethnicity: str = ""
    religion: str = ""
    hometown: str = ""
    residence: str = ""
    identifying_marks: str = ""
    father: str = ""
    mother: str = ""
    spouse: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    kind: str  # "id-card" (TD1) or "passport" (TD3)
    issuing_state: str
    nationality_code: str
    issued: date
    expiry: date | None  # None: "Không thời hạn"
    document_number: str  # printed/MRZ number; for the VN card the last 9 ID digits
    can: str | None
    issuing_authority: str = ""
    place_of_birth: str = ""
    profession: str = ""
    telephone: str = ""
    address: str = ""


@dataclass(frozen=True, slots=True)
class Security:
    bac: bool
    pace_passwords: tuple[str, ...]  # subset of ("MRZ", "CAN"); empty: no PACEInfo
    extended_length: bool
    max_response: int
    chip_auth: str | None  # "AES-128", "3DES" or None
    active_auth: str | None  # "rsa-1024", "rsa-2048", "ec-brainpoolP256r1" or None
    dsc: str
    expired_dsc: str
    short_read_sw: int  # status word when fewer bytes than Le remain: 6282 or 9000


@dataclass(frozen=True, slots=True)
class Dg13Options:
    parents_wrapped: bool
    absent: frozenset[int]
    field16: str


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    description: str
    holder: Holder
    document: Document
    security: Security
    dg13: Dg13Options
    photo: Path
    photo_format: str  # "jpeg" or "jpeg2000"
    photo_style: dict[str, Any]
    aa_key: Path | None
    ca_key: Path | None
    faults: Faults = field(default_factory=Faults)
    source: Path | None = None

    @property
    def is_id_card(self) -> bool:
        return self.document.kind == "id-card"


def profile_dir() -> Path:
    return RESOURCES


def list_profiles() -> list[str]:
    return sorted(p.stem for p in RESOURCES.glob("*.json"))


def _date(value: Any, what: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ProfileError(f"{what}: not a date YYYY-MM-DD: {value!r}") from exc


def _require(data: dict[str, Any], key: str, where: str) -> Any:
    if key not in data:
        raise ProfileError(f"{where}: missing {key!r}")
    return data[key]


def load_profile(name_or_path: str | Path) -> Profile:
    path = Path(name_or_path)
    if path.suffix != ".json":
        path = RESOURCES / f"{name_or_path}.json"
    if not path.is_file():
        raise ProfileError(f"no card profile {name_or_path!r}; known: {', '.join(list_profiles())}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ProfileError(f"{path.name}: invalid JSON: {exc}") from exc
    return parse_profile(data, base=path.parent, source=path)


def parse_profile(data: dict[str, Any], *, base: Path, source: Path | None = None) -> Profile:
    h = _require(data, "holder", "profile")
    d = _require(data, "document", "profile")
    s = data.get("security", {})
    g = data.get("dg13", {})
    files = data.get("files", {})
    kind = d.get("kind", "id-card")
    if kind not in ("id-card", "passport"):
        raise ProfileError(f"document.kind must be id-card or passport, not {kind!r}")
    holder = Holder(
        full_name=_require(h, "full_name", "holder"),
        surname=_require(h, "surname", "holder"),
        given_names=_require(h, "given_names", "holder"),
        sex=_require(h, "sex", "holder"),
        birth=_date(_require(h, "birth", "holder"), "holder.birth"),
        id_number=str(_require(h, "id_number", "holder")),
        **{
            k: h[k]
            for k in (
                "nationality",
                "old_id_number",
                "ethnicity",
                "religion",
                "hometown",
                "residence",
                "identifying_marks",
                "father",
                "mother",
                "spouse",
            )
            if k in h
        },
    )
    if holder.sex not in ("M", "F"):
        raise ProfileError("holder.sex must be M or F")
    if kind == "id-card":
        _check_vn_id(holder)
        default_doc, default_can = holder.id_number[-9:], holder.id_number[-6:]
    else:
        default_doc, default_can = "", None
    expiry = d.get("expiry")
    document = Document(
        kind=kind,
        issuing_state=d.get("issuing_state", "VNM"),
        nationality_code=d.get("nationality_code", d.get("issuing_state", "VNM")),
        issued=_date(_require(d, "issued", "document"), "document.issued"),
        expiry=_date(expiry, "document.expiry") if expiry else None,
        document_number=d.get("document_number") or default_doc,
        can=d.get("can", default_can),
        **{
            k: d[k]
            for k in (
                "issuing_authority",
                "place_of_birth",
                "profession",
                "telephone",
                "address",
            )
            if k in d
        },
    )
    if not document.document_number:
        raise ProfileError("document.document_number is needed for a passport")
    passwords = tuple(s.get("pace", []))
    if not set(passwords) <= {"MRZ", "CAN"}:
        raise ProfileError("security.pace lists passwords MRZ and/or CAN")
    if "CAN" in passwords and not document.can:
        raise ProfileError("PACE with CAN needs document.can")
    security = Security(
        bac=bool(s.get("bac", True)),
        pace_passwords=passwords,
        extended_length=bool(s.get("extended_length", False)),
        max_response=int(s.get("max_response", 4096 if s.get("extended_length") else 256)),
        chip_auth=s.get("chip_auth", "AES-128"),
        active_auth=s.get("active_auth", "rsa-1024"),
        dsc=s.get("dsc", "dsc-vn"),
        expired_dsc=s.get("expired_dsc", "dsc-vn-expired"),
        short_read_sw=int(str(s.get("short_read_sw", "6282")), 16),
    )
    dg13 = Dg13Options(
        parents_wrapped=g.get("parents", "plain") == "wrapped",
        absent=frozenset(int(n) for n in g.get("absent", [])),
        field16=g.get("field16", ""),
    )
    photo = base / _require(files, "photo", "files")
    return Profile(
        name=data.get("name", source.stem if source else "custom"),
        description=data.get("description", ""),
        holder=holder,
        document=document,
        security=security,
        dg13=dg13,
        photo=photo,
        photo_format="jpeg2000" if photo.suffix in (".jp2", ".j2k") else "jpeg",
        photo_style=data.get("photo_style", {"seed": 0}),
        aa_key=base / files["aa_key"] if files.get("aa_key") else None,
        ca_key=base / files["ca_key"] if files.get("ca_key") else None,
        faults=Faults.parse(data.get("faults", [])),
        source=source,
    )


def _check_vn_id(holder: Holder) -> None:
    """12 digits: province, century+sex, year of birth, serial (see cccd-chip.md)."""
    number = holder.id_number
    if len(number) != 12 or not number.isdigit():
        raise ProfileError("holder.id_number must have 12 digits")
    century_index = (holder.birth.year // 100) - 19  # 1900s -> 0, 2000s -> 1
    expected = century_index * 2 + (1 if holder.sex == "F" else 0)
    if int(number[3]) != expected or number[4:6] != f"{holder.birth.year % 100:02d}":
        raise ProfileError("holder.id_number does not match birth year and sex")
