"""The face dialog: the camera view beside the chip portrait, a burst, the verdict.

The officer confirms the citizen agreed (required before any capture), asks the
citizen to look at the camera and turn the head, and presses Chụp (Alt+C). The
dialog keeps a short burst of frames (spaced in time, so the head turn shows) and
hands it to the face worker: conversion, quality checks and matching never run on
the GUI thread. The result — "Khớp" (green, with the score), "Không khớp" (red) or
"Ảnh chưa đạt" with a hint — is recorded on the database worker with the consent.
A supervisor may record an override with a reason (checked again by the service).
"""

from __future__ import annotations

import io
import logging
import time
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import QT_TRANSLATE_NOOP, UserError, describe
from app.services.face_records import Attempt, Subject, override_face_match, record_face_match
from app.services.security.permissions import Permission, allowed
from app.ui.face.camera import FrameSource, to_rgb

log = logging.getLogger(__name__)

BURST = 6
VIEW = (360, 270)
GREEN, RED, AMBER = "#1b5e20;background:#e8f5e9", "#b71c1c;background:#ffebee", "#e65100"


def _t(text: str) -> str:
    return QCoreApplication.translate("face", text)


# One hint per quality problem code of app/services/face/quality.py.
HINTS = {
    "no_face": QT_TRANSLATE_NOOP(
        "face", "Không thấy khuôn mặt: mời người dân ngồi ngay trước máy ảnh."
    ),
    "several_faces": QT_TRANSLATE_NOOP(
        "face", "Có nhiều khuôn mặt: chỉ để một người trước máy ảnh."
    ),
    "too_small": QT_TRANSLATE_NOOP(
        "face", "Khuôn mặt quá nhỏ: mời người dân ngồi gần máy ảnh hơn."
    ),
    "blurry": QT_TRANSLATE_NOOP(
        "face", "Ảnh bị nhòe: mời người dân ngồi yên, lau ống kính nếu cần."
    ),
    "not_frontal": QT_TRANSLATE_NOOP(
        "face", "Mặt quay nghiêng: mời người dân nhìn thẳng vào máy ảnh."
    ),
    "too_dark": QT_TRANSLATE_NOOP("face", "Ảnh quá tối: bật thêm đèn ở quầy."),
    "too_bright": QT_TRANSLATE_NOOP(
        "face", "Ảnh quá sáng: tránh đèn hoặc nắng chiếu thẳng vào mặt."
    ),
    "uneven_light": QT_TRANSLATE_NOOP(
        "face", "Ánh sáng lệch một bên mặt: xoay người về phía nguồn sáng."
    ),
    "portrait": QT_TRANSLATE_NOOP(
        "face", "Không tìm thấy khuôn mặt trong ảnh trên chip: không đối chiếu được thẻ này."
    ),
}


@dataclass(frozen=True, slots=True)
class FaceContext:
    """What the dialog needs to match and record: who, against which portrait."""

    db: Any  # Database
    officer: Any  # SignedIn
    subject: Subject
    portrait: bytes  # chip portrait, encoded (JPEG, JPEG 2000 or PNG)
    policy_path: Any = None  # None: the production policy
    store: Any = None  # AttachmentStore, for keep_camera_image


def open_burst(ctx: FaceContext) -> Any:
    """Face worker: load the model (once per process) and the portrait's descriptor."""
    from app.services.face.matcher import Matcher, decode_image
    from app.services.face.policy import load_policy

    return Matcher(load_policy(ctx.policy_path)).burst(decode_image(ctx.portrait))


def finish_burst(burst: Any) -> tuple[Any, bytes | None]:
    """Face worker: the decision, and a PNG of the frame used if the policy keeps it."""
    result = burst.result()
    kept = None
    if burst.matcher.policy.keep_camera_image and result.best_frame is not None:
        from PIL import Image

        out = io.BytesIO()
        Image.fromarray(burst.frames[result.best_frame]).save(out, "PNG")
        kept = out.getvalue()
    return result, kept


