"""Officer log-in with lockout: 5 failed attempts lock the account for 15 minutes.

The clock is injected so tests can move time without sleeping.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select

from app.errors import ErrorKind, UserError
from app.services.security.passwords import hash_password, needs_rehash, verify_password
from app.services.storage.db import Database
from app.services.storage.models import Office, Officer

MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)
ROLES = ("officer", "supervisor", "admin")
Clock = Callable[[], dt.datetime]


def utc_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class SignedIn:
    officer_id: str
    username: str
    full_name: str
    role: str
    office_id: str
    office_code: str
    office_name: str


def has_officers(db: Database) -> bool:
    with db.session() as s:
        return bool(s.scalar(select(func.count()).select_from(Officer)))


def create_officer(
    db: Database, office_id: str, username: str, full_name: str, password: str, role: str
) -> str:
    if role not in ROLES:
        raise ValueError(f"unknown role {role}")
    if len(password) < 8:
        raise UserError(ErrorKind.PASSWORD_TOO_WEAK)
    with db.session() as s:
        officer = Officer(
            office_id=office_id,
            username=username.strip().lower(),
            full_name=full_name.strip(),
            role=role,
            password_hash=hash_password(password),
        )
        s.add(officer)
        s.flush()
        return officer.id


def authenticate(db: Database, username: str, password: str, clock: Clock = utc_clock) -> SignedIn:
    """The signed-in officer, or UserError LOGIN_FAILED / ACCOUNT_LOCKED.

    The same error for an unknown user and a wrong password: the screen must not tell
    a passer-by which user names exist.
    """
    now = clock()
    with db.session() as s:
        officer = s.scalar(select(Officer).where(Officer.username == username.strip().lower()))
        if officer is None or not officer.active:
            raise UserError(ErrorKind.LOGIN_FAILED)
        if officer.locked_until is not None and officer.locked_until > now:
            minutes = int((officer.locked_until - now).total_seconds() // 60) + 1
            raise UserError(ErrorKind.ACCOUNT_LOCKED, detail=f"{minutes} min")
        if not verify_password(officer.password_hash, password):
            officer.failed_logins += 1
            if officer.failed_logins >= MAX_FAILED_LOGINS:
                officer.locked_until = now + LOCKOUT
                officer.failed_logins = 0
                s.commit()
                raise UserError(ErrorKind.ACCOUNT_LOCKED, detail=f"{LOCKOUT.seconds // 60} min")
            s.commit()
            raise UserError(ErrorKind.LOGIN_FAILED)
        officer.failed_logins = 0
        officer.locked_until = None
        if needs_rehash(officer.password_hash):
            officer.password_hash = hash_password(password)
        office = s.get(Office, officer.office_id)
        assert office is not None
        return SignedIn(
            officer.id,
            officer.username,
            officer.full_name,
            officer.role,
            office.id,
            office.code,
            office.name,
        )


def verify_current_password(db: Database, officer_id: str, password: str) -> bool:
    """For the idle-lock screen: the signed-in officer re-enters the password."""
    with db.session() as s:
        officer = s.get(Officer, officer_id)
        return officer is not None and verify_password(officer.password_hash, password)


def change_password(db: Database, officer_id: str, old: str, new: str) -> None:
    if len(new) < 8:
        raise UserError(ErrorKind.PASSWORD_TOO_WEAK)
    with db.session() as s:
        officer = s.get(Officer, officer_id)
        if officer is None or not verify_password(officer.password_hash, old):
            raise UserError(ErrorKind.LOGIN_FAILED)
        officer.password_hash = hash_password(new)
