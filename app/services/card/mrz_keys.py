"""The MRZ-derived password shared by BAC and PACE-MRZ (ICAO 9303-11 §9.7.2):
document number, date of birth and date of expiry, each with its check digit."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

_VALUES = {**{str(d): d for d in range(10)}, "<": 0}
_VALUES.update({chr(ord("A") + i): 10 + i for i in range(26)})


def check_digit(field: str) -> str:
    """ICAO 9303-3 §4.9: weights 7, 3, 1 repeating, modulo 10."""
    total = 0
    for i, char in enumerate(field):
        value = _VALUES.get(char)
        if value is None:
            raise ValueError("character not allowed in an MRZ field")
        total += value * (7, 3, 1)[i % 3]
    return str(total % 10)


@dataclass(frozen=True, slots=True)
class MrzKey:
    """Kept in memory only; ``repr`` hides the values (they identify a person)."""

    document_number: str
    date_of_birth: str  # YYMMDD
    date_of_expiry: str  # YYMMDD

    def __repr__(self) -> str:
        return "MrzKey(<hidden>)"

    def mrz_information(self) -> str:
        # Document numbers shorter than 9 are padded with '<'; longer ones keep going
        # (the overflow rule is only about where they sit in the printed MRZ).
        number = self.document_number.upper().ljust(9, "<")
        return (
            number
            + check_digit(number)
            + self.date_of_birth
            + check_digit(self.date_of_birth)
            + self.date_of_expiry
            + check_digit(self.date_of_expiry)
        )

    def seed(self) -> bytes:
        """K_seed for BAC: the first 16 bytes of SHA-1 over the MRZ information."""
        return hashlib.sha1(self.mrz_information().encode("ascii")).digest()[:16]

    def pace_secret(self) -> bytes:
        """K for PACE with the MRZ password: the whole SHA-1 (ICAO 9303-11 §9.7.3)."""
        return hashlib.sha1(self.mrz_information().encode("ascii")).digest()
