"""The 12-digit ID: structure, province code, century/sex and year digits; and the
typed-entry path built on it."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import ErrorKind, UserError
from app.services.card.id_number import PROVINCE_CODES, decode_id_number, validate_id_number
from app.services.card.typed_entry import typed_identity
from app.services.identity import IdentitySource


def test_province_list_holds_the_63_codes():
    assert len(PROVINCE_CODES) == 63
    assert PROVINCE_CODES["001"] == "Hà Nội" and PROVINCE_CODES["079"] == "Hồ Chí Minh"
    assert all(
        code.isdigit() and len(code) == 3 and "001" <= code <= "096" for code in PROVINCE_CODES
    )


@pytest.mark.parametrize(
    ("number", "sex", "year"),
    [
        ("001090123456", "Nam", 1990),
        ("001188012345", "Nữ", 1988),
        ("079201004567", "Nam", 2001),
        ("079305004567", "Nữ", 2005),
    ],
)
def test_century_sex_and_year(number, sex, year):
    info = decode_id_number(number)
    assert (info.sex, info.birth_year) == (sex, year)
    validate_id_number(number, year, sex)


@pytest.mark.parametrize(
    ("number", "year", "sex"),
    [
        ("00109012345", None, None),  # 11 digits
        ("0010901234567", None, None),
        ("00109O123456", None, None),  # letter O
        ("003090123456", None, None),  # 003 is not a province code
        ("001090123456", 1991, None),  # year digits
        ("001090123456", 2090, None),  # century digit
        ("001090123456", 1990, "Nữ"),  # sex digit
        ("001290123456", None, None),  # born 2090: in the future
    ],
)
def test_invalid_numbers(number, year, sex):
    with pytest.raises(UserError) as info:
        validate_id_number(number, year, sex)
    assert info.value.kind is ErrorKind.ID_NUMBER_INVALID


def test_typed_entry_builds_a_typed_identity():
    identity = typed_identity(
        "001090123456", "  Nguyễn   Văn A ", "01/01/1990", "Nam", expiry_text="Không thời hạn"
    )
    assert identity.source is IdentitySource.TYPED
    assert identity.full_name == "Nguyễn Văn A"
    assert identity.date_of_birth == dt.date(1990, 1, 1)
    assert identity.document_number == "090123456"
    assert identity.expiry_date is None and identity.expiry_text == "Không thời hạn"


def test_typed_entry_with_year_only_and_mismatch():
    assert typed_identity("001090123456", "Nguyễn Văn A", "1990", "Nam").date_of_birth is None
    with pytest.raises(UserError):
        typed_identity("001090123456", "Nguyễn Văn A", "01/01/1991", "Nam")
    with pytest.raises(UserError):
        typed_identity("001090123456", "Nguyễn Văn A", "01/01/1990", "Nữ")
