"""Data-group parsers on crafted files: what the officer would see from each."""

from __future__ import annotations

import datetime as dt

import pytest

from app.services.card import tlv
from app.services.card.dg13 import parse_dg13, parse_vn_date
from app.services.card.errors import ParseError
from app.services.card.lds import parse_com, parse_dg11, parse_dg12
from app.services.card.mrz import mrz_date, parse_dg1, parse_mrz_text
from app.services.card.portrait import parse_dg2
from app.services.card.public_keys import parse_dg15
from app.services.card.security_infos import parse_security_infos
from tests.unit.card.card_builders import (
    FULL_DG13,
    TD1_NOTE,
    TD3_SPECIMEN,
    com,
    dg1,
    dg2,
    dg13,
    image_bytes,
    oid,
)


def test_td1_example_of_the_shared_note():
    mrz = parse_dg1(dg1(TD1_NOTE))
    assert mrz.format == "TD1"
    assert mrz.issuing_state == "VNM"
    assert mrz.document_number == "090012345"
    assert mrz.id_number == "001090012345"
    assert mrz.document_number == mrz.id_number[-9:]
    assert (mrz.date_of_birth, mrz.sex, mrz.date_of_expiry) == ("900101", "M", "300101")
    assert mrz.full_name == "NGUYEN VAN A"


def test_td3_passport_specimen():
    mrz = parse_mrz_text(TD3_SPECIMEN)
    assert (mrz.format, mrz.issuing_state, mrz.document_number) == ("TD3", "UTO", "L898902C3")
    assert (mrz.primary_identifier, mrz.secondary_identifier) == ("ERIKSSON", "ANNA MARIA")
    assert mrz.optional_data == "ZE184226B"
    assert mrz.id_number == ""


@pytest.mark.parametrize(
    ("position", "replacement", "what"),
    [
        (14, "1", "document number"),  # TD1 document number check digit 0 → 1
        (36, "2", "date of birth"),
        (59, "3", "composite"),
        (29, "7", "personal number"),  # check digit of the 12-digit ID
    ],
)
def test_td1_check_digits_are_verified(position, replacement, what):
    broken = TD1_NOTE[:position] + replacement + TD1_NOTE[position + 1 :]
    with pytest.raises(ParseError, match=what):
        parse_mrz_text(broken)


def test_td3_check_digit_of_expiry():
    broken = TD3_SPECIMEN[:71] + "8" + TD3_SPECIMEN[72:]
    with pytest.raises(ParseError, match="expiry"):
        parse_mrz_text(broken)


def test_mrz_dates_take_the_right_century():
    today = dt.date(2026, 1, 1)
    assert mrz_date("900101", future=False, today=today) == dt.date(1990, 1, 1)
    assert mrz_date("200101", future=False, today=today) == dt.date(2020, 1, 1)
    assert mrz_date("300101", future=True, today=today) == dt.date(2030, 1, 1)
    assert mrz_date("99<<<<", future=False, today=today) is None


def test_dg13_every_field_with_plain_parent_strings():
    data = parse_dg13(dg13())
    assert data.id_number == "001090012345"
    assert data.full_name == "Nguyễn Văn A"
    assert data.date_of_birth == "01/01/1990"
    assert (data.sex, data.nationality, data.ethnicity, data.religion) == (
        "Nam",
        "Việt Nam",
        "Kinh",
        "Không",
    )
    assert data.place_of_origin == FULL_DG13[8]
    assert data.residence == FULL_DG13[9]
    assert data.identifying_marks == FULL_DG13[10]
    assert (data.issue_date, data.expiry) == ("15/04/2021", "01/01/2030")
    assert (data.father_name, data.mother_name, data.spouse_name) == (
        "Nguyễn Văn B",
        "Trần Thị C",
        "Lê Thị D",
    )
    assert data.old_id_number == "012345678"
    assert data.field_16 == "8A3F0C19B2D4E671"


def test_dg13_parents_each_wrapped_in_a_sequence():
    data = parse_dg13(dg13(wrapped_parents=True))
    assert (data.father_name, data.mother_name) == ("Nguyễn Văn B", "Trần Thị C")


def test_dg13_missing_fields_and_empty_spouse():
    values = {k: v for k, v in FULL_DG13.items() if k not in (7, 10, 15, 16)}
    values[12] = "Không thời hạn"
    data = parse_dg13(dg13(values=values, spouse="", mother=None))
    assert data.religion == "" and data.identifying_marks == "" and data.old_id_number == ""
    assert data.spouse_name == "" and data.mother_name == ""
    assert data.expiry == "Không thời hạn"
    assert parse_vn_date(data.expiry) is None


def test_dg13_unknown_field_kept_raw():
    extra = tlv.encode(0x30, tlv.encode(0x02, b"\x11") + tlv.encode(0x0C, "mới".encode()))
    data = parse_dg13(dg13(extra_fields=extra))
    assert data.unknown == {17: tlv.encode(0x0C, "mới".encode())}


def test_dg13_without_any_field_is_an_error():
    with pytest.raises(ParseError):
        parse_dg13(tlv.encode(0x6D, tlv.encode(0x30, tlv.encode(0x02, b"\x01"))))


