"""Signing results with the office's key on a PKCS#11 token (HSM, smart card).

The office profile's signing key is then a PKCS#11 URI (RFC 7512) instead of a file:

    pkcs11:token=BHXH%20H99;object=ket-qua?module-path=/usr/lib/softhsm/libsofthsm2.so

``token`` is the token's label, ``object`` the key's label (and the certificate's,
when the profile names no certificate file), ``id`` (hex, ``%01``) may stand for or
narrow the label. The user PIN comes from ``MOTCUA_SIGNING_PIN``, or the file named
by the ``pin-source`` query attribute; it never sits in the database. pyHanko's
``PKCS11Signer`` (python-pkcs11) does the signing; the key never leaves the token.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes

from app.shared import result_signature

SCHEME = "pkcs11:"
PIN_ENV = "MOTCUA_SIGNING_PIN"


@dataclass(frozen=True, slots=True)
class TokenKey:
    module: str
    token: str
    label: str | None
    key_id: bytes | None
    pin_source: str | None


def is_token_uri(value: str) -> bool:
    return value.startswith(SCHEME)


def parse_uri(uri: str) -> TokenKey:
    """The parts of a ``pkcs11:`` URI this service uses (ValueError when it lacks one)."""
    if not is_token_uri(uri):
        raise ValueError("not a pkcs11: URI")
    path, _, query = uri[len(SCHEME) :].partition("?")
    attrs = dict(part.split("=", 1) for part in path.split(";") if "=" in part)
    options = dict(part.split("=", 1) for part in query.split("&") if "=" in part)
    module = unquote(options.get("module-path", ""))
    if not module or "token" not in attrs or not ({"object", "id"} & attrs.keys()):
        raise ValueError("a pkcs11: URI needs module-path, token and object or id")
    return TokenKey(
        module=module,
        token=unquote(attrs["token"]),
        label=unquote(attrs["object"]) if "object" in attrs else None,
        key_id=unquote_to_bytes(attrs["id"]) if "id" in attrs else None,
        pin_source=unquote(options["pin-source"]) if "pin-source" in options else None,
    )


def _pin(key: TokenKey) -> str | None:
    if (pin := os.environ.get(PIN_ENV)) is not None:
        return pin
    if key.pin_source:
        return Path(key.pin_source.removeprefix("file:")).read_text(encoding="utf-8").strip()
    return None  # a token with a PIN pad, or none needed


@contextmanager
def token_signer(uri: str, cert_path: Path | None) -> Iterator[object]:
    """A pyHanko signer for the key the URI names, in an open session on its token."""
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign import pkcs11

    result_signature._refresh_asn1_names()
    key = parse_uri(uri)
    session = pkcs11.open_pkcs11_session(
        key.module, token_criteria=TokenCriteria(label=key.token), user_pin=_pin(key)
    )
    try:
        cert = result_signature.load_certificate(cert_path) if cert_path else None
        yield pkcs11.PKCS11Signer(
            session,
            key_label=key.label,
            key_id=key.key_id,
            cert_label=key.label if cert is None else None,
            signing_cert=cert,
            # Hash here, sign the digest on the token (CKM_ECDSA / CKM_RSA_PKCS): every
            # token has these; many (SoftHSM2 among them) lack the hash-and-sign ones.
            use_raw_mechanism=True,
        )
    finally:
        session.close()


def sign_with_token(
    pdf: bytes, uri: str, cert_path: Path | None, *, reason: str, location: str
) -> tuple[bytes, object]:
    """(signed PDF, signer's certificate)."""
    with token_signer(uri, cert_path) as signer:
        signed = result_signature.sign_with(signer, pdf, reason=reason, location=location)
        return signed, signer.signing_cert  # type: ignore[attr-defined]
