"""The CSCA list the central service publishes to every counter, like the catalog.

Format: an ICAO CSCA master list (CMS SignedData over ``CscaMasterList``, ICAO
9303-12 §9), signed by the service's trust-list signer. Counters pin the signer
(``resources/trust-signers/``: the signer's certificate itself or the root that
issued it) and apply a list only when its CMS signature holds and its signer is
pinned: the sync channel alone is not enough to decide which cards read green. The
demo's signer (test PKI, keys in the repository) is pinned in ``trust-signers/demo/``
and only a demo counter reads that folder. Applying replaces the previous central
list in one rename; the counter's next card read uses it (``trust_anchors``).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import shutil
from pathlib import Path

from asn1crypto import cms
from asn1crypto import x509 as a_x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPrivateKeyTypes

from app.errors import ErrorKind, UserError
from app.services.card.errors import ParseError
from app.services.card.trust_store import (
    ID_CSCA_MASTER_LIST,
    CscaMasterList,
    TrustImport,
    TrustStore,
    certificate_signed_by,
    load_certificates,
    read_master_list,
)
from app.shared import paths

KIND = "trust"  # the published kind, beside "catalog" and "calendar"


def build_trust_list(
    certificates: list[bytes],
    signer_cert: bytes,
    signer_key: CertificateIssuerPrivateKeyTypes,
) -> bytes:
    """A signed master list of ``certificates`` (DER), for ``motcua-central``."""
    certs = [a_x509.Certificate.load(der) for der in certificates]
    content = CscaMasterList({"version": 0, "certs": certs}).dump()
    attrs = cms.CMSAttributes(
        [
            {"type": "content_type", "values": [ID_CSCA_MASTER_LIST]},
            {"type": "signing_time", "values": [cms.Time({"utc_time": _now()})]},
            {"type": "message_digest", "values": [hashlib.sha256(content).digest()]},
        ]
    )
    if isinstance(signer_key, rsa.RSAPrivateKey):
        signature = signer_key.sign(attrs.dump(), padding.PKCS1v15(), hashes.SHA256())
        algorithm = "sha256_rsa"
    elif isinstance(signer_key, ec.EllipticCurvePrivateKey):
        signature = signer_key.sign(attrs.dump(), ec.ECDSA(hashes.SHA256()))
        algorithm = "sha256_ecdsa"
    else:
        raise TypeError("the trust-list signer needs an RSA or EC key")
    signer = a_x509.Certificate.load(signer_cert)
    signed = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [{"algorithm": "sha256"}],
            "encap_content_info": {"content_type": ID_CSCA_MASTER_LIST, "content": content},
            "certificates": [signer],
            "signer_infos": [
                {
                    "version": "v1",
                    "sid": {
                        "issuer_and_serial_number": {
                            "issuer": signer.issuer,
                            "serial_number": signer.serial_number,
                        }
                    },
                    "digest_algorithm": {"algorithm": "sha256"},
                    "signed_attrs": attrs,
                    "signature_algorithm": {"algorithm": algorithm},
                    "signature": signature,
                }
            ],
        }
    )
    return cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def content_of(data: bytes) -> dict[str, str]:
    """The JSON content of a publication (the wire carries JSON)."""
    return {"master_list": base64.b64encode(data).decode("ascii")}


def data_of(content: dict[str, object]) -> bytes:
    value = content.get("master_list")
    if not isinstance(value, str):
        raise UserError(ErrorKind.TRUST_FILE_INVALID, detail="no master_list in the publication")
    try:
        return base64.b64decode(value, validate=True)
    except ValueError as exc:
        raise UserError(ErrorKind.TRUST_FILE_INVALID, detail="master_list is not base64") from exc


def signer_anchors(folder: Path) -> list[a_x509.Certificate]:
    """Pinned trust-list signers or their roots (DER/PEM files in ``folder``)."""
    if not folder.is_dir():
        return []
    out: list[a_x509.Certificate] = []
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() in (".der", ".cer", ".crt", ".pem"):
            out.extend(load_certificates(path.read_bytes()))
    return out


def pinned_signers(demo: bool, resources: Path | None = None) -> list[a_x509.Certificate]:
    """What this counter pins: the production folder, plus the demo's test signer on
    a demo counter only (an office's counter must never take a list signed with keys
    published in the repository)."""
    folder = (resources or paths.RESOURCES) / "trust-signers"
    return signer_anchors(folder) + (signer_anchors(folder / "demo") if demo else [])


def _pinned(signer: a_x509.Certificate, anchors: list[a_x509.Certificate]) -> bool:
    der = signer.dump()
    return any(
        a.dump() == der or (a.subject == signer.issuer and certificate_signed_by(signer, a))
        for a in anchors
    )


def open_trust_list(data: bytes, anchors: list[a_x509.Certificate]) -> TrustImport:
    """Check a published list; refuse it (TRUST_FILE_INVALID) unless its signer is
    pinned (or issued by a pinned root). Returns what it holds (nothing written)."""
    try:
        report = read_master_list(data)
    except ParseError as exc:
        raise UserError(ErrorKind.TRUST_FILE_INVALID, detail=str(exc)) from exc
    signer = report.signer_certificate
    if not report.cms_valid or signer is None:
        raise UserError(ErrorKind.TRUST_FILE_INVALID, detail="trust list signature invalid")
    if not _pinned(signer, anchors):
        raise UserError(ErrorKind.TRUST_FILE_INVALID, detail="trust list signer not pinned")
    return TrustImport(
        len(report.certificates),
        report.signer,
        True,
        tuple(report.unusable),
        report.strict_refused,
    )


def apply_trust_list(data: bytes, anchors: list[a_x509.Certificate], folder: Path) -> TrustImport:
    """Verify, then replace ``folder`` (the central list) with the list's CSCAs."""
    result = open_trust_list(data, anchors)
    report = read_master_list(data)
    staging = folder.with_name(folder.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for cert in report.certificates:
        der = cert.dump()
        (staging / f"{hashlib.sha256(der).hexdigest()[:16]}.der").write_bytes(der)
    old = folder.with_name(folder.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        os.replace(folder, old)
    os.replace(staging, folder)
    shutil.rmtree(old, ignore_errors=True)
    return result


def load_signer_files(
    cert_path: Path, key_path: Path
) -> tuple[bytes, CertificateIssuerPrivateKeyTypes]:
    """The signer certificate (DER or PEM) and its PEM private key, for the CLI."""
    certs = load_certificates(cert_path.read_bytes())
    if not certs:
        raise UserError(ErrorKind.TRUST_FILE_INVALID, detail=f"{cert_path}: no certificate")
    key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise UserError(ErrorKind.TRUST_FILE_INVALID, detail=f"{key_path}: not RSA or EC")
    return certs[0].dump(), key


def certificates_in(paths: list[Path]) -> list[bytes]:
    """DER certificates from files (certificates or master lists) for the CLI."""
    out: list[bytes] = []
    for path in paths:
        data = path.read_bytes()
        certs = load_certificates(data)
        if certs:
            out.extend(c.dump() for c in certs)
            continue
        out.extend(c.dump() for c in read_master_list(data).certificates)
    return out


__all__ = [
    "KIND",
    "TrustStore",
    "apply_trust_list",
    "build_trust_list",
    "content_of",
    "data_of",
    "load_certificates",
    "open_trust_list",
    "pinned_signers",
    "signer_anchors",
]  # fmt: skip