@pytest.mark.parametrize(("fmt", "jp2"), [("JPEG", False), ("JPEG2000", True)])
def test_dg2_portrait_decodes_and_is_ready_for_display(fmt, jp2):
    portrait = parse_dg2(dg2(image_bytes(fmt), jpeg2000=jp2))
    assert (portrait.width, portrait.height) == (48, 64)
    assert portrait.source_format == ("jpeg2000" if jp2 else "jpeg")
    assert portrait.format == "jpeg"
    assert portrait.image[:3] == b"\xff\xd8\xff"


def test_dg2_with_feature_points_and_7f2e_block():
    from tests.unit.card.card_builders import face_record

    record = face_record(image_bytes("JPEG"), False, feature_points=3)
    data = tlv.encode(0x75, tlv.encode(0x7F61, tlv.encode(0x7F60, tlv.encode(0x7F2E, record))))
    assert parse_dg2(data).width == 48


def test_dg2_with_corrupt_image_is_an_error():
    image = bytearray(image_bytes("JPEG"))
    image[20:200] = bytes(180)
    with pytest.raises(ParseError):
        parse_dg2(dg2(bytes(image[:60])))


def test_ef_com_lists_the_data_groups():
    parsed = parse_com(com([1, 2, 3, 13, 14, 15]))
    assert parsed.data_groups == (1, 2, 3, 13, 14, 15)
    assert parsed.lds_version == "0107"


def test_dg11_and_dg12_passport_details():
    dg11 = tlv.encode(
        0x6B,
        tlv.encode(0x5C, b"\x5f\x0e\x5f\x11")
        + tlv.encode(0x5F0E, b"LINDQVIST<<MAJA<ELIN")
        + tlv.encode(0x5F11, b"UTOPIA CITY")
        + tlv.encode(0x5F42, "Số 8 Lê Duẩn".encode()),
    )
    parsed = parse_dg11(dg11)
    assert parsed.full_name == "LINDQVIST MAJA ELIN"
    assert parsed.place_of_birth == "UTOPIA CITY"
    assert parsed.address == "Số 8 Lê Duẩn"
    dg12 = tlv.encode(
        0x6C, tlv.encode(0x5F19, b"PASSPORT OFFICE") + tlv.encode(0x5F26, b"20210521")
    )
    assert (parse_dg12(dg12).issuing_authority, parse_dg12(dg12).date_of_issue) == (
        "PASSPORT OFFICE",
        "20210521",
    )


def _spki_ec(curve_oid: str, point: bytes) -> bytes:
    algorithm = tlv.encode(0x30, oid("1.2.840.10045.2.1") + oid(curve_oid))
    return tlv.encode(0x30, algorithm + tlv.encode(0x03, b"\x00" + point))


def test_dg15_ec_and_rsa_keys():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    ec_key = ec.generate_private_key(ec.BrainpoolP256R1()).public_key()
    der = ec_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    parsed = parse_dg15(tlv.encode(0x6F, der))
    assert parsed.ec is not None and parsed.ec.curve.name == "brainpoolP256r1"
    assert parsed.cryptography_ec().public_numbers() == ec_key.public_numbers()
    rsa_key = rsa.generate_private_key(65537, 1024).public_key()
    der = rsa_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert parse_dg15(tlv.encode(0x6F, der)).rsa.public_numbers() == rsa_key.public_numbers()


def test_dg14_chip_auth_key_with_explicit_domain_parameters():
    """Passports often spell the curve out instead of naming it."""
    import subprocess

    from app.services.card import ec

    explicit = subprocess.run(
        [
            "openssl",
            "ecparam",
            "-name",
            "brainpoolP256r1",
            "-param_enc",
            "explicit",
            "-outform",
            "DER",
        ],
        capture_output=True,
        check=True,
    ).stdout
    curve = ec.BRAINPOOL_P256R1
    point = curve.encode(curve.mul(12345, curve.g))
    spki = tlv.encode(
        0x30,
        tlv.encode(0x30, oid("1.2.840.10045.2.1") + explicit) + tlv.encode(0x03, b"\x00" + point),
    )
    ca_info = tlv.encode(0x30, oid("0.4.0.127.0.7.2.2.3.2.2") + tlv.encode(0x02, b"\x01"))
    pk_info = tlv.encode(0x30, oid("0.4.0.127.0.7.2.2.1.2") + spki)
    infos = parse_security_infos(tlv.encode(0x6E, tlv.encode(0x31, ca_info + pk_info)))
    assert infos.chip_auth[0].is_ecdh
    key = infos.chip_auth_keys[0].key
    assert key is not None and key.curve is curve and curve.encode(key.point) == point


def test_card_access_with_pace_ca_and_ta():
    data = tlv.encode(
        0x31,
        tlv.encode(
            0x30,
            oid("0.4.0.127.0.7.2.2.4.2.2") + tlv.encode(0x02, b"\x02") + tlv.encode(0x02, b"\x0d"),
        )
        + tlv.encode(0x30, oid("0.4.0.127.0.7.2.2.3.2.2") + tlv.encode(0x02, b"\x01"))
        + tlv.encode(0x30, oid("0.4.0.127.0.7.2.2.2") + tlv.encode(0x02, b"\x01"))
        + tlv.encode(0x30, oid("1.2.3.4") + tlv.encode(0x02, b"\x01")),  # unknown: skipped
    )
    infos = parse_security_infos(data)
    assert [(p.parameter_id, p.version) for p in infos.pace] == [(13, 2)]
    assert infos.chip_auth[0].oid.endswith("3.2.2")
    assert infos.terminal_auth
