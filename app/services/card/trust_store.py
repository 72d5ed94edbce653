"""Trust anchors of passive authentication: CSCA certificates, ICAO master lists and
CRLs, kept in a folder (``resources/trust/`` shipped, ``<data>/trust/`` imported).

Anchors are parsed with asn1crypto, which accepts what real master lists contain and
OpenSSL refuses (non-strict DER, negative serial numbers); their signatures are then
checked by ``signatures`` from the raw public key. A master list's own CMS signature
is verified against the Master List Signer it embeds, whose certificate must chain to
a CSCA of the same list, and the import says whose list it is and what it could not
use instead of skipping silently.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import cms, core, crl, pem, x509

from app.errors import ErrorKind, UserError
from app.services.card import signatures
from app.services.card.errors import ParseError, parse_guard

ID_CSCA_MASTER_LIST = "2.23.136.1.1.2"
CERT_SUFFIXES = (".der", ".cer", ".crt", ".pem")
CRL_SUFFIXES = (".crl",)


class _CertificateSet(core.SetOf):
    _child_spec = x509.Certificate


class CscaMasterList(core.Sequence):
    _fields = [("version", core.Integer), ("certs", _CertificateSet)]


def _as_asn1(cert: object) -> x509.Certificate:
    """Accept asn1crypto certificates, ``cryptography`` ones or DER bytes."""
    if isinstance(cert, x509.Certificate):
        return cert
    if isinstance(cert, bytes | bytearray):
        return x509.Certificate.load(bytes(cert))
    public_bytes = getattr(cert, "public_bytes", None)
    if public_bytes is None:
        raise TypeError(f"not a certificate: {type(cert).__name__}")
    from cryptography.hazmat.primitives.serialization import Encoding

    return x509.Certificate.load(public_bytes(Encoding.DER))


def certificate_signed_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    """``cert``'s signature verifies with ``issuer``'s key (no other checks)."""
    try:
        key = signatures.signer_key(issuer.public_key)
        return signatures.verify(
            key,
            cert["signature_algorithm"],
            "sha256",
            bytes(cert["signature_value"].native),
            cert["tbs_certificate"].dump(),
        )
    except (ParseError, ValueError, TypeError):
        return False


class TrustStore:
    """CSCA certificates (asn1crypto) and the CRLs configured next to them."""

    def __init__(
        self,
        certificates: list[object] | None = None,
        crls: list[crl.CertificateList] | None = None,
    ) -> None:
        self.certificates: list[x509.Certificate] = [_as_asn1(c) for c in certificates or []]
        self.crls: list[crl.CertificateList] = list(crls or [])

    @classmethod
    def from_folder(cls, folder: Path) -> TrustStore:
        store = cls()
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                suffix = path.suffix.lower()
                if suffix in CERT_SUFFIXES:
                    store.certificates.extend(load_certificates(path.read_bytes()))
                elif suffix in CRL_SUFFIXES:
                    store.crls.extend(_load_crls(path.read_bytes()))
        return store

    def __bool__(self) -> bool:
        return bool(self.certificates)

    def current(self) -> TrustStore:
        """Itself: a fixed store (``trust_anchors.TrustFolders`` follows its folders)."""
        return self

    def issuers_of(self, cert: x509.Certificate) -> list[x509.Certificate]:
        return [c for c in self.certificates if c.subject == cert.issuer]

    def revoked(self, cert: x509.Certificate, issuer: x509.Certificate) -> bool | None:
        """True if a CRL signed by ``issuer`` lists ``cert``; None without such a CRL."""
        found = None
        for item in self.crls:
            tbs = item["tbs_cert_list"]
            if tbs["issuer"] != issuer.subject:
                continue
            if not _crl_signed_by(item, issuer):
                continue
            found = False
            for entry in tbs["revoked_certificates"]:
                if entry["user_certificate"].native == cert.serial_number:
                    return True
        return found


def _crl_signed_by(item: crl.CertificateList, issuer: x509.Certificate) -> bool:
    try:
        key = signatures.signer_key(issuer.public_key)
        return signatures.verify(
            key,
            item["signature_algorithm"],
            "sha256",
            bytes(item["signature"].native),
            item["tbs_cert_list"].dump(),
        )
    except (ParseError, ValueError, TypeError):
        return False


def _der_blocks(data: bytes) -> list[bytes]:
    if pem.detect(data):
        return [der for _, _, der in pem.unarmor(data, multiple=True)]
    return [data]


def load_certificates(data: bytes) -> list[x509.Certificate]:
    """Certificates of a DER or PEM file; a stray file yields none."""
    out = []
    try:
        for der in _der_blocks(data):
            cert = x509.Certificate.load(der)
            _ = cert["tbs_certificate"]["subject_public_key_info"].native  # parse now
            out.append(cert)
    except Exception:  # asn1crypto raises many types on junk
        return []
    return out


def _load_crls(data: bytes) -> list[crl.CertificateList]:
    try:
        items = [crl.CertificateList.load(der) for der in _der_blocks(data)]
        for item in items:
            _ = item.native
    except Exception:
        return []
    return items


@dataclass(slots=True)
class MasterListReport:
    """What an import found: whose list, whether its signature held, what was used."""

    signer: str = ""  # the Master List Signer's subject, e.g. "C=DE, O=bund, CN=..."
    signature_valid: bool = False
    certificates: list[x509.Certificate] = field(default_factory=list)
    unusable: list[str] = field(default_factory=list)  # "serial …: why"
    strict_refused: int = 0  # kept, but OpenSSL would not load them
    cms_valid: bool = False  # the CMS signature holds with the embedded signer's key
    signer_certificate: x509.Certificate | None = None


def _strict_loads(der: bytes) -> bool:
    from cryptography import x509 as crypto_x509

    # A deprecation warning (negative serial) counts as refused: a future release will.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            crypto_x509.load_der_x509_certificate(der).public_key()
            return True
        except Exception:
            return False


def _describe(cert: x509.Certificate) -> str:
    try:
        return cert.subject.human_friendly
    except Exception:
        return "?"


@parse_guard
def read_master_list(data: bytes) -> MasterListReport:
    """Parse an ICAO CSCA master list (ICAO 9303-12 §9), check its signature."""
    try:
        info = cms.ContentInfo.load(data)
        signed = info["content"]
        encap = signed["encap_content_info"]
        if encap["content_type"].dotted != ID_CSCA_MASTER_LIST:
            raise ParseError("not a CSCA master list")
        content = bytes(encap["content"].native)
        master = CscaMasterList.load(content)
        entries = list(master["certs"])
    except ParseError:
        raise
    except Exception as exc:
        raise ParseError("master list is malformed") from exc
    report = MasterListReport()
    for cert in entries:
        try:
            _ = cert["tbs_certificate"]["subject_public_key_info"]["algorithm"].native
            signatures.signer_key(cert.public_key)
        except Exception as exc:
            serial = _safe_serial(cert)
            report.unusable.append(f"{serial}: {type(exc).__name__}")
            continue
        report.certificates.append(cert)
        if not _strict_loads(cert.dump()):
            report.strict_refused += 1
    _check_list_signature(signed, content, report)
    return report


def _safe_serial(cert: x509.Certificate) -> str:
    try:
        return f"serial {cert.serial_number:x}"
    except Exception:
        return "serial ?"


def _check_list_signature(signed: cms.SignedData, content: bytes, report: MasterListReport) -> None:
    signers = list(signed["signer_infos"])
    embedded = [c.chosen for c in signed["certificates"] if c.name == "certificate"]
    if not signers or not embedded:
        return
    signer = signers[0]
    sid = signer["sid"]
    cert = next(
        (
            c
            for c in embedded
            if (sid.name == "issuer_and_serial_number"
                and c.issuer == sid.chosen["issuer"]
                and c.serial_number == sid.chosen["serial_number"].native)
            or (sid.name == "subject_key_identifier" and c.key_identifier == sid.chosen.native)
        ),
        embedded[0] if len(embedded) == 1 else None,
    )  # fmt: skip
    if cert is None:
        return
    report.signer = _describe(cert)
    report.signer_certificate = cert
    prepared = signatures.signed_message(signer, content)
    if prepared is None:
        return
    message, digest_name = prepared
    try:
        key = signatures.signer_key(cert.public_key)
        valid = signatures.verify(
            key,
            signer["signature_algorithm"],
            digest_name,
            bytes(signer["signature"].native),
            message,
        )
    except ParseError:
        valid = False
    report.cms_valid = valid
    # The signer must be vouched for by a CSCA of the list it signs (Doc 9303-12 §9).
    report.signature_valid = valid and any(
        c.subject == cert.issuer and certificate_signed_by(cert, c) for c in report.certificates
    )


def _store(folder: Path, certificates: list[x509.Certificate]) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    for cert in certificates:
        der = cert.dump()
        (folder / f"{hashlib.sha256(der).hexdigest()[:16]}.der").write_bytes(der)
    return len(certificates)


def parse_master_list(data: bytes) -> list[bytes]:
    """DER certificates of a master list (usable ones only)."""
    return [c.dump() for c in read_master_list(data).certificates]


def import_master_list(data: bytes, folder: Path) -> int:
    return _store(folder, _vouched(read_master_list(data)).certificates)


def _vouched(report: MasterListReport) -> MasterListReport:
    """A list whose own signature fails (tampered, or signed by someone it does not
    vouch for) could carry any CSCA: none of it is installed."""
    if not report.signature_valid:
        raise UserError(ErrorKind.MASTER_LIST_SIGNATURE_INVALID, detail=report.signer[:200])
    return report


@dataclass(frozen=True, slots=True)
class TrustImport:
    added: int
    signer: str = ""  # whose master list (empty for a single certificate)
    signature_valid: bool | None = None  # None: a single certificate, nothing to check
    unusable: tuple[str, ...] = ()
    strict_refused: int = 0


def import_trust_file(data: bytes, folder: Path) -> TrustImport:
    """A CSCA certificate (DER/PEM), a CRL or an ICAO master list into the folder.
    No permission check here (the central tools use the format too): the counter's
    officers import through ``trust_admin``, which requires an administrator."""
    certificates = load_certificates(data)
    if certificates:
        return TrustImport(_store(folder, certificates))
    crls = _load_crls(data)
    if crls:
        folder.mkdir(parents=True, exist_ok=True)
        for item in crls:
            der = item.dump()
            (folder / f"{hashlib.sha256(der).hexdigest()[:16]}.crl").write_bytes(der)
        return TrustImport(0)
    try:
        report = read_master_list(data)
    except (ParseError, UserError) as exc:
        raise UserError(ErrorKind.TRUST_FILE_INVALID) from exc
    _vouched(report)
    return TrustImport(
        _store(folder, report.certificates),
        report.signer,
        report.signature_valid,
        tuple(report.unusable),
        report.strict_refused,
    )
