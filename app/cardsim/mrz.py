"""Machine readable zones (ICAO Doc 9303 Parts 3, 4 and 5) for the card's DG1 and keys."""

from __future__ import annotations

import unicodedata
from datetime import date

_WEIGHTS = (7, 3, 1)


def _char_value(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    if ch == "<":
        return 0
    raise ValueError(f"not an MRZ character: {ch!r}")


def check_digit(field: str) -> str:
    """Doc 9303-3 §4.9: weights 7-3-1, modulo 10."""
    return str(sum(_char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(field)) % 10)


def yymmdd(day: date) -> str:
    return day.strftime("%y%m%d")


def transliterate(text: str) -> str:
    """Latin capitals without diacritics, as the MRZ needs (Đ has no decomposition)."""
    text = text.replace("Đ", "D").replace("đ", "d")
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    )
    out = []
    for ch in stripped.upper():
        if "A" <= ch <= "Z" or ch.isdigit():
            out.append(ch)
        else:
            out.append("<")  # spaces, hyphens, apostrophes become fillers
    return "".join(out)


def mrz_name(surname: str, given_names: str, width: int) -> str:
    name = transliterate(surname).strip("<") + "<<" + transliterate(given_names).strip("<")
    return name[:width].ljust(width, "<")


def td1(
    *,
    document_code: str,
    issuing_state: str,
    document_number: str,
    optional_1: str,
    birth: date,
    sex: str,
    expiry: date | None,
    nationality: str,
    optional_2: str,
    surname: str,
    given_names: str,
) -> tuple[str, str, str]:
    """Three lines of 30 characters (Doc 9303-5 §4.2.2)."""
    doc = document_number.ljust(9, "<")
    line1 = document_code.ljust(2, "<") + issuing_state + doc + check_digit(doc)
    line1 = (line1 + optional_1).ljust(30, "<")[:30]
    exp = yymmdd(expiry) if expiry else "<<<<<<"
    dob = yymmdd(birth)
    line2_start = dob + check_digit(dob) + sex + exp + check_digit(exp) + nationality
    line2_start = (line2_start + optional_2).ljust(29, "<")[:29]
    composite = line1[5:30] + line2_start[0:7] + line2_start[8:15] + line2_start[18:29]
    line2 = line2_start + check_digit(composite)
    line3 = mrz_name(surname, given_names, 30)
    return line1, line2, line3


def td3(
    *,
    document_code: str,
    issuing_state: str,
    document_number: str,
    birth: date,
    sex: str,
    expiry: date,
    nationality: str,
    personal_number: str,
    surname: str,
    given_names: str,
) -> tuple[str, str]:
    """Two lines of 44 characters (Doc 9303-4 §4.2.2)."""
    line1 = document_code.ljust(2, "<") + issuing_state + mrz_name(surname, given_names, 39)
    doc = document_number.ljust(9, "<")
    dob, exp = yymmdd(birth), yymmdd(expiry)
    personal = personal_number.ljust(14, "<")
    personal_cd = check_digit(personal) if personal_number else "<"
    body = (
        doc
        + check_digit(doc)
        + nationality
        + dob
        + check_digit(dob)
        + sex
        + exp
        + check_digit(exp)
        + personal
        + personal_cd
    )
    composite = body[0:10] + body[13:20] + body[21:43]
    return line1, body + check_digit(composite)


def mrz_information(document_number: str, birth: str, expiry: str) -> bytes:
    """Doc 9303-11 §9.7.2: number, birth and expiry with their check digits (BAC, PACE-MRZ).

    Numbers longer than 9 characters (TD1 with the rest in the optional data) are used
    whole here; a 9-character number is padded with '<' as printed.
    """
    doc = document_number if len(document_number) > 9 else document_number.ljust(9, "<")
    return (
        doc + check_digit(doc) + birth + check_digit(birth) + expiry + check_digit(expiry)
    ).encode("ascii")
