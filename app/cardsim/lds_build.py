"""Encoders for the LDS files of the test cards (ICAO Doc 9303 Part 10, Part 11 §9.2).

Each function returns the exact bytes of one elementary file. Structures that are
plain BER-TLV (EF.COM, DG1, DG2, DG11, DG12, DG13) are built with :mod:`tlv`;
SecurityInfos and keys go through asn1crypto; EF.SOD is in :mod:`sod`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from asn1crypto import keys
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from app.cardsim import lds_asn1 as a
from app.cardsim.tlv import tlv

DG_TAGS = {
    1: 0x61, 2: 0x75, 3: 0x63, 4: 0x76, 5: 0x65, 6: 0x66, 7: 0x67, 8: 0x68,
    9: 0x69, 10: 0x6A, 11: 0x6B, 12: 0x6C, 13: 0x6D, 14: 0x6E, 15: 0x6F, 16: 0x70,
}  # fmt: skip

PRINTABLE, UTF8, SEQUENCE, SET, INTEGER, OID = 0x13, 0x0C, 0x30, 0x31, 0x02, 0x06


def _integer(value: int) -> bytes:
    length = max(1, (value.bit_length() + 8) // 8)  # room for the sign bit
    return tlv(INTEGER, value.to_bytes(length, "big", signed=True))


def _set_of(elements: Iterable[bytes]) -> bytes:
    """DER SET OF: elements sorted by their encodings (X.690 §11.6)."""
    return tlv(SET, b"".join(sorted(elements)))


# --- EF.COM, DG1 -------------------------------------------------------------------------
def ef_com(
    data_groups: Sequence[int], lds_version: str = "0107", unicode_version: str = "040000"
) -> bytes:
    tags = bytes(DG_TAGS[n] for n in data_groups)
    body = (
        tlv(0x5F01, lds_version.encode("ascii"))
        + tlv(0x5F36, unicode_version.encode("ascii"))
        + tlv(0x5C, tags)
    )
    return tlv(0x60, body)


def dg1(mrz_lines: Sequence[str]) -> bytes:
    return tlv(0x61, tlv(0x5F1F, "".join(mrz_lines).encode("ascii")))


# --- DG2: ISO/IEC 19794-5 face record in a CBEFF biometric template --------------------
@dataclass(frozen=True, slots=True)
class FaceImage:
    data: bytes
    kind: str  # "jpeg" or "jpeg2000"
    width: int
    height: int
    gender: str = ""  # "M", "F" or unspecified


def face_record(face: FaceImage) -> bytes:
    """ISO/IEC 19794-5:2005 facial record with one image and no feature points."""
    gender = {"M": 1, "F": 2}.get(face.gender, 0)
    info = (
        bytes([gender, 0, 0])  # gender, eye colour, hair colour
        + bytes(3)  # property (feature) mask
        + bytes(2)  # expression
        + bytes(3)  # pose angles
        + bytes(3)  # pose angle uncertainty
    )
    image_info = (
        bytes([1, 0 if face.kind == "jpeg" else 1])  # full frontal; JPEG / JPEG 2000
        + face.width.to_bytes(2, "big")
        + face.height.to_bytes(2, "big")
        + bytes([1, 2])  # colour space 24-bit RGB; source: digital still camera
        + bytes(2)  # device type
        + bytes(2)  # quality
    )
    block_length = 4 + 2 + len(info) + len(image_info) + len(face.data)
    facial_block = (
        block_length.to_bytes(4, "big")
        + (0).to_bytes(2, "big")  # number of feature points
        + info
        + image_info
        + face.data
    )
    header = b"FAC\x00" + b"010\x00"
    record_length = len(header) + 4 + 2 + len(facial_block)
    return header + record_length.to_bytes(4, "big") + (1).to_bytes(2, "big") + facial_block


def dg2(face: FaceImage) -> bytes:
    header = tlv(
        0xA1,
        tlv(0x80, b"\x01\x01")  # ICAO header version
        + tlv(0x81, b"\x02")  # biometric type: facial features
        + tlv(0x87, b"\x01\x01")  # format owner: ISO/IEC JTC 1/SC 37
        + tlv(0x88, b"\x00\x08"),  # format type: face image (19794-5)
    )
    instance = tlv(0x7F60, header + tlv(0x5F2E, face_record(face)))
    return tlv(0x75, tlv(0x7F61, tlv(0x02, b"\x01") + instance))


def dg3_locked() -> bytes:
    """Fingerprints are protected by EAC; the content is never sent, only hashed."""
    return tlv(0x63, tlv(0x7F61, tlv(0x02, b"\x00")))


# --- DG11, DG12 (passport) --------------------------------------------------------------
def _tagged_text(items: Sequence[tuple[int, str]], outer: int) -> bytes:
    present = [(tag, value) for tag, value in items if value]
    tag_list = b"".join(tag.to_bytes(2, "big") for tag, _ in present)
    return tlv(
        outer,
        tlv(0x5C, tag_list) + b"".join(tlv(tag, value.encode("utf-8")) for tag, value in present),
    )


def dg11(
    *,
    name_mrz: str,
    personal_number: str = "",
    birth: date | None = None,
    place_of_birth: str = "",
    address: str = "",
    telephone: str = "",
    profession: str = "",
) -> bytes:
    return _tagged_text(
        [
            (0x5F0E, name_mrz),
            (0x5F10, personal_number),
            (0x5F2B, birth.strftime("%Y%m%d") if birth else ""),
            (0x5F11, place_of_birth),
            (0x5F42, address),
            (0x5F12, telephone),
            (0x5F13, profession),
        ],
        0x6B,
    )


def dg12(*, issuing_authority: str, issued: date | None) -> bytes:
    return _tagged_text(
        [(0x5F19, issuing_authority), (0x5F26, issued.strftime("%Y%m%d") if issued else "")],
        0x6C,
    )


# --- DG13 (Vietnam) ---------------------------------------------------------------------
# Field number -> string type, per the shared note cccd-chip.md.
DG13_PRINTABLE = {1, 3, 11, 15, 16}


def dg13(fields: dict[int, object], *, parents_wrapped: bool) -> bytes:
    """6D → SEQUENCE { INTEGER 1, OID 1.0.10646.1.0.8, SET { SEQUENCE { INTEGER n, value } } }.

    ``fields`` maps field number to a string, except 13 (father, mother) and 14 (spouse
    or None). Absent keys are left out, as real cards omit fields. The fields stay in
    number order (BER, as the cards write them) rather than DER-sorted.
    """
    entries = []
    for number in sorted(fields):
        value = fields[number]
        if number == 13:
            assert isinstance(value, tuple)  # (father, mother)
            names = [tlv(UTF8, str(p).encode("utf-8")) for p in value]
            if parents_wrapped:
                names = [tlv(SEQUENCE, n) for n in names]
            encoded = tlv(SEQUENCE, b"".join(names))
        elif number == 14:
            encoded = tlv(SEQUENCE, tlv(UTF8, str(value).encode("utf-8")) if value else b"")
        else:
            kind = PRINTABLE if number in DG13_PRINTABLE else UTF8
            encoded = tlv(kind, str(value).encode("utf-8"))
        entries.append(tlv(SEQUENCE, _integer(number) + encoded))
    body = (
        _integer(1)
        + tlv(OID, bytes.fromhex("28D316010008"))  # 1.0.10646.1.0.8
        + tlv(SET, b"".join(entries))
    )
    return tlv(0x6D, tlv(SEQUENCE, body))


# --- SecurityInfos: EF.CardAccess, DG14; DG15 -------------------------------------------
def public_key_info(key: rsa.RSAPublicKey | ec.EllipticCurvePublicKey) -> keys.PublicKeyInfo:
    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return keys.PublicKeyInfo.load(der)


def card_access(
    *,
    pace_oids: Sequence[str],
    pace_parameter_id: int = 13,
    ca_oid: str | None = a.ID_CA_ECDH_AES_CBC_CMAC_128,
    terminal_auth: bool = True,
) -> bytes:
    infos = [
        a.PACEInfo({"protocol": oid, "version": 2, "parameter_id": pace_parameter_id}).dump()
        for oid in pace_oids
    ]
    if ca_oid:
        infos.append(a.ChipAuthenticationInfo({"protocol": ca_oid, "version": 1}).dump())
    if terminal_auth:
        infos.append(a.TerminalAuthenticationInfo({"protocol": a.ID_TA, "version": 1}).dump())
    return _set_of(infos)


def dg14(
    *,
    ca_public_key: ec.EllipticCurvePublicKey,
    ca_oid: str,
    aa_signature_oid: str | None = None,
    terminal_auth: bool = True,
) -> bytes:
    infos = [
        a.ChipAuthenticationInfo({"protocol": ca_oid, "version": 1}).dump(),
        a.ChipAuthenticationPublicKeyInfo(
            {
                "protocol": a.ID_PK_ECDH,
                "chip_authentication_public_key": public_key_info(ca_public_key),
            }
        ).dump(),
    ]
    if aa_signature_oid:  # only for ECDSA Active Authentication (Doc 9303-11 §6.1)
        infos.append(
            a.ActiveAuthenticationInfo(
                {"protocol": a.ID_AA, "version": 1, "signature_algorithm": aa_signature_oid}
            ).dump()
        )
    if terminal_auth:
        infos.append(a.TerminalAuthenticationInfo({"protocol": a.ID_TA, "version": 1}).dump())
    return tlv(0x6E, _set_of(infos))


def dg15(aa_public_key: rsa.RSAPublicKey | ec.EllipticCurvePublicKey) -> bytes:
    return tlv(0x6F, public_key_info(aa_public_key).dump())


def atr_info(max_command: int, max_response: int) -> bytes:
    """EF.ATR/INFO (FID 2F01): extended length information (ISO/IEC 7816-4 §12.7.1)."""
    return tlv(0x7F66, _integer(max_command) + _integer(max_response))
