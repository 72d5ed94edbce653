"""The intake's way into the face dialog: a button (and F6) under the citizen's record.

Offered only after a chip read with a good verdict (``chip_trusted`` or
``chip_no_csca``) and a portrait; hidden otherwise. When the intake is saved, the
latest attempt is linked to the dossier. Without the face extra the button explains
itself (FACE_MODEL_MISSING) and the intake goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.errors import ErrorKind, UserError
from app.services import face
from app.services.face_records import Subject, attach_to_dossier
from app.services.identity import IdentificationMethod, Identity, identification_of
from app.ui.face.camera import FrameSource, open_camera
from app.ui.face.dialog import FaceContext, FaceDialog
from app.ui.messages import show_error
from app.ui.tasks import TaskRunner

GOOD_VERDICTS = (IdentificationMethod.CHIP_TRUSTED, IdentificationMethod.CHIP_NO_CSCA)


def face_match_offered(identity: Identity | None) -> bool:
    """Only a chip read that proved (or nearly proved) the card gives a trustworthy
    reference portrait."""
    return (
        identity is not None
        and bool(identity.portrait)
        and identification_of(identity) in GOOD_VERDICTS
    )


class FaceOffer(QWidget):
    """Under the citizen's record: "Đối chiếu khuôn mặt (F6)"."""

    def __init__(
        self,
        controller: Any,  # IntakeController
        store: Any = None,  # AttachmentStore, for keep_camera_image
        camera: Callable[[QWidget], FrameSource] = open_camera,
        policy_path: Any = None,
        face_runner: Any = None,
    ) -> None:
        super().__init__()
        self.setObjectName("face-offer")
        self.c, self.store, self.camera, self.policy_path = controller, store, camera, policy_path
        self.face_runner = face_runner or TaskRunner(max_threads=1, parent=self)
        self.match_id: str | None = None
        self.dialog: FaceDialog | None = None
        self.button = QPushButton(self.tr("Đối chiếu khuôn mặt (F6)"), objectName="face-open")
        self.last = QLabel(objectName="face-last")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addWidget(self.last, 1)
        self.button.clicked.connect(self.open)
        QShortcut(
            QKeySequence("F6"),
            self,
            activated=self.open,
            context=Qt.ShortcutContext.WindowShortcut,
        )
        controller.identity_changed.connect(self._identity_changed)
        controller.saved.connect(self._saved)
        self._identity_changed()

    def _identity_changed(self) -> None:
        self.match_id = None
        self.last.setText("")
        self.setVisible(face_match_offered(self.c.state.identity))

    def open(self) -> FaceDialog | None:
        identity = self.c.state.identity
        if not face_match_offered(identity) or self.dialog is not None:
            return None
        assert identity is not None
        if not face.available():
            show_error(self, UserError(ErrorKind.FACE_MODEL_MISSING))
            return None
        record = self.c.state.record
        ctx = FaceContext(
            db=self.c.db,
            officer=self.c.officer,
            subject=Subject(identity.id_number, record.citizen_id if record else None),
            portrait=identity.portrait,
            policy_path=self.policy_path,
            store=self.store,
        )
        dialog = FaceDialog(ctx, self.camera(self), self.face_runner, self.c.db_runner, self)
        dialog.finished.connect(lambda _code: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: FaceDialog) -> None:
        self.dialog = None
        if dialog.match_id is not None:
            self.match_id = dialog.match_id
            self.last.setText(dialog.verdict.text().split("\n")[0])

    def _saved(self, saved: Any) -> None:
        """The intake was saved: the latest attempt belongs to its dossier."""
        match_id, db = self.match_id, self.c.db
        if match_id is None:
            return
        self.match_id = None

        dossier_id = saved.dossier_id
        self.c.db_runner.run(
            lambda: attach_to_dossier(db, match_id, dossier_id), lambda _none: None
        )


def face_offer(controller: Any, store: Any, demo: bool) -> FaceOffer:
    """The intake page's face-match offer; the demo's faces are rendered, so it uses
    the synthetic-face calibration (resources/face/synthetic-policy.json)."""
    from app.services.face.policy import SYNTHETIC_POLICY

    if not demo:
        return FaceOffer(controller, store)
    from app.ui.face.demo_camera import demo_camera_for

    def camera(parent: QWidget) -> FrameSource:
        identity = controller.state.identity
        return demo_camera_for(identity.id_number if identity else "", parent)

    return FaceOffer(controller, store, camera=camera, policy_path=SYNTHETIC_POLICY)
