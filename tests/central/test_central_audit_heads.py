"""Counters' access-log chain heads checked at central: gaps, forks, truncated tails.

Real server over HTTP; the counter side is raw HTTP with the header a counter sends.
"""

from __future__ import annotations

import hashlib

import httpx
from central_helpers import Device, dossier_item

from app.shared import wire
from testkit.central_server import RunningCentral


def _h(label: str) -> str:
    return hashlib.sha256(label.encode()).hexdigest()


def _sync(
    device: Device,
    seq: int,
    label: str,
    *,
    count: int | None = None,
    base: tuple[int, str] | None = None,
) -> wire.AuditHead:
    """A pull carrying the chain head; returns the head central answers it holds."""
    head = wire.AuditHead(
        seq=seq,
        hash=_h(label),
        count=seq if count is None else count,
        base_seq=base[0] if base else None,
        base_hash=base[1] if base else None,
    )
    answer = device.http.get(
        f"/offices/{device.office}/changes", headers={wire.AUDIT_HEAD_HEADER: head.header()}
    )
    assert answer.status_code == 200, answer.text
    return wire.AuditHead.from_header(answer.headers[wire.AUDIT_SEEN_HEADER])


def _alerts(central: RunningCentral, **params: str) -> list[dict[str, object]]:
    with central.admin() as admin:
        answer = admin.get("/api/v1/backoffice/audit-alerts", params=params)
    assert answer.status_code == 200, answer.text
    return list(answer.json())


def test_a_log_that_keeps_growing_raises_nothing(central: RunningCentral, device: Device) -> None:
    assert _sync(device, 3, "r3").seq == 3
    seen = _sync(device, 7, "r7", base=(3, _h("r3")))
    assert (seen.seq, seen.hash) == (7, _h("r7"))
    # A push carries it too.
    push = device.http.post(
        f"/offices/{device.office}/push",
        json={"items": []},
        headers={wire.AUDIT_HEAD_HEADER: wire.AuditHead(seq=9, hash=_h("r9"), count=9, base_seq=7, base_hash=_h("r7")).header()},
    )  # fmt: skip
    assert push.status_code == 200
    assert wire.AuditHead.from_header(push.headers[wire.AUDIT_SEEN_HEADER]).seq == 9
    assert _alerts(central) == []


def test_a_truncated_tail_is_an_alert_once(central: RunningCentral, device: Device) -> None:
    _sync(device, 10, "r10")
    _sync(device, 6, "r6", base=(10, ""))  # the last four records were removed
    _sync(device, 7, "r7", base=(6, _h("r6")))  # the log goes on from there: no new alert
    [alert] = _alerts(central)
    assert (alert["kind"], alert["seq"], alert["device_id"]) == (
        "truncated", 6, device.credentials.device_id,
    )  # fmt: skip
    assert alert["counter_number"] == 1 and "from seq 10 to 6" in str(alert["detail"])


def test_a_rewritten_record_is_a_fork(central: RunningCentral, device: Device) -> None:
    _sync(device, 5, "r5")
    # Same seq, another hash: the newest record was replaced.
    _sync(device, 5, "r5-rewritten")
    # A new head that does not extend the one central saw (record 5 differs now).
    _sync(device, 6, "r6", base=(5, _h("r5-rewritten")))
    _sync(device, 8, "r8", base=(6, _h("r6-other")))
    kinds = [(a["kind"], a["seq"]) for a in _alerts(central)]
    assert kinds == [("fork", 6), ("fork", 5)]  # newest first


def test_records_missing_from_the_middle_are_a_gap(central: RunningCentral, device: Device) -> None:
    _sync(device, 4, "r4")
    _sync(device, 9, "r9", count=7, base=(4, _h("r4")))  # two records fewer than seq
    _sync(device, 12, "r12", count=12, base=(9, ""))  # the record central saw is gone
    assert [(a["kind"], a["seq"]) for a in _alerts(central)] == [("gap", 9), ("gap", 9)]
    details = [str(a["detail"]) for a in _alerts(central)]
    assert "no longer on the counter" in details[0] and "2 record(s) missing" in details[1]


def test_alerts_are_per_office_and_for_administrators_only(
    central: RunningCentral, device: Device, other_device: Device
) -> None:
    _sync(device, 5, "a5")
    _sync(device, 2, "a2")
    _sync(other_device, 3, "b3")
    assert [a["office_code"] for a in _alerts(central, office=device.office)] == [device.office]
    assert _alerts(central, office=other_device.office) == []
    assert httpx.get(f"{central.url}/api/v1/backoffice/audit-alerts").status_code == 401
    as_counter = device.http.get("/backoffice/audit-alerts")
    assert as_counter.status_code == 401


def test_a_malformed_head_is_refused_before_any_work(
    central: RunningCentral, device: Device
) -> None:
    _sync(device, 4, "r4")
    for bad in ("seq=x;hash=nope", f"seq=5;hash={_h('r5')[:40]};count=5", "garbage"):
        pull = device.http.get(
            f"/offices/{device.office}/changes", headers={wire.AUDIT_HEAD_HEADER: bad}
        )
        assert pull.status_code == 400, pull.text
        assert pull.json()["reason"] == "bad_audit_head"
        assert wire.AUDIT_HEAD_HEADER in pull.json()["message"]
        assert wire.AUDIT_SEEN_HEADER not in pull.headers
    # A push with one is refused whole: nothing stored, the counter keeps it pending.
    body = wire.PushRequest(items=[dossier_item()]).model_dump(mode="json")
    push = device.http.post(
        f"/offices/{device.office}/push",
        json=body,
        headers={wire.AUDIT_HEAD_HEADER: f"seq=-1;hash={_h('r6')};count=0"},
    )
    assert push.status_code == 400 and push.json()["reason"] == "bad_audit_head"
    with central.admin() as admin:
        listed = admin.get(f"/api/v1/backoffice/offices/{device.office}/dossiers")
    assert listed.status_code == 200 and listed.json() == []
    # The head central holds is the last well-formed one; no alert came of it.
    assert _sync(device, 5, "r5", base=(4, _h("r4"))).seq == 5
    assert _alerts(central) == []
