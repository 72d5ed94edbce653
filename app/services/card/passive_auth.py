"""Passive authentication (ICAO 9303-11 §5.1, 9303-10 §4.6.2): EF.SOD is CMS
SignedData over the LDS security object (one hash per data group), signed by the
Document Signer whose certificate (DSC) is embedded, issued by the country's CSCA.

Verdicts keep "the data are as signed" apart from "the signer is trusted": without a
configured CSCA a valid signature gives ``NO_CSCA``, never ``PASSED``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import algos, cms, core, x509
from cryptography import x509 as crypto_x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec as crypto_ec
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from app.errors import ErrorKind, UserError
from app.services.card import tlv
from app.services.card.errors import ParseError, parse_guard
from app.services.card.public_keys import _CRYPTOGRAPHY_CURVES
from app.services.card.security_infos import parse_ec_domain
from app.services.identity import Verdict
from app.services.security.permissions import HasRole, Permission, require

ID_LDS_SECURITY_OBJECT = "2.23.136.1.1.1"
ID_CSCA_MASTER_LIST = "2.23.136.1.1.2"

_HASHES = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


class _DataGroupHash(core.Sequence):
    _fields = [("number", core.Integer), ("value", core.OctetString)]


class _DataGroupHashes(core.SequenceOf):
    _child_spec = _DataGroupHash


class _LdsVersionInfo(core.Sequence):
    _fields = [("lds", core.PrintableString), ("unicode", core.PrintableString)]


class LdsSecurityObject(core.Sequence):
    _fields = [
        ("version", core.Integer),
        ("hash_algorithm", algos.DigestAlgorithm),
        ("hashes", _DataGroupHashes),
        ("version_info", _LdsVersionInfo, {"optional": True}),
    ]


class _CertificateSet(core.SetOf):
    _child_spec = x509.Certificate


class CscaMasterList(core.Sequence):
    _fields = [("version", core.Integer), ("certs", _CertificateSet)]


@dataclass(frozen=True, slots=True)
class Sod:
    hash_algorithm: str  # "sha256", ...
    hashes: dict[int, bytes]
    signed_content: bytes  # the DER LDSSecurityObject
    signer: cms.SignerInfo
    certificates: list[x509.Certificate]


@dataclass(frozen=True, slots=True)
class PassiveResult:
    verdict: Verdict
    detail: str = ""


@parse_guard
def parse_sod(data: bytes) -> Sod:
    top = tlv.parse_single(data, 0x77)
    try:
        info = cms.ContentInfo.load(top.value)
        if info["content_type"].native != "signed_data":
            raise ParseError("EF.SOD is not SignedData")
        signed = info["content"]
        encap = signed["encap_content_info"]
        if encap["content_type"].dotted != ID_LDS_SECURITY_OBJECT:
            raise ParseError("EF.SOD does not hold an LDS security object")
        content = bytes(encap["content"].native)
        lds = LdsSecurityObject.load(content)
        algorithm = lds["hash_algorithm"]["algorithm"].native
        hashes_ = {int(h["number"].native): bytes(h["value"].native) for h in lds["hashes"]}
        signers = list(signed["signer_infos"])
        if not signers:
            raise ParseError("EF.SOD has no signer")
        certificates = [c.chosen for c in signed["certificates"] if c.name == "certificate"]
        # Parse everything now, so junk fails here and not during verification.
        for cert in certificates:
            _ = cert.native
        _ = signers[0].native
    except ParseError:
        raise
    except Exception as exc:  # asn1crypto raises many types on malformed input
        raise ParseError("EF.SOD is malformed") from exc
    return Sod(algorithm, hashes_, content, signers[0], certificates)


def _find_signer_certificate(sod: Sod) -> x509.Certificate | None:
    sid = sod.signer["sid"]
    for cert in sod.certificates:
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if (
                cert.issuer == wanted["issuer"]
                and cert.serial_number == wanted["serial_number"].native
            ):
                return cert
        elif cert.key_identifier == sid.chosen.native:
            return cert
    return sod.certificates[0] if len(sod.certificates) == 1 else None


def public_key_of(cert: x509.Certificate) -> rsa.RSAPublicKey | crypto_ec.EllipticCurvePublicKey:
    """The certificate's key for ``cryptography``; explicit EC domain parameters
    (common on passport certificates) are matched to the named curve first."""
    info = cert.public_key
    if info.algorithm == "ec":
        params = info["algorithm"]["parameters"]
        curve = parse_ec_domain(params.dump())
        curve_cls = _CRYPTOGRAPHY_CURVES.get(curve.name)
        if curve_cls is None:
            raise ParseError(f"curve {curve.name} not supported for signatures")
        point = curve.decode(bytes(info["public_key"].native))
        return crypto_ec.EllipticCurvePublicNumbers(point[0], point[1], curve_cls()).public_key()
    key = crypto_x509.load_der_x509_certificate(cert.dump()).public_key()
    if not isinstance(key, rsa.RSAPublicKey | crypto_ec.EllipticCurvePublicKey):
        raise ParseError("unsupported signer key type")
    return key


def _hash_cls(name: str) -> type[hashes.HashAlgorithm]:
    cls = _HASHES.get(name)
    if cls is None:
        raise ParseError(f"unsupported hash {name}")
    return cls


def verify_signature(
    key: rsa.RSAPublicKey | crypto_ec.EllipticCurvePublicKey,
    algorithm: algos.SignedDigestAlgorithm,
    digest_name: str,
    signature: bytes,
    message: bytes,
) -> bool:
    """RSA PKCS#1 v1.5, RSA-PSS or ECDSA, as the algorithm identifier says."""
    name = algorithm["algorithm"].native
    try:
        if isinstance(key, rsa.RSAPublicKey):
            if name == "rsassa_pss":
                params = algorithm["parameters"]
                pss_hash = _hash_cls(params["hash_algorithm"]["algorithm"].native)
                mgf_hash = _hash_cls(params["mask_gen_algorithm"]["parameters"]["algorithm"].native)
                key.verify(
                    signature,
                    message,
                    padding.PSS(padding.MGF1(mgf_hash()), params["salt_length"].native),
                    pss_hash(),
                )
            else:
                signature_hash = algorithm.hash_algo if "_" in name else digest_name
                key.verify(signature, message, padding.PKCS1v15(), _hash_cls(signature_hash)())
        else:
            signature_hash = algorithm.hash_algo if "_" in name else digest_name
            key.verify(signature, message, crypto_ec.ECDSA(_hash_cls(signature_hash)()))
    except (InvalidSignature, ValueError, UnsupportedAlgorithm):
        return False
    return True


