"""Push: idempotent on the client UUID, one answer per item, conflicts with a reason."""

from __future__ import annotations

import hashlib

import pytest
from central_helpers import OTHER_OFFICE, Device, attachment_item, dossier_item, with_notes
from sqlalchemy import func, select

from app.shared import wire
from central.models import DossierQueueEntry, SyncedRow
from testkit.central_server import RunningCentral


def _count(central: RunningCentral, entity: str) -> int:
    with central.db.session() as s:
        return s.scalar(select(func.count()).where(SyncedRow.entity == entity)) or 0


def test_same_dossier_twice_is_stored_once(central: RunningCentral, device: Device) -> None:
    item = dossier_item()
    first = device.results(item)
    again = device.results(item)
    assert [r.outcome for r in first] == ["created"]
    assert [r.outcome for r in again] == ["duplicate"]
    assert (_count(central, "dossier"), _count(central, "document"), _count(central, "event")) == (
        1, 1, 1,
    )  # fmt: skip


def test_same_version_with_other_content_is_a_conflict_with_reason(
    central: RunningCentral, device: Device
) -> None:
    item = dossier_item(notes="first")
    device.results(item)
    [result] = device.results(with_notes(item, "changed without a new version"))
    assert result.outcome == "conflict"
    assert result.status == 409
    assert item.dossier.id in result.reason and "different content" in result.reason
    with central.db.session() as s:
        stored = s.get(SyncedRow, ("dossier", item.dossier.id))
        assert stored is not None and stored.data["notes"] == "first"


def test_newer_version_updates_and_an_old_retry_stays_harmless(
    central: RunningCentral, device: Device
) -> None:
    v1 = dossier_item(notes="v1")
    v2 = with_notes(v1, "v2", version=2)
    device.results(v1)
    assert [r.outcome for r in device.results(v2)] == ["updated"]
    # A late retry of version 1 (its answer was lost) must not be a conflict...
    assert [r.outcome for r in device.results(v1)] == ["duplicate"]
    # ...but version 1 with content the server never had is.
    [stale] = device.results(with_notes(v1, "never sent"))
    assert stale.outcome == "conflict" and "stale" in stale.reason
    with central.db.session() as s:
        stored = s.get(SyncedRow, ("dossier", v1.dossier.id))
        assert stored is not None and (stored.row_version, stored.data["notes"]) == (2, "v2")


def test_one_refused_item_does_not_block_the_others(
    central: RunningCentral, device: Device
) -> None:
    good_before, good_after = dossier_item(ref=1), dossier_item(ref=3)
    foreign = dossier_item(ref=2, office=OTHER_OFFICE)
    results = device.results(good_before, foreign, good_after)
    assert [(r.ref, r.outcome, r.status) for r in results] == [
        (1, "created", 201), (2, "forbidden", 403), (3, "created", 201),
    ]  # fmt: skip
    assert _count(central, "dossier") == 2


def test_a_counter_cannot_push_into_or_read_another_office(
    device: Device, other_device: Device
) -> None:
    assert device.push(dossier_item(office=OTHER_OFFICE), office=OTHER_OFFICE).status_code == 403
    assert device.changes(office=OTHER_OFFICE).status_code == 403
    assert device.changes(office=OTHER_OFFICE).json()["reason"] == "office_mismatch"
    # Nor overwrite another office's dossier by reusing its id.
    theirs = dossier_item(office=OTHER_OFFICE)
    other_device.results(theirs)
    hijack = dossier_item(dossier_id=theirs.dossier.id, version=2)
    [result] = device.results(hijack)
    assert result.outcome == "forbidden"


def test_attachment_counts_only_after_verified_content(device: Device) -> None:
    content = b"%PDF-1.4 fictitious scan " * 4000
    sha = hashlib.sha256(content).hexdigest()
    item = attachment_item(sha, len(content))
    [early] = device.results(item)
    assert early.outcome == "retry"  # metadata before content: not received yet

    assert (
        device.http.post(
            f"/offices/{device.office}/blobs/{sha}", json={"size": len(content)}
        ).json()["received"]
        == 0
    )
    half = len(content) // 2
    put = device.http.put(
        f"/offices/{device.office}/blobs/{sha}", params={"offset": 0}, content=content[:half]
    )
    assert put.json() == {"sha256": sha, "size": len(content), "received": half, "complete": False}
    # A resend at a wrong offset is refused with where to resume.
    wrong = device.http.put(
        f"/offices/{device.office}/blobs/{sha}", params={"offset": 7}, content=b"x"
    )
    assert wrong.status_code == 409 and wrong.json()["reason"] == "offset_mismatch"
    status = device.http.get(f"/offices/{device.office}/blobs/{sha}").json()
    rest = device.http.put(
        f"/offices/{device.office}/blobs/{sha}",
        params={"offset": status["received"]},
        content=content[half:],
    )
    assert rest.json()["complete"] is True
    [accepted] = device.results(item)
    assert accepted.outcome == "created"


