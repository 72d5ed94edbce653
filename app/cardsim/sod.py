"""EF.SOD: the Document Security Object (ICAO Doc 9303 Part 10 §4.6.2, Part 12 §9).

A CMS SignedData (RFC 5652) whose encapsulated content is the LDSSecurityObject with a
SHA-256 hash of every data group, signed with signed attributes by a Document Signer
whose certificate is embedded. The file is the ContentInfo under application tag 77.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPrivateKeyTypes

from app.cardsim import lds_asn1 as a
from app.cardsim.tlv import tlv


def lds_security_object(dg_files: Mapping[int, bytes]) -> bytes:
    return a.LDSSecurityObject(
        {
            "version": 0,
            "hash_algorithm": {"algorithm": "sha256"},
            "data_group_hash_values": [
                {"data_group_number": n, "data_group_hash_value": hashlib.sha256(f).digest()}
                for n, f in sorted(dg_files.items())
            ],
        }
    ).dump()


def build_sod(
    dg_files: Mapping[int, bytes],
    signer_cert: x509.Certificate,
    signer_key: CertificateIssuerPrivateKeyTypes,
    signing_time: dt.datetime | None = None,
    rsa_encryption: bool = False,
) -> bytes:
    """``rsa_encryption``: name the signature ``rsaEncryption`` (RFC 5652 §5.3 allows
    it; the digest is then the SignerInfo's digestAlgorithm), as many real DSCs do."""
    econtent = lds_security_object(dg_files)
    when = signing_time or dt.datetime.now(dt.UTC).replace(microsecond=0)
    signed_attrs = cms.CMSAttributes(
        [
            cms.CMSAttribute({"type": "content_type", "values": [a.ID_LDS_SECURITY_OBJECT]}),
            cms.CMSAttribute({"type": "signing_time", "values": [cms.Time({"utc_time": when})]}),
            cms.CMSAttribute(
                {"type": "message_digest", "values": [hashlib.sha256(econtent).digest()]}
            ),
        ]
    )
    # The signature covers the DER of the attributes with the SET OF tag (RFC 5652 §5.4).
    to_sign = signed_attrs.dump()
    if isinstance(signer_key, rsa.RSAPrivateKey):
        signature = signer_key.sign(to_sign, padding.PKCS1v15(), hashes.SHA256())
        signature_algorithm = "rsassa_pkcs1v15" if rsa_encryption else "sha256_rsa"
    elif isinstance(signer_key, ec.EllipticCurvePrivateKey):
        signature = signer_key.sign(to_sign, ec.ECDSA(hashes.SHA256()))
        signature_algorithm = "sha256_ecdsa"
    else:  # pragma: no cover - the test PKI has RSA and EC signers only
        raise TypeError("unsupported Document Signer key")
    cert = asn1_x509.Certificate.load(signer_cert.public_bytes(serialization.Encoding.DER))
    signer_info = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                {
                    "issuer_and_serial_number": cms.IssuerAndSerialNumber(
                        {"issuer": cert.issuer, "serial_number": cert.serial_number}
                    )
                }
            ),
            "digest_algorithm": {"algorithm": "sha256"},
            "signed_attrs": signed_attrs,
            "signature_algorithm": {"algorithm": signature_algorithm},
            "signature": signature,
        }
    )
    signed_data = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [{"algorithm": "sha256"}],
            "encap_content_info": {
                "content_type": a.ID_LDS_SECURITY_OBJECT,
                "content": econtent,
            },
            "certificates": [cert],
            "signer_infos": [signer_info],
        }
    )
    content_info = cms.ContentInfo({"content_type": "signed_data", "content": signed_data})
    return tlv(0x77, content_info.dump())
