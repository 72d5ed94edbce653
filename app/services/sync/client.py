"""HTTP client of the central API: TLS pinning, authentication, failures as errors.

Failures come out in two shapes:
- ``UserError`` for what stops the whole sync: server down or 5xx (SERVER_UNREACHABLE,
  retried with backoff), certificate problem, credentials revoked, wrong office;
- ``Refused`` for a 4xx about one request (a blob offset to resume from, a refused
  batch) that the caller handles itself.
408, 429 and any 4xx whose body is not the central service's own (a proxy's 401 or
404 page) say nothing about the request: they are SERVER_UNREACHABLE too, retried
later. A 413 stays a ``Refused`` whoever sent it, so the caller can send less.

Pinning (``central_cert_sha256``): before any credential is sent, the server's
certificate is fetched and its SHA-256 compared with the pin; the client then trusts
that one certificate and nothing else (OpenSSL partial-chain mode), so every later
connection presenting another certificate fails the handshake.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import ssl
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
from pydantic import BaseModel, ValidationError

from app.errors import ErrorKind, UserError
from app.services.sync.credentials import DeviceCredentials
from app.shared import wire

M = TypeVar("M", bound=BaseModel)
DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=30.0, pool=10.0)
_REVOKED = {"revoked", "bad_credentials", "credentials_missing"}


class Refused(Exception):
    """The server refused one request with a 4xx and a machine reason."""

    def __init__(self, status: int, reason: str, message: str = "", *, ours: bool = True) -> None:
        super().__init__(f"HTTP {status} {reason}")
        self.status = status
        self.reason = reason
        self.message = message
        self.ours = ours  # the body was the central service's own error body


def normalize_fingerprint(value: str) -> str:
    return value.replace(":", "").replace(" ", "").lower()


def certificate_fingerprint(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def pinned_context(url: str, fingerprint: str, timeout: float = 5.0) -> ssl.SSLContext:
    """An SSL context trusting exactly the server certificate whose SHA-256 is pinned."""
    parts = urlsplit(url)
    if parts.scheme != "https":
        raise UserError(ErrorKind.SYNC_CERTIFICATE, detail="a pinned certificate needs https")
    host, port = parts.hostname or "", parts.port or 443
    try:
        pem = ssl.get_server_certificate((host, port), timeout=timeout)
    except (OSError, ssl.SSLError) as exc:
        raise UserError(ErrorKind.SERVER_UNREACHABLE, detail=type(exc).__name__) from exc
    der = ssl.PEM_cert_to_DER_cert(pem)
    if certificate_fingerprint(der) != normalize_fingerprint(fingerprint):
        raise UserError(ErrorKind.SYNC_CERTIFICATE, detail="certificate fingerprint mismatch")
    context = ssl.create_default_context(cadata=der)
    context.check_hostname = False  # the exact certificate is pinned; names add nothing
    context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    return context


def _certificate_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class CentralClient:
    def __init__(
        self,
        base_url: str,
        *,
        credentials: DeviceCredentials | None = None,
        cert_sha256: str = "",
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.credentials = credentials
        self._pin = cert_sha256
        self._timeout = timeout
        self._transport = transport
        self._http: httpx.Client | None = None
        # The access log's chain head, sent with every sync request (``audit.head_report``),
        # and the head central answered it holds (the base of the next report).
        self.audit_head: wire.AuditHead | None = None
        self.audit_seen: wire.AuditHead | None = None

    def _client(self) -> httpx.Client:
        if self._http is None:
            verify: ssl.SSLContext | bool = True
            if self._pin:
                verify = pinned_context(self.base_url, self._pin)
            self._http = httpx.Client(
                base_url=self.base_url,
                timeout=self._timeout,
                verify=verify,
                transport=self._transport,
                headers={"User-Agent": "MotCua-counter"},
            )
        return self._http

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _send(self, method: str, path: str, *, auth: bool = True, **kwargs: Any) -> httpx.Response:
        headers = dict(kwargs.pop("headers", {}))
        if auth:
            if self.credentials is None:
                raise UserError(ErrorKind.SYNC_NOT_ENROLLED)
            headers.update(self.credentials.headers())
            if self.audit_head is not None:
                headers[wire.AUDIT_HEAD_HEADER] = self.audit_head.header()
        try:
            response = self._client().request(
                method, wire.API_PREFIX + path, headers=headers, **kwargs
            )
        except httpx.TransportError as exc:
            if _certificate_failure(exc):
                self.close()  # next time fetch and check the certificate again
                raise UserError(ErrorKind.SYNC_CERTIFICATE, detail="verification failed") from exc
            # Connection refused, reset, timeouts, a proxy dropping us: retry later.
            raise UserError(ErrorKind.SERVER_UNREACHABLE, detail=type(exc).__name__) from exc
        if response.status_code < 400:
            seen = response.headers.get(wire.AUDIT_SEEN_HEADER)
            if seen:
                # An unreadable one is no reason to fail the sync; the next answer repeats it.
                with contextlib.suppress(ValueError):
                    self.audit_seen = wire.AuditHead.from_header(seen)
            return response
        reason, message, ours = _error_body(response)
        code = response.status_code
        if code >= 500 or code in (408, 429) or (not ours and code != 413):
            raise UserError(ErrorKind.SERVER_UNREACHABLE, detail=f"HTTP {code} {reason}")
        if code == 401 and reason in _REVOKED:
            raise UserError(ErrorKind.SYNC_REVOKED, detail=reason)
        if code == 403 and reason == "office_mismatch":
            raise UserError(ErrorKind.SYNC_OFFICE_MISMATCH, detail=reason)
        raise Refused(code, reason, message, ours=ours)

    def _call(self, model: type[M], method: str, path: str, **kwargs: Any) -> M:
        response = self._send(method, path, **kwargs)
        try:
            return model.model_validate_json(response.content)
        except ValidationError as exc:
            # A proxy page or another service answering: not ours, try again later.
            raise UserError(
                ErrorKind.SERVER_UNREACHABLE, detail=f"unexpected answer to {path}"
            ) from exc

    # --- the API ---------------------------------------------------------------------

    def health(self) -> wire.Health:
        return self._call(wire.Health, "GET", "/health", auth=False)

    def enroll(self, code: str, device_name: str) -> wire.EnrollResponse:
        body = wire.EnrollRequest(code=code, device_name=device_name)
        return self._call(
            wire.EnrollResponse, "POST", "/enroll", auth=False, json=body.model_dump()
        )

    def lookup(self, request: wire.LookupRequest) -> wire.LookupResult:
        return self._call(
            wire.LookupResult, "POST", "/citizens/lookup", json=request.model_dump(mode="json")
        )

    def push(self, office: str, items: list[Any]) -> wire.PushResponse:
        body = wire.PushRequest(items=items).model_dump(mode="json")
        return self._call(wire.PushResponse, "POST", f"/offices/{office}/push", json=body)

    def changes(
        self, office: str, since: int, limit: int = 500, epoch: str = ""
    ) -> wire.ChangesPage:
        return self._call(
            wire.ChangesPage,
            "GET",
            f"/offices/{office}/changes",
            params={"since": since, "limit": limit, "epoch": epoch},
        )

    def lease_serials(self, office: str, day: dt.date, count: int) -> wire.SerialLease:
        body = wire.SerialLeaseRequest(day=day, count=count).model_dump(mode="json")
        return self._call(wire.SerialLease, "POST", f"/offices/{office}/serials/lease", json=body)

    def close_life_event(self, office: str, event_id: str, dossier_code: str) -> None:
        self._send(
            "POST",
            f"/offices/{office}/life-events/{event_id}/close",
            json={"dossier_code": dossier_code},
        )

    def blob_start(self, office: str, sha256: str, size: int) -> wire.BlobStatus:
        body = wire.BlobStart(size=size).model_dump()
        return self._call(wire.BlobStatus, "POST", f"/offices/{office}/blobs/{sha256}", json=body)

    def dossier_result(self, office: str, dossier_id: str) -> bytes:
        """The signed result PDF the back office attached to a dossier."""
        return self._send("GET", f"/offices/{office}/dossiers/{dossier_id}/result").content

    def blob_status(self, office: str, sha256: str) -> wire.BlobStatus:
        return self._call(wire.BlobStatus, "GET", f"/offices/{office}/blobs/{sha256}")

    def blob_put(self, office: str, sha256: str, offset: int, data: bytes) -> wire.BlobStatus:
        return self._call(
            wire.BlobStatus,
            "PUT",
            f"/offices/{office}/blobs/{sha256}",
            params={"offset": offset},
            content=data,
            headers={"Content-Type": "application/octet-stream"},
        )


def _error_body(response: httpx.Response) -> tuple[str, str, bool]:
    """(reason, message, whether the body is the central service's own error body)."""
    try:
        body = wire.ErrorBody.model_validate_json(response.content)
        return body.reason, body.message, True
    except ValidationError:
        return f"http_{response.status_code}", "", False