def test_content_with_a_wrong_hash_is_discarded(device: Device) -> None:
    claimed = hashlib.sha256(b"what the counter meant").hexdigest()
    url = f"/offices/{device.office}/blobs/{claimed}"
    device.http.post(url, json={"size": 9})
    bad = device.http.put(url, params={"offset": 0}, content=b"corrupted")
    assert bad.status_code == 422 and bad.json()["reason"] == "sha256_mismatch"
    assert device.http.get(url).json() == {
        "sha256": claimed,
        "size": 9,
        "received": 0,
        "complete": False,
    }
    [result] = device.results(attachment_item(claimed, 9))
    assert result.outcome == "retry"


def _refuse_code_in_database(central: RunningCentral, code: str) -> None:
    """A rule only the database knows (as a constraint added by a later release would be)."""
    with central.db.engine.begin() as conn:
        if central.db.dialect == "postgresql":
            conn.exec_driver_sql(
                "ALTER TABLE synced_rows ADD CONSTRAINT ck_test_refused "
                f"CHECK (code IS NULL OR code <> '{code}')"
            )
        else:
            conn.exec_driver_sql(
                "CREATE TRIGGER test_refused BEFORE INSERT ON synced_rows "
                f"WHEN NEW.code = '{code}' BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )


def test_a_row_the_database_refuses_costs_only_its_item(
    central: RunningCentral, device: Device
) -> None:
    before, poison, after = dossier_item(ref=1), dossier_item(ref=2), dossier_item(ref=3)
    _refuse_code_in_database(central, poison.dossier.code)
    response = device.push(before, poison, after)
    assert response.status_code == 200, response.text  # not a batch-level 409 any more
    results = wire.PushResponse.model_validate(response.json()).results
    assert [(r.ref, r.outcome, r.status) for r in results] == [
        (1, "created", 201), (2, "conflict", 409), (3, "created", 201),
    ]  # fmt: skip
    assert results[1].reason.startswith("constraint_violation")
    stored = {r.id for r in server_dossiers(central)}
    assert stored == {before.dossier.id, after.dossier.id}
    # The good ones are whole (documents and events too) and appear in the work queue.
    assert _count(central, "document") == _count(central, "event") == 2
    with central.db.session() as s:
        assert set(s.scalars(select(DossierQueueEntry.dossier_id))) == stored


def test_a_value_that_does_not_fit_is_that_items_422(
    central: RunningCentral, device: Device
) -> None:
    good = dossier_item(ref=1)
    too_long = _with_code(dossier_item(ref=2), "X" * 61)  # synced_rows.code holds 60
    retried = device.results(good, too_long)
    assert [(r.outcome, r.status) for r in retried] == [("created", 201), ("invalid", 422)]
    assert "code longer than 60" in retried[1].reason
    assert [r.id for r in server_dossiers(central)] == [good.dossier.id]


def test_a_value_only_postgresql_refuses_is_that_items_422(
    central: RunningCentral, device: Device
) -> None:
    if central.db.dialect != "postgresql":
        pytest.skip("SQLite stores a NUL character in text")
    good, bad = dossier_item(ref=1), _with_code(dossier_item(ref=2), "MÃ\x00HỎNG")
    results = device.results(good, bad)
    assert [(r.outcome, r.status) for r in results] == [("created", 201), ("invalid", 422)]
    assert results[1].reason.startswith("invalid_data")
    assert [r.id for r in server_dossiers(central)] == [good.dossier.id]


def _with_code(item: wire.DossierItem, code: str) -> wire.DossierItem:
    return item.model_copy(update={"dossier": item.dossier.model_copy(update={"code": code})})


def server_dossiers(central: RunningCentral) -> list[SyncedRow]:
    with central.db.session() as s:
        return list(s.scalars(select(SyncedRow).where(SyncedRow.entity == "dossier")))


def test_a_malformed_item_is_its_own_422_and_the_batch_goes_through(
    central: RunningCentral, device: Device
) -> None:
    good = dossier_item(ref=1)
    body = wire.PushRequest(items=[good, dossier_item(ref=2)]).model_dump(mode="json")  # type: ignore[list-item]
    body["items"][1]["dossier"]["id"] = "x" * 40  # longer than any client UUID
    body["items"][1]["dossier"]["submitted_at"] = "not a time"
    answer = device.http.post(f"/offices/{device.office}/push", json=body)
    assert answer.status_code == 200, answer.text
    results = wire.PushResponse.model_validate(answer.json()).results
    assert [(r.ref, r.outcome, r.status) for r in results] == [
        (1, "created", 201), (2, "invalid", 422),
    ]  # fmt: skip
    assert results[1].id == "x" * 40 and results[1].reason.startswith("invalid_item: dossier.")
    assert [r.id for r in server_dossiers(central)] == [good.dossier.id]
    # A body that is not a list of items to answer about is still refused as a whole.
    broken = device.http.post(f"/offices/{device.office}/push", json={"items": [{"x": 1}]})
    assert broken.status_code == 422 and broken.json()["reason"] == "invalid_body"
