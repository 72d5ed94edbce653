"""Staff accounts of the back office: passwords, lockout, sessions, roles, CSRF.

- Passwords are argon2id hashes; an unknown user name costs the same hash check as a
  wrong password, so the answer does not tell which accounts exist.
- Five wrong passwords lock the account for 15 minutes (counted per account, so a
  guesser cannot spread attempts over addresses).
- A session is a random token in a ``Secure; HttpOnly; SameSite=Strict`` cookie; the
  server keeps its SHA-256 only. It ends after 30 idle minutes or 12 hours in all.
- Every form carries the session's CSRF token, checked on every POST.
- Roles decide what may be done, offices where: see :func:`may`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.shared.types import utcnow
from central.models import StaffAccount, StaffAudit, StaffSession

PROCESSING_OFFICER = "processing_officer"
OFFICE_HEAD = "office_head"
ADMIN = "admin"
ROLES = (PROCESSING_OFFICER, OFFICE_HEAD, ADMIN)

MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
IDLE = dt.timedelta(minutes=30)
LIFETIME = dt.timedelta(hours=12)
MIN_PASSWORD = 10

# What each role may do. Stopping a dossier and apologising for a delay commit the
# office: only its head signs them. Administrators manage accounts, not dossiers.
PERMISSIONS: dict[str, frozenset[str]] = {
    PROCESSING_OFFICER: frozenset(
        {"view", "view_scans", "take", "request_completion", "attach_result", "mark_ready"}
    ),
    OFFICE_HEAD: frozenset(
        {
            "view",
            "view_scans",
            "take",
            "request_completion",
            "attach_result",
            "mark_ready",
            "stop",
            "extend",
            "resolve_life_event",
            "view_indicators",
            "view_audit_alerts",
        }
    ),
    # The province's administrator also resolves the life events no office could take.
    # Both read the Đề án 06 indicators of their province in the back office.
    # Office heads and the administrator read the counters' access-log alerts.
    ADMIN: frozenset(
        {"view", "manage_staff", "resolve_life_event", "view_indicators", "view_audit_alerts"}
    ),
}


class LoginRefused(Exception):
    def __init__(self, reason: str, until: dt.datetime | None = None) -> None:
        super().__init__(reason)
        self.reason = reason  # bad_credentials, locked, inactive
        self.until = until


class AccountRefused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class SignedIn:
    staff: StaffAccount
    csrf_token: str

    def may(self, action: str, office: str | None = None) -> bool:
        return may(self.staff, action, office)


def may(staff: StaffAccount, action: str, office: str | None = None) -> bool:
    if not staff.active or action not in PERMISSIONS.get(staff.role, frozenset()):
        return False
    if office is None or staff.role == ADMIN:
        return True
    return office in (staff.offices or [])


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


_DUMMY_HASH: dict[int, str] = {}


def _dummy_hash(hasher: PasswordHasher) -> str:
    key = id(hasher)
    if key not in _DUMMY_HASH:
        _DUMMY_HASH[key] = hasher.hash(secrets.token_hex(16))
    return _DUMMY_HASH[key]


def audit(
    session: Session,
    staff_id: str | None,
    action: str,
    dossier_id: str | None = None,
    detail: str = "",
) -> None:
    session.add(
        StaffAudit(staff_id=staff_id, action=action, dossier_id=dossier_id, detail=detail[:300])
    )


def create_staff(
    session: Session,
    hasher: PasswordHasher,
    *,
    username: str,
    full_name: str,
    role: str,
    offices: list[str],
    password: str,
) -> StaffAccount:
    if role not in ROLES:
        raise AccountRefused("unknown_role")
    if len(password) < MIN_PASSWORD:
        raise AccountRefused("password_too_short")
    if role != ADMIN and not offices:
        raise AccountRefused("office_required")
    if session.scalar(select(StaffAccount.id).where(StaffAccount.username == username)):
        raise AccountRefused("username_taken")
    staff = StaffAccount(
        id=str(uuid.uuid4()),
        username=username,
        full_name=full_name,
        role=role,
        offices=sorted(set(offices)),
        password_hash=hasher.hash(password),
        active=True,
        failed_logins=0,
    )
    session.add(staff)
    session.flush()
    audit(session, None, "staff_created", detail=f"{username} {role}")
    return staff


def authenticate(
    session: Session, hasher: PasswordHasher, username: str, password: str
) -> StaffAccount:
    now = utcnow()
    staff = session.scalar(select(StaffAccount).where(StaffAccount.username == username))
    if staff is None:
        with contextlib.suppress(VerificationError):
            hasher.verify(_dummy_hash(hasher), password)
        audit(session, None, "login_failed", detail="unknown user name")
        raise LoginRefused("bad_credentials")
    if staff.locked_until is not None and staff.locked_until > now:
        audit(session, staff.id, "login_locked")
        raise LoginRefused("locked", staff.locked_until)
    try:
        hasher.verify(staff.password_hash, password)
    except (VerificationError, InvalidHashError):
        staff.failed_logins += 1
        if staff.failed_logins >= MAX_FAILURES:
            staff.locked_until = now + LOCKOUT
            staff.failed_logins = 0
            audit(session, staff.id, "account_locked")
        else:
            audit(session, staff.id, "login_failed")
        raise LoginRefused("bad_credentials") from None
    if not staff.active:
        audit(session, staff.id, "login_inactive")
        raise LoginRefused("inactive")
    staff.failed_logins = 0
    staff.locked_until = None
    staff.last_login_at = now
    if hasher.check_needs_rehash(staff.password_hash):
        staff.password_hash = hasher.hash(password)
    audit(session, staff.id, "login")
    return staff


def open_session(session: Session, staff: StaffAccount) -> tuple[str, str]:
    """(cookie token, CSRF token) of a new session."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        StaffSession(
            token_hash=_digest(token),
            staff_id=staff.id,
            csrf_token=csrf,
            created_at=now,
            last_seen_at=now,
        )
    )
    # Sessions of this account that expired are cleared as new ones open.
    session.execute(
        delete(StaffSession).where(
            StaffSession.staff_id == staff.id, StaffSession.last_seen_at < now - IDLE
        )
    )
    return token, csrf


def resume(session: Session, token: str, *, idle: dt.timedelta = IDLE) -> SignedIn | None:
    """The signed-in staff member of a cookie, or None (unknown, idle, too old)."""
    if not token:
        return None
    found = session.get(StaffSession, _digest(token))
    if found is None:
        return None
    now = utcnow()
    if now - found.last_seen_at > idle or now - found.created_at > LIFETIME:
        session.delete(found)
        return None
    staff = session.get(StaffAccount, found.staff_id)
    if staff is None or not staff.active:
        session.delete(found)
        return None
    found.last_seen_at = now
    return SignedIn(staff=staff, csrf_token=found.csrf_token)


def close_session(session: Session, token: str) -> None:
    found = session.get(StaffSession, _digest(token)) if token else None
    if found is not None:
        audit(session, found.staff_id, "logout")
        session.delete(found)


def csrf_ok(expected: str, given: str) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(expected, given)
