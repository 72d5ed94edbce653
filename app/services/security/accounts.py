"""Officer log-in with lockout: 5 failed attempts lock the account for 15 minutes.

The clock is injected so tests can move time without sleeping. Log-ins (and failed
attempts on a real account) go to the access log. Accounts made centrally arrive
with their argon2id hashes (``apply_remote_accounts``), so an officer can log in at
a counter that is offline.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from app.errors import ErrorKind, UserError
from app.services import audit
from app.services.security.passwords import hash_password, needs_rehash, verify_password
from app.services.security.permissions import HasRole, Permission, require
from app.services.storage.db import Database
from app.services.storage.models import Counter, Office, Officer
from app.shared.types import utcnow

log = logging.getLogger(__name__)

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
    db: Database,
    actor: HasRole | None,
    office_id: str,
    username: str,
    full_name: str,
    password: str,
    role: str,
) -> str:
    """A new account: an administrator's act (``MANAGE_ACCOUNTS``), audited."""
    require(actor, Permission.MANAGE_ACCOUNTS)
    return _insert_officer(db, office_id, username, full_name, password, role, first=False)


def create_first_admin(
    db: Database, office_id: str, username: str, full_name: str, password: str
) -> str:
    """First run: the store has no account yet, so nobody could grant the right.
    Refused as soon as any account exists (the check and the insert share one
    transaction)."""
    return _insert_officer(db, office_id, username, full_name, password, "admin", first=True)


def set_up_office(
    db: Database,
    office_code: str,
    office_name: str,
    counter_number: int,
    username: str,
    full_name: str,
    password: str,
) -> str:
    """First run of a new install: the office, its counter and the first
    administrator. A weak password is refused before anything is written."""
    if len(password) < 8:
        raise UserError(ErrorKind.PASSWORD_TOO_WEAK)
    with db.session() as s:
        office = Office(code=office_code, name=office_name)
        s.add(office)
        s.flush()
        s.add(Counter(office_id=office.id, number=counter_number, name="Quầy 1"))
        office_id = office.id
    return create_first_admin(db, office_id, username, full_name, password)


def _insert_officer(
    db: Database,
    office_id: str,
    username: str,
    full_name: str,
    password: str,
    role: str,
    first: bool,
) -> str:
    if role not in ROLES:
        raise ValueError(f"unknown role {role}")
    if len(password) < 8:
        raise UserError(ErrorKind.PASSWORD_TOO_WEAK)
    with db.session() as s:
        if first and s.scalar(select(func.count()).select_from(Officer)):
            raise UserError(ErrorKind.PERMISSION_DENIED, detail="first-run admin: accounts exist")
        officer = Officer(
            office_id=office_id,
            username=username.strip().lower(),
            full_name=full_name.strip(),
            role=role,
            password_hash=hash_password(password),
        )
        s.add(officer)
        s.flush()
        audit.record(s, officer.id, "change", detail=f"account created ({role})")
        return officer.id


def deactivate_officer(db: Database, actor: HasRole | None, officer_id: str) -> None:
    """The account can no longer sign in (kept for the audit trail); admins only."""
    require(actor, Permission.MANAGE_ACCOUNTS)
    with db.session() as s:
        officer = s.get(Officer, officer_id)
        if officer is None:
            raise ValueError(f"no officer {officer_id}")
        officer.active = False
        audit.record(s, officer.id, "change", detail="account deactivated")


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
        _check_password(s, officer, password, now, "login")
        if needs_rehash(officer.password_hash):
            officer.password_hash = hash_password(password)
        audit.record(s, officer.id, "login", at=now)
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


