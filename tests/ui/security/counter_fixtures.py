"""A signed-in demo counter session for the security UI tests (no pcscd, no CUPS)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDeadlineTimer, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.cardsim.faces import FaceStyle, draw_face, to_jpeg
from app.services import intake_draft as draft
from app.services.demo import DEMO_PASSWORD, DEMO_USER
from app.services.identity import Checks, Identity, IdentitySource, Verdict
from app.settings import Settings
from app.ui.login import LoginDialog
from app.ui.session import CounterSession

# Fictitious citizens (999: no such province code).
CITIZEN = Identity(
    id_number="999077123456",
    full_name="Quách Thị Lụa",
    date_of_birth=dt.date(1979, 6, 2),
    sex="Nữ",
    source=IdentitySource.CHIP,
    residence="Xã Thử Nghiệm, Tỉnh Thử Nghiệm",
    portrait=to_jpeg(draw_face(FaceStyle(seed=77)), target_bytes=6_000),
    portrait_format="jpeg",
    checks=Checks(Verdict.PASSED, "", Verdict.PASSED, Verdict.PASSED),
)


def at_login(action):
    """Act on the log-in dialog when it shows (exec() blocks the test otherwise)."""

    def attempt():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginDialog):
            QTimer.singleShot(20, attempt)
            return
        action(dialog)

    QTimer.singleShot(0, attempt)


def answered(field) -> None:
    """A password is checked on the database worker, the form disabled meanwhile:
    wait until the answer has arrived (``field`` is enabled again)."""
    deadline = QDeadlineTimer(10000)
    while not field.isEnabled():
        assert not deadline.hasExpired(), "no answer from the database worker"
        QTest.qWait(10)


def sign_in(dialog):
    dialog.username.setText(DEMO_USER)
    dialog.password.setText(DEMO_PASSWORD)
    dialog.try_login()
    answered(dialog.password)


@pytest.fixture
def session(qtbot, demo_db):
    """A signed-in demo officer with a citizen's draft (portrait included) on screen."""
    draft.save(demo_db, {"identity": draft.identity_to_json(CITIZEN)})
    s = CounterSession(demo_db, Settings(), demo=True, start_sync=False)
    at_login(sign_in)
    assert s.start()
    qtbot.addWidget(s.main)
    qtbot.waitUntil(lambda: s.intake.state.identity is not None)  # read on the worker
    yield s
    s.shutdown()
