"""A SoftHSM2 token in a temporary folder, holding an office's signing key and certificate.

SoftHSM2 (Debian's ``softhsm2``) is a PKCS#11 module that keeps its tokens in files:
``SOFTHSM2_CONF`` points it at a folder of its own, so tests never touch the system's
tokens. The key is imported with ``softhsm2-util``; the certificate is written as a
certificate object through python-pkcs11 (``softhsm2-util`` imports keys only).

The module reads ``SOFTHSM2_CONF`` once per process (when pyHanko first loads it), so
a test process uses one such folder: make the token once per test module.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

MODULE_CANDIDATES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
)
SO_PIN = "87654321"
USER_PIN = "123456"


def module_path() -> str | None:
    return next((m for m in MODULE_CANDIDATES if Path(m).exists()), None)


@dataclass(frozen=True)
class SoftToken:
    module: str
    label: str
    key_label: str
    pin: str
    conf: Path

    def uri(self, *, with_pin_file: Path | None = None) -> str:
        uri = (
            f"pkcs11:token={quote(self.label)};object={quote(self.key_label)}"
            f"?module-path={quote(self.module)}"
        )
        return uri + (f"&pin-source={quote(str(with_pin_file))}" if with_pin_file else "")


def make_token(folder: Path, key_pem: Path, cert_pem: Path, label: str = "BHXH H99") -> SoftToken:
    """A token initialised in ``folder`` with the key and certificate; sets
    ``SOFTHSM2_CONF`` in this process's environment (the caller restores it)."""
    module = module_path()
    if module is None or shutil.which("softhsm2-util") is None:
        raise FileNotFoundError("SoftHSM2 is missing: apt-get install softhsm2")
    tokens = folder / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    util = ["softhsm2-util"]
    subprocess.run(
        [*util, "--init-token", "--free", "--label", label, "--so-pin", SO_PIN, "--pin", USER_PIN],
        check=True, capture_output=True,
    )  # fmt: skip
    key_label = "ket-qua"
    subprocess.run(
        [*util, "--import", str(key_pem), "--token", label, "--label", key_label,
         "--id", "01", "--pin", USER_PIN],
        check=True, capture_output=True,
    )  # fmt: skip
    _write_certificate(module, label, key_label, cert_pem)
    return SoftToken(module, label, key_label, USER_PIN, conf)


def _write_certificate(module: str, label: str, key_label: str, cert_pem: Path) -> None:
    import pkcs11
    from asn1crypto import pem, x509
    from pkcs11 import Attribute, CertificateType, ObjectClass

    _, _, der = pem.unarmor(cert_pem.read_bytes())
    cert = x509.Certificate.load(der)
    token = pkcs11.lib(module).get_token(token_label=label)
    with token.open(rw=True, user_pin=USER_PIN) as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: key_label,
                Attribute.ID: b"\x01",
                Attribute.SUBJECT: cert.subject.dump(),
                Attribute.ISSUER: cert.issuer.dump(),
                Attribute.SERIAL_NUMBER: cert["tbs_certificate"]["serial_number"].dump(),
                Attribute.VALUE: der,
            }
        )
