"""Who owns which status, pushes built on an old version, a restored feed, bad data.

Probed over HTTP on a real server: a counter's push never silently undoes a back-office
decision; it comes back as a conflict with central's version and status.
"""

from __future__ import annotations

from central_helpers import Device, dossier_item
from sqlalchemy import delete

from app.shared import wire
from central.models import Change, SyncedRow
from testkit.central_server import RunningCentral


def _move(central: RunningCentral, dossier_id: str, to: str) -> int:
    with central.admin() as admin:
        response = admin.post(
            f"/api/v1/backoffice/dossiers/{dossier_id}/status", json={"to_status": to}
        )
    return response.status_code


def _next(item: wire.DossierItem, *, base: int, **changes: object) -> wire.DossierItem:
    version = item.dossier.row_version + 1
    dossier = item.dossier.model_copy(update={"row_version": version, **changes})
    return item.model_copy(update={"dossier": dossier, "base_version": base})


def _stored(central: RunningCentral, dossier_id: str) -> tuple[str | None, int]:
    with central.db.session() as s:
        row = s.get(SyncedRow, ("dossier", dossier_id))
        assert row is not None
        return row.status, row.row_version


def test_a_stale_push_after_a_back_office_move_is_a_conflict_not_an_overwrite(
    central: RunningCentral, device: Device
) -> None:
    v1 = dossier_item()
    assert [r.outcome for r in device.results(v1)] == ["created"]
    assert _move(central, v1.dossier.id, "in_processing") == 200  # central now v2
    # The counter, unaware, pushes its own change built on v1 (at its local v3).
    mine = _next(_next(v1, base=1, notes="a"), base=1, notes="ab")
    [answer] = device.results(mine)
    assert (answer.outcome, answer.status) == ("conflict", 409)
    assert (answer.central_version, answer.central_status) == (2, "in_processing")
    assert "based on version 1" in answer.reason
    assert _stored(central, v1.dossier.id) == ("in_processing", 2)
    # The back office's next move still works: nothing was undone.
    assert _move(central, v1.dossier.id, "result_ready") == 200


def test_a_push_built_on_centrals_current_version_goes_through(
    central: RunningCentral, device: Device
) -> None:
    v1 = dossier_item()
    device.results(v1)
    _move(central, v1.dossier.id, "in_processing")
    _move(central, v1.dossier.id, "result_ready")  # v3
    pulled = _next(_next(v1, base=1, status="in_processing"), base=2, status="result_ready")
    returned = _next(pulled, base=3, status="returned", notes="trả tại quầy")
    [answer] = device.results(returned)
    assert answer.outcome == "updated"
    assert _stored(central, v1.dossier.id) == ("returned", 4)


def test_a_lost_answer_then_a_local_edit_is_not_a_conflict(device: Device) -> None:
    v1 = dossier_item()
    device.results(v1)  # the counter never saw this answer: its base stays 0
    [answer] = device.results(_next(v1, base=0, notes="sửa"))
    assert answer.outcome == "updated"


def test_the_counter_cannot_create_a_dossier_in_a_processing_status(device: Device) -> None:
    for status in ("in_processing", "result_ready", "returned"):
        [answer] = device.results(dossier_item(status=status))
        assert (answer.outcome, answer.status) == ("invalid", 422), status
    [ok] = device.results(dossier_item(status="refused"))
    assert ok.outcome == "created"


def test_the_counter_cannot_return_without_a_result_nor_move_a_taken_dossier(
    central: RunningCentral, device: Device
) -> None:
    v1 = dossier_item()
    device.results(v1)
    [answer] = device.results(_next(v1, base=1, status="returned"))
    assert answer.outcome == "invalid" and "invalid_transition received->returned" in answer.reason
    [answer] = device.results(_next(v1, base=1, status="result_ready"))
    assert answer.outcome == "invalid" and "status_owned_by_back_office" in answer.reason
    _move(central, v1.dossier.id, "in_processing")
    taken = _next(_next(v1, base=1), base=2, status="cancelled")
    [answer] = device.results(taken)
    assert answer.outcome == "invalid" and "dossier_taken_by_back_office" in answer.reason
    assert answer.central_status == "in_processing"
    assert _stored(central, v1.dossier.id) == ("in_processing", 2)


def test_several_offline_counter_moves_arrive_as_one_push(device: Device) -> None:
    v1 = dossier_item()
    device.results(v1)
    [answer] = device.results(_next(_next(v1, base=1), base=1, status="completed"))
    assert answer.outcome == "updated"


def test_an_officer_moved_to_another_office_disappears_from_the_old_one(
    central: RunningCentral, device: Device, other_device: Device
) -> None:
    account = {
        "office_code": device.office,
        "username": "canbo.chuyen",
        "full_name": "Trần Thị Chuyển",
        "password": "mat-khau-dai-1",
    }
    with central.admin() as admin:
        assert admin.post("/api/v1/backoffice/officers", json=account).status_code == 200
        moved = {**account, "office_code": other_device.office}
        assert admin.post("/api/v1/backoffice/officers", json=moved).status_code == 200
    page = wire.ChangesPage.model_validate(device.changes().json())
    kinds = [
        type(c.data).__name__ for c in page.changes if not isinstance(c.data, wire.PublishedWire)
    ]
    assert kinds[-1] == "Tombstone"
    theirs = wire.ChangesPage.model_validate(other_device.changes().json())
    assert any(
        isinstance(c.data, wire.OfficerWire) and c.data.username == "canbo.chuyen"
        for c in theirs.changes
    )


def test_every_page_carries_the_epoch_and_a_restore_starts_a_new_one(
    central: RunningCentral, device: Device
) -> None:
    item = dossier_item()
    device.results(item)
    for to in ("in_processing", "result_ready"):
        _move(central, item.dossier.id, to)
    first = wire.ChangesPage.model_validate(device.changes().json())
    assert first.epoch and first.watermark > 0
    # Restore from an older backup: the feed loses its last entries.
    with central.db.session() as s:
        s.execute(delete(Change))
    answer = device.http.get(
        f"/offices/{device.office}/changes",
        params={"since": first.watermark, "epoch": first.epoch},
    )
    page = wire.ChangesPage.model_validate(answer.json())
    assert page.epoch != first.epoch  # the counter resyncs from 0
    assert page.watermark == 0
    # A counter holding the new epoch carries on normally.
    again = device.http.get(
        f"/offices/{device.office}/changes", params={"since": 0, "epoch": page.epoch}
    )
    assert wire.ChangesPage.model_validate(again.json()).epoch == page.epoch


def test_the_operator_starts_a_new_epoch_after_a_restore(
    central: RunningCentral, device: Device
) -> None:
    from central import changes

    before = wire.ChangesPage.model_validate(device.changes().json()).epoch
    with central.db.session() as s:
        changes.new_epoch(s, "restored")
    answer = device.http.get(
        f"/offices/{device.office}/changes", params={"since": 5, "epoch": before}
    )
    page = wire.ChangesPage.model_validate(answer.json())
    assert page.epoch != before and all(c.seq > 0 for c in page.changes)
