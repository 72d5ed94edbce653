"""Demo and training: put virtual cards on the virtual reader and "scan" their QR.

Only in demo mode. The virtual card is the project's emulator talking to pcscd's
vpcd reader, so everything after the tap is the real reading path.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from app.cardsim.build import build_card
from app.cardsim.card import VirtualCard
from app.cardsim.faults import Faults
from app.cardsim.profile import Profile, load_profile
from app.cardsim.vpcd import DEFAULT_PORT, VpcdClient

log = logging.getLogger(__name__)

PROFILES = (
    ("cccd-2021", "CCCD gắn chip 2021 — Trần Thị Thu Hà"),
    ("cancuoc-2024", "Thẻ căn cước 2024 (đã hết hạn) — Lê Văn Đức"),
    ("passport-td3", "Hộ chiếu — người lao động nước ngoài"),
    ("cccd-2021:cloned", "CCCD 2021 bị sao chép chip (clone)"),
    ("cccd-2021:altered-dg13", "CCCD 2021 bị sửa dữ liệu chip"),
    ("cccd-2021:hidden-dg14-dg15", "CCCD 2021 sao chép, giấu DG14/DG15 (clone)"),
    ("cccd-untrusted", "CCCD do CSCA chưa tin cậy ký — Lê Văn Khải"),
)


def qr_text(profile: Profile) -> str:
    """What the card's printed QR code says (the shared 7-field layout)."""
    h, d = profile.holder, profile.document
    return "|".join(
        [
            h.id_number,
            h.old_id_number,
            h.full_name,
            h.birth.strftime("%d%m%Y"),
            "Nam" if h.sex == "M" else "Nữ",
            h.residence,
            d.issued.strftime("%d%m%Y"),
        ]
    )


class VirtualCards:
    """At most one virtual card on the reader at a time."""

    def __init__(self, port: int = DEFAULT_PORT) -> None:
        self.port = port
        self._client: VpcdClient | None = None
        self._thread: threading.Thread | None = None

    def insert(self, spec: str) -> None:
        self.remove()
        name, _, fault = spec.partition(":")
        image = build_card(load_profile(name), Faults.parse([fault] if fault else []))
        client = VpcdClient(VirtualCard(image), port=self.port, faults=image.faults)
        self._thread = threading.Thread(
            target=client.serve_forever, kwargs={"connect_timeout": 5}, daemon=True
        )
        self._client = client
        self._thread.start()
        log.info("demo: virtual card inserted")

    def remove(self) -> None:
        if self._client is not None:
            self._client.stop()
            if self._thread is not None:
                self._thread.join(timeout=3)
            # Like a hand lifting the card: out long enough for pcscd (it polls the
            # reader every 400 ms) to see it gone before the next one arrives.
            time.sleep(0.6)
        self._client = self._thread = None


def add_demo_menu(window: QMainWindow, scan: Callable[[str], None]) -> VirtualCards:
    cards = VirtualCards()
    menu = window.menuBar().addMenu(
        QCoreApplication.translate("MainWindow", "Thẻ &ảo (trình diễn)")
    )
    for index, (spec, label) in enumerate(PROFILES):
        action = QAction(
            QCoreApplication.translate("MainWindow", "Đặt thẻ: {0}").format(label), window
        )
        action.setShortcut(QKeySequence(f"Ctrl+Alt+{index + 1}"))
        action.triggered.connect(lambda _=False, s=spec: cards.insert(s))
        menu.addAction(action)
    remove = QAction(
        QCoreApplication.translate("MainWindow", "&Nhấc thẻ ra"),
        window,
        shortcut=QKeySequence("Ctrl+Alt+0"),
    )
    remove.triggered.connect(cards.remove)
    menu.addAction(remove)
    menu.addSeparator()
    for index, (spec, label) in enumerate(PROFILES[:2]):  # passports carry no such QR
        action = QAction(
            QCoreApplication.translate("MainWindow", "Quét mã QR: {0}").format(label), window
        )
        action.setShortcut(QKeySequence(f"Ctrl+Alt+Shift+{index + 1}"))
        name = spec.partition(":")[0]
        action.triggered.connect(lambda _=False, n=name: scan(qr_text(load_profile(n))))
        menu.addAction(action)
    menu.addSeparator()
    menu.addAction(_stranger_action(window))
    window.destroyed.connect(lambda *_: cards.remove())
    return cards


def _stranger_action(window: QMainWindow) -> QAction:
    """Who sits in front of the demo camera for F6: the card's holder (match) or
    someone else (no match)."""
    from app.ui.face.demo_camera import SCENE

    action = QAction(
        QCoreApplication.translate(
            "MainWindow", "Máy ảnh ảo: &người khác ngồi trước quầy (không phải chủ thẻ)"
        ),
        window,
        checkable=True,
        shortcut=QKeySequence("Ctrl+Alt+9"),
    )
    action.setChecked(SCENE.stranger)
    action.toggled.connect(lambda on: setattr(SCENE, "stranger", on))
    return action
