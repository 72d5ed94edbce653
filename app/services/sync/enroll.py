"""Enrolling this counter with the central service: one-time code → device credentials."""

from __future__ import annotations

import platform

from app.errors import ErrorKind, UserError
from app.services.security.permissions import HasRole, Permission, require
from app.services.sync.client import CentralClient, Refused, normalize_fingerprint
from app.services.sync.credentials import (
    CredentialStore,
    DeviceCredentials,
    KeyringStore,
    require_secure_endpoint,
)


def enroll(
    central_url: str,
    code: str,
    *,
    store: CredentialStore | None = None,
    cert_sha256: str = "",
    device_name: str = "",
    actor: HasRole | None = None,
    demo: bool = False,
) -> DeviceCredentials:
    """Redeem ``code`` and keep the credentials in ``store`` (the OS keyring by default).

    The caller then sets the office code and counter number in the settings from the
    returned credentials (the server decides which counter this machine is).
    Re-enrolling revokes the old device: administrators only (``actor``). The address
    and pin are kept with the credentials and are the only ones sync uses; outside the
    demo (``demo``: its own central on this PC) they must be https and a SHA-256 pin."""
    require(actor, Permission.CHANGE_SYNC)
    if not demo:
        require_secure_endpoint(central_url, cert_sha256)
    store = store or KeyringStore()
    with CentralClient(central_url, cert_sha256=cert_sha256) as client:
        try:
            answer = client.enroll(code.strip(), device_name or platform.node()[:100])
        except Refused as exc:
            raise UserError(ErrorKind.ENROLLMENT_FAILED, detail=exc.reason) from exc
    credentials = DeviceCredentials(
        central_url=central_url,
        device_id=answer.device_id,
        office_code=answer.office_code,
        counter_number=answer.counter_number,
        secret=answer.secret,
        cert_sha256=normalize_fingerprint(cert_sha256),
    )
    store.save(credentials)
    return credentials
