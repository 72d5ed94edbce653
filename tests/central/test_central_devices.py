"""Enrollment and device credentials: single-use codes, hashed secrets, revocation."""

from __future__ import annotations

import datetime as dt

import httpx
from central_helpers import Device
from sqlalchemy import select

from app.shared.types import utcnow
from central import security
from central.models import Device as DeviceRow
from central.models import EnrollmentCode
from central.seed import DEMO_OFFICE
from testkit.central_server import RunningCentral


def test_enrollment_code_works_once(central: RunningCentral) -> None:
    code = central.enrollment_code(DEMO_OFFICE, 2)
    first = httpx.post(f"{central.url}/api/v1/enroll", json={"code": code.lower()})
    second = httpx.post(f"{central.url}/api/v1/enroll", json={"code": code})
    assert first.status_code == 200
    assert first.json()["office_code"] == DEMO_OFFICE and first.json()["counter_number"] == 2
    assert second.status_code == 410 and second.json()["reason"] == "code_used"


def test_expired_and_unknown_codes_are_refused(central: RunningCentral) -> None:
    with central.db.session() as s:
        code = security.create_enrollment_code(
            s, DEMO_OFFICE, 1, now=utcnow() - dt.timedelta(days=2)
        )
    expired = httpx.post(f"{central.url}/api/v1/enroll", json={"code": code})
    unknown = httpx.post(f"{central.url}/api/v1/enroll", json={"code": "AAAA-BBBB-CCCC-DDDD"})
    assert (expired.status_code, expired.json()["reason"]) == (410, "code_expired")
    assert (unknown.status_code, unknown.json()["reason"]) == (403, "code_invalid")


def test_server_keeps_no_secret_and_no_code(central: RunningCentral, device: Device) -> None:
    with central.db.session() as s:
        row = s.get(DeviceRow, device.credentials.device_id)
        codes = list(s.scalars(select(EnrollmentCode.code_hash)))
    assert row is not None and device.credentials.secret not in row.secret_hash
    assert row.secret_hash == security.digest(device.credentials.secret)
    assert all(len(h) == 64 for h in codes)


def test_revoked_counter_is_refused_with_a_reason(central: RunningCentral, device: Device) -> None:
    assert device.changes().status_code == 200
    with central.db.session() as s:
        security.revoke_devices(s, DEMO_OFFICE, 1, reason="máy bị mất")
    refused = device.changes()
    assert refused.status_code == 401
    assert refused.json()["reason"] == "revoked"


def test_wrong_secret_is_refused(central: RunningCentral, device: Device) -> None:
    device.http.headers["Authorization"] = "Bearer not-the-secret"
    assert device.changes().status_code == 401
    assert httpx.get(f"{central.url}/api/v1/offices/{DEMO_OFFICE}/changes").status_code == 401


def test_enrolling_a_replacement_machine_revokes_the_old_one(central: RunningCentral) -> None:
    old = Device(central, DEMO_OFFICE, 3)
    new = Device(central, DEMO_OFFICE, 3)
    assert old.changes().json()["reason"] == "revoked"
    assert new.changes().status_code == 200


def test_health_reports_version_database_and_time(central: RunningCentral) -> None:
    body = httpx.get(f"{central.url}/api/v1/health").json()
    assert body["database"] is True and body["version"]
    server_time = dt.datetime.fromisoformat(body["server_time"])
    assert abs((server_time - utcnow()).total_seconds()) < 60
