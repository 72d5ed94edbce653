"""Device credentials, enrollment codes and back-office tokens.

Secrets are 256-bit random values, so a plain SHA-256 is enough to store them: no
password-stretching is needed against guessing (that is for low-entropy passwords).
Comparisons run in constant time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import uuid

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.shared.types import utcnow
from central.models import AdminToken, Device, EnrollmentCode, Office

# No 0/O, 1/I/L: the code is read aloud or typed from paper at the counter.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ENROLLMENT_TTL = dt.timedelta(hours=24)
ADMIN_TOKEN_TTL = dt.timedelta(hours=12)  # `motcua-central admin-token --hours N` overrides


class EnrollmentRefused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def same_digest(secret: str, stored: str) -> bool:
    return hmac.compare_digest(digest(secret), stored)


def _normalize_code(code: str) -> str:
    return code.replace("-", "").replace(" ", "").upper()


def create_enrollment_code(
    session: Session,
    office_code: str,
    counter_number: int,
    *,
    ttl: dt.timedelta = ENROLLMENT_TTL,
    now: dt.datetime | None = None,
) -> str:
    """A new single-use code (shown once: only its hash is stored)."""
    if session.get(Office, office_code) is None:
        raise EnrollmentRefused("unknown_office")
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(16))
    now = now or utcnow()
    session.add(
        EnrollmentCode(
            code_hash=digest(raw),
            office_code=office_code,
            counter_number=counter_number,
            created_at=now,
            expires_at=now + ttl,
        )
    )
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def redeem_enrollment_code(
    session: Session, code: str, device_name: str, *, now: dt.datetime | None = None
) -> tuple[Device, str]:
    """Turn a valid code into a device and its secret; the code can never serve again.

    The previous device of the same counter is revoked: one machine per counter, and a
    replaced machine must not keep pushing.
    """
    now = now or utcnow()
    code_hash = digest(_normalize_code(code))
    entry = session.get(EnrollmentCode, code_hash)
    if entry is None:
        raise EnrollmentRefused("code_invalid")
    if entry.used_at is not None:
        raise EnrollmentRefused("code_used")
    if entry.expires_at <= now:
        raise EnrollmentRefused("code_expired")
    device_id = str(uuid.uuid4())
    # Conditional update: two simultaneous redemptions cannot both win.
    claimed = session.execute(
        update(EnrollmentCode)
        .where(EnrollmentCode.code_hash == code_hash, EnrollmentCode.used_at.is_(None))
        .values(used_at=now, device_id=device_id)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise EnrollmentRefused("code_used")
    revoke_devices(
        session, entry.office_code, entry.counter_number, reason="replaced by a new enrollment"
    )
    secret = secrets.token_urlsafe(32)
    device = Device(
        id=device_id,
        office_code=entry.office_code,
        counter_number=entry.counter_number,
        name=device_name[:100],
        secret_hash=digest(secret),
        created_at=now,
    )
    session.add(device)
    session.flush()
    return device, secret


def revoke_devices(
    session: Session,
    office_code: str,
    counter_number: int | None = None,
    *,
    device_id: str | None = None,
    reason: str = "revoked by an administrator",
) -> int:
    """Revoke the active devices of an office (optionally one counter or one device)."""
    query = update(Device).where(Device.office_code == office_code, Device.revoked_at.is_(None))
    if counter_number is not None:
        query = query.where(Device.counter_number == counter_number)
    if device_id is not None:
        query = query.where(Device.id == device_id)
    result = session.execute(query.values(revoked_at=utcnow(), revoked_reason=reason[:200]))
    return int(result.rowcount)  # type: ignore[attr-defined]


def create_admin_token(session: Session, name: str, *, ttl: dt.timedelta = ADMIN_TOKEN_TTL) -> str:
    """A new back-office token, valid for ``ttl`` (shown once: only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        AdminToken(token_hash=digest(token), name=name[:100], created_at=now, expires_at=now + ttl)
    )
    return token


def admin_token_name(session: Session, token: str, *, now: dt.datetime | None = None) -> str | None:
    """The name of the administrator holding ``token``; None when it is unknown, revoked
    or expired (a token without an expiry predates expiry and counts as expired)."""
    found = session.scalar(
        select(AdminToken).where(
            AdminToken.token_hash == digest(token), AdminToken.revoked_at.is_(None)
        )
    )
    if found is None or found.expires_at is None or found.expires_at <= (now or utcnow()):
        return None
    return found.name or "?"


def admin_token_valid(session: Session, token: str) -> bool:
    return admin_token_name(session, token) is not None


def revoke_admin_tokens(session: Session, *, name: str = "", token: str = "") -> int:
    """Revoke the active tokens with this name, or the one token given; how many."""
    query = update(AdminToken).where(AdminToken.revoked_at.is_(None))
    if token:
        query = query.where(AdminToken.token_hash == digest(token))
    elif name:
        query = query.where(AdminToken.name == name)
    else:
        raise ValueError("name or token required")
    return int(session.execute(query.values(revoked_at=utcnow())).rowcount)  # type: ignore[attr-defined]


def admin_tokens(session: Session) -> list[AdminToken]:
    return list(session.scalars(select(AdminToken).order_by(AdminToken.created_at)))
