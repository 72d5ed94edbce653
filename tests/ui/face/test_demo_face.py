"""The demo's F6: a demo card's chip portrait (read from its DG2 as the reader would)
against the demo's virtual camera, which plays the card holder's synthetic face —
green; with "someone else" chosen in the demo menu — red. Matching runs on a real
worker thread, as at the counter."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

pytest.importorskip("dlib")  # only when the face extra is absent; make test installs it

from app.cardsim.build import build_card
from app.cardsim.profile import load_profile
from app.services.calendar.store import CalendarStore
from app.services.card.passive_auth import TrustStore
from app.services.card.portrait import parse_dg2
from app.services.catalog.store import CatalogStore
from app.services.demo import DEMO_PASSWORD, DEMO_USER
from app.services.identity import Checks, Identity, IdentitySource, Verdict
from app.services.security.accounts import authenticate
from app.settings import Settings
from app.ui.face import demo_camera
from app.ui.face.offer import face_offer
from app.ui.intake.controller import IntakeController
from app.ui.tasks import SyncRunner, TaskRunner

DG2 = 0x0102


@pytest.fixture
def face_runner() -> Iterator[TaskRunner]:
    runner = TaskRunner(max_threads=1)
    yield runner
    runner.wait()


@pytest.fixture
def stranger() -> Iterator[None]:
    demo_camera.SCENE.stranger = True
    yield
    demo_camera.SCENE.stranger = False


def _chip_identity(card: str) -> Identity:
    profile = load_profile(card)
    portrait = parse_dg2(build_card(profile).app_files[DG2])
    assert portrait.width == 360 and portrait.height == 480
    return Identity(
        id_number=profile.holder.id_number,
        full_name=profile.holder.full_name,
        date_of_birth=profile.holder.birth,
        dob_text=profile.holder.birth.strftime("%d/%m/%Y"),
        sex="Nam" if profile.holder.sex == "M" else "Nữ",
        source=IdentitySource.CHIP,
        portrait=portrait.image,
        portrait_format="jpeg",
        checks=Checks(passive=Verdict.PASSED),
    )


def _f6_on(qtbot, demo_db, face_runner, card: str) -> str:
    officer = authenticate(demo_db, DEMO_USER, DEMO_PASSWORD)
    controller = IntakeController(
        demo_db, Settings(), officer, CatalogStore(), CalendarStore(), TrustStore(),
        SyncRunner(), SyncRunner(),
    )  # fmt: skip
    offer = face_offer(controller, None, demo=True)
    offer.face_runner = face_runner
    qtbot.addWidget(offer)
    offer.show()
    controller.start_new(_chip_identity(card))
    with qtbot.waitActive(offer):
        offer.activateWindow()
    qtbot.keyClick(offer, Qt.Key.Key_F6)
    dialog = offer.dialog
    assert dialog is not None and dialog.camera_ok
    qtbot.keyClick(dialog.consent, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.capture, Qt.Key.Key_Space)  # frames spaced as at the counter
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30000)
    text = dialog.verdict.text()
    assert dialog.liveness.text() == "Khuôn mặt có chuyển động khi quay đầu."
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    return text


@pytest.mark.parametrize("card", ["cancuoc-2024", "passport-td3"])  # JPEG, JPEG 2000
def test_the_demo_card_holder_in_front_of_the_demo_camera_is_green(
    qtbot, demo_db, face_runner, card
):
    assert _f6_on(qtbot, demo_db, face_runner, card).startswith("KHỚP — điểm 0.")


def test_someone_else_in_front_of_the_demo_camera_is_red(qtbot, demo_db, face_runner, stranger):
    assert _f6_on(qtbot, demo_db, face_runner, "cccd-2021").startswith("KHÔNG KHỚP")


def test_every_demo_card_portrait_is_a_chip_sized_synthetic_face():
    for card in ("cccd-2021", "cancuoc-2024", "passport-td3", "cccd-untrusted"):
        profile = load_profile(card)
        assert "identity" in profile.photo_style
        assert demo_camera.holder_identity(profile.holder.id_number) is not None
        assert 10_000 < len(profile.photo.read_bytes()) <= 18_000  # a chip portrait's size
        assert profile.photo_style["identity"] != demo_camera.STRANGER
