"""Personal data duties: purpose notice, sensitive fields, data-subject export, retention."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass

import pypdf
import pytest
from security_factories import CITIZENS, add_citizen, add_dossier
from sqlalchemy import func, select

from app.errors import ErrorKind, UserError
from app.services import audit, privacy
from app.services.forms.subject_export import subject_pdf
from app.services.security.permissions import SYSTEM_ADMIN
from app.services.storage.models import (
    Attachment,
    AuditEvent,
    Citizen,
    Dossier,
    DossierAttachment,
    DossierDocument,
    DossierEvent,
    OutboxItem,
)
from app.shared import paths

NOW = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)
LONG_AGO = NOW - dt.timedelta(days=400)


@dataclass
class Who:
    role: str


def test_purpose_notice_names_the_law_decree_and_lawful_basis():
    notice = privacy.purpose_notice()
    assert "91/2025/QH15" in notice and "356/2025/NĐ-CP" in notice
    assert "chức năng, nhiệm vụ của cơ quan BHXH" in notice
    assert "dân tộc, tôn giáo, sức khoẻ" in notice


def test_sensitive_flag_read_from_a_catalog_procedure():
    from app.services.catalog import Catalog

    catalog = Catalog.load(paths.RESOURCES / "procedures")
    procedure = catalog.procedures[0]
    # Shipped entries declare nothing yet: nothing sensitive is shown.
    assert privacy.needed_sensitive(procedure) == frozenset(
        procedure.definition.get("needs_sensitive", ())
    )


def test_an_unknown_sensitive_field_in_the_catalog_is_refused():
    with pytest.raises(UserError) as err:
        privacy.needed_sensitive({"needs_sensitive": ["blood_type"]})
    assert err.value.kind is ErrorKind.CATALOG_INVALID


def _dossier_with_everything(env):
    citizen = add_citizen(env)
    dossier = add_dossier(env, citizen, status="returned", returned_at=LONG_AGO)
    with env.db.session() as s:
        s.add(DossierDocument(dossier_id=dossier.id, name="Tờ khai TK1-TS", originals=1))
        s.add(DossierEvent(dossier_id=dossier.id, to_status="received", at=LONG_AGO))
        att = Attachment(
            citizen_id=citizen.id,
            sha256="ab" * 32,
            label="Tờ khai",
            filename="to-khai.pdf",
            mime_type="application/pdf",
            size=10,
            created_at=LONG_AGO,
        )
        s.add(att)
        s.flush()
        s.add(DossierAttachment(dossier_id=dossier.id, attachment_id=att.id))
        audit.record(
            s,
            env.officers["officer"].id,
            "display",
            citizen_id=citizen.id,
            purpose="Tiếp nhận hồ sơ",
        )
        audit.record(
            s,
            env.officers["officer"].id,
            "print",
            dossier_id=dossier.id,
            purpose="In giấy tiếp nhận",
        )
    return citizen, dossier


def test_data_subject_export_holds_everything_and_is_logged(env):
    citizen, dossier = _dossier_with_everything(env)
    other = add_citizen(env, 1)
    boss = env.officers["supervisor"]
    data = privacy.export_subject(env.db, Who("supervisor"), boss.id, citizen.id)

    assert data["citizen"]["full_name"] == CITIZENS[0][1]
    assert data["citizen"]["ethnicity"] == "Kinh"  # the subject sees all held about them
    assert [d["code"] for d in data["dossiers"]] == [dossier.code]
    assert data["dossiers"][0]["documents"][0]["name"] == "Tờ khai TK1-TS"
    assert data["dossiers"][0]["events"][0]["to_status"] == "received"
    assert data["attachments"][0]["filename"] == "to-khai.pdf"
    assert [e["action"] for e in data["access_log"]] == ["display", "print"]
    text = privacy.subject_json(data).decode()
    assert CITIZENS[1][1] not in text and other.id not in text  # nobody else's data
    assert json.loads(text)["citizen"]["id_number"] == CITIZENS[0][0]
    with env.db.session() as s:
        last = s.scalar(select(AuditEvent).order_by(AuditEvent.seq.desc()))
    assert (last.action, last.citizen_id, last.officer_id) == ("export", citizen.id, boss.id)
    assert audit.verify(env.db) == []


def test_export_pdf_is_readable_vietnamese(env):
    citizen, dossier = _dossier_with_everything(env)
    data = privacy.export_subject(env.db, Who("admin"), env.officers["admin"].id, citizen.id)
    pdf = subject_pdf(data)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert CITIZENS[0][1] in text and CITIZENS[0][0] in text
    assert dossier.code in text
    assert "Nhật ký truy cập" in text and "91/2025/QH15" in text


def test_markup_in_citizen_text_prints_literally(env):
    citizen = add_citizen(env)
    with env.db.session() as s:
        c = s.get(Citizen, citizen.id)
        c.residence = "<b>Số 1</b> & <font size=40>ngõ</font> <unclosed"
    data = privacy.export_subject(env.db, Who("admin"), env.officers["admin"].id, citizen.id)
    pdf = subject_pdf(data)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "<b>Số 1</b> & <font size=40>ngõ</font> <unclosed" in text


def test_officers_cannot_export(env):
    citizen = add_citizen(env)
    with pytest.raises(UserError) as err:
        privacy.export_subject(env.db, Who("officer"), env.officers["officer"].id, citizen.id)
    assert err.value.kind is ErrorKind.PERMISSION_DENIED
    with env.db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == 0


# ---------------------------------------------------------------- retention


def _mark_sent(env, entity: str, entity_id: str) -> None:
    with env.db.session() as s:
        s.add(
            OutboxItem(
                entity=entity, entity_id=entity_id, payload={}, state="sent", sent_at=LONG_AGO
            )
        )


def _age(env, model, row_id) -> None:
    with env.db.session() as s:
        row = s.get(model, row_id)
        row.created_at = LONG_AGO
        s.flush()
        # updated_at has onupdate: set it in a second statement that touches nothing else
    with env.db.engine.begin() as conn:
        conn.exec_driver_sql(
            f"UPDATE {model.__tablename__} SET updated_at = ? WHERE id = ?",
            (LONG_AGO.replace(tzinfo=None), row_id),
        )


def test_retention_purges_old_synced_finished_dossiers_and_keeps_the_audit_trail(env, tmp_path):
    citizen, dossier = _dossier_with_everything(env)
    with env.db.session() as s:
        event_id = s.scalar(select(DossierEvent.id))
        attachment_id = s.scalar(select(Attachment.id))
    for entity, entity_id in (
        ("dossier", dossier.id),
        ("event", event_id),
        ("attachment", attachment_id),
        ("citizen", citizen.id),
    ):
        _mark_sent(env, entity, entity_id)
    _age(env, Citizen, citizen.id)
    root = tmp_path / "attachments"
    (root / "ab").mkdir(parents=True)
    (root / "ab" / ("ab" * 32)).write_bytes(b"encrypted scan")
    (root / "ab" / f"{'ab' * 32}.thumb.png").write_bytes(b"encrypted thumb")

    report = privacy.purge_expired(env.db, 365, now=NOW, attachments_root=root, actor=SYSTEM_ADMIN)

    assert (report.dossiers, report.attachments, report.citizens, report.files) == (1, 1, 1, 2)
    with env.db.session() as s:
        for model in (
            Dossier,
            DossierDocument,
            DossierEvent,
            Attachment,
            Citizen,
            DossierAttachment,
        ):
            assert s.scalar(select(func.count()).select_from(model)) == 0, model
        actions = list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))
        purge = s.scalar(select(AuditEvent).where(AuditEvent.action == "purge"))
    assert actions == ["display", "print", "purge"]  # the trail stays, with the purge
    assert purge.dossier_id == dossier.id and purge.citizen_id == citizen.id
    assert not [f for f in root.rglob("*") if f.is_file()]
    assert audit.verify(env.db) == []


def test_retention_keeps_what_is_recent_open_or_not_uploaded(env):
    citizen = add_citizen(env)
    recent = add_dossier(env, citizen, "returned", returned_at=NOW - dt.timedelta(days=30))
    still_open = add_dossier(env, citizen, "in_processing")
    add_dossier(env, citizen, "returned", returned_at=LONG_AGO)  # never uploaded
    rejected = add_dossier(env, citizen, "cancelled", returned_at=LONG_AGO)
    waiting = add_dossier(env, citizen, "refused", returned_at=LONG_AGO)
    for d in (recent, still_open):
        _mark_sent(env, "dossier", d.id)
    with env.db.session() as s:
        s.add(OutboxItem(entity="dossier", entity_id=rejected.id, payload={}, state="rejected"))
        s.add(OutboxItem(entity="dossier", entity_id=waiting.id, payload={}, state="sent"))
        s.add(OutboxItem(entity="dossier", entity_id=waiting.id, payload={}, state="pending"))
    with env.db.engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE dossiers SET updated_at = ? WHERE id = ?",
            (LONG_AGO.replace(tzinfo=None), still_open.id),
        )

    report = privacy.purge_expired(env.db, 365, now=NOW, actor=SYSTEM_ADMIN)

    assert report.dossiers == 0 and report.kept_unsynced == 3
    with env.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Dossier)) == 5
        assert s.get(Citizen, citizen.id) is not None


def test_a_citizen_with_other_dossiers_left_is_kept(env):
    citizen = add_citizen(env)
    old = add_dossier(env, citizen, "returned", returned_at=LONG_AGO)
    add_dossier(env, citizen, "received")
    _mark_sent(env, "dossier", old.id)
    report = privacy.purge_expired(env.db, 365, now=NOW, actor=SYSTEM_ADMIN)
    assert report.dossiers == 1 and report.citizens == 0
    with env.db.session() as s:
        assert s.get(Citizen, citizen.id) is not None


# ---------------------------------------------------------------- face-match attempts


def _attempt(env, citizen, dossier_id=None, *, at=LONG_AGO, sent=True, image="") -> str:
    from app.services.storage.models import FaceMatch

    with env.db.session() as s:
        row = FaceMatch(
            at=at,
            officer_id=env.officers["officer"].id,
            dossier_id=dossier_id,
            citizen_id=citizen.id if dossier_id else None,
            id_number=citizen.id_number,
            decision="no_match",
            score=0.31,
            distance=0.69,
            threshold=0.6,
            model="dlib_face_recognition_resnet_model_v1",
            model_version="dlib-20.0.1/face_recognition_models-0.3.0",
            quality={"frames": 6},
            consent=True,
            image_sha256=image,
            override_decision="match",
            override_reason="ảnh trên chip chụp 15 năm trước",
        )
        s.add(row)
        s.flush()
        match_id = row.id
    if sent:
        _mark_sent(env, "face_match", match_id)
    else:  # recorded and queued, not at central yet
        with env.db.session() as s:
            s.add(OutboxItem(entity="face_match", entity_id=match_id, payload={}))
    return match_id


def test_the_export_lists_the_face_match_attempts_without_images(env):
    citizen, dossier = _dossier_with_everything(env)
    linked = _attempt(env, citizen, dossier.id, image="cd" * 32)
    loose = _attempt(env, citizen, at=NOW)  # the intake was never saved: by ID number
    _attempt(env, add_citizen(env, 1))  # someone else's
    data = privacy.export_subject(env.db, Who("admin"), env.officers["admin"].id, citizen.id)
    attempts = data["face_matches"]
    assert [a["dossier_id"] for a in attempts] == [dossier.id, None]
    assert attempts[0]["final_decision"] == "match" and attempts[0]["decision"] == "no_match"
    assert attempts[0]["override_reason"] == "ảnh trên chip chụp 15 năm trước"
    assert attempts[0]["camera_image_kept"] and not attempts[1]["camera_image_kept"]
    assert "cd" * 32 not in privacy.subject_json(data).decode()  # named, not given
    assert linked and loose
    pdf = subject_pdf(data)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Đối chiếu khuôn mặt với ảnh trên chip" in text
    assert "ảnh trên chip chụp 15 năm trước" in text and "Có lưu" in text


def test_retention_purges_attempts_with_their_dossier_and_old_loose_ones(env, tmp_path):
    from app.services.storage.models import FaceMatch

    citizen, dossier = _dossier_with_everything(env)
    with env.db.session() as s:
        event_id = s.scalar(select(DossierEvent.id))
    for entity, entity_id in (("dossier", dossier.id), ("event", event_id)):
        _mark_sent(env, entity, entity_id)
    with_dossier = _attempt(env, citizen, dossier.id, image="cd" * 32)
    old_loose = _attempt(env, citizen)
    recent_loose = _attempt(env, citizen, at=NOW - dt.timedelta(days=3))
    unsent_loose = _attempt(env, citizen, sent=False)
    root = tmp_path / "attachments"
    (root / "cd").mkdir(parents=True)
    (root / "cd" / ("cd" * 32)).write_bytes(b"encrypted camera image")

    report = privacy.purge_expired(env.db, 365, now=NOW, attachments_root=root, actor=SYSTEM_ADMIN)

    assert report.dossiers == 1 and report.face_matches == 2
    with env.db.session() as s:
        left = set(s.scalars(select(FaceMatch.id)))
        queued = set(
            s.scalars(select(OutboxItem.entity_id).where(OutboxItem.entity == "face_match"))
        )
    assert left == {recent_loose, unsent_loose}  # recent, or not at central yet: kept
    assert with_dossier not in queued and old_loose not in queued
    assert not (root / "cd" / ("cd" * 32)).exists()  # the kept camera image goes too


def test_a_dossier_whose_attempt_is_not_uploaded_yet_is_kept(env):
    citizen, dossier = _dossier_with_everything(env)
    with env.db.session() as s:
        event_id = s.scalar(select(DossierEvent.id))
    for entity, entity_id in (("dossier", dossier.id), ("event", event_id)):
        _mark_sent(env, entity, entity_id)
    _attempt(env, citizen, dossier.id, sent=False)
    report = privacy.purge_expired(env.db, 365, now=NOW, actor=SYSTEM_ADMIN)
    assert (report.dossiers, report.kept_unsynced, report.face_matches) == (0, 1, 0)