def _check_password(
    s: Session, officer: Officer, password: str, now: dt.datetime, action: str, what: str = ""
) -> None:
    """One password attempt under the lockout policy; UserError when refused.

    Log-in, the idle lock's unlock and the password change share it, so guessing
    anywhere counts against the same five tries. Each failure leaves an audit record
    (``what`` prefixes its detail, e.g. "own password: ").
    """
    if officer.locked_until is not None and officer.locked_until > now:
        minutes = int((officer.locked_until - now).total_seconds() // 60) + 1
        raise UserError(ErrorKind.ACCOUNT_LOCKED, detail=f"{minutes} min")
    if not verify_password(officer.password_hash, password):
        officer.failed_logins += 1
        if officer.failed_logins >= MAX_FAILED_LOGINS:
            officer.locked_until = now + LOCKOUT
            officer.failed_logins = 0
            audit.record(s, officer.id, action, detail=f"{what}failed; account locked", at=now)
            s.commit()
            raise UserError(ErrorKind.ACCOUNT_LOCKED, detail=f"{LOCKOUT.seconds // 60} min")
        audit.record(s, officer.id, action, detail=f"{what}failed", at=now)
        s.commit()
        raise UserError(ErrorKind.LOGIN_FAILED)
    officer.failed_logins = 0
    officer.locked_until = None


def unlock(db: Database, officer_id: str, password: str, clock: Clock = utc_clock) -> None:
    """The idle lock: the signed-in officer re-enters the password.

    UserError LOGIN_FAILED for a wrong password, ACCOUNT_LOCKED when the account is
    (or has just become) locked out: the counter then signs the officer out. An
    account deactivated meanwhile is refused too.
    """
    now = clock()
    with db.session() as s:
        officer = s.get(Officer, officer_id)
        if officer is None or not officer.active:
            raise UserError(ErrorKind.LOGIN_FAILED)
        _check_password(s, officer, password, now, "unlock")
        audit.record(s, officer.id, "unlock", at=now)


def change_password(
    db: Database, officer_id: str, old: str, new: str, clock: Clock = utc_clock
) -> None:
    """The signed-in officer's own password. A wrong current password counts like a
    failed log-in (ACCOUNT_LOCKED at the limit: the counter then signs out), so an
    unattended session cannot be used to guess it."""
    if len(new) < 8:
        raise UserError(ErrorKind.PASSWORD_TOO_WEAK)
    now = clock()
    with db.session() as s:
        officer = s.get(Officer, officer_id)
        if officer is None or not officer.active:
            raise UserError(ErrorKind.LOGIN_FAILED)
        _check_password(s, officer, old, now, "change", "own password: ")
        officer.password_hash = hash_password(new)
        audit.record(s, officer_id, "change", detail="own password", at=now)


def record_session_event(db: Database, officer_id: str, action: str) -> None:
    """Log-out, lock and unlock of the counter session, for the access log."""
    if action not in ("logout", "lock", "unlock"):
        raise ValueError(f"not a session event: {action}")
    audit.log(db, officer_id, action)


class RemoteAccount(Protocol):
    """An account as the central service sends it (``app.shared.wire.OfficerWire`` fits)."""

    id: str
    office_code: str
    username: str
    full_name: str
    role: str
    password_hash: str
    active: bool


def _acceptable(account: RemoteAccount) -> bool:
    # Only argon2id: a server that sent a plaintext or a weak hash must not get it
    # stored as if it were safe (and a plaintext one would then "verify").
    return account.role in ROLES and account.password_hash.startswith("$argon2id$")


def apply_remote_accounts(db: Database, accounts: Iterable[RemoteAccount]) -> int:
    """Insert or update officers from the central service; how many were applied.

    An account matches by id, else by user name (a local admin made before the
    counter was enrolled is taken over). Local lockout state is kept: a refresh from
    the server must not reset the failed-attempt counter of an attack in progress.
    """
    applied = 0
    with db.session() as s:
        for account in accounts:
            if not _acceptable(account):
                log.warning("remote account %s refused: role or hash format", account.id)
                continue
            office_id = s.scalar(select(Office.id).where(Office.code == account.office_code))
            if office_id is None:
                office = Office(code=account.office_code, name=account.office_code)
                s.add(office)
                s.flush()
                office_id = office.id
            username = account.username.strip().lower()
            values = dict(
                office_id=office_id,
                username=username,
                full_name=account.full_name.strip(),
                role=account.role,
                password_hash=account.password_hash,
                active=account.active,
                updated_at=utcnow(),
            )
            target = s.scalar(select(Officer.id).where(Officer.id == account.id)) or s.scalar(
                select(Officer.id).where(Officer.username == username)
            )
            if target is None:
                s.execute(insert(Officer).values(id=account.id, created_at=utcnow(), **values))
            else:
                s.execute(
                    update(Officer)
                    .where(Officer.id == target)
                    .values(**values, row_version=Officer.row_version + 1)
                    .execution_options(synchronize_session=False)
                )
            applied += 1
    return applied
