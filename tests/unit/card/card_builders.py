"""Builders of small, fictitious data groups and a throw-away PKI for card tests.
(Helper module, not a test file: imported by the tests beside it.)"""

from __future__ import annotations

import datetime as dt
import hashlib
import io

from asn1crypto import cms
from asn1crypto import x509 as a_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID
from PIL import Image

from app.services.card import der, tlv
from app.services.card.passive_auth import LdsSecurityObject

TD1_NOTE = (
    "IDVNM0900123450001090012345<<19001011M3001019VNM<<<<<<<<<<<2NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<"
)
TD3_SPECIMEN = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<L898902C36UTO7408122F1204159ZE184226B<<<<<10"
)


def dg1(mrz: str) -> bytes:
    return tlv.encode(0x61, tlv.encode(0x5F1F, mrz.encode("ascii")))


def _utf8(text: str) -> bytes:
    return tlv.encode(0x0C, text.encode("utf-8"))


def _printable(text: str) -> bytes:
    return tlv.encode(0x13, text.encode("ascii"))


def _field(number: int, value: bytes) -> bytes:
    return tlv.encode(0x30, tlv.encode(0x02, bytes([number])) + value)


FULL_DG13 = {
    1: "001090012345",
    2: "Nguyễn Văn A",
    3: "01/01/1990",
    4: "Nam",
    5: "Việt Nam",
    6: "Kinh",
    7: "Không",
    8: "Xã Tân Phú, Huyện Đông Anh, Hà Nội",
    9: "Số 1 phố Hàng Bạc, Phường Hàng Bạc, Quận Hoàn Kiếm, Hà Nội",
    10: "Nốt ruồi C:1cm dưới mép phải",
    11: "15/04/2021",
    12: "01/01/2030",
    15: "012345678",
    16: "8A3F0C19B2D4E671",
}
PRINTABLE_FIELDS = {1, 3, 11, 15, 16}


def dg13(
    values: dict[int, str] | None = None,
    father: str | None = "Nguyễn Văn B",
    mother: str | None = "Trần Thị C",
    spouse: str | None = "Lê Thị D",
    wrapped_parents: bool = False,
    extra_fields: bytes = b"",
) -> bytes:
    values = FULL_DG13 if values is None else values
    fields = b""
    for number, text in sorted(values.items()):
        encode = _printable if number in PRINTABLE_FIELDS else _utf8
        fields += _field(number, encode(text))
    if father is not None or mother is not None:
        names = [n for n in (father, mother) if n is not None]
        if wrapped_parents:
            inner = b"".join(tlv.encode(0x30, _utf8(n)) for n in names)
        else:
            inner = b"".join(_utf8(n) for n in names)
        fields += _field(13, tlv.encode(0x30, inner))
    if spouse is not None:
        fields += _field(14, tlv.encode(0x30, _utf8(spouse) if spouse else b""))
    fields += extra_fields
    header = tlv.encode(0x02, b"\x01") + tlv.encode(0x06, bytes.fromhex("28D316010008"))
    return tlv.encode(0x6D, tlv.encode(0x30, header + tlv.encode(0x31, fields)))


def image_bytes(fmt: str, size: tuple[int, int] = (48, 64)) -> bytes:
    picture = Image.new("RGB", size, (200, 170, 150))
    for x in range(size[0]):
        picture.putpixel((x, x % size[1]), (20, 40, 60))
    out = io.BytesIO()
    picture.save(out, format=fmt)
    return out.getvalue()


def face_record(image: bytes, jpeg2000: bool, feature_points: int = 0) -> bytes:
    """ISO/IEC 19794-5 (2005) record with one face."""
    facial = (
        bytes(4)  # block length (not checked by readers)
        + feature_points.to_bytes(2, "big")
        + bytes([1, 0, 0])  # gender, eye colour, hair colour
        + bytes(3)  # feature mask
        + bytes(2)  # expression
        + bytes(3)  # pose angle
        + bytes(3)  # pose angle uncertainty
    )
    points = bytes(8) * feature_points
    info = (
        bytes([1, 1 if jpeg2000 else 0])
        + (48).to_bytes(2, "big")
        + (64).to_bytes(2, "big")
        + bytes(6)
    )
    body = facial + points + info + image
    general = b"FAC\x00" + b"010\x00" + (14 + len(body)).to_bytes(4, "big") + (1).to_bytes(2, "big")
    return general + body


def dg2(image: bytes, jpeg2000: bool = False, tag: int = 0x5F2E) -> bytes:
    header = tlv.encode(0xA1, tlv.encode(0x80, b"\x01\x01") + tlv.encode(0x81, b"\x02"))
    bit = tlv.encode(0x7F60, header + tlv.encode(tag, face_record(image, jpeg2000)))
    return tlv.encode(0x75, tlv.encode(0x7F61, tlv.encode(0x02, b"\x01") + bit))


