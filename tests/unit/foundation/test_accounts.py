import datetime as dt

import pytest
from sqlalchemy import select

from app.errors import ErrorKind, UserError
from app.services.demo import DEMO_PASSWORD, DEMO_USER
from app.services.security import accounts
from app.services.storage.models import AuditEvent, Office, Officer


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def test_demo_officer_signs_in(demo_db):
    who = accounts.authenticate(demo_db, DEMO_USER, DEMO_PASSWORD)
    assert who.username == DEMO_USER and who.office_code


def test_wrong_password_and_unknown_user_look_the_same(demo_db):
    errors = []
    for user, password in ((DEMO_USER, "wrong"), ("nobody", "wrong")):
        with pytest.raises(UserError) as err:
            accounts.authenticate(demo_db, user, password)
        errors.append((err.value.kind, err.value.detail))
    assert errors[0] == errors[1] == (ErrorKind.LOGIN_FAILED, "")


def test_five_failures_lock_for_fifteen_minutes(demo_db):
    clock = Clock()
    for _ in range(4):
        with pytest.raises(UserError) as err:
            accounts.authenticate(demo_db, DEMO_USER, "wrong", clock)
        assert err.value.kind is ErrorKind.LOGIN_FAILED
    with pytest.raises(UserError) as err:
        accounts.authenticate(demo_db, DEMO_USER, "wrong", clock)
    assert err.value.kind is ErrorKind.ACCOUNT_LOCKED
    clock.now += dt.timedelta(minutes=14, seconds=59)
    with pytest.raises(UserError) as err:  # even the right password is refused while locked
        accounts.authenticate(demo_db, DEMO_USER, DEMO_PASSWORD, clock)
    assert err.value.kind is ErrorKind.ACCOUNT_LOCKED
    clock.now += dt.timedelta(seconds=2)
    assert accounts.authenticate(demo_db, DEMO_USER, DEMO_PASSWORD, clock).username == DEMO_USER


def test_passwords_are_stored_as_argon2id(demo_db):
    with demo_db.session() as s:
        stored = s.scalar(select(Officer.password_hash).where(Officer.username == DEMO_USER))
    assert stored.startswith("$argon2id$") and DEMO_PASSWORD not in stored


def test_first_admin_needs_a_real_password(db):
    with db.session() as s:
        office = Office(code="000.00.22.H99", name="BHXH")
        s.add(office)
        s.flush()
        office_id = office.id
    assert not accounts.has_officers(db)
    with pytest.raises(UserError) as err:
        accounts.create_first_admin(db, office_id, "admin", "Quản Trị", "short")
    assert err.value.kind is ErrorKind.PASSWORD_TOO_WEAK
    accounts.create_first_admin(db, office_id, "Admin", "Quản Trị", "mật-khẩu-dài")
    assert accounts.has_officers(db)
    assert accounts.authenticate(db, "admin", "mật-khẩu-dài").role == "admin"


def test_change_password(demo_db):
    who = accounts.authenticate(demo_db, DEMO_USER, DEMO_PASSWORD)
    with pytest.raises(UserError):
        accounts.change_password(demo_db, who.officer_id, "wrong", "new-password-1")
    accounts.change_password(demo_db, who.officer_id, DEMO_PASSWORD, "new-password-1")
    assert _signs_in(demo_db, "new-password-1")
    assert not _signs_in(demo_db, DEMO_PASSWORD)


def test_unlock_shares_the_log_in_counter_and_lockout(demo_db):
    clock = Clock()
    who = accounts.authenticate(demo_db, DEMO_USER, DEMO_PASSWORD, clock)
    for _ in range(3):
        with pytest.raises(UserError):
            accounts.authenticate(demo_db, DEMO_USER, "wrong", clock)
    with pytest.raises(UserError) as err:
        accounts.unlock(demo_db, who.officer_id, "wrong", clock)
    assert err.value.kind is ErrorKind.LOGIN_FAILED
    with pytest.raises(UserError) as err:  # the fifth failure, at the lock
        accounts.unlock(demo_db, who.officer_id, "wrong", clock)
    assert err.value.kind is ErrorKind.ACCOUNT_LOCKED
    with pytest.raises(UserError) as err:
        accounts.unlock(demo_db, who.officer_id, DEMO_PASSWORD, clock)
    assert err.value.kind is ErrorKind.ACCOUNT_LOCKED
    clock.now += accounts.LOCKOUT + dt.timedelta(seconds=1)
    accounts.unlock(demo_db, who.officer_id, DEMO_PASSWORD, clock)
    with demo_db.session() as s:
        details = s.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "unlock").order_by(AuditEvent.seq)
        ).all()
    assert details == ["failed", "failed; account locked", ""]


def test_wrong_current_passwords_at_the_change_count_and_lock_the_account(demo_db):
    clock = Clock()
    who = accounts.authenticate(demo_db, DEMO_USER, DEMO_PASSWORD, clock)
    for _ in range(accounts.MAX_FAILED_LOGINS - 1):
        with pytest.raises(UserError) as err:
            accounts.change_password(demo_db, who.officer_id, "wrong", "new-password-1", clock)
        assert err.value.kind is ErrorKind.LOGIN_FAILED
    with pytest.raises(UserError) as err:  # the fifth failure locks the account
        accounts.change_password(demo_db, who.officer_id, "wrong", "new-password-1", clock)
    assert err.value.kind is ErrorKind.ACCOUNT_LOCKED
    # Locked: neither the change nor the log-in takes even the right password.
    with pytest.raises(UserError) as err:
        accounts.change_password(demo_db, who.officer_id, DEMO_PASSWORD, "new-password-1", clock)
    assert err.value.kind is ErrorKind.ACCOUNT_LOCKED
    with pytest.raises(UserError) as err:
        accounts.authenticate(demo_db, DEMO_USER, DEMO_PASSWORD, clock)
    assert err.value.kind is ErrorKind.ACCOUNT_LOCKED
    clock.now += accounts.LOCKOUT + dt.timedelta(seconds=1)
    accounts.change_password(demo_db, who.officer_id, DEMO_PASSWORD, "new-password-1", clock)
    with demo_db.session() as s:
        details = s.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "change").order_by(AuditEvent.seq)
        ).all()
    assert details[-6:] == ["own password: failed"] * 4 + [
        "own password: failed; account locked",
        "own password",
    ]


def test_change_and_log_in_share_the_failure_counter(demo_db):
    clock = Clock()
    who = accounts.authenticate(demo_db, DEMO_USER, DEMO_PASSWORD, clock)
    for _ in range(accounts.MAX_FAILED_LOGINS - 1):
        with pytest.raises(UserError):
            accounts.authenticate(demo_db, DEMO_USER, "wrong", clock)
    with pytest.raises(UserError) as err:
        accounts.change_password(demo_db, who.officer_id, "wrong", "new-password-1", clock)
    assert err.value.kind is ErrorKind.ACCOUNT_LOCKED


def _signs_in(db, password: str) -> bool:
    try:
        accounts.authenticate(db, DEMO_USER, password)
    except UserError:
        return False
    return True