def _signed_message(sod: Sod) -> tuple[bytes, str] | None:
    """The bytes the signature covers and the digest name; None when the signed
    attributes' messageDigest does not match the content."""
    signer = sod.signer
    digest_name = signer["digest_algorithm"]["algorithm"].native
    attrs = signer["signed_attrs"]
    if not attrs:
        return sod.signed_content, digest_name
    digest = hashlib.new(digest_name, sod.signed_content).digest()
    message_digest = next(
        (a["values"][0].native for a in attrs if a["type"].native == "message_digest"), None
    )
    if message_digest != digest:
        return None
    # Signed attributes are signed as an explicit SET OF (tag 31), not as [0].
    return b"\x31" + attrs.dump()[1:], digest_name


class TrustStore:
    """CSCA certificates from a folder of DER/PEM files (``resources/trust/`` by
    default); ICAO master lists can be imported into it."""

    def __init__(self, certificates: list[crypto_x509.Certificate] | None = None) -> None:
        self.certificates = list(certificates or [])

    @classmethod
    def from_folder(cls, folder: Path) -> TrustStore:
        store = cls()
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.suffix.lower() in (".der", ".cer", ".crt", ".pem"):
                    store.certificates.extend(_load_certificates(path.read_bytes()))
        return store

    def __bool__(self) -> bool:
        return bool(self.certificates)

    def issuers_of(self, cert: crypto_x509.Certificate) -> list[crypto_x509.Certificate]:
        return [c for c in self.certificates if c.subject == cert.issuer]


def _load_certificates(data: bytes) -> list[crypto_x509.Certificate]:
    try:
        if b"-----BEGIN" in data:
            return crypto_x509.load_pem_x509_certificates(data)
        return [crypto_x509.load_der_x509_certificate(data)]
    except ValueError:
        return []  # a stray file in the folder is not a reason to stop reading


