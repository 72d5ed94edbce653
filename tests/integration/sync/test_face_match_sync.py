"""Face-match attempts reach the central service through the outbox: the result, score,
model, override and reason, officer and time — never an image, a descriptor or the
quality figures — and central counts the dossier as verified by face at the counter."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from sqlalchemy import select
from sync_helpers import Counter, server_rows

from app.services.face_records import (
    Attempt,
    Subject,
    attach_to_dossier,
    override_face_match,
    record_face_match,
)
from app.services.storage.models import Citizen, Dossier
from app.shared.timezone import VN_TZ
from central.seed import DEMO_OFFICE
from testkit.central_server import RunningCentral

NO_MATCH = Attempt(
    "no_match",
    0.6,
    "dlib_face_recognition_resnet_model_v1",
    "dlib-20.0.1/face_recognition_models-0.3.0",
    score=0.31,
    distance=0.69,
    quality={"frame": {"faces": 1, "sharpness": 40.2}},
    liveness_moved=True,
)
RETRY = Attempt("retry", 0.6, NO_MATCH.model, NO_MATCH.model_version)


def _biometrics(central: RunningCentral, day: dt.date) -> tuple[int, int]:
    period = {"province": "01", "start": day.isoformat(), "end": day.isoformat()}
    with central.admin() as admin:
        body = admin.get("/api/v1/backoffice/indicators", params=period).json()
    unit = next(u for u in body["units"] if u["office_code"] == DEMO_OFFICE)
    return unit["biometrics"]["count"], unit["biometrics"]["total"]


def test_attempts_and_their_override_reach_central_and_count_as_verified(
    central: RunningCentral, counter: Counter
) -> None:
    (dossier_id,) = counter.queue(1)
    with counter.db.session() as s:
        dossier = s.get(Dossier, dossier_id)
        assert dossier is not None
        day = dossier.submitted_at.astimezone(VN_TZ).date()
        citizen = s.get(Citizen, dossier.citizen_id)
        assert citizen is not None
        subject = Subject(citizen.id_number, citizen.id)
    officer = SimpleNamespace(officer_id=counter.setup.officer_id, role="supervisor")
    first = record_face_match(counter.db, officer, subject, NO_MATCH, consent=True)
    second = record_face_match(counter.db, officer, subject, RETRY, consent=True)
    attach_to_dossier(counter.db, first, dossier_id)

    engine = counter.engine()
    report = engine.sync_once()
    assert report.error is None, report.error
    assert "pending" not in counter.outbox()
    rows = {r.id: r for r in server_rows(central, "face_match")}
    assert set(rows) == {first, second}
    stored = rows[first]
    assert (stored.parent_id, stored.office_code, stored.row_version) == (
        dossier_id,
        DEMO_OFFICE,
        2,  # recorded, then linked to its dossier
    )
    assert stored.data["decision"] == "no_match" and stored.data["score"] == 0.31
    assert stored.data["officer_id"] == counter.setup.officer_id and stored.data["consent"]
    assert stored.data["model_version"] == NO_MATCH.model_version
    # figures of the decision only: no image, descriptor, quality figures or ID number
    assert not {"quality", "image_sha256", "id_number", "descriptor"} & set(stored.data)
    assert rows[second].parent_id is None  # an attempt whose intake was never saved
    assert _biometrics(central, day) == (0, 1)

    reason = "ảnh trên chip chụp 15 năm trước, đã đối chiếu giấy khai sinh"
    override_face_match(counter.db, officer, first, "match", reason)
    report = engine.sync_once()
    assert report.error is None and report.push.sent == 2  # the attempt, its access-log entry
    (stored,) = (r for r in server_rows(central, "face_match") if r.id == first)
    assert stored.row_version == 3 and stored.data["override_decision"] == "match"
    assert stored.data["override_reason"] == reason
    assert stored.data["override_by"] == counter.setup.officer_id
    assert stored.data["override_at"] is not None
    assert _biometrics(central, day) == (1, 1)

    again = engine.sync_once()
    assert (again.push.sent, again.push.duplicates) == (0, 0)
    with central.db.session() as s:
        from central.models import SyncedRow

        entities = set(s.scalars(select(SyncedRow.entity)))
    assert "face_match" in entities
