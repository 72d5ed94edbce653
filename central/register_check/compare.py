"""Declared identity (BHXH registry) against the population register, field by field.

Names compare in Unicode composed form, case- and space-insensitively (a register and
a registry may store NFC or NFD, capitals or not); dates exactly; sex after mapping the
usual spellings (Nam/Nữ, M/F) to one form. A difference keeps both values, as stored,
so the officer who calls the citizen sees what to correct.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Any

from central.register_check.adapter import RegisterRecord
from central.register_check.models import DIFFERS, NOT_FOUND, VERIFIED

FIELDS = ("full_name", "date_of_birth", "sex")
_SEX = {"nam": "M", "m": "M", "male": "M", "nữ": "F", "nu": "F", "f": "F", "female": "F"}


@dataclass(frozen=True, slots=True)
class Declared:
    bhxh_number: str
    id_number: str
    full_name: str
    date_of_birth: dt.date | None
    sex: str
    version: int


def _name(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).casefold().split())


def _sex(value: str) -> str:
    key = unicodedata.normalize("NFC", value).strip().casefold()
    return _SEX.get(key, key)


def _text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value or "")


def compare(declared: Declared, record: RegisterRecord | None) -> tuple[str, list[dict[str, str]]]:
    """The outcome and, when it differs, ``[{"field", "declared", "registered"}]``."""
    if record is None:
        return NOT_FOUND, []
    differences = []
    for field in FIELDS:
        mine, theirs = getattr(declared, field), getattr(record, field)
        if field == "full_name":
            same = _name(mine) == _name(theirs)
        elif field == "sex":
            same = _sex(mine) == _sex(theirs)
        else:
            same = mine == theirs
        if not same:
            differences.append(
                {"field": field, "declared": _text(mine), "registered": _text(theirs)}
            )
    return (DIFFERS if differences else VERIFIED), differences
