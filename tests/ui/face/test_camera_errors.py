"""A camera that fails while the face dialog is open is told apart by Qt's error enum
(``QCamera.Error``) and what stands beside it (the device still plugged in, the
permission), not by the driver's text: busy, unplugged and refused each give their
Vietnamese message, nothing is captured, and the intake goes on."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtMultimedia import QCamera

from app.services.demo import DEMO_PASSWORD, DEMO_USER
from app.services.face_records import Subject
from app.services.security.accounts import authenticate
from app.ui.face.camera import VirtualCamera, camera_failure, from_rgb
from app.ui.face.dialog import FaceContext, FaceDialog
from app.ui.tasks import SyncRunner

FRAME = from_rgb(np.full((480, 360, 3), 180, np.uint8))


def _dialog(qtbot, demo_db) -> tuple[FaceDialog, VirtualCamera]:
    officer = authenticate(demo_db, DEMO_USER, DEMO_PASSWORD)
    camera = VirtualCamera([FRAME], interval_ms=20)
    ctx = FaceContext(demo_db, officer, Subject("999030000003"), b"")
    dialog = FaceDialog(ctx, camera, SyncRunner(), SyncRunner(), spacing_ms=0)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.view.pixmap() is not None and not dialog.view.pixmap().isNull())
    return dialog, camera


@pytest.mark.parametrize(
    ("checks", "title"),
    [
        ({}, "Máy ảnh đang bận"),
        ({"device_present": False}, "Không có máy ảnh"),
        ({"permission_granted": False}, "Không được phép dùng máy ảnh"),
    ],
)
def test_a_camera_error_is_explained_in_vietnamese_and_capture_stays_off(
    qtbot, demo_db, checks, title
):
    dialog, camera = _dialog(qtbot, demo_db)
    dialog.consent.setChecked(True)
    assert dialog.capture.isEnabled()
    camera.raise_error(QCamera.Error.CameraError, **checks)
    assert dialog.view.text().startswith(title)
    assert "hồ sơ vẫn tiếp nhận" in dialog.view.text() or "Tiếp tục tiếp nhận" in dialog.view.text()
    assert not dialog.capture.isEnabled() and not dialog.camera_ok


def test_no_error_is_no_failure(qtbot, demo_db):
    dialog, camera = _dialog(qtbot, demo_db)
    camera.raise_error(QCamera.Error.NoError)
    assert dialog.camera_ok and dialog.view.text() == ""
    assert camera_failure(QCamera.Error.NoError, device_present=False) is None


def test_the_driver_text_does_not_decide():
    """Any error text (English, Vietnamese, empty) is a busy camera while the device is
    there and allowed: the enum and the checks decide."""
    failure = camera_failure(QCamera.Error.CameraError)
    assert failure is not None and failure.kind.value == "camera_busy"