class FaceDialog(QDialog):
    def __init__(
        self,
        ctx: FaceContext,
        source: FrameSource,
        face_runner: Any,
        db_runner: Any,
        parent: QWidget | None = None,
        spacing_ms: int = 250,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("face-dialog")
        self.setWindowTitle(self.tr("Đối chiếu khuôn mặt với ảnh trên chip"))
        self.ctx, self.source = ctx, source
        self.face_runner, self.db_runner = face_runner, db_runner
        self.spacing_ms = spacing_ms
        self.burst: list[QImage] = []
        self._holder: dict[str, Any] = {}
        self.collecting = False
        self._last_kept = 0.0
        self.result: Any = None
        self.match_id: str | None = None

        self.portrait = QLabel(objectName="face-portrait")
        self.portrait.setFixedSize(200, 270)
        self.portrait.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pix = QPixmap()
        if pix.loadFromData(ctx.portrait):
            self.portrait.setPixmap(pix.scaled(200, 270, Qt.AspectRatioMode.KeepAspectRatio))
        else:
            self.portrait.setText(self.tr("(ảnh trên chip)"))
        self.view = QLabel(self.tr("Đang mở máy ảnh…"), objectName="face-camera")
        self.view.setFixedSize(*VIEW)
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setWordWrap(True)
        images = QHBoxLayout()
        images.addWidget(self.portrait)
        images.addWidget(self.view)

        self.consent = QCheckBox(
            self.tr("&Người dân đã đồng ý cho đối chiếu khuôn mặt (dữ liệu sinh trắc)"),
            objectName="face-consent",
        )
        self.prompt = QLabel(
            self.tr(
                "Mời người dân nhìn thẳng vào máy ảnh. Khi chụp, mời quay đầu chậm "
                "sang trái rồi sang phải."
            ),
            objectName="face-prompt",
        )
        self.prompt.setWordWrap(True)
        self.capture = QPushButton(self.tr("&Chụp và đối chiếu"), objectName="face-capture")
        self.capture.setEnabled(False)
        self.verdict = QLabel(objectName="face-verdict")
        self.verdict.setWordWrap(True)
        self.liveness = QLabel(objectName="face-liveness")
        self.liveness.setWordWrap(True)

        self.reason = QLineEdit(objectName="face-override-reason")
        self.reason.setPlaceholderText(self.tr("Lý do xác nhận thay (bắt buộc)"))
        reason_label = QLabel(self.tr("&Lý do:"))
        reason_label.setBuddy(self.reason)
        self.override = QPushButton(
            self.tr("&Xác nhận thay: đúng chủ thẻ"), objectName="face-override"
        )
        self.override.setEnabled(False)
        override_row = QHBoxLayout()
        override_row.addWidget(reason_label)
        override_row.addWidget(self.reason, 1)
        override_row.addWidget(self.override)
        self.override_box = QWidget()
        self.override_box.setLayout(override_row)
        self.override_box.setVisible(allowed(ctx.officer, Permission.OVERRIDE_FACE_MATCH))

        close = QPushButton(self.tr("Đóng (Esc)"), objectName="face-close")
        layout = QVBoxLayout(self)
        layout.addLayout(images)
        layout.addWidget(self.consent)
        layout.addWidget(self.prompt)
        layout.addWidget(self.capture)
        layout.addWidget(self.verdict)
        layout.addWidget(self.liveness)
        layout.addWidget(self.override_box)
        layout.addWidget(close)

        self.consent.toggled.connect(self._update_buttons)
        self.capture.clicked.connect(self.start_burst)
        self.override.clicked.connect(self.record_override)
        close.clicked.connect(self.reject)
        self.source.frame.connect(self._frame)
        self.source.failed.connect(self._camera_failed)
        self.camera_ok = True
        self.source.start()
        self.consent.setFocus()

    # -- camera ------------------------------------------------------------------
    def _frame(self, image: QImage) -> None:
        if not self.camera_ok:
            return
        self.view.setPixmap(
            QPixmap.fromImage(image).scaled(*VIEW, Qt.AspectRatioMode.KeepAspectRatio)
        )
        now = time.monotonic() * 1000
        if self.collecting and now - self._last_kept >= self.spacing_ms:
            self._last_kept = now
            self._add(image.copy())

    def _camera_failed(self, error: UserError) -> None:
        self.camera_ok = False
        m = describe(error)
        self.view.setText(f"{m.title}\n{m.text}\n{m.action}")
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.collecting or (self.burst and self.result is None)
        self.capture.setEnabled(self.consent.isChecked() and self.camera_ok and not busy)
        self.override.setEnabled(self.match_id is not None)

    # -- matching ----------------------------------------------------------------
    def start_burst(self) -> None:
        """Take the next frames as the burst (consent first: the service checks it too)."""
        if not self.consent.isChecked() or not self.camera_ok:
            return
        self.burst, self.result, self.match_id = [], None, None
        self._holder = {}  # worker side: the Burst being assessed
        self._open()
        self.collecting = True
        self._last_kept = 0.0
        self.verdict.setText(self.tr("Đang chụp… mời quay đầu chậm sang trái, sang phải."))
        self.verdict.setStyleSheet("")
        self.liveness.setText("")
        self._update_buttons()

    # Jobs of one burst run in order on the single face worker: open (portrait),
    # add (each frame, assessed as it comes), finish (decision after the last frame).
    def _open(self) -> None:
        ctx, holder = self.ctx, self._holder

        def work() -> None:
            holder["burst"] = open_burst(ctx)

        self.face_runner.run(work, lambda _none: None, self._failed)

    def _add(self, image: QImage) -> None:
        self.burst.append(image)
        holder = self._holder

        def work() -> None:
            if "burst" in holder:  # not when the model failed to load
                holder["burst"].add(to_rgb(image))

        self.face_runner.run(work, lambda _none: None, self._failed)
        if len(self.burst) >= BURST:
            self.collecting = False
            self.verdict.setText(self.tr("Đang đối chiếu…"))
            self.face_runner.run(
                lambda: finish_burst(holder.pop("burst")) if "burst" in holder else None,
                self._matched,
                self._failed,
            )

    def _failed(self, exc: BaseException) -> None:
        self.burst, self.collecting = [], False
        if not isinstance(exc, UserError):
            raise exc
        m = describe(exc)
        self.verdict.setText(f"{m.title}. {m.text} {m.action}")
        self.verdict.setStyleSheet(f"color:{AMBER}")
        self._update_buttons()

    def _matched(self, out: tuple[Any, bytes | None] | None) -> None:
        if out is None:  # the model could not load: already said by _failed
            return
        result, kept = out
        self.result = result
        self.burst = []  # frames leave memory as soon as the worker is done with them
        self._show(result)
        ctx, consent = self.ctx, self.consent.isChecked()

        def work() -> str:
            return record_face_match(
                ctx.db,
                ctx.officer,
                ctx.subject,
                Attempt.of(result),
                consent=consent,
                camera_image=kept,
                store=ctx.store,
            )

        self.db_runner.run(work, self._recorded, self._failed)
        self._update_buttons()

    def _recorded(self, match_id: str) -> None:
        self.match_id = match_id
        self._update_buttons()

    def _show(self, result: Any) -> None:
        if result.decision == "match":
            text = self.tr("KHỚP — điểm {0:.2f} (khớp từ {1:.2f})").format(
                result.score,
                1 - result.threshold,  # the score is 1 − distance
            )
            style = f"color:{GREEN}"
        elif result.decision == "no_match":
            text = self.tr(
                "KHÔNG KHỚP — điểm {0:.2f} (khớp từ {1:.2f}). Kiểm tra lại giấy tờ của người dân."
            ).format(result.score, 1 - result.threshold)
            style = f"color:{RED}"
        else:
            problem = result.quality.problem
            if result.quality.ok:  # every frame passed, the chip portrait did not
                problem = "portrait"
            hint = _t(HINTS[problem]) if problem in HINTS else ""
            text = self.tr("Ảnh chưa đạt — nhìn thẳng vào máy ảnh") + "\n" + hint
            style = f"color:{AMBER}"
        self.verdict.setText(text)
        self.verdict.setStyleSheet(f"{style};font-weight:bold;padding:6px")
        if result.liveness_moved is False:
            self.liveness.setText(
                self.tr(
                    "Cảnh báo: khuôn mặt không chuyển động khi quay đầu — có thể là ảnh "
                    "giơ trước máy ảnh. Mời người dân quay đầu rồi chụp lại."
                )
            )
            self.liveness.setStyleSheet(f"color:{AMBER};font-weight:bold")
        elif result.liveness_moved:
            self.liveness.setText(self.tr("Khuôn mặt có chuyển động khi quay đầu."))
            self.liveness.setStyleSheet("")
        else:
            self.liveness.setText("")

    # -- override ----------------------------------------------------------------
    def record_override(self) -> None:
        if self.match_id is None:
            return
        ctx, match_id, reason = self.ctx, self.match_id, self.reason.text()
        self.db_runner.run(
            lambda: override_face_match(ctx.db, ctx.officer, match_id, "match", reason),
            lambda _none: self._overridden(),
            self._failed,
        )

    def _overridden(self) -> None:
        self.verdict.setText(self.tr("Đã ghi xác nhận thay: đúng chủ thẻ (lý do đã lưu)."))
        self.verdict.setStyleSheet(f"color:{GREEN};font-weight:bold;padding:6px")

    def done(self, code: int) -> None:
        self.source.stop()
        self.burst = []
        super().done(code)
