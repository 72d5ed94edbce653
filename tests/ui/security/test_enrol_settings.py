"""Enrolling from Settings: the administrator gives the code and the certificate pin;
an address a real office must not sync with is refused with its reason, and nothing
is saved."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QInputDialog, QPushButton

from app import settings as settings_mod
from app.settings import Settings
from app.ui.pages.settings_page import SettingsPage


@dataclass(frozen=True)
class Admin:
    role: str = "admin"


def test_an_http_address_is_refused_at_enrolment_and_nothing_saved(qtbot, monkeypatch, tmp_path):
    path = tmp_path / "settings.json"
    saved: list[Settings] = []
    page = SettingsPage(Settings(), saved.append, path, officer=Admin())
    qtbot.addWidget(page)
    answers = iter([("MA-DANG-KY-1", True), ("ab" * 32, True)])
    asked: list[str] = []

    def answer(parent, title, label, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(label)
        return next(answers)

    monkeypatch.setattr(QInputDialog, "getText", answer)
    page.central_url.setText("http://bhxh.example:8765")
    page.enroll()
    assert len(asked) == 2 and "SHA-256" in asked[1]  # the code, then the pin
    assert "https" in page.message.text() and "đăng ký lại" in page.message.text()
    assert saved == [] and not path.exists()
    assert settings_mod.load_readonly(path)[0].central_url == ""


def test_a_csca_import_from_settings_is_checked_and_audited_on_the_worker(
    qtbot, session, demo_db, tmp_path
):
    """Through the signed-in session: a supervisor is refused, an administrator's
    import is added and audited, an unreadable file is named; the page answers when
    the database worker has."""
    from dataclasses import replace

    from sqlalchemy import select

    from app.services.storage.models import AuditEvent
    from app.shared import paths

    page = session.main.findChild(SettingsPage)
    button = page.findChild(QPushButton, "import_trust")
    csca = str(paths.RESOURCES / "cards" / "pki" / "test-csca.der")

    def import_and_wait(path: str) -> str:
        page.import_trust(path)
        qtbot.waitUntil(lambda: button.isEnabled() and page.message.text() != "", timeout=10000)
        return page.message.text()

    assert "không được phép" in import_and_wait(csca)  # the demo user is a supervisor
    assert "không đọc được tệp" in import_and_wait(str(tmp_path / "missing.der")).lower()
    session.officer = replace(session.officer, role="admin")
    assert "Đã thêm 1 chứng thư CSCA" in import_and_wait(csca)
    with demo_db.session() as s:
        details = s.scalars(select(AuditEvent.detail).where(AuditEvent.action == "change")).all()
    assert any("trust import: 1 CSCA" in d for d in details)
