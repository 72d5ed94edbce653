"""Signing a result PDF with an office's certificate, and checking such a signature.

The processing office signs the result it issues (a decision, a book, a card) with its
certificate (PAdES, pyHanko); the counter that hands it over, and anyone holding the
PDF, checks it against the BHXH trust root before printing. Qt-free: the central
service signs, the counter verifies.

Keys: a PEM/DER key file beside the certificate (optionally protected by a passphrase)
is the default. A key on a PKCS#11 token is the production option: central's
``central.web.token_signer`` opens it with pyHanko's ``PKCS11Signer`` and passes that
to :func:`sign_with` in place of the file signer.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from asn1crypto import x509

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class SignatureCheck:
    """What a signature check found, in terms an officer can act on."""

    signed: bool  # the PDF has a signature at all
    intact: bool  # the signed bytes were not altered
    trusted: bool  # the signer's certificate chains to a trust root
    covers_whole_file: bool  # nothing was added after signing
    signer: str  # the certificate's subject, human readable
    signed_at: str = ""  # the signing time the signer claims (ISO 8601)

    @property
    def valid(self) -> bool:
        return self.signed and self.intact and self.trusted and self.covers_whole_file


def _off_any_loop(func: Callable[[], T]) -> T:
    """Run ``func`` where no asyncio loop runs: pyHanko's blocking calls start their own
    loop, which fails inside a running one (a web request, a browser-driving test)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return func()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(func).result()


def _refresh_asn1_names() -> None:
    """pyHanko teaches asn1crypto new attribute and algorithm names when it is imported.
    asn1crypto builds each name table's reverse map once, on first use: if the card
    reader used a table before pyHanko was imported, pyHanko's names are missing from
    it and signing fails ("invalid literal ... 'signing_certificate_v2'"). Rebuild the
    reverse maps from the (extended) tables."""
    import pyhanko.sign.general  # noqa: F401 - registers pyHanko's names
    from asn1crypto import algos, cms, core, tsp
    from asn1crypto import x509 as names

    for module in (algos, cms, core, tsp, names):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, core.ObjectIdentifier)
                and value.__dict__.get("_reverse_map") is not None
            ):
                table: dict[str, str] = value._map  # type: ignore[attr-defined]
                value._reverse_map = {name: oid for oid, name in table.items()}  # type: ignore[attr-defined]


def load_certificate(path: Path) -> x509.Certificate:
    from asn1crypto import pem

    data = path.read_bytes()
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return x509.Certificate.load(data)


def trust_roots_in(folders: list[Path]) -> list[x509.Certificate]:
    """The CA certificates in ``folders`` (a key or a leaf certificate beside them is
    no trust root)."""
    roots = []
    for folder in folders:
        if folder.is_dir():
            for file in sorted(folder.iterdir()):
                if file.suffix.lower() in (".pem", ".crt", ".cer", ".der") and _is_ca(file):
                    roots.append(load_certificate(file))
    return roots


def _is_ca(file: Path) -> bool:
    from asn1crypto import pem

    data = file.read_bytes()
    if pem.detect(data):
        kind, _, data = pem.unarmor(data)
        if kind != "CERTIFICATE":
            return False
    try:
        return bool(x509.Certificate.load(data).ca)
    except ValueError:
        return False


def file_signer(key_path: Path, cert_path: Path, passphrase: bytes | None = None) -> object:
    from pyhanko.sign import signers

    _refresh_asn1_names()
    signer = signers.SimpleSigner.load(str(key_path), str(cert_path), key_passphrase=passphrase)
    if signer is None:
        raise ValueError("the signing key or certificate cannot be read")
    return signer


def sign_with(signer: object, pdf: bytes, *, reason: str, location: str) -> bytes:
    """The PDF with an approval signature added (incremental update)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    _refresh_asn1_names()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name="KetQua", reason=reason, location=location, md_algorithm="sha256"
    )
    out = _off_any_loop(lambda: signers.sign_pdf(writer, meta, signer=signer))  # type: ignore[arg-type]
    return out.getvalue()  # type: ignore[no-any-return]


def sign_result(
    pdf: bytes,
    key_path: Path,
    cert_path: Path,
    *,
    reason: str,
    location: str,
    passphrase: bytes | None = None,
) -> bytes:
    return sign_with(
        file_signer(key_path, cert_path, passphrase), pdf, reason=reason, location=location
    )


def verify_result(pdf: bytes, trust_roots: list[x509.Certificate]) -> SignatureCheck:
    """Check the last signature of ``pdf`` against ``trust_roots`` (no network)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception:
        return SignatureCheck(False, False, False, False, "")
    if not signatures:
        return SignatureCheck(False, False, False, False, "")
    embedded = signatures[-1]
    context = ValidationContext(trust_roots=trust_roots, allow_fetching=False)
    status = _off_any_loop(lambda: validate_pdf_signature(embedded, context))
    coverage = status.coverage is not None and status.coverage.name == "ENTIRE_FILE"
    signer = status.signing_cert.subject.human_friendly if status.signing_cert else ""
    when = status.signer_reported_dt.isoformat() if status.signer_reported_dt else ""
    return SignatureCheck(
        signed=True,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        covers_whole_file=coverage,
        signer=signer,
        signed_at=when,
    )
