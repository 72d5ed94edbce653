"""Looking after staff accounts: deactivate, reactivate, reset a password, unlock.

Called by the ``motcua-central staff-*`` commands (an operator on the server, ``by``
None) and by the administrator's page (``by`` the signed-in administrator, who must
hold ``manage_staff``). Deactivating or resetting a password ends the account's open
sessions, so a stolen cookie dies with the old password. Every change is written to
the staff audit with who did it.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from central.models import StaffAccount, StaffSession
from central.web import auth

ACTIONS = ("deactivate", "activate", "unlock", "reset_password")


def _account(session: Session, username: str, by: StaffAccount | None) -> StaffAccount:
    if by is not None and not auth.may(by, "manage_staff"):
        raise auth.AccountRefused("not_allowed")
    staff = session.scalar(select(StaffAccount).where(StaffAccount.username == username))
    if staff is None:
        raise auth.AccountRefused("unknown_user")
    return staff


def _end_sessions(session: Session, staff: StaffAccount) -> None:
    session.execute(delete(StaffSession).where(StaffSession.staff_id == staff.id))


def _audit(session: Session, by: StaffAccount | None, action: str, staff: StaffAccount) -> None:
    who = by.username if by is not None else "command line"
    auth.audit(session, by.id if by else None, action, detail=f"{staff.username} by {who}")


def deactivate(session: Session, username: str, *, by: StaffAccount | None = None) -> None:
    staff = _account(session, username, by)
    if by is not None and by.id == staff.id:
        raise auth.AccountRefused("not_yourself")  # an administrator cannot lock all out
    staff.active = False
    _end_sessions(session, staff)
    _audit(session, by, "staff_deactivated", staff)


def activate(session: Session, username: str, *, by: StaffAccount | None = None) -> None:
    staff = _account(session, username, by)
    staff.active = True
    _audit(session, by, "staff_activated", staff)


def unlock(session: Session, username: str, *, by: StaffAccount | None = None) -> None:
    staff = _account(session, username, by)
    staff.locked_until = None
    staff.failed_logins = 0
    _audit(session, by, "staff_unlocked", staff)


def reset_password(
    session: Session,
    hasher: PasswordHasher,
    username: str,
    password: str,
    *,
    by: StaffAccount | None = None,
) -> None:
    staff = _account(session, username, by)
    if len(password) < auth.MIN_PASSWORD:
        raise auth.AccountRefused("password_too_short")
    staff.password_hash = hasher.hash(password)
    staff.locked_until = None
    staff.failed_logins = 0
    _end_sessions(session, staff)
    _audit(session, by, "staff_password_reset", staff)


def listing(session: Session, by: StaffAccount) -> list[StaffAccount]:
    if not auth.may(by, "manage_staff"):
        raise auth.AccountRefused("not_allowed")
    return list(session.scalars(select(StaffAccount).order_by(StaffAccount.username)))
