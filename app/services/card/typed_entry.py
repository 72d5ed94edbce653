"""Typed entry: the officer copies the card by hand (no chip reader, damaged chip).
The ID number is checked against the date of birth and sex typed beside it."""

from __future__ import annotations

import datetime as dt

from app.errors import ErrorKind, UserError
from app.services.card.dg13 import parse_vn_date
from app.services.card.id_number import validate_id_number
from app.services.identity import Identity, IdentitySource


def typed_identity(
    id_number: str,
    full_name: str,
    dob_text: str,
    sex: str,
    *,
    residence: str = "",
    issue_date: dt.date | None = None,
    expiry_text: str = "",
    old_id_number: str = "",
) -> Identity:
    """``dob_text`` is dd/mm/yyyy, or just yyyy when only the year is known."""
    id_number = id_number.strip()
    dob = parse_vn_date(dob_text)
    year = dob.year if dob else (int(dob_text) if dob_text.strip().isdigit() else None)
    if year is None:
        raise UserError(ErrorKind.ID_NUMBER_INVALID, detail="date of birth unreadable")
    if sex not in ("Nam", "Nữ"):
        raise UserError(ErrorKind.ID_NUMBER_INVALID, detail="sex must be Nam or Nữ")
    validate_id_number(id_number, year, sex)
    if old_id_number and not (old_id_number.isdigit() and len(old_id_number) in (9, 12)):
        raise UserError(ErrorKind.ID_NUMBER_INVALID, detail="old ID must be 9 or 12 digits")
    expiry = parse_vn_date(expiry_text) if expiry_text else None
    return Identity(
        id_number=id_number,
        full_name=" ".join(full_name.split()),
        date_of_birth=dob,
        sex=sex,
        source=IdentitySource.TYPED,
        dob_text=dob_text.strip(),
        residence=residence.strip(),
        issue_date=issue_date,
        expiry_date=expiry,
        expiry_text=expiry_text.strip(),
        old_id_number=old_id_number,
        document_number=id_number[-9:],
        document_type="CCCD",
    )
