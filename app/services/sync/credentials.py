"""The counter's device credentials, kept in the OS keyring (never in files or logs).

The keyring holds one JSON entry under service "MotCua", user "central-device". Tests
and demo mode pass a ``MemoryStore`` instead, or set an in-memory keyring backend.

The central address and its certificate pin are part of the credentials, fixed when an
administrator enrols the counter: sync goes there and nowhere else, whatever
``settings.json`` says later, so editing that file cannot redirect the office's data.
Outside the demo the address must be https and the pin present
(``require_secure_endpoint``); changing either is a new enrolment.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Protocol

import keyring
import keyring.errors

from app.errors import ErrorKind, UserError

SERVICE = "MotCua"
ENTRY = "central-device"


@dataclass(frozen=True, slots=True)
class DeviceCredentials:
    central_url: str
    device_id: str
    office_code: str
    counter_number: int
    secret: str = field(repr=False)  # never printed, never logged
    cert_sha256: str = ""  # the pinned server certificate, fixed at enrolment

    def headers(self) -> dict[str, str]:
        from app.shared.wire import DEVICE_HEADER

        return {DEVICE_HEADER: self.device_id, "Authorization": f"Bearer {self.secret}"}


_PIN = re.compile(r"[0-9a-f]{64}")


def require_secure_endpoint(central_url: str, cert_sha256: str) -> None:
    """Real offices sync over https to the one pinned certificate; a plain http address
    or a missing pin is refused before anything is sent (the demo's local central is
    the only exception, and says so by ``demo=True`` where this is called)."""
    pin = cert_sha256.replace(":", "").replace(" ", "").lower()
    if not central_url.lower().startswith("https://"):
        raise UserError(ErrorKind.SYNC_ADDRESS_INSECURE, detail="the central address is not https")
    if not _PIN.fullmatch(pin):
        raise UserError(ErrorKind.SYNC_ADDRESS_INSECURE, detail="no SHA-256 certificate pin")


class CredentialStore(Protocol):
    def load(self) -> DeviceCredentials | None: ...
    def save(self, credentials: DeviceCredentials) -> None: ...
    def clear(self) -> None: ...


class KeyringStore:
    """The OS keyring: Windows Credential Manager, macOS Keychain, Secret Service."""

    def load(self) -> DeviceCredentials | None:
        try:
            raw = keyring.get_password(SERVICE, ENTRY)
        except keyring.errors.KeyringError as exc:
            raise UserError(ErrorKind.KEYRING_MISSING, detail=type(exc).__name__) from exc
        if not raw:
            return None
        try:
            return DeviceCredentials(**json.loads(raw))
        except (ValueError, TypeError):
            return None  # unreadable entry: treated as not enrolled; re-enrolling replaces it

    def save(self, credentials: DeviceCredentials) -> None:
        try:
            keyring.set_password(SERVICE, ENTRY, json.dumps(asdict(credentials)))
        except keyring.errors.KeyringError as exc:
            raise UserError(ErrorKind.KEYRING_MISSING, detail=type(exc).__name__) from exc

    def clear(self) -> None:
        try:
            keyring.delete_password(SERVICE, ENTRY)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as exc:
            raise UserError(ErrorKind.KEYRING_MISSING, detail=type(exc).__name__) from exc


class MemoryStore:
    """Credentials held in this process only (demo mode, tests)."""

    def __init__(self, credentials: DeviceCredentials | None = None) -> None:
        self._credentials = credentials

    def load(self) -> DeviceCredentials | None:
        return self._credentials

    def save(self, credentials: DeviceCredentials) -> None:
        self._credentials = credentials

    def clear(self) -> None:
        self._credentials = None
