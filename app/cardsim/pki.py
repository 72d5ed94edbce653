"""Fictitious test PKI for the emulator: CSCAs and Document Signer certificates.

Choice: the keys are generated once (``python -m app.cardsim.generate``) and committed
under ``resources/cards/pki/``. They are test keys with "TEST" in every name, so
committing them is harmless, and fixed files let the reader's trust-store tests import
``test-csca.der`` without running the emulator. RSA key generation is not
deterministic in ``cryptography``, which rules out re-deriving them at build time.
The test CSCAs must never be copied into ``resources/trust/``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPrivateKeyTypes
from cryptography.x509.oid import NameOID

RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "cards"
PKI_DIR = RESOURCES / "pki"

_UTC = dt.UTC


def _when(year: int, month: int = 1, day: int = 1) -> dt.datetime:
    return dt.datetime(year, month, day, tzinfo=_UTC)


@dataclass(frozen=True, slots=True)
class SignerSpec:
    """One certificate of the test PKI and how to make it."""

    name: str  # file stem under resources/cards/pki
    common_name: str
    country: str
    key: str  # "rsa-3072", "rsa-2048", "ec-brainpoolP256r1"
    not_before: dt.datetime
    not_after: dt.datetime
    issuer: str | None  # stem of the CSCA; None = self-signed CSCA


SPECS: tuple[SignerSpec, ...] = (
    SignerSpec(
        "test-csca",
        "MotCua TEST CSCA VN (not for production)",
        "VN",
        "rsa-3072",
        _when(2015),
        _when(2045),
        None,
    ),
    SignerSpec(
        "test-csca-uto",
        "MotCua TEST CSCA Utopia (not for production)",
        "UT",
        "ec-brainpoolP256r1",
        _when(2015),
        _when(2045),
        None,
    ),
    SignerSpec(
        "dsc-vn",
        "MotCua TEST Document Signer VN 01",
        "VN",
        "rsa-2048",
        _when(2021),
        _when(2041),
        "test-csca",
    ),
    SignerSpec(
        "dsc-vn-expired",
        "MotCua TEST Document Signer VN 00 (expired)",
        "VN",
        "rsa-2048",
        _when(2016),
        _when(2019, 1, 1),
        "test-csca",
    ),
    SignerSpec(
        "dsc-uto",
        "MotCua TEST Document Signer Utopia 01",
        "UT",
        "ec-brainpoolP256r1",
        _when(2020),
        _when(2040),
        "test-csca-uto",
    ),
    SignerSpec(
        "dsc-uto-expired",
        "MotCua TEST Document Signer Utopia 00 (expired)",
        "UT",
        "ec-brainpoolP256r1",
        _when(2016),
        _when(2019, 1, 1),
        "test-csca-uto",
    ),
)


# A CSCA no counter trusts (a fictitious "other issuer"): its cards read amber with
# the demo trust store, red when a trust store is configured without it.
SPECS += (
    SignerSpec(
        "test-csca-unknown",
        "MotCua TEST CSCA not in any trust list",
        "VN",
        "rsa-2048",
        _when(2015),
        _when(2045),
        None,
    ),
    SignerSpec(
        "dsc-unknown",
        "MotCua TEST Document Signer of the untrusted CSCA",
        "VN",
        "rsa-2048",
        _when(2021),
        _when(2041),
        "test-csca-unknown",
    ),
)

# The central service's trust-list signing PKI (test only): counters pin the root and
# apply a published CSCA list only when its signer chains to it.
SPECS += (
    SignerSpec(
        "test-trust-root",
        "MotCua TEST trust-list root (not for production)",
        "VN",
        "rsa-2048",
        _when(2020),
        _when(2050),
        None,
    ),
    SignerSpec(
        "test-trust-list-signer",
        "MotCua TEST trust-list signer",
        "VN",
        "rsa-2048",
        _when(2024),
        _when(2040),
        "test-trust-root",
    ),
)


def new_private_key(kind: str) -> CertificateIssuerPrivateKeyTypes:
    if kind.startswith("rsa-"):
        return rsa.generate_private_key(public_exponent=65537, key_size=int(kind[4:]))
    if kind == "ec-brainpoolP256r1":
        return ec.generate_private_key(ec.BrainpoolP256R1())
    if kind == "ec-secp256r1":
        return ec.generate_private_key(ec.SECP256R1())
    raise ValueError(f"unknown key kind {kind}")


def write_private_key(path: Path, key: CertificateIssuerPrivateKeyTypes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def load_private_key(path: Path) -> CertificateIssuerPrivateKeyTypes:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey)
    return key


def _name(spec: SignerSpec) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, spec.country),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "MotCua TEST PKI"),
            x509.NameAttribute(NameOID.COMMON_NAME, spec.common_name),
        ]
    )


def _issue(spec: SignerSpec, key: CertificateIssuerPrivateKeyTypes) -> x509.Certificate:
    subject = _name(spec)
    if spec.issuer is None:
        issuer_name, issuer_key, issuer_cert = subject, key, None
    else:
        issuer_cert = load_certificate(spec.issuer)
        issuer_name = issuer_cert.subject
        issuer_key = load_private_key(PKI_DIR / f"{spec.issuer}-key.pem")
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(spec.not_before)
        .not_valid_after(spec.not_after)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
    )
    if issuer_cert is None:  # CSCA profile (Doc 9303-12 §7.1.1)
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=0), True)
        builder = builder.add_extension(_key_usage(cert_sign=True), True)
    else:  # Document Signer: digitalSignature only, no basicConstraints
        builder = builder.add_extension(_key_usage(cert_sign=False), True)
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_cert.public_key()),  # type: ignore[arg-type]
            False,
        )
    return builder.sign(issuer_key, hashes.SHA256())


def _key_usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def load_certificate(name: str) -> x509.Certificate:
    return x509.load_der_x509_certificate((PKI_DIR / f"{name}.der").read_bytes())


def load_signer(name: str) -> tuple[x509.Certificate, CertificateIssuerPrivateKeyTypes]:
    """A Document Signer certificate and its private key, by file stem."""
    return load_certificate(name), load_private_key(PKI_DIR / f"{name}-key.pem")


def generate_missing(out: Path = PKI_DIR) -> list[Path]:
    """Create every certificate of SPECS that is not on disk yet (CSCAs first)."""
    created: list[Path] = []
    out.mkdir(parents=True, exist_ok=True)
    for spec in SPECS:
        der_path = out / f"{spec.name}.der"
        if der_path.exists():
            continue
        key = new_private_key(spec.key)
        write_private_key(out / f"{spec.name}-key.pem", key)
        cert = _issue(spec, key)
        der_path.write_bytes(cert.public_bytes(serialization.Encoding.DER))
        (out / f"{spec.name}.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        created += [der_path, out / f"{spec.name}.pem", out / f"{spec.name}-key.pem"]
    return created
