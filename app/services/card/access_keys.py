"""Access keys for the chip, built from what the officer has: the 12-digit ID
(enough for PACE with the CAN, its last six digits), the date of birth (which with the
age-based renewal rule leaves a few expiry candidates for BAC), the printed expiry, or
a passport's full MRZ. Keys live only in memory."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.errors import ErrorKind, UserError
from app.services.card.errors import ParseError
from app.services.card.mrz import parse_mrz_text
from app.services.card.mrz_keys import MrzKey
from app.services.card.pace import PacePassword

RENEWAL_AGES = (25, 40, 60)
# What a card without expiry ("Không thời hạn") holds in its MRZ expiry field is not
# public; these are the conventions used by other issuers, tried last.
NO_EXPIRY_CANDIDATES = ("991231",)


@dataclass(frozen=True, slots=True)
class AccessKeys:
    can: str = ""
    mrz: tuple[MrzKey, ...] = field(default=())

    def __repr__(self) -> str:
        return f"AccessKeys(can={'set' if self.can else 'none'}, mrz={len(self.mrz)} candidates)"

    def pace_passwords(self) -> list[PacePassword]:
        """CAN first: it needs no expiry date and is right on the first try."""
        passwords = [PacePassword.from_can(self.can)] if self.can else []
        return passwords + [PacePassword.from_mrz(key) for key in self.mrz]


def _yymmdd(date: dt.date) -> str:
    return date.strftime("%y%m%d")


def _birthday(dob: dt.date, age: int) -> list[dt.date]:
    try:
        return [dob.replace(year=dob.year + age)]
    except ValueError:  # 29 February: either neighbour may have been printed
        return [dt.date(dob.year + age, 2, 28), dt.date(dob.year + age, 3, 1)]


def expiry_candidates(dob: dt.date, today: dt.date | None = None) -> list[str]:
    """YYMMDD expiry candidates for a Vietnamese card, likeliest first: the next
    renewal birthday after today, then the others, then the no-expiry conventions."""
    today = today or dt.date.today()
    dates = [d for age in RENEWAL_AGES for d in _birthday(dob, age)]
    upcoming = sorted(d for d in dates if d >= today)
    past = sorted((d for d in dates if d < today), reverse=True)
    ordered = [_yymmdd(d) for d in upcoming + past]
    return ordered + [c for c in NO_EXPIRY_CANDIDATES if c not in ordered]


def _check_id(id_number: str) -> str:
    id_number = id_number.strip()
    if len(id_number) != 12 or not id_number.isdigit():
        raise UserError(ErrorKind.ID_NUMBER_INVALID, detail="ID must be 12 digits")
    return id_number


def from_id_number(id_number: str) -> AccessKeys:
    """PACE-CAN only: the CAN of these cards is the ID's last six digits."""
    return AccessKeys(can=_check_id(id_number)[-6:])


def from_id_and_dob(id_number: str, dob: dt.date, today: dt.date | None = None) -> AccessKeys:
    id_number = _check_id(id_number)
    keys = tuple(
        MrzKey(id_number[-9:], _yymmdd(dob), expiry) for expiry in expiry_candidates(dob, today)
    )
    return AccessKeys(can=id_number[-6:], mrz=keys)


def from_id_dob_expiry(id_number: str, dob: dt.date, expiry: dt.date | None) -> AccessKeys:
    """Typed from the card; ``expiry`` None for "Không thời hạn"."""
    id_number = _check_id(id_number)
    expiries = list(NO_EXPIRY_CANDIDATES) if expiry is None else [_yymmdd(expiry)]
    keys = tuple(MrzKey(id_number[-9:], _yymmdd(dob), e) for e in expiries)
    return AccessKeys(can=id_number[-6:], mrz=keys)


def from_can(can: str) -> AccessKeys:
    can = can.strip()
    if not can.isdigit() or not 6 <= len(can) <= 10:
        raise UserError(ErrorKind.ID_NUMBER_INVALID, detail="CAN must be 6 digits")
    return AccessKeys(can=can)


def from_mrz(text: str) -> AccessKeys:
    """A full MRZ (TD1/TD2/TD3, lines joined or not) or the short form
    ``DOCNUMBER,YYMMDD,YYMMDD`` (document number, birth, expiry)."""
    parts = [p.strip().upper() for p in text.split(",")]
    if len(parts) == 3 and all(parts):
        number, dob, expiry = parts
        if not (dob.isdigit() and expiry.isdigit() and len(dob) == len(expiry) == 6):
            raise UserError(ErrorKind.ACCESS_DENIED, detail="dates must be YYMMDD")
        return AccessKeys(mrz=(MrzKey(number, dob, expiry),))
    try:
        mrz = parse_mrz_text(text.upper())
    except ParseError as exc:
        raise UserError(ErrorKind.ACCESS_DENIED, detail="MRZ does not parse") from exc
    key = MrzKey(mrz.document_number, mrz.date_of_birth, mrz.date_of_expiry)
    can = mrz.id_number[-6:] if mrz.id_number else ""
    return AccessKeys(can=can, mrz=(key,))
