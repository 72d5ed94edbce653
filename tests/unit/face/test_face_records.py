"""Face-match attempts on record: consent first, figures only, supervisor overrides,
the access log, and the camera image only when the office keeps it (encrypted)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app.errors import ErrorKind, UserError
from app.services.attachments import AttachmentStore
from app.services.face_records import (
    Attempt,
    Subject,
    attach_to_dossier,
    latest_for_dossier,
    override_face_match,
    record_face_match,
)
from app.services.storage.models import AuditEvent, FaceMatch

OFFICER = SimpleNamespace(officer_id="00000000-0000-0000-0000-0000000000a1", role="officer")
SUPERVISOR = SimpleNamespace(officer_id="00000000-0000-0000-0000-0000000000b2", role="supervisor")
SUBJECT = Subject("999012345678")
RESULT = Attempt(
    "no_match",
    0.6,
    "dlib_face_recognition_resnet_model_v1",
    "dlib-20.0.1/face_recognition_models-0.3.0",
    score=0.31,
    distance=0.69,
    quality={"frame": {"faces": 1, "sharpness": 40.2}},
    liveness_moved=True,
)


def test_an_attempt_is_stored_with_its_figures_and_logged_without_them(db):
    match_id = record_face_match(db, OFFICER, SUBJECT, RESULT, consent=True)
    with db.session() as s:
        row = s.get(FaceMatch, match_id)
        assert row is not None
        assert (row.decision, row.score, row.threshold, row.consent) == (
            "no_match",
            0.31,
            0.6,
            True,
        )
        assert row.model_version == "dlib-20.0.1/face_recognition_models-0.3.0"
        assert row.quality["frame"]["sharpness"] == 40.2 and row.liveness_moved is True
        assert row.dossier_id is None and row.image_sha256 == ""
        log = s.scalars(select(AuditEvent).where(AuditEvent.action == "biometric")).one()
    assert log.officer_id == OFFICER.officer_id
    assert "0.31" not in log.detail and "0.69" not in log.detail  # no figures in the log


def test_no_consent_no_record(db):
    with pytest.raises(UserError) as caught:
        record_face_match(db, OFFICER, SUBJECT, RESULT, consent=False)
    assert caught.value.kind is ErrorKind.FACE_CONSENT_MISSING
    with db.session() as s:
        assert s.scalars(select(FaceMatch)).all() == []


def test_override_needs_a_supervisor_and_a_reason_and_keeps_the_machine_decision(db):
    match_id = record_face_match(db, OFFICER, SUBJECT, RESULT, consent=True)
    with pytest.raises(UserError) as denied:
        override_face_match(db, OFFICER, match_id, "match", "ảnh trên chip đã cũ 15 năm")
    assert denied.value.kind is ErrorKind.PERMISSION_DENIED
    with pytest.raises(UserError) as short:
        override_face_match(db, SUPERVISOR, match_id, "match", "cũ")
    assert short.value.kind is ErrorKind.FACE_OVERRIDE_REASON
    override_face_match(db, SUPERVISOR, match_id, "match", "ảnh trên chip đã cũ 15 năm")
    with db.session() as s:
        row = s.get(FaceMatch, match_id)
        assert row is not None
        assert (row.decision, row.final_decision) == ("no_match", "match")
        assert row.override_by == SUPERVISOR.officer_id
        assert row.override_reason == "ảnh trên chip đã cũ 15 năm"
        assert len(s.scalars(select(AuditEvent).where(AuditEvent.action == "biometric")).all()) == 2


def test_the_attempt_joins_the_dossier_when_the_intake_is_saved(db):
    match_id = record_face_match(db, OFFICER, SUBJECT, RESULT, consent=True)
    attach_to_dossier(db, match_id, "d0551e00-0000-0000-0000-000000000001", "c1")
    with db.session() as s:
        row = latest_for_dossier(s, "d0551e00-0000-0000-0000-000000000001")
        assert row is not None and row.id == match_id and row.citizen_id == "c1"


def test_camera_image_is_kept_encrypted_only_when_given(db, tmp_path):
    store = AttachmentStore(tmp_path / "files")
    png = b"\x89PNG\r\n\x1a\nfictitious frame"
    match_id = record_face_match(
        db, OFFICER, SUBJECT, RESULT, consent=True, camera_image=png, store=store
    )
    with db.session() as s:
        row = s.get(FaceMatch, match_id)
        assert row is not None and row.image_sha256
        sha = row.image_sha256
    stored = store.content_path(sha).read_bytes()
    assert png not in stored  # encrypted at rest
    from app.services.attachments import read_stored

    assert read_stored(store.content_path(sha), sha) == png
