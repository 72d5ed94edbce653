"""Where the receipt goes: with no printer the save still says what was saved and the
receipt can be previewed or saved as PDF right there; with an 80 mm receipt printer
set, the 80 mm look-up slip is printed there in addition to form 01 on A4."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QApplication

from app.cardsim.profile import load_profile
from app.services.identity import IdentitySource
from app.ui.demo_tools import qr_text
from tests.ui.intake.conftest import pdf_text, zbar
from tests.unit.forms.forms_readback import page_sizes_pt

pytestmark = pytest.mark.pcsc  # the session fixture watches the real pcscd


def _save_a_dossier(qtbot, session):
    intake = session.intake
    intake.qr_scanned(qr_text(load_profile("cccd-2021")))
    qtbot.waitUntil(
        lambda: (i := intake.state.identity) is not None and i.source is IdentitySource.QR,
        timeout=15000,
    )
    intake.choose_procedure("603")
    intake.all_received()
    session.intake_page.save()
    qtbot.waitUntil(lambda: intake.last_saved is not None, timeout=20000)
    return intake.last_saved


def test_no_printer_keeps_the_code_on_screen_and_offers_pdf_and_preview(qtbot, session, tmp_path):
    session._settings_saved(dataclasses.replace(session.settings, default_printer="Máy in đã tháo"))
    page = session.intake_page
    saved = _save_a_dossier(qtbot, session)
    qtbot.waitUntil(lambda: "chưa in được" in page.status.text(), timeout=10000)
    status = page.status.text()
    assert saved.code in status and saved.lookup_code in status  # what was saved
    assert "Không có máy in" in status  # why nothing printed
    assert "Ctrl+Shift+P" in status and "Ctrl+Shift+S" in status  # what to do now
    assert page.status.property("level") == "warn"
    assert page.pdf_button.isEnabled() and page.preview_button.isEnabled()

    written = page.save_pdf(str(tmp_path / "bien-nhan"))
    assert written == str(tmp_path / "bien-nhan.pdf")
    receipt = (tmp_path / "bien-nhan.pdf").read_bytes()
    assert saved.code in pdf_text(receipt).replace("\n", " ")
    assert saved.code in page.status.text() and "bien-nhan.pdf" in page.status.text()

    seen: list[str] = []

    def close_preview() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintPreviewDialog):
            QTimer.singleShot(50, close_preview)
            return
        seen.append(dialog.windowTitle())
        dialog.reject()

    QTimer.singleShot(0, close_preview)
    page.preview_receipt()
    assert seen == ["Xem trước khi in"]


def test_slip_goes_to_the_80mm_printer_besides_form_01(qtbot, session, printed_files, tmp_path):
    session._settings_saved(dataclasses.replace(session.settings, receipt_printer="PDF"))
    saved = _save_a_dossier(qtbot, session)
    assert saved.receipt_80mm_pdf is not None
    both = printed_files(f"{saved.code}-receipt", 2)  # "-receipt" (A4) and "-receipt80"
    form01 = [p for p in both if "receipt80" not in p.name]
    assert len(form01) == 1  # form 01 on A4 (CUPS-PDF re-renders it: the page size tells)
    a4_width, _a4_height = page_sizes_pt(form01[0].read_bytes())[0]
    assert abs(a4_width - 595) < 2
    slips = printed_files(f"{saved.code}-receipt80", 1)
    width, _height = page_sizes_pt(slips[0].read_bytes())[0]
    assert abs(width - 80 / 25.4 * 72) < 2  # the roll's width, not A4's 595 pt
    # printed as page images (thermal printers): the dossier is read back from its QR
    assert zbar(slips[0], tmp_path) == [f"MOTCUA|{saved.code}|{saved.lookup_code}"]
    qtbot.waitUntil(lambda: "khổ 80 mm" in session.intake_page.status.text(), timeout=20000)
    assert "Đã in giấy tiếp nhận." in session.intake_page.status.text()
