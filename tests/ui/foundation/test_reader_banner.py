"""The intake screen itself says when no chip can be read, and what to do."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.services.card.monitor import EventKind, ReaderEvent
from app.services.demo import DEMO_PASSWORD, DEMO_USER
from app.settings import Settings
from app.ui.session import CounterSession

MISSING_READER = "Đầu đọc không có trên máy này"


def _session(qtbot, demo_db, reader: str) -> CounterSession:
    session = CounterSession(demo_db, Settings(card_reader=reader), demo=True, start_sync=False)

    def log_in() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, log_in)
            return
        dialog.username.setText(DEMO_USER)
        dialog.password.setText(DEMO_PASSWORD)
        dialog.try_login()

    QTimer.singleShot(0, log_in)
    assert session.start()
    qtbot.addWidget(session.main)
    return session


def test_banner_says_service_down_then_no_reader_then_goes(qtbot, demo_db):
    session = _session(qtbot, demo_db, "Virtual PCD 00 00")
    banner = session.intake_page.reader_banner
    try:
        watch = session.card_watch
        watch.stop()  # the real monitor is quiet; the events below go through the wiring
        QApplication.processEvents()
        watch.event.emit(ReaderEvent(EventKind.SERVICE_DOWN))
        qtbot.waitUntil(lambda: banner.isVisibleTo(session.main))
        assert "dịch vụ thẻ thông minh (PC/SC) không chạy" in banner.text()
        assert "pcscd" in banner.text() and "F2" in banner.text()  # what to do
        assert "dịch vụ thẻ không chạy" in session.main.reader_status.text()  # and the bar

        watch.event.emit(ReaderEvent(EventKind.SERVICE_UP))
        qtbot.waitUntil(lambda: "chưa thấy đầu đọc thẻ" in banner.text())
        assert "Cắm đầu đọc USB" in banner.text()

        watch.event.emit(ReaderEvent(EventKind.READER_ADDED, "Virtual PCD 00 00"))
        qtbot.waitUntil(lambda: not banner.isVisibleTo(session.main))
    finally:
        session.shutdown()


@pytest.mark.pcsc
def test_real_pcscd_without_the_configured_reader_shows_the_banner(qtbot, demo_db):
    """pcscd is up but the reader set in Settings is not plugged in."""
    session = _session(qtbot, demo_db, MISSING_READER)
    banner = session.intake_page.reader_banner
    try:
        qtbot.waitUntil(lambda: banner.isVisibleTo(session.main), timeout=10000)
        assert "chưa thấy đầu đọc thẻ" in banner.text()
    finally:
        session.shutdown()
