"""The face dialog with the virtual camera playing rendered, fictitious faces
(app/cardsim/synthetic_faces.py): the holder is green, someone else red, a blank
frame asks for a retry, a photo held up is flagged; F6 opens it only after a good chip
read; the attempt is recorded with the consent and joins the dossier when saved.
Matching runs on a real worker thread (TaskRunner), as at the counter."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import numpy as np
import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

pytest.importorskip("dlib")  # only when the face extra is absent; make test installs it

from app.cardsim import synthetic_faces as sf
from app.services.calendar.store import CalendarStore
from app.services.card.passive_auth import TrustStore
from app.services.catalog.store import CatalogStore
from app.services.demo import DEMO_PASSWORD, DEMO_USER
from app.services.face.policy import SYNTHETIC_POLICY
from app.services.face_records import Subject
from app.services.identity import Checks, Identity, IdentitySource, Verdict
from app.services.security.accounts import authenticate
from app.services.storage.models import AuditEvent, FaceMatch
from app.settings import Settings
from app.ui.face.camera import VirtualCamera, from_rgb
from app.ui.face.dialog import FaceContext, FaceDialog
from app.ui.face.offer import FaceOffer
from app.ui.intake.controller import IntakeController
from app.ui.tasks import SyncRunner, TaskRunner

HOLDER, OTHER = 3, 13


def _frames(images) -> list:
    return [from_rgb(np.asarray(i)) for i in images]


def _identity(source: IdentitySource = IdentitySource.CHIP) -> Identity:
    return Identity(
        id_number="999030000003",
        full_name="Nguyễn Thị Thử",
        date_of_birth=dt.date(1990, 5, 17),
        dob_text="17/05/1990",
        sex="Nữ",
        source=source,
        portrait=sf.portrait_jpeg(HOLDER),
        portrait_format="jpeg",
        checks=Checks(passive=Verdict.PASSED),
    )


@pytest.fixture
def officer(demo_db):
    return authenticate(demo_db, DEMO_USER, DEMO_PASSWORD)


@pytest.fixture
def face_runner() -> Iterator[TaskRunner]:
    runner = TaskRunner(max_threads=1)
    yield runner
    runner.wait()


def _dialog(qtbot, demo_db, officer, runner, images) -> FaceDialog:
    ctx = FaceContext(
        demo_db, officer, Subject("999030000003"), sf.portrait_jpeg(HOLDER), SYNTHETIC_POLICY
    )
    camera = VirtualCamera(images, interval_ms=20)
    dialog = FaceDialog(ctx, camera, runner, SyncRunner(), spacing_ms=0)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _capture(qtbot, dialog: FaceDialog) -> None:
    assert not dialog.capture.isEnabled()  # consent first
    qtbot.keyClick(dialog.consent, Qt.Key.Key_Space)  # keyboard path: Alt+N, then Space
    assert dialog.consent.isChecked() and dialog.capture.isEnabled()
    qtbot.keyClick(dialog.capture, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30000)


def test_the_holder_is_green_with_the_score_and_recorded(qtbot, demo_db, officer, face_runner):
    dialog = _dialog(qtbot, demo_db, officer, face_runner, _frames(sf.head_turn_burst(HOLDER)))
    _capture(qtbot, dialog)
    assert dialog.verdict.text().startswith("KHỚP — điểm 0.")
    assert "#1b5e20" in dialog.verdict.styleSheet()
    assert dialog.liveness.text() == "Khuôn mặt có chuyển động khi quay đầu."
    assert dialog.match_id is not None
    with demo_db.session() as s:
        row = s.get(FaceMatch, dialog.match_id)
        assert row is not None and row.decision == "match" and row.consent
        assert row.model_version.startswith("dlib-20.0.1")
        assert row.quality["frames"] == 6 and row.image_sha256 == ""
        assert s.scalars(select(AuditEvent).where(AuditEvent.action == "biometric")).first()


def test_someone_else_is_red(qtbot, demo_db, officer, face_runner):
    dialog = _dialog(qtbot, demo_db, officer, face_runner, _frames(sf.head_turn_burst(OTHER)))
    _capture(qtbot, dialog)
    assert dialog.verdict.text().startswith("KHÔNG KHỚP")
    assert "#b71c1c" in dialog.verdict.styleSheet()


def test_a_blank_frame_asks_for_a_retry_with_a_hint(qtbot, demo_db, officer, face_runner):
    blank = from_rgb(np.full((480, 360, 3), 200, np.uint8))
    dialog = _dialog(qtbot, demo_db, officer, face_runner, [blank])
    _capture(qtbot, dialog)
    assert dialog.verdict.text() == (
        "Ảnh chưa đạt — nhìn thẳng vào máy ảnh\n"
        "Không thấy khuôn mặt: mời người dân ngồi ngay trước máy ảnh."
    )
    assert dialog.capture.isEnabled()  # the officer can try again at once


def test_a_photo_held_up_is_flagged(qtbot, demo_db, officer, face_runner):
    images = _frames(sf.photo_held_up_burst(HOLDER))
    dialog = _dialog(qtbot, demo_db, officer, face_runner, images)
    _capture(qtbot, dialog)
    assert "có thể là ảnh giơ trước máy ảnh" in dialog.liveness.text()


def test_a_camera_that_cannot_open_is_explained_and_nothing_is_captured(
    qtbot, demo_db, officer, face_runner
):
    dialog = _dialog(qtbot, demo_db, officer, face_runner, [])
    assert "Không có máy ảnh" in dialog.view.text()
    dialog.consent.setChecked(True)
    assert not dialog.capture.isEnabled()


def test_supervisor_override_needs_a_reason_and_keeps_the_machine_decision(
    qtbot, demo_db, officer, face_runner
):
    assert officer.role == "supervisor"  # the demo account
    clerk = dataclasses.replace(officer, role="officer")
    ctx = FaceContext(demo_db, clerk, Subject("999030000003"), sf.portrait_jpeg(HOLDER))
    plain = FaceDialog(ctx, VirtualCamera([], 20), face_runner, SyncRunner())
    qtbot.addWidget(plain)
    assert not plain.override_box.isVisibleTo(plain)  # hidden; the service refuses anyway

    dialog = _dialog(qtbot, demo_db, officer, face_runner, _frames(sf.head_turn_burst(OTHER)))
    assert dialog.override_box.isVisibleTo(dialog) and not dialog.override.isEnabled()
    _capture(qtbot, dialog)
    assert dialog.verdict.text().startswith("KHÔNG KHỚP") and dialog.override.isEnabled()
    dialog.reason.setText("cũ")
    dialog.override.click()
    assert "Thiếu lý do xác nhận thay" in dialog.verdict.text()
    dialog.reason.setText("ảnh trên chip chụp 15 năm trước, đã đối chiếu giấy khai sinh")
    dialog.override.click()
    assert dialog.verdict.text().startswith("Đã ghi xác nhận thay")
    with demo_db.session() as s:
        row = s.get(FaceMatch, dialog.match_id)
        assert row is not None
        assert (row.decision, row.final_decision, row.override_by) == (
            "no_match",
            "match",
            officer.officer_id,
        )


def test_f6_is_offered_only_after_a_good_chip_read_and_the_attempt_joins_the_dossier(
    qtbot, demo_db, officer, face_runner, monkeypatch
):
    controller = IntakeController(
        demo_db, Settings(), officer, CatalogStore(), CalendarStore(), TrustStore(),
        SyncRunner(), SyncRunner(),
    )  # fmt: skip
    holder = _frames(sf.head_turn_burst(HOLDER))
    offer = FaceOffer(
        controller,
        camera=lambda parent: VirtualCamera(holder, interval_ms=20, parent=parent),
        policy_path=SYNTHETIC_POLICY,
        face_runner=face_runner,
    )
    qtbot.addWidget(offer)
    offer.show()
    controller.start_new(_identity(IdentitySource.TYPED))
    assert not offer.isVisible()  # typed in: no trusted portrait to compare with
    controller.start_new(_identity())
    assert offer.isVisible()
    with qtbot.waitActive(offer):
        offer.activateWindow()
    qtbot.keyClick(offer, Qt.Key.Key_F6)
    dialog = offer.dialog
    assert dialog is not None
    dialog.spacing_ms = 0
    _capture(qtbot, dialog)
    assert dialog.verdict.text().startswith("KHỚP")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert offer.dialog is None and offer.last.text().startswith("KHỚP")

    controller.choose_procedure("603")
    controller.all_received()
    controller.save()
    assert controller.last_saved is not None
    with demo_db.session() as s:
        row = s.scalars(select(FaceMatch)).one()
        assert row.dossier_id == controller.last_saved.dossier_id and row.citizen_id

    # the dossier detail shows the recorded result
    from app.services.lifecycle import DeadlineRules
    from app.ui.dossiers import DossierDetailDialog

    detail = DossierDetailDialog(
        demo_db,
        controller.last_saved.dossier_id,
        controller.catalog.current,
        DeadlineRules(controller.calendar.current, controller.settings.cutoff_time),
        officer.officer_id,
        runner=SyncRunner(),  # the detail is read on the database worker
    )
    qtbot.addWidget(detail)
    shown = {
        detail.fields.itemAt(i, detail.fields.ItemRole.LabelRole).widget().text(): (
            detail.fields.itemAt(i, detail.fields.ItemRole.FieldRole).widget().text()
        )
        for i in range(detail.fields.rowCount())
    }
    assert shown["Đối chiếu khuôn mặt:"].startswith("Khớp — điểm 0.")
