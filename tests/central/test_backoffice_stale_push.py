"""Every web back-office action is a write a stale counter push cannot undo.

The counter speaks raw HTTP to a real server; staff act through the web pages on the
same database. After each action the counter, unaware of it, pushes its own change
built on the version it pushed first (and numbered above central's, the case the
"lost answer" exemption would otherwise let through): the answer is a 409 conflict and
central keeps the back office's version, field for field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from backoffice_helpers import add_staff, csrf_of, log_in, signing_setup
from central_helpers import Device, dossier_item
from fastapi.testclient import TestClient

from app.shared import wire
from central.api import create_app
from central.models import DossierResult, SyncedRow
from central.seed import DEMO_OFFICE
from central.web import auth, routes
from testkit.central_server import RunningCentral

Act = Callable[[str, str], Any]


@pytest.fixture
def staff(central: RunningCentral) -> dict[str, TestClient]:
    add_staff(central.db, "lan", auth.PROCESSING_OFFICER, [DEMO_OFFICE])
    add_staff(central.db, "truong", auth.OFFICE_HEAD, [DEMO_OFFICE])
    clients = {}
    for name in ("lan", "truong"):
        client = TestClient(create_app(central.db), base_url="https://testserver")
        assert log_in(client, name).status_code == 200
        clients[name] = client
    return clients


def _act(client: TestClient, dossier_id: str, action: str, **fields: str) -> None:
    page = client.get(f"/backoffice/dossiers/{dossier_id}")
    answer = client.post(
        f"/backoffice/dossiers/{dossier_id}/actions/{action}",
        data={"csrf": csrf_of(page.text), **fields},
        follow_redirects=True,
    )
    assert answer.status_code == 200 and "?done=" in str(answer.url), answer.text[-400:]


def _attach(client: TestClient, dossier_id: str) -> None:
    page = client.get(f"/backoffice/dossiers/{dossier_id}")
    answer = client.post(
        f"/backoffice/dossiers/{dossier_id}/result",
        data={"csrf": csrf_of(page.text)},
        files={"file": ("kq.pdf", b"", "application/pdf")},
        follow_redirects=True,
    )
    assert "done=attach_result" in str(answer.url), answer.text[-400:]


def _stored(central: RunningCentral, dossier_id: str) -> tuple[int, dict[str, Any]]:
    with central.db.session() as s:
        row = s.get(SyncedRow, ("dossier", dossier_id))
        assert row is not None
        return row.row_version, dict(row.data)


def _extend(staff: dict[str, TestClient], item: wire.DossierItem) -> None:
    new_due = item.dossier.submitted_at.astimezone(routes.VN) + dt.timedelta(days=30)
    _act(staff["truong"], item.dossier.id, "take")
    _act(staff["truong"], item.dossier.id, "extend",
         new_due=new_due.strftime("%Y-%m-%dT%H:%M"), reason="Chờ xác minh")  # fmt: skip


WORK: dict[str, Callable[[dict[str, TestClient], wire.DossierItem], None]] = {
    "take": lambda st, it: _act(st["lan"], it.dossier.id, "take"),
    "request_completion": lambda st, it: _act(
        st["lan"], it.dossier.id, "request_completion", reason="Bản sao giấy khai sinh"
    ),
    "stop": lambda st, it: (
        _act(st["truong"], it.dossier.id, "take"),
        _act(st["truong"], it.dossier.id, "stop", reason="Không đủ điều kiện hưởng"),
    ),
    "extend": _extend,
    "attach_result": lambda st, it: (
        _act(st["lan"], it.dossier.id, "take"),
        _attach(st["lan"], it.dossier.id),
    ),
    "mark_ready": lambda st, it: (
        _act(st["lan"], it.dossier.id, "take"),
        _attach(st["lan"], it.dossier.id),
        _act(st["lan"], it.dossier.id, "mark_ready"),
    ),
}


@pytest.mark.parametrize("action", list(WORK))
def test_a_stale_counter_push_after_a_web_action_is_a_conflict(
    action: str,
    central: RunningCentral,
    device: Device,
    staff: dict[str, TestClient],
    tmp_path: Path,
) -> None:
    signing_setup(central.db, tmp_path / "pki")
    v1 = dossier_item()
    assert [r.outcome for r in device.results(v1)] == ["created"]
    WORK[action](staff, v1)
    version, data = _stored(central, v1.dossier.id)
    assert version > 1
    # The counter's edit is built on v1 but numbered past central's version, with a
    # status the lifecycle would let it push (the same one, or a citizen's cancellation
    # of a completion request): only the version check can stop it.
    status = "cancelled" if action == "request_completion" else data["status"]
    stale = v1.model_copy(
        update={
            "base_version": 1,
            "dossier": v1.dossier.model_copy(
                update={"row_version": version + 3, "notes": "sửa tại quầy", "status": status}
            ),
        }
    )
    [answer] = device.results(stale)
    assert (answer.outcome, answer.status) == ("conflict", 409), answer
    assert answer.central_version == version and answer.central_status == data["status"]
    assert _stored(central, v1.dossier.id) == (version, data)  # nothing undone
    if action in ("attach_result", "mark_ready"):
        with central.db.session() as s:
            assert s.get(DossierResult, v1.dossier.id) is not None


def test_the_counters_own_retry_after_a_web_action_stays_a_duplicate(
    central: RunningCentral, device: Device, staff: dict[str, TestClient]
) -> None:
    v1 = dossier_item()
    device.results(v1)
    mine = v1.dossier.model_copy(update={"row_version": 2, "notes": "a"})
    edit = v1.model_copy(update={"base_version": 1, "dossier": mine})
    device.results(edit)  # the answer is lost on the way back
    _act(staff["lan"], v1.dossier.id, "take")  # central: v3, in processing
    [answer] = device.results(edit)  # the counter retries the same v2
    assert answer.outcome == "duplicate"
    assert _stored(central, v1.dossier.id)[0] == 3