def com(groups: list[int]) -> bytes:
    tags = bytes({1: 0x61, 2: 0x75, 3: 0x63, 13: 0x6D, 14: 0x6E, 15: 0x6F}[g] for g in groups)
    return tlv.encode(
        0x60, tlv.encode(0x5F01, b"0107") + tlv.encode(0x5F36, b"040000") + tlv.encode(0x5C, tags)
    )


# --- PKI -------------------------------------------------------------------------------


def _name(common: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def new_key(kind: str = "ec"):  # type: ignore[no-untyped-def]
    if kind == "rsa":
        return rsa.generate_private_key(65537, 2048)
    return ec.generate_private_key(ec.SECP256R1())


def certificate(
    subject: str,
    key,  # type: ignore[no-untyped-def]
    issuer: str,
    issuer_key,  # type: ignore[no-untyped-def]
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
    ca: bool = False,
) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - dt.timedelta(days=30))
        .not_valid_after(not_after or now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
    )
    return builder.sign(issuer_key, hashes.SHA256())


def make_pki(kind: str = "ec", expired: bool = False):  # type: ignore[no-untyped-def]
    """(CSCA cert, DSC cert, DSC key)."""
    csca_key = new_key(kind)
    csca = certificate("CSCA Test VN", csca_key, "CSCA Test VN", csca_key, ca=True)
    dsc_key = new_key(kind)
    now = dt.datetime.now(dt.UTC)
    not_after = now - dt.timedelta(days=1) if expired else None
    not_before = now - dt.timedelta(days=400) if expired else None
    dsc = certificate("DS Test VN", dsc_key, "CSCA Test VN", csca_key, not_before, not_after)
    return csca, dsc, dsc_key


def sod(
    groups: dict[int, bytes],
    dsc: x509.Certificate,
    dsc_key,  # type: ignore[no-untyped-def]
    scheme: str = "auto",
    hash_name: str = "sha256",
) -> bytes:
    lds = LdsSecurityObject(
        {
            "version": 0,
            "hash_algorithm": {"algorithm": hash_name},
            "hashes": [
                {"number": n, "value": hashlib.new(hash_name, data).digest()}
                for n, data in sorted(groups.items())
            ],
        }
    )
    content = lds.dump()
    attrs = cms.CMSAttributes(
        [
            {"type": "content_type", "values": ["2.23.136.1.1.1"]},
            {"type": "message_digest", "values": [hashlib.new(hash_name, content).digest()]},
        ]
    )
    to_sign = attrs.dump()
    hash_cls = {"sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha1": hashes.SHA1}[hash_name]
    if isinstance(dsc_key, rsa.RSAPrivateKey):
        if scheme == "pss":
            signature = dsc_key.sign(to_sign, padding.PSS(padding.MGF1(hash_cls()), 32), hash_cls())
            algorithm = {
                "algorithm": "rsassa_pss",
                "parameters": {
                    "hash_algorithm": {"algorithm": hash_name},
                    "mask_gen_algorithm": {
                        "algorithm": "mgf1",
                        "parameters": {"algorithm": hash_name},
                    },
                    "salt_length": 32,
                },
            }
        else:
            signature = dsc_key.sign(to_sign, padding.PKCS1v15(), hash_cls())
            algorithm = {"algorithm": f"{hash_name}_rsa"}
    else:
        signature = dsc_key.sign(to_sign, ec.ECDSA(hash_cls()))
        algorithm = {"algorithm": f"{hash_name}_ecdsa"}
    cert = a_x509.Certificate.load(dsc.public_bytes(serialization.Encoding.DER))
    signer = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                {
                    "issuer_and_serial_number": {
                        "issuer": cert.issuer,
                        "serial_number": cert.serial_number,
                    }
                }
            ),
            "digest_algorithm": {"algorithm": hash_name},
            "signed_attrs": attrs,
            "signature_algorithm": algorithm,
            "signature": signature,
        }
    )
    signed = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [{"algorithm": hash_name}],
            "encap_content_info": {"content_type": "2.23.136.1.1.1", "content": content},
            "certificates": [cert],
            "signer_infos": [signer],
        }
    )
    info = cms.ContentInfo({"content_type": "signed_data", "content": signed})
    return tlv.encode(0x77, info.dump())


def master_list(certificates: list[x509.Certificate]) -> bytes:
    from app.services.card.passive_auth import CscaMasterList

    certs = [
        a_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in certificates
    ]
    content = CscaMasterList({"version": 0, "certs": certs}).dump()
    signed = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [{"algorithm": "sha256"}],
            "encap_content_info": {"content_type": "2.23.136.1.1.2", "content": content},
            "signer_infos": [],
        }
    )
    return cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump()


def oid(dotted: str) -> bytes:
    return tlv.encode(0x06, der.encode_oid(dotted))