@parse_guard
def parse_master_list(data: bytes) -> list[bytes]:
    """DER certificates of an ICAO CSCA master list (CMS SignedData, CscaMasterList).
    The list's own signature is not checked: importing it is the operator's decision."""
    try:
        info = cms.ContentInfo.load(data)
        encap = info["content"]["encap_content_info"]
        if encap["content_type"].dotted != ID_CSCA_MASTER_LIST:
            raise ParseError("not a CSCA master list")
        master = CscaMasterList.load(bytes(encap["content"].native))
        return [cert.dump() for cert in master["certs"]]
    except ParseError:
        raise
    except Exception as exc:
        raise ParseError("master list is malformed") from exc


def import_master_list(data: bytes, folder: Path) -> int:
    """Write each CSCA of a master list into the trust folder; return how many."""
    folder.mkdir(parents=True, exist_ok=True)
    certificates = parse_master_list(data)
    for der in certificates:
        (folder / f"{hashlib.sha256(der).hexdigest()[:16]}.der").write_bytes(der)
    return len(certificates)


def _chains_to(dsc: crypto_x509.Certificate, store: TrustStore) -> bool:
    for csca in store.issuers_of(dsc):
        try:
            dsc.verify_directly_issued_by(csca)
            return True
        except (ValueError, TypeError, InvalidSignature, UnsupportedAlgorithm):
            continue
    return False


def verify_passive(
    sod: Sod,
    data_groups: dict[int, bytes],
    trust: TrustStore | None,
    now: dt.datetime | None = None,
) -> PassiveResult:
    """Check signature, every data-group hash read, DSC validity, then the chain."""
    cert = _find_signer_certificate(sod)
    if cert is None:
        return PassiveResult(Verdict.FAILED, "no Document Signer certificate")
    try:
        key = public_key_of(cert)
    except ParseError:
        return PassiveResult(Verdict.FAILED, "Document Signer key unsupported")
    signed = _signed_message(sod)
    if signed is None:
        return PassiveResult(Verdict.FAILED, "signature invalid")
    message, digest_name = signed
    signer = sod.signer
    if not verify_signature(
        key, signer["signature_algorithm"], digest_name, bytes(signer["signature"].native), message
    ):
        return PassiveResult(Verdict.FAILED, "signature invalid")

    mismatched = []
    for number in sorted(data_groups):
        expected = sod.hashes.get(number)
        actual = hashlib.new(sod.hash_algorithm, data_groups[number]).digest()
        if expected != actual:
            mismatched.append(f"DG{number}")
    if mismatched:
        return PassiveResult(Verdict.FAILED, f"{', '.join(mismatched)} hash mismatch")

    now = now or dt.datetime.now(dt.UTC)
    dsc = crypto_x509.load_der_x509_certificate(cert.dump())
    if not dsc.not_valid_before_utc <= now <= dsc.not_valid_after_utc:
        return PassiveResult(Verdict.FAILED, "certificate expired")
    if not trust:
        return PassiveResult(Verdict.NO_CSCA, "signature valid; no CSCA configured")
    if not _chains_to(dsc, trust):
        return PassiveResult(Verdict.FAILED, "not signed by a trusted CSCA")
    return PassiveResult(Verdict.PASSED)


def import_trust_file(data: bytes, folder: Path, *, actor: HasRole | None = None) -> int:
    """A CSCA certificate (DER or PEM) or an ICAO master list, into the trust folder.
    Returns how many certificates were added; refuses anything else with a message.
    Changing whom the counter trusts is an administrator's act (``actor``)."""
    require(actor, Permission.MANAGE_TRUST)
    certificates = _load_certificates(data)
    if certificates:
        folder.mkdir(parents=True, exist_ok=True)
        for cert in certificates:
            der = cert.public_bytes(serialization.Encoding.DER)
            (folder / f"{hashlib.sha256(der).hexdigest()[:16]}.der").write_bytes(der)
        return len(certificates)
    try:
        return import_master_list(data, folder)
    except (ParseError, UserError) as exc:
        raise UserError(ErrorKind.TRUST_FILE_INVALID) from exc
