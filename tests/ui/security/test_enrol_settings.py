"""Enrolling from Settings: the administrator gives the code and the certificate pin;
an address a real office must not sync with is refused with its reason, and nothing
is saved."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QInputDialog

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
