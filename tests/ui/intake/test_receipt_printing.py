"""Form 01 is always printed; the 80 mm slip only comes in addition (real PDFs read back)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.services.forms import render_receipt, render_receipt_80mm, samples
from app.settings import Settings
from app.ui.intake.controller import Saved
from app.ui.intake.printing import PaperPrinter
from app.ui.printing import PageSize
from tests.ui.intake.conftest import pdf_text

RECEIPT = samples.receipt()


def _saved(with_slip: bool) -> Saved:
    return Saved(
        dossier_id="d1",
        code=RECEIPT.dossier_code,
        lookup_code="ABCD2345",
        due_at=dt.datetime(2026, 3, 9, 10, tzinfo=dt.UTC),
        receipt_pdf=render_receipt(RECEIPT, samples.AGENCY),
        tk1ts_pdf=None,
        receipt_80mm_pdf=render_receipt_80mm(RECEIPT, samples.AGENCY) if with_slip else None,
    )


def test_the_80mm_slip_is_printed_besides_form_01_never_instead(qtbot) -> None:  # type: ignore[no-untyped-def]
    settings = dataclasses.replace(Settings(), default_printer="A4", receipt_printer="Nhiệt 80")
    plan = PaperPrinter(settings).papers(_saved(with_slip=True))
    assert [(what, printer, size) for _pdf, what, printer, size in plan] == [
        ("receipt", "A4", PageSize.A4),
        ("receipt80", "Nhiệt 80", PageSize.ROLL_80MM),
    ]
    form01 = pdf_text(plan[0][0])
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in form01
    assert "Liên 1" in form01 and "Liên 2" in form01  # both copies
    slip = pdf_text(plan[1][0])
    assert "CỘNG HÒA" not in slip and "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN" not in slip
    assert "tra cứu" in slip.lower()


def test_without_a_receipt_printer_only_form_01(qtbot) -> None:  # type: ignore[no-untyped-def]
    plan = PaperPrinter(Settings()).papers(_saved(with_slip=False))
    assert [what for _pdf, what, _p, _s in plan] == ["receipt"]
