"""The LDS files the emulator writes read back with asn1crypto, Pillow and cryptography."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from datetime import date

import pytest
from asn1crypto import cms, core
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from PIL import Image

from app.cardsim import lds_asn1 as a
from app.cardsim import mrz
from app.cardsim.build import FID_CARD_ACCESS, FID_COM, FID_SOD
from app.cardsim.pki import PKI_DIR
from app.cardsim.tlv import read_tlv, tlv_dict


def dg(image, number: int) -> bytes:
    return image.app_files[0x0100 + number]


def unwrap(data: bytes, tag: int) -> bytes:
    got, value, end = read_tlv(data)
    assert got == tag and end == len(data)
    return value


# --- MRZ ---------------------------------------------------------------------------------
def test_td1_reproduces_the_fictitious_example_of_the_shared_note() -> None:
    lines = mrz.td1(
        document_code="ID", issuing_state="VNM", document_number="090012345",
        optional_1="001090012345<<" + mrz.check_digit("001090012345"),
        birth=date(1990, 1, 1), sex="M", expiry=date(2030, 1, 1), nationality="VNM",
        optional_2="", surname="Nguyễn", given_names="Văn A",
    )  # fmt: skip
    assert lines == (
        "IDVNM0900123450001090012345<<1",
        "9001011M3001019VNM<<<<<<<<<<<2",
        "NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<",
    )


def test_td3_reproduces_the_icao_specimen() -> None:
    # Doc 9303-4 Appendix A specimen (Anna Maria Eriksson, Utopia)
    lines = mrz.td3(
        document_code="P", issuing_state="UTO", document_number="L898902C3",
        birth=date(1974, 8, 12), sex="F", expiry=date(2012, 4, 15), nationality="UTO",
        personal_number="ZE184226B", surname="Eriksson", given_names="Anna Maria",
    )  # fmt: skip
    assert lines == (
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    )


def test_id_card_dg1_carries_the_last_nine_digits_and_the_whole_number(card_image) -> None:
    image = card_image("cccd-2021")
    line1, line2, line3 = image.mrz_lines
    text = unwrap(unwrap(dg(image, 1), 0x61), 0x5F1F).decode("ascii")
    assert text == line1 + line2 + line3 and len(text) == 90
    assert line1[5:14] == "188012345"  # last 9 digits of 001188012345
    assert line1[15:27] == "001188012345"
    assert line2[0:6] == "880315" and line2[7] == "F" and line2[8:14] == "280315"
    assert line3.startswith("TRAN<<THI<THU<HA")
    # BAC keys come from the printed MRZ: number, birth, expiry with their check digits
    assert image.key_mrz_information == (line1[5:15] + line2[0:7] + line2[8:15]).encode()


def test_ef_com_lists_the_data_groups(card_image) -> None:
    com = card_image("cccd-2021").app_files[FID_COM]
    assert len(com) == 26  # as on the real card (cccd-chip.md)
    assert tlv_dict(unwrap(com, 0x60))[0x5C] == bytes([0x61, 0x75, 0x63, 0x6D, 0x6E, 0x6F])
    passport_tags = tlv_dict(unwrap(card_image("passport-td3").app_files[FID_COM], 0x60))[0x5C]
    assert passport_tags == bytes([0x61, 0x75, 0x6B, 0x6C, 0x6E, 0x6F])


# --- DG2 ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("profile", "fmt"), [("cccd-2021", "JPEG"), ("passport-td3", "JPEG2000")])
def test_dg2_wraps_the_portrait_in_a_19794_5_record(card_image, profile, fmt) -> None:
    image = card_image(profile)
    template = unwrap(unwrap(dg(image, 2), 0x75), 0x7F61)
    objects = tlv_dict(template)
    assert objects[0x02] == b"\x01"
    instance = tlv_dict(objects[0x7F60])
    header = tlv_dict(instance[0xA1])
    assert header[0x81] == b"\x02" and header[0x88] == b"\x00\x08"
    record = instance[0x5F2E]
    assert record[:8] == b"FAC\x00010\x00"
    assert int.from_bytes(record[8:12], "big") == len(record)
    photo = image.profile.photo.read_bytes()
    assert record.endswith(photo)
    image_type = record[14 + 20 + 1]  # after header(14) and facial information(20)
    assert image_type == (0 if fmt == "JPEG" else 1)
    with Image.open(io.BytesIO(photo)) as img:
        assert img.format == fmt
        width, height = img.size
    assert int.from_bytes(record[14 + 22 : 14 + 24], "big") == width
    assert int.from_bytes(record[14 + 24 : 14 + 26], "big") == height
    assert 14_000 < len(dg(image, 2)) < 24_000  # about 20 KB like a real chip portrait


# --- DG13 ----------------------------------------------------------------------------------
def dg13_fields(data: bytes) -> dict[int, core.Asn1Value]:
    outer = core.load(unwrap(data, 0x6D))
    assert isinstance(outer, core.Sequence)
    version, oid, fields = outer[0], outer[1], outer[2]
    assert int(version.native) == 1
    assert core.ObjectIdentifier.load(oid.dump()).dotted == "1.0.10646.1.0.8"
    out = {}
    for entry in core.SetOf.load(fields.dump(), spec=core.Sequence):
        number = core.Integer.load(entry[0].dump()).native
        out[number] = entry[1]
    return out


def text(value: core.Asn1Value) -> str:
    return value.contents.decode("utf-8")


def test_dg13_holds_the_vietnamese_fields_with_full_diacritics(card_image) -> None:
    image = card_image("cccd-2021")
    fields = dg13_fields(dg(image, 13))
    assert sorted(fields) == list(range(1, 17))
    assert text(fields[1]) == "001188012345" and fields[1].tag == 19  # PrintableString
    assert text(fields[2]) == "Trần Thị Thu Hà" and fields[2].tag == 12  # UTF8String
    assert text(fields[3]) == "15/03/1988"
    assert text(fields[4]) == "Nữ"
    assert text(fields[12]) == "15/03/2028"
    parents = core.Sequence.load(fields[13].dump())
    assert [text(parents[i]) for i in range(2)] == ["Trần Văn Bình", "Phạm Thị Lan"]
    spouse = core.Sequence.load(fields[14].dump())
    assert text(spouse[0]) == "Đỗ Minh Quân"
    assert text(fields[15]) == "013456789"


def test_dg13_of_the_2024_card_wraps_parents_and_omits_what_is_absent(card_image) -> None:
    fields = dg13_fields(dg(card_image("cancuoc-2024"), 13))
    assert 15 not in fields  # no old 9-digit CMND
    parents = core.Sequence.load(fields[13].dump())
    wrapped = [core.Sequence.load(parents[i].dump()) for i in range(2)]
    assert [text(w[0]) for w in wrapped] == ["Lê Văn Hùng", "Nguyễn Thị Mai"]
    assert len(core.Sequence.load(fields[14].dump())) == 0  # no spouse: empty SEQUENCE
    assert text(fields[4]) == "Nam"


# --- SecurityInfos, DG14, DG15 ------------------------------------------------------------
def protocols(security_infos: bytes) -> dict[str, a.SecurityInfo]:
    infos = a.SecurityInfos.load(security_infos)
    return {info["protocol"].dotted: info for info in infos}


def test_card_access_advertises_pace_only_where_the_profile_offers_it(card_image) -> None:
    cccd = protocols(card_image("cccd-2021").mf_files[FID_CARD_ACCESS])
    assert a.ID_PACE_ECDH_GM_AES_CBC_CMAC_128 not in cccd  # the BAC-only profile
    assert a.ID_CA_ECDH_AES_CBC_CMAC_128 in cccd and a.ID_TA in cccd
    cancuoc = card_image("cancuoc-2024").mf_files[FID_CARD_ACCESS]
    pace = a.PACEInfo.load(protocols(cancuoc)[a.ID_PACE_ECDH_GM_AES_CBC_CMAC_128].dump())
    assert pace["version"].native == 2 and pace["parameter_id"].native == 13


def test_dg14_carries_the_chip_authentication_key(card_image) -> None:
    image = card_image("cancuoc-2024")
    infos = protocols(unwrap(dg(image, 14), 0x6E))
    key_info = a.ChipAuthenticationPublicKeyInfo.load(infos[a.ID_PK_ECDH].dump())
    public = serialization.load_der_public_key(key_info["chip_authentication_public_key"].dump())
    assert isinstance(public, ec.EllipticCurvePublicKey)
    assert public.curve.name == "brainpoolP256r1"
    assert public.public_numbers() == image.ca_key.public_key().public_numbers()
    assert a.ID_CA_ECDH_AES_CBC_CMAC_128 in infos
    aa_info = a.ActiveAuthenticationInfo.load(infos[a.ID_AA].dump())  # ECDSA AA needs it
    assert aa_info["signature_algorithm"].dotted == a.ECDSA_PLAIN_SHA256


@pytest.mark.parametrize(
    ("profile", "kind"),
    [("cccd-2021", rsa.RSAPublicKey), ("cancuoc-2024", ec.EllipticCurvePublicKey)],
)
def test_dg15_carries_the_active_authentication_key(card_image, profile, kind) -> None:
    image = card_image(profile)
    public = serialization.load_der_public_key(unwrap(dg(image, 15), 0x6F))
    assert isinstance(public, kind)
    assert public.public_numbers() == image.aa_key.public_key().public_numbers()


# --- EF.SOD --------------------------------------------------------------------------------
def open_sod(image) -> tuple[a.LDSSecurityObject, cms.SignerInfo, x509.Certificate]:
    info = cms.ContentInfo.load(unwrap(image.app_files[FID_SOD], 0x77))
    signed = info["content"]
    encap = signed["encap_content_info"]
    assert encap["content_type"].dotted == a.ID_LDS_SECURITY_OBJECT
    lds = a.LDSSecurityObject.load(encap["content"].native)
    cert = x509.load_der_x509_certificate(signed["certificates"][0].chosen.dump())
    return lds, signed["signer_infos"][0], cert


def verify_signer_info(signer: cms.SignerInfo, cert: x509.Certificate, econtent: bytes) -> None:
    attrs = {attr["type"].native: attr["values"][0].native for attr in signer["signed_attrs"]}
    assert attrs["message_digest"] == hashlib.sha256(econtent).digest()
    signed_bytes = signer["signed_attrs"].untag().dump()
    signature = signer["signature"].native
    public = cert.public_key()
    if isinstance(public, rsa.RSAPublicKey):
        public.verify(signature, signed_bytes, padding.PKCS1v15(), hashes.SHA256())
    else:
        assert isinstance(public, ec.EllipticCurvePublicKey)
        public.verify(signature, signed_bytes, ec.ECDSA(hashes.SHA256()))


@pytest.mark.parametrize(
    ("profile", "csca"), [("cccd-2021", "test-csca"), ("passport-td3", "test-csca-uto")]
)
def test_sod_hashes_every_data_group_and_verifies_up_to_the_test_csca(
    card_image, profile, csca
) -> None:
    image = card_image(profile)
    lds, signer, cert = open_sod(image)
    hashes_in_sod = {
        item["data_group_number"].native: item["data_group_hash_value"].native
        for item in lds["data_group_hash_values"]
    }
    present = {fid - 0x0100 for fid in image.app_files if fid < 0x0111}
    assert set(hashes_in_sod) == present
    for number, digest in hashes_in_sod.items():
        assert digest == hashlib.sha256(dg(image, number)).digest()
    econtent = lds.dump()
    verify_signer_info(signer, cert, econtent)
    root = x509.load_der_x509_certificate((PKI_DIR / f"{csca}.der").read_bytes())
    cert.verify_directly_issued_by(root)
    now = dt.datetime.now(dt.UTC)
    assert cert.not_valid_before_utc < now < cert.not_valid_after_utc
    assert root.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
