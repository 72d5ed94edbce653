"""Who is calling: the refusal every endpoint answers with, and the authentication
of counters (device id + secret) and of the back office's API (admin token).

Shared by ``central.api`` and the feature routers (life events, web back office) so
none of them imports the application module that includes it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from sqlalchemy.orm import Session

from app.shared import wire
from app.shared.types import utcnow
from central import ratelimit, security
from central.db import CentralDatabase
from central.models import Device

_SEEN_EVERY = dt.timedelta(minutes=1)


class Refusal(Exception):
    def __init__(
        self, status: int, reason: str, message: str = "", retry_after: float = 0.0
    ) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.message = message
        self.retry_after = retry_after


def address(request: Request) -> str:
    return request.client.host if request.client else "?"


def throttle(limiter: ratelimit.RateLimiter, key: str, *, count: bool) -> None:
    wait = limiter.take(key) if count else limiter.blocked(key)
    if wait:
        raise Refusal(429, "too_many_requests", f"retry in {wait:.0f} s", retry_after=wait)


REFUSALS: dict[int | str, dict[str, Any]] = {
    code: {"model": wire.ErrorBody} for code in (400, 401, 403, 404, 409, 410, 413, 422, 429, 503)
}


async def credentials(
    x_motcua_device: Annotated[str, Header()] = "",
    authorization: Annotated[str, Header()] = "",
) -> tuple[str, str]:
    """(device id, secret) as the request carries them; 401 when either is missing.
    ``async``: FastAPI would run a plain function on its thread pool (a thread hop per
    request for a string split)."""
    scheme, _, secret = authorization.partition(" ")
    if not x_motcua_device or scheme.lower() != "bearer" or not secret:
        raise Refusal(401, "credentials_missing")
    return x_motcua_device, secret


def check_device(session: Session, device_id: str, secret: str) -> Device:
    """The enrolled, unrevoked device these credentials belong to (401 otherwise), in
    the caller's transaction: a push checks it in the one transaction it writes in."""
    found = session.get(Device, device_id)
    if found is None or not security.same_digest(secret, found.secret_hash):
        raise Refusal(401, "bad_credentials")
    if found.revoked_at is not None:
        raise Refusal(401, "revoked", found.revoked_reason)
    now = utcnow()
    if found.last_seen_at is None or now - found.last_seen_at > _SEEN_EVERY:
        found.last_seen_at = now
    return found


def device(request: Request, given: Annotated[tuple[str, str], Depends(credentials)]) -> Device:
    db: CentralDatabase = request.app.state.db
    with db.session() as s:
        return check_device(s, *given)


def admin(request: Request, authorization: Annotated[str, Header()] = "") -> None:
    failures: ratelimit.RateLimiter = request.app.state.admin_failures
    throttle(failures, address(request), count=False)
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Refusal(401, "credentials_missing")
    db: CentralDatabase = request.app.state.db
    with db.session() as s:
        name = security.admin_token_name(s, token)
    if name is None:
        failures.hit(address(request))
        raise Refusal(401, "bad_credentials")
    request.state.admin_name = name  # the acting administrator, for the audit


def acting_admin(request: Request) -> str:
    """Who holds the admin token of this request (set by :func:`admin`)."""
    return f"admin token «{getattr(request.state, 'admin_name', '?')}»"


Counter = Annotated[Device, Depends(device)]
Credentials = Annotated[tuple[str, str], Depends(credentials)]
Admin = Depends(admin)
