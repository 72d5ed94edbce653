"""QR text from a keyboard-wedge scanner: good scans, the 2024 layout, and the ways
an input method or code page mangles Vietnamese."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from app.errors import ErrorKind, UserError
from app.services.card.qr import parse_qr
from app.services.identity import IdentitySource

NOTE = "001090123456|012345678|Nguyễn Văn A|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021"


def _kind(text: str) -> ErrorKind:
    with pytest.raises(UserError) as info:
        parse_qr(text)
    return info.value.kind


def test_example_of_the_shared_note():
    identity = parse_qr(NOTE)
    assert identity.source is IdentitySource.QR
    assert identity.id_number == "001090123456"
    assert identity.old_id_number == "012345678"
    assert identity.full_name == "Nguyễn Văn A"
    assert identity.date_of_birth == dt.date(1990, 1, 1)
    assert identity.sex == "Nam"
    assert identity.residence == "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh"
    assert identity.issue_date == dt.date(2021, 4, 15)
    assert identity.raw_extra == ()


def test_eleven_field_layout_keeps_the_extras():
    identity = parse_qr(NOTE + "|x1||20240701|abc\r\n")
    assert identity.raw_extra == ("x1", "", "20240701", "abc")
    assert identity.full_name == "Nguyễn Văn A"


def test_empty_old_id_number():
    assert parse_qr(NOTE.replace("|012345678|", "||")).old_id_number == ""


def test_decomposed_unicode_is_normalised_not_rejected():
    identity = parse_qr(unicodedata.normalize("NFD", NOTE))
    assert identity.full_name == "Nguyễn Văn A"
    assert unicodedata.is_normalized("NFC", identity.residence)


@pytest.mark.parametrize(
    "mangled_name",
    [
        "Nguyeenx Vawn A",
        "Nguyễn Vawn A",
        "Nguyeenx Văn A",
        "Traanf Thij Thu Haf",
        "DDoox Minh Quaan",
    ],
)
def test_telex_residue(mangled_name):
    assert _kind(NOTE.replace("Nguyễn Văn A", mangled_name)) is ErrorKind.QR_MANGLED


def test_vni_residue():
    assert _kind(NOTE.replace("Nguyễn Văn A", "Nguye64n Va8n A")) is ErrorKind.QR_MANGLED


def test_mojibake_from_a_western_code_page():
    mojibake = NOTE.encode("utf-8").decode("cp1252", errors="replace")
    assert _kind(mojibake) is ErrorKind.QR_MANGLED
    partly = NOTE.replace("Nguyễn", "Nguyá»…n")
    assert _kind(partly) is ErrorKind.QR_MANGLED


def test_diacritics_lost_entirely():
    ascii_only = NOTE.replace("Nguyễn Văn A", "Nguyen Van A").replace(
        "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh", "Phuong Ben Nghe, Quan 1, TP. Ho Chi Minh"
    )
    assert _kind(ascii_only) is ErrorKind.QR_MANGLED


def test_stray_combining_mark():
    assert _kind(NOTE.replace("Văn", "V\u0303\u0301an")) is ErrorKind.QR_MANGLED


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "hello world",
        "https://example.invalid/abc",
        "001090123456|012345678|Nguyễn Văn A",
        NOTE.replace("001090123456", "00109012345X"),
        NOTE.replace("01011990", "31021990"),
        NOTE.replace("|Nam|", "|Khác|"),
        NOTE.replace("001090123456", "999090123456"),  # no such province
        NOTE.replace("001090123456", "001190123456"),  # female digit, sex Nam
        NOTE.replace("15042021", "15041980"),  # issued before birth
    ],
)
def test_other_garbage_is_invalid(garbage):
    assert _kind(garbage) is ErrorKind.QR_INVALID


def test_ethnic_minority_names_are_not_flagged():
    name = "Ksor H'Phi"
    identity = parse_qr(NOTE.replace("Nguyễn Văn A", name).replace("001090123456", "064090123456"))
    assert identity.full_name == name
