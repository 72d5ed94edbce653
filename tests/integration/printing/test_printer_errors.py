"""Printer problems become UserErrors the officer can act on; the preview opens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QApplication

from app.errors import ErrorKind, UserError
from app.services.forms import render_receipt, samples
from app.ui.printing import available_printers, preview_pdf, print_pdf, start_print


def test_unknown_printer_is_no_printer(qapp) -> None:  # type: ignore[no-untyped-def]
    pdf = render_receipt(samples.receipt(), samples.AGENCY, copies=(1,))
    with pytest.raises(UserError) as caught:
        print_pdf(pdf, "Máy in không tồn tại")
    assert caught.value.kind is ErrorKind.NO_PRINTER
    with pytest.raises(UserError) as caught:
        start_print(pdf, "Máy in không tồn tại")
    assert caught.value.kind is ErrorKind.NO_PRINTER


def test_no_printer_installed(qapp, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import app.ui.printing as printing

    monkeypatch.setattr(printing, "available_printers", lambda: [])
    with pytest.raises(UserError) as caught:
        print_pdf(b"%PDF-1.4", None)
    assert caught.value.kind is ErrorKind.NO_PRINTER
    assert isinstance(available_printers(), list)


def test_preview_dialog_opens_with_the_pages(qapp) -> None:  # type: ignore[no-untyped-def]
    pdf = render_receipt(samples.receipt(), samples.AGENCY)
    seen: list[QPrintPreviewDialog] = []

    def close_it() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QPrintPreviewDialog) and widget.isVisible():
                seen.append(widget)
                widget.reject()
                return
        QTimer.singleShot(50, close_it)  # not shown yet

    QTimer.singleShot(0, close_it)
    preview_pdf(None, pdf)
    assert seen and seen[0].windowTitle() == "Xem trước khi in"
