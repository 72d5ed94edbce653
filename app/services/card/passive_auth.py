"""Passive authentication (ICAO 9303-11 §5.1, 9303-10 §4.6.2): EF.SOD is CMS
SignedData over the LDS security object (one hash per data group), signed by the
Document Signer whose certificate (DSC) is embedded, issued by the country's CSCA.

Verdicts keep "the data are as signed" apart from "the signer is trusted": a valid
signature whose DSC chains to no trusted CSCA (none configured, or the card's CSCA is
not in the list) gives ``NO_CSCA`` (amber, "cannot check its origin"), never ``PASSED``
and never ``FAILED``; a DSC that names a trusted CSCA its key did not sign is a
forgery (``FAILED``). A key or
algorithm this reader cannot check gives ``NOT_SUPPORTED`` ("cannot check"), never
``FAILED``. Each failure has its own detail text (constants below).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from asn1crypto import algos, cms, core, x509

from app.services.card import signatures, tlv
from app.services.card.errors import ParseError, parse_guard
from app.services.card.trust_store import (  # re-exported: the reader's public API
    CscaMasterList,
    TrustImport,
    TrustStore,
    certificate_signed_by,
    import_master_list,
    import_trust_file,
    parse_master_list,
    read_master_list,
)
from app.services.identity import Verdict

__all__ = [
    "CscaMasterList",
    "TrustImport",
    "TrustStore",
    "import_master_list",
    "import_trust_file",
    "parse_master_list",
    "parse_sod",
    "read_master_list",
    "verify_passive",
]  # fmt: skip

# Verdict details: stable English keys; the UI says each in Vietnamese
# (app/ui/intake/identity_panel.passive_detail_text).
NO_DSC = "no Document Signer certificate"
DSC_KEY_UNSUPPORTED = "cannot check: Document Signer key unsupported"
ALGORITHM_UNSUPPORTED = "cannot check: signature algorithm unsupported"
SIGNATURE_INVALID = "signature invalid"
HASH_MISMATCH = "hash mismatch"
DSC_EXPIRED = "Document Signer certificate expired"
DSC_NOT_YET_VALID = "Document Signer certificate not yet valid"
DSC_KEY_USAGE = "Document Signer key usage wrong"
NO_CSCA_CONFIGURED = "signature valid; no CSCA configured"
UNTRUSTED_CSCA = "not signed by a trusted CSCA"  # amber: its CSCA is not in the list
DSC_FORGED = "Document Signer certificate does not verify with the trusted CSCA it names"
CSCA_NOT_VALID_WHEN_SIGNED = "CSCA not valid when it signed the Document Signer"
CSCA_KEY_USAGE = "CSCA key usage does not allow certificate signing"
DSC_REVOKED = "Document Signer certificate revoked"
LISTED_MISSING = "listed in EF.SOD but not readable: possible clone"

ID_LDS_SECURITY_OBJECT = "2.23.136.1.1.1"
ID_CSCA_MASTER_LIST = "2.23.136.1.1.2"


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


def _key_usage(cert: x509.Certificate) -> set[str] | None:
    value = cert.key_usage_value
    return set(value.native) if value is not None else None


def _chain(dsc: x509.Certificate, trust: TrustStore) -> PassiveResult:
    """DSC → CSCA: signature, the CSCA's validity when it issued the DSC, key usage,
    revocation when a CRL is configured."""
    named = trust.issuers_of(dsc)
    issuers = [c for c in named if certificate_signed_by(dsc, c)]
    if not issuers:
        if _names_a_trusted_key(dsc, named):
            return PassiveResult(Verdict.FAILED, DSC_FORGED)
        # Signed by a CSCA this counter does not hold (another country, a key not
        # yet in the list): the data are as signed, their origin cannot be checked.
        return PassiveResult(Verdict.NO_CSCA, UNTRUSTED_CSCA)
    issued = dsc["tbs_certificate"]["validity"]["not_before"].native
    in_time = [c for c in issuers if _valid_at(c, issued)]
    if not in_time:
        return PassiveResult(Verdict.FAILED, CSCA_NOT_VALID_WHEN_SIGNED)
    csca = in_time[0]
    usage = _key_usage(csca)
    if usage is not None and "key_cert_sign" not in usage:
        return PassiveResult(Verdict.FAILED, CSCA_KEY_USAGE)
    if trust.revoked(dsc, csca):
        return PassiveResult(Verdict.FAILED, DSC_REVOKED)
    return PassiveResult(Verdict.PASSED)


def _names_a_trusted_key(dsc: x509.Certificate, named: list[x509.Certificate]) -> bool:
    """The DSC claims a trusted CSCA as issuer: by name, and by key identifier when
    it has one (a CSCA's new key, not yet in the list, keeps the same name)."""
    if not named:
        return False
    wanted = dsc.authority_key_identifier
    return wanted is None or any(c.key_identifier == wanted for c in named)


def _valid_at(cert: x509.Certificate, when: dt.datetime) -> bool:
    validity = cert["tbs_certificate"]["validity"]
    return bool(validity["not_before"].native <= when <= validity["not_after"].native)


def verify_passive(
    sod: Sod,
    data_groups: dict[int, bytes],
    trust: TrustStore | None,
    now: dt.datetime | None = None,
) -> PassiveResult:
    """Signature, every data-group hash read, the DSC at the read date, then the chain.
    A key or algorithm this reader cannot check is NOT_SUPPORTED (amber), not FAILED."""
    cert = _find_signer_certificate(sod)
    if cert is None:
        return PassiveResult(Verdict.FAILED, NO_DSC)
    try:
        key = signatures.signer_key(cert.public_key)
    except signatures.UnsupportedKey as exc:
        return PassiveResult(Verdict.NOT_SUPPORTED, f"{DSC_KEY_UNSUPPORTED} ({exc})")
    prepared = signatures.signed_message(sod.signer, sod.signed_content)
    if prepared is None:
        return PassiveResult(Verdict.FAILED, SIGNATURE_INVALID)
    message, digest_name = prepared
    signer = sod.signer
    try:
        valid = signatures.verify(
            key,
            signer["signature_algorithm"],
            digest_name,
            bytes(signer["signature"].native),
            message,
        )
    except signatures.UnsupportedKey as exc:
        return PassiveResult(Verdict.NOT_SUPPORTED, f"{ALGORITHM_UNSUPPORTED} ({exc})")
    if not valid:
        return PassiveResult(Verdict.FAILED, SIGNATURE_INVALID)

    if sod.hash_algorithm not in hashlib.algorithms_available:
        return PassiveResult(Verdict.NOT_SUPPORTED, ALGORITHM_UNSUPPORTED)
    mismatched = [
        f"DG{number}"
        for number in sorted(data_groups)
        if sod.hashes.get(number) != hashlib.new(sod.hash_algorithm, data_groups[number]).digest()
    ]
    if mismatched:
        return PassiveResult(Verdict.FAILED, f"{', '.join(mismatched)} {HASH_MISMATCH}")

    now = now or dt.datetime.now(dt.UTC)
    validity = cert["tbs_certificate"]["validity"]
    if now < validity["not_before"].native:
        return PassiveResult(Verdict.FAILED, DSC_NOT_YET_VALID)
    if now > validity["not_after"].native:
        return PassiveResult(Verdict.FAILED, DSC_EXPIRED)
    usage = _key_usage(cert)
    if usage is not None and "digital_signature" not in usage:
        return PassiveResult(Verdict.FAILED, DSC_KEY_USAGE)
    if not trust:
        return PassiveResult(Verdict.NO_CSCA, NO_CSCA_CONFIGURED)
    return _chain(cert, trust)
