"""The back office's page of access-log alerts, over real HTTP: a counter whose log was
cut shows up for its office's head and the administrator, not for another office's
head nor for a processing officer, in Vietnamese and in English."""

from __future__ import annotations

import hashlib

import pytest
from backoffice_helpers import add_staff
from central_helpers import OTHER_OFFICE, Device
from sqlalchemy import select
from test_backoffice_reports_web import _web

from app.shared import wire
from central.models import StaffAudit
from central.seed import DEMO_OFFICE
from central.web import auth
from testkit.central_server import RunningCentral


def _report(device: Device, seq: int, label: str) -> None:
    head = wire.AuditHead(seq=seq, hash=hashlib.sha256(label.encode()).hexdigest(), count=seq)
    answer = device.http.get(
        f"/offices/{device.office}/changes", headers={wire.AUDIT_HEAD_HEADER: head.header()}
    )
    assert answer.status_code == 200, answer.text


@pytest.fixture
def cut_logs(central: RunningCentral, device: Device, other_device: Device) -> None:
    """The demo office's counter 1 lost its last records; the other office's rewrote one."""
    _report(device, 10, "r10")
    _report(device, 6, "r6")
    _report(other_device, 4, "o4")
    _report(other_device, 4, "o4-rewritten")
    for username, role, offices in (
        ("lan", auth.PROCESSING_OFFICER, [DEMO_OFFICE]),
        ("truong", auth.OFFICE_HEAD, [DEMO_OFFICE]),
        ("truong2", auth.OFFICE_HEAD, [OTHER_OFFICE]),
        ("quantri", auth.ADMIN, []),
    ):
        add_staff(central.db, username, role, offices)


@pytest.mark.usefixtures("cut_logs")
def test_an_office_head_sees_their_counters_cut_log(central: RunningCentral) -> None:
    web = _web(central, "truong")
    queue = web.get("/backoffice/queue")
    assert 'href="/backoffice/audit-alerts"' in queue.text  # reachable from the navigation
    page = web.get("/backoffice/audit-alerts")
    assert page.status_code == 200
    assert "Cảnh báo nhật ký truy cập" in page.text and "1 cảnh báo" in page.text
    assert "Mất bản ghi mới nhất" in page.text and "Quầy 1" in page.text
    assert "các bản ghi cuối đã bị xóa" in page.text and "from seq 10 to 6" in page.text
    assert OTHER_OFFICE not in page.text and "Bản ghi bị thay đổi" not in page.text
    # An office not theirs is refused, not shown empty.
    assert web.get("/backoffice/audit-alerts", params={"office": OTHER_OFFICE}).status_code == 403
    english = web.get("/backoffice/audit-alerts", params={"lang": "en"})
    assert "Access-log alerts" in english.text and "Newest records removed" in english.text
    assert "the last records were removed" in english.text and "Counter 1" in english.text
    with central.db.session() as s:
        looked = s.scalars(select(StaffAudit.action)).all()
    assert "view_audit_alerts" in looked


@pytest.mark.usefixtures("cut_logs")
def test_the_administrator_sees_every_office_and_an_officer_none(
    central: RunningCentral,
) -> None:
    page = _web(central, "quantri").get("/backoffice/audit-alerts")
    assert page.status_code == 200 and "2 cảnh báo" in page.text
    assert DEMO_OFFICE in page.text and OTHER_OFFICE in page.text
    assert page.text.index("Bản ghi bị thay đổi") < page.text.index("Mất bản ghi mới nhất")
    other_head = _web(central, "truong2").get("/backoffice/audit-alerts")
    assert "1 cảnh báo" in other_head.text and "Mất bản ghi mới nhất" not in other_head.text
    officer = _web(central, "lan")
    assert 'href="/backoffice/audit-alerts"' not in officer.get("/backoffice/queue").text
    refused = officer.get("/backoffice/audit-alerts")
    assert refused.status_code == 403 and "không có quyền xem cảnh báo" in refused.text


def test_no_alerts_says_the_logs_are_unbroken(central: RunningCentral, device: Device) -> None:
    _report(device, 3, "r3")
    add_staff(central.db, "quantri", auth.ADMIN, [])
    page = _web(central, "quantri").get("/backoffice/audit-alerts")
    assert page.status_code == 200 and "nhật ký của các máy quầy liền mạch" in page.text
