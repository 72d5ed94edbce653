"""Conflicts the officer settles, batch refusals that cost nothing, a restored central.

Real central service over HTTP; the middlebox answers come from a real HTTP proxy
(``testkit.http_faults``) standing between the counter and central.
"""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select
from sync_helpers import Counter, assert_exactly_once, server_rows

from app.services.storage.models import AuditEvent, Dossier, OutboxItem
from app.services.storage.outbox import enqueue
from app.services.sync import conflicts
from central import changes
from central.models import Change, SyncedRow
from testkit.central_server import RunningCentral
from testkit.http_faults import HttpFaults


def _move(central: RunningCentral, dossier_id: str, *steps: str) -> None:
    with central.admin() as admin:
        for step in steps:
            answer = admin.post(
                f"/api/v1/backoffice/dossiers/{dossier_id}/status", json={"to_status": step}
            )
            assert answer.status_code == 200, answer.text


def _edit_locally(counter: Counter, dossier_id: str, notes: str) -> None:
    with counter.db.session() as s:
        dossier = s.get(Dossier, dossier_id)
        assert dossier is not None
        dossier.notes = notes
        enqueue(s, "dossier", dossier_id)


def _stored(central: RunningCentral, dossier_id: str) -> SyncedRow:
    [row] = [r for r in server_rows(central, "dossier") if r.id == dossier_id]
    return row


def _conflict(central: RunningCentral, counter: Counter) -> tuple[str, conflicts.SyncProblem]:
    [dossier_id] = counter.queue(1)
    engine = counter.engine()
    assert engine.sync_once().error is None
    _move(central, dossier_id, "in_processing")  # central: version 2
    _edit_locally(counter, dossier_id, "khách bổ sung số điện thoại")
    report = engine.sync_once()
    assert report.push.conflicts == 1
    [problem] = conflicts.problems(counter.db)
    return dossier_id, problem


def test_a_back_office_move_is_never_undone_and_the_officer_sees_both_versions(
    central: RunningCentral, counter: Counter
) -> None:
    dossier_id, problem = _conflict(central, counter)
    assert (problem.kind, problem.entity, problem.entity_id) == ("conflict", "dossier", dossier_id)
    assert (problem.central_version, problem.central_status) == (2, "in_processing")
    assert (problem.local_version, problem.local_status) == (2, "received")
    assert problem.reason_text.startswith("Bộ phận xử lý đã cập nhật hồ sơ")
    assert problem.can_take_central and problem.can_reapply
    assert (_stored(central, dossier_id).status, _stored(central, dossier_id).row_version) == (
        "in_processing", 2,
    )  # fmt: skip
    # The back office's next move is still accepted.
    _move(central, dossier_id, "result_ready")


def test_take_centrals_version(central: RunningCentral, counter: Counter) -> None:
    dossier_id, problem = _conflict(central, counter)
    conflicts.take_central(counter.db, problem.seq, officer_id=None)
    engine = counter.engine()
    assert engine.sync_once().error is None
    with counter.db.session() as s:
        dossier = s.get(Dossier, dossier_id)
        assert dossier is not None and (dossier.status, dossier.row_version) == (
            "in_processing", 2,
        )  # fmt: skip
        assert s.scalar(select(AuditEvent).where(AuditEvent.purpose == "sync conflict"))
    assert conflicts.problems(counter.db) == []
    # Central's later moves apply again on this counter.
    _move(central, dossier_id, "result_ready")
    engine.sync_once()
    with counter.db.session() as s:
        assert s.get(Dossier, dossier_id).status == "result_ready"  # type: ignore[union-attr]


def test_reapply_my_change_on_top_of_centrals(central: RunningCentral, counter: Counter) -> None:
    dossier_id, problem = _conflict(central, counter)
    conflicts.reapply_mine(counter.db, problem.seq, officer_id=None)
    report = counter.engine().sync_once()
    assert report.error is None and report.push.sent >= 1
    stored = _stored(central, dossier_id)
    # The counter's note on top of the back office's status (never "received" again).
    assert (stored.status, stored.data["notes"]) == ("in_processing", "khách bổ sung số điện thoại")
    assert stored.row_version == 3
    assert conflicts.problems(counter.db) == []


def test_discard_with_an_audit_record(central: RunningCentral, counter: Counter) -> None:
    dossier_id, problem = _conflict(central, counter)
    conflicts.discard(counter.db, problem.seq, officer_id=None)
    assert conflicts.problems(counter.db) == []
    with counter.db.session() as s:
        assert s.get(OutboxItem, problem.seq).state == "discarded"  # type: ignore[union-attr]
        audit = s.scalar(select(AuditEvent).where(AuditEvent.dossier_id == dossier_id))
        assert audit is not None and "discarded" in audit.detail
    assert _stored(central, dossier_id).status == "in_processing"


@pytest.mark.parametrize(
    ("status", "body", "content_type"),
    [
        (429, b'{"detail":"slow down"}', "application/json"),
        (408, b"timeout", "text/plain"),
        (502, b"<html>bad gateway</html>", "text/html"),
        (404, b"<html>not found</html>", "text/html"),  # a proxy's own page
        (401, b"<html>login to the proxy</html>", "text/html"),
        (200, b"<html>captive portal</html>", "text/html"),  # not an answer of ours
        (422, b'{"reason":"invalid_body","message":"3"}', "application/json"),  # upgrade
    ],
)
def test_a_refusal_of_the_whole_batch_is_not_an_answer_about_its_items(
    central: RunningCentral, counter: Counter, status: int, body: bytes, content_type: str
) -> None:
    ids = counter.queue(5)
    with HttpFaults(central.url) as proxy:
        proxy.fail_next(status, path="/push", body=body, content_type=content_type)
        engine = counter.engine(url=proxy.url)
        report = engine.sync_once()
        assert report.error is not None  # the run stopped: back off and retry
        assert counter.outbox().get("rejected", 0) == 0
        assert counter.outbox().get("conflict", 0) == 0
        assert engine.sync_once().error is None
    assert counter.outbox() == {"sent": 5} or set(counter.outbox()) <= {"sent"}
    assert_exactly_once(central, ids)


def test_a_proxy_body_limit_splits_the_batch(central: RunningCentral, counter: Counter) -> None:
    ids = counter.queue(24)
    with HttpFaults(central.url, body_limit=12_000) as proxy:
        engine = counter.engine(url=proxy.url, batch_size=24)
        assert engine.sync_once().error is None
        assert 413 in proxy.answered
    assert counter.outbox().get("rejected", 0) == 0
    assert_exactly_once(central, ids)


def test_a_central_restored_from_an_older_backup_gets_everything_again(
    central: RunningCentral, counter: Counter
) -> None:
    first = counter.queue(3)
    engine = counter.engine()
    assert engine.sync_once().error is None
    later = counter.queue(2, seed=7)
    assert engine.sync_once().error is None
    # The restore: central forgets the later dossiers and its feed; the operator runs
    # ``motcua-central new-epoch``.
    with central.db.session() as s:
        s.execute(delete(SyncedRow).where(SyncedRow.parent_id.in_(later)))
        s.execute(delete(SyncedRow).where(SyncedRow.id.in_(later)))
        s.execute(delete(Change))
        changes.new_epoch(s, "restored from backup")
    report = engine.sync_once()  # the pull sees the new epoch and queues everything
    assert report.pull.resynced > 0
    assert engine.sync_once().error is None
    assert_exactly_once(central, first + later)
