"""Roles decide who may cancel, reprint late, export; central accounts log in offline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from security_factories import PASSWORD
from sqlalchemy import select

from app.errors import ErrorKind, UserError
from app.services.security import accounts
from app.services.security.passwords import hash_password
from app.services.security.permissions import Permission, allowed, require, require_reprint
from app.services.storage.models import Officer


@dataclass
class Who:
    role: str


SUPERVISOR_ONLY = [
    Permission.CANCEL_DOSSIER,
    Permission.REPRINT_AFTER_A_DAY,
    Permission.EXPORT_DATA,
    Permission.PURGE_DATA,
]


@pytest.mark.parametrize("permission", SUPERVISOR_ONLY)
def test_only_supervisors_and_admins_cancel_reprint_late_export(permission):
    with pytest.raises(UserError) as err:
        require(Who("officer"), permission)
    assert err.value.kind is ErrorKind.PERMISSION_DENIED
    assert permission.value in err.value.detail
    require(Who("supervisor"), permission)
    require(Who("admin"), permission)


def test_accounts_and_keys_are_for_admins_only():
    for permission in (Permission.MANAGE_ACCOUNTS, Permission.ROTATE_KEYS):
        assert not allowed(Who("supervisor"), permission)
        assert allowed(Who("admin"), permission)


def test_every_officer_receives_and_prints_but_nobody_unknown_does():
    for role in ("officer", "supervisor", "admin"):
        require(Who(role), Permission.RECEIVE_DOSSIER)
        require(Who(role), Permission.PRINT)
    for who in (None, Who("guest"), Who("")):
        with pytest.raises(UserError):
            require(who, Permission.PRINT)


def test_reprint_on_the_same_vietnam_day_is_routine_the_next_day_needs_a_supervisor():
    # 16:30 UTC is 23:30 in Hà Nội; 17:30 UTC is already the next day there.
    printed = dt.datetime(2026, 11, 25, 1, 0, tzinfo=dt.UTC)
    require_reprint(Who("officer"), printed, dt.datetime(2026, 11, 25, 16, 30, tzinfo=dt.UTC))
    with pytest.raises(UserError) as err:
        require_reprint(Who("officer"), printed, dt.datetime(2026, 11, 25, 17, 30, tzinfo=dt.UTC))
    assert err.value.kind is ErrorKind.PERMISSION_DENIED
    require_reprint(Who("supervisor"), printed, dt.datetime(2026, 11, 27, tzinfo=dt.UTC))


def test_signed_in_officer_carries_the_role_require_checks(env):
    who = accounts.authenticate(env.db, "officer1", PASSWORD)
    with pytest.raises(UserError):
        require(who, Permission.CANCEL_DOSSIER)
    boss = accounts.authenticate(env.db, "supervisor1", PASSWORD)
    require(boss, Permission.CANCEL_DOSSIER)


@dataclass
class Remote:
    id: str
    office_code: str
    username: str
    full_name: str
    role: str
    password_hash: str
    active: bool = True


CENTRAL_ID = "7c1e0d2a-0000-4000-8000-000000000001"


def test_central_accounts_log_in_offline_with_their_cached_hash(env):
    remote = Remote(
        CENTRAL_ID,
        "000.00.00.H98",
        "NhanVien2",
        "Cán Bộ Hai",
        "officer",
        hash_password("mật-khẩu-trung-tâm"),
    )
    assert accounts.apply_remote_accounts(env.db, [remote]) == 1
    who = accounts.authenticate(env.db, "nhanvien2", "mật-khẩu-trung-tâm")
    assert who.officer_id == CENTRAL_ID and who.role == "officer"
    # A password changed centrally replaces the cached one at the next refresh.
    remote.password_hash = hash_password("mật-khẩu-mới-123")
    remote.role = "supervisor"
    accounts.apply_remote_accounts(env.db, [remote])
    with pytest.raises(UserError):
        accounts.authenticate(env.db, "nhanvien2", "mật-khẩu-trung-tâm")
    assert accounts.authenticate(env.db, "nhanvien2", "mật-khẩu-mới-123").role == "supervisor"


def test_deactivated_centrally_means_no_log_in(env):
    remote = Remote(
        CENTRAL_ID, "000.00.00.H98", "nv3", "Cán Bộ Ba", "officer", hash_password("mật-khẩu-ba-333")
    )
    accounts.apply_remote_accounts(env.db, [remote])
    remote.active = False
    accounts.apply_remote_accounts(env.db, [remote])
    with pytest.raises(UserError) as err:
        accounts.authenticate(env.db, "nv3", "mật-khẩu-ba-333")
    assert err.value.kind is ErrorKind.LOGIN_FAILED


def test_a_local_account_of_the_same_name_is_taken_over(env):
    local_id = env.officers["admin"].id
    remote = Remote(
        CENTRAL_ID,
        "000.00.00.H98",
        "admin1",
        "Quản Trị Trung Tâm",
        "admin",
        hash_password("mật-khẩu-quản-trị"),
    )
    accounts.apply_remote_accounts(env.db, [remote])
    with env.db.session() as s:
        officers = s.scalars(select(Officer).where(Officer.username == "admin1")).all()
    assert [o.id for o in officers] == [local_id]  # dossiers keep pointing at it
    assert (
        accounts.authenticate(env.db, "admin1", "mật-khẩu-quản-trị").full_name
        == "Quản Trị Trung Tâm"
    )


def test_weak_or_unknown_hashes_and_roles_are_refused(env):
    bad = [
        Remote("a" * 36, "000.00.00.H98", "plain", "X", "officer", "mật-khẩu-rõ"),
        Remote(
            "b" * 36, "000.00.00.H98", "md5", "X", "officer", "5f4dcc3b5aa765d61d8327deb882cf99"
        ),
        Remote("c" * 36, "000.00.00.H98", "king", "X", "root", hash_password("mật-khẩu-vua")),
    ]
    assert accounts.apply_remote_accounts(env.db, bad) == 0
    for name, password in (("plain", "mật-khẩu-rõ"), ("king", "mật-khẩu-vua")):
        with pytest.raises(UserError):
            accounts.authenticate(env.db, name, password)


def test_a_refresh_does_not_reset_a_lockout_in_progress(env):
    class Clock:
        now = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)

        def __call__(self):
            return self.now

    clock = Clock()
    for _ in range(5):
        with pytest.raises(UserError):
            accounts.authenticate(env.db, "officer1", "wrong", clock)
    officer = env.officers["officer"]
    remote = Remote(
        officer.id,
        "000.00.00.H98",
        "officer1",
        "Cán Bộ Officer",
        "officer",
        hash_password(PASSWORD),
    )
    accounts.apply_remote_accounts(env.db, [remote])
    with pytest.raises(UserError) as err:
        accounts.authenticate(env.db, "officer1", PASSWORD, clock)
    assert err.value.kind is ErrorKind.ACCOUNT_LOCKED
    clock.now += dt.timedelta(minutes=15, seconds=1)
    assert accounts.authenticate(env.db, "officer1", PASSWORD, clock).username == "officer1"


def test_session_events_are_logged(env):
    from app.services import audit
    from app.services.storage.models import AuditEvent

    officer_id = env.officers["officer"].id
    for action in ("lock", "unlock", "logout"):
        accounts.record_session_event(env.db, officer_id, action)
    with pytest.raises(ValueError):
        accounts.record_session_event(env.db, officer_id, "export")
    with env.db.session() as s:
        assert list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.seq))) == [
            "lock",
            "unlock",
            "logout",
        ]
    assert audit.verify(env.db) == []


def test_first_run_sets_up_the_office_and_a_weak_password_writes_nothing(db) -> None:
    from app.services.storage.models import Counter, Office

    with pytest.raises(UserError) as refused:
        accounts.set_up_office(db, "000.00.22.H99", "BHXH Thử", 2, "admin", "Quản Trị", "ngắn")
    assert refused.value.kind is ErrorKind.PASSWORD_TOO_WEAK
    with db.session() as s:
        assert s.scalars(select(Office)).all() == []
    accounts.set_up_office(db, "000.00.22.H99", "BHXH Thử", 2, "admin", "Quản Trị", "mật-khẩu-dài")
    with db.session() as s:
        office = s.scalars(select(Office)).one()
        assert s.scalars(select(Counter.number)).all() == [2]
        assert s.scalars(select(Officer.role)).all() == ["admin"]
    assert office.code == "000.00.22.H99"
