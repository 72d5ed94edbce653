"""Pull: the back office's work, officers and publications reach the right counters."""

from __future__ import annotations

from central_helpers import Device, dossier_item

from app.shared import wire
from testkit.central_server import RunningCentral


def _page(device: Device, since: int = 0, limit: int = 500) -> wire.ChangesPage:
    response = device.changes(since, limit)
    assert response.status_code == 200, response.text
    return wire.ChangesPage.model_validate(response.json())


def _move(central: RunningCentral, dossier_id: str, to: str) -> int:
    with central.admin() as admin:
        response = admin.post(
            f"/api/v1/backoffice/dossiers/{dossier_id}/status", json={"to_status": to}
        )
    return response.status_code


def test_processing_result_flows_back_to_the_office(
    central: RunningCentral, device: Device, other_device: Device
) -> None:
    item = dossier_item()
    device.results(item)
    start = _page(device).watermark
    assert _move(central, item.dossier.id, "in_processing") == 200
    assert _move(central, item.dossier.id, "result_ready") == 200

    page = _page(device, start)
    moves = [c.data for c in page.changes if isinstance(c.data, wire.DossierStatusChange)]
    assert [(m.status, m.row_version) for m in moves] == [("in_processing", 2), ("result_ready", 3)]
    assert [e.to_status for m in moves for e in m.events] == ["in_processing", "result_ready"]
    assert page.watermark > start
    # Another office sees nothing of it.
    theirs = _page(other_device)
    assert not any(isinstance(c.data, wire.DossierStatusChange) for c in theirs.changes)


def test_back_office_refuses_a_transition_out_of_order(
    central: RunningCentral, device: Device
) -> None:
    item = dossier_item()
    device.results(item)
    assert _move(central, item.dossier.id, "result_ready") == 409
    assert _move(central, "no-such-dossier", "in_processing") == 404


def test_counter_version_after_back_office_is_newer(
    central: RunningCentral, device: Device
) -> None:
    item = dossier_item()
    device.results(item)
    _move(central, item.dossier.id, "in_processing")
    # The counter, not having pulled yet, pushes its own change at version 2: conflict.
    [conflict] = device.results(
        item.model_copy(
            update={"dossier": item.dossier.model_copy(update={"row_version": 2, "notes": "x"})}
        )
    )
    assert conflict.outcome == "conflict"


def test_pages_follow_the_watermark_without_gaps(central: RunningCentral, device: Device) -> None:
    with central.admin() as admin:
        for n in range(7):
            admin.post(
                "/api/v1/backoffice/published/calendar",
                json={"version": f"2026.{n}", "content": {"n": n}},
            )
    seen: list[int] = []
    since = 0
    while True:
        page = _page(device, since, limit=3)
        seen += [c.seq for c in page.changes]
        since = page.watermark
        if not page.has_more:
            break
    assert seen == sorted(set(seen))
    versions = [
        c.data.version for c in _page(device).changes if isinstance(c.data, wire.PublishedWire)
    ]
    assert versions == [f"2026.{n}" for n in range(7)]
    assert _page(device, since).changes == []


def test_officer_accounts_and_their_removal_reach_the_office(
    central: RunningCentral, device: Device, other_device: Device
) -> None:
    start = _page(device).watermark
    with central.admin() as admin:
        created = admin.post(
            "/api/v1/backoffice/officers",
            json={
                "office_code": device.office,
                "username": "canbo.moi",
                "full_name": "Cán Bộ Mới",
                "password": "mat-khau-thu",
            },
        )
        assert created.status_code == 200
        assert created.json()["password_hash"].startswith("$argon2id$")
        assert admin.delete("/api/v1/backoffice/officers/canbo.moi").status_code == 204
    kinds = [c.data.kind for c in _page(device, start).changes]
    assert kinds == ["officer", "tombstone"]
    assert all(
        c.data.kind != "officer" or c.data.office_code != device.office
        for c in _page(other_device).changes
    )


def test_back_office_needs_its_token(central: RunningCentral, device: Device) -> None:
    refused = device.http.post(
        f"{central.url}/api/v1/backoffice/published/catalog", json={"version": "1", "content": {}}
    )
    assert refused.status_code == 401
