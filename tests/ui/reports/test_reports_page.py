"""The reports page as a supervisor and an officer use it, on the crafted month."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from forms_readback import pdf_text
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot
from report_samples import NOW, Month, take_in
from sqlalchemy import select

from app.services.dossiers import INTAKE_PURPOSE
from app.services.lifecycle import Status
from app.services.reports import MAX_PERIOD_DAYS, PeriodKind, read_tracking_rows
from app.services.storage.models import AuditEvent, Dossier
from app.ui.reports import ReportsPage
from app.ui.reports import paper_actions as paper_actions
from app.ui.tasks import SyncRunner

SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def make_page(
    qtbot: QtBot, month: Month, role: str = "supervisor", clock=lambda: NOW, **kw
) -> ReportsPage:
    officer = SimpleNamespace(officer_id=month.env.officer.id, role=role)
    settings = month.env.settings.replace(
        office_name="Bảo hiểm xã hội cơ sở Thử Nghiệm", place_name="Thử Nghiệm", **kw
    )
    page = ReportsPage(
        month.env.db,
        settings,
        officer,
        clock=clock,
        runner=SyncRunner(),
        ask_path=lambda *_: page.save_to,  # type: ignore[attr-defined]
    )
    page.save_to = None  # type: ignore[attr-defined]
    qtbot.addWidget(page)
    page.resize(1010, 730)  # the main window's page area at its default size
    with qtbot.waitActive(page):  # shortcuts (F5, Ctrl+P) act in the active window only
        page.show()
        page.activateWindow()
    return page


def tile(page: ReportsPage, name: str) -> str:
    return page.tiles[name].value.text()


def logged(month: Month) -> list[AuditEvent]:
    """The access records the page wrote (each intake's own record aside)."""
    with month.env.db.session() as s:
        return list(
            s.scalars(
                select(AuditEvent)
                .where(AuditEvent.purpose != INTAKE_PURPOSE)
                .order_by(AuditEvent.seq)
            )
        )


def shot(page: ReportsPage, name: str) -> Path:
    """A picture of the page; into docs/screenshots only with MOTCUA_WRITE_SCREENSHOTS=1."""
    wanted = os.environ.get("MOTCUA_WRITE_SCREENSHOTS") == "1"
    folder = SCREENSHOTS if wanted else Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    assert page.grab().save(str(path))
    return path


class FakeJob(QObject):
    finished = Signal()
    failed = Signal(object)


# ---- numbers -------------------------------------------------------------------------


def test_opens_on_this_month_with_its_numbers(qtbot: QtBot, month: Month) -> None:
    with month.env.db.session() as s:  # A's chip chained to a trusted CSCA; the rest did not
        s.get(Dossier, month.dossiers["A"].id).identified_by = "chip_trusted"
    page = make_page(qtbot, month)
    assert page.kind.currentData() == PeriodKind.MONTH
    assert page.date_from.date().toString("dd/MM/yyyy") == "01/03/2026"
    assert page.date_to.date().toString("dd/MM/yyyy") == "31/03/2026"
    assert (tile(page, "received"), tile(page, "returned")) == ("6", "2")
    assert (tile(page, "on_time"), tile(page, "late")) == ("1", "2")
    assert tile(page, "chip") == "16,7 %"
    assert "1 trên 6 hồ sơ" in page.chip_text.text()
    assert page.chip_bar.value() == 167
    methods = {
        page.verification_table.item(r, 0).text(): page.verification_table.item(r, 1).text()
        for r in range(page.verification_table.rowCount())
    }
    assert methods["Chip, xác thực không đạt"] == "2"  # D and E
    assert page.count(Status.COMPLETION_REQUESTED) == 1
    status_rows = {
        page.status_table.item(r, 0).text(): page.status_table.item(r, 1).text()
        for r in range(page.status_table.rowCount())
    }
    assert status_rows["Chờ bổ sung"] == "1" and status_rows["Đã tiếp nhận"] == "2"
    codes = [page.procedure_table.item(r, 0).text() for r in range(page.procedure_table.rowCount())]
    assert codes == ["602", "603", "608", "610"]
    assert "12/03/2026" in page.caption.text()


def test_changing_the_period_updates_the_numbers(qtbot: QtBot, month: Month) -> None:
    page = make_page(qtbot, month)
    page.set_period(PeriodKind.TODAY)  # Thursday 12: nothing received yet
    assert tile(page, "received") == "0"
    assert tile(page, "chip") == "—"
    page.set_period(PeriodKind.WEEK)  # 9–15 March: E and G
    assert page.date_from.date().toString("dd/MM/yyyy") == "09/03/2026"
    assert (tile(page, "received"), tile(page, "returned")) == ("2", "1")
    # Typing a date switches to a custom period and counts again.
    page.date_from.setFocus()
    page.date_from.setDate(page.date_from.date().addDays(-8))  # 1 March
    assert page.kind.currentData() == PeriodKind.CUSTOM
    assert tile(page, "received") == "6"


def test_a_custom_period_stays_forward_and_within_a_year(qtbot: QtBot, month: Month) -> None:
    page = make_page(qtbot, month)
    end = page.date_to.date()
    page.date_to.setDate(page.date_from.date().addDays(-3))  # 26 Feb, before the start
    assert page.date_from.date() == page.date_to.date()  # the start followed
    page.date_to.setDate(end)
    page.date_from.setDate(end.addYears(-2))  # two years back
    assert page.date_from.date().daysTo(page.date_to.date()) == MAX_PERIOD_DAYS - 1
    assert page.period().days == MAX_PERIOD_DAYS


def test_f5_counts_again(qtbot: QtBot, month: Month) -> None:
    page = make_page(qtbot, month)
    take_in(month.env, 9, "Tạ Văn Mới", "2026-03-12T08:30")
    assert tile(page, "received") == "6"
    qtbot.keyClick(page, Qt.Key.Key_F5)
    assert tile(page, "received") == "7"


def test_a_page_left_open_overnight_counts_the_new_day(qtbot: QtBot, month: Month) -> None:
    now = [NOW]
    page = make_page(qtbot, month, clock=lambda: now[0])
    page.set_period(PeriodKind.TODAY)
    assert tile(page, "received") == "0"
    take_in(month.env, 9, "Tạ Văn Mới", "2026-03-13T08:30")
    now[0] = NOW + dt.timedelta(days=1)  # Friday 13, 09:00
    qtbot.keyClick(page, Qt.Key.Key_F5)
    assert page.date_from.date().toString("dd/MM/yyyy") == "13/03/2026"
    assert tile(page, "received") == "1"


def test_filtering_by_procedure_and_officer(qtbot: QtBot, month: Month) -> None:
    page = make_page(qtbot, month)
    page.procedure.setCurrentIndex(page.procedure.findData("603"))
    assert (tile(page, "received"), tile(page, "returned")) == ("3", "2")
    page.procedure.setCurrentIndex(0)
    page.officer_filter.setCurrentIndex(page.officer_filter.findData(month.second_officer.id))
    assert tile(page, "received") == "1"
    page.refresh()  # choices reload; the chosen officer stays chosen
    assert page.officer_filter.currentData() == month.second_officer.id


# ---- who may export -----------------------------------------------------------------


def test_an_officer_cannot_export_and_is_told_why(qtbot: QtBot, month: Month, tmp_path) -> None:
    page = make_page(qtbot, month, role="officer")
    assert not page.export_button.isEnabled()
    assert "lãnh đạo" in page.export_button.toolTip()
    assert page.export_note.text()  # said on the page too, for keyboard users
    page.save_to = tmp_path / "x.csv"  # type: ignore[attr-defined]
    assert page.export_tracking_csv() is None
    assert not (tmp_path / "x.csv").exists()
    assert page.print_button.isEnabled()  # printing the book is every officer's work


def test_a_supervisor_exports_the_tracking_book(qtbot: QtBot, month: Month, tmp_path) -> None:
    page = make_page(qtbot, month)
    assert page.export_button.isEnabled()
    page.save_to = tmp_path / "so.csv"  # type: ignore[attr-defined]
    page.export_tracking_action.trigger()
    table = list(csv.reader(io.StringIO((tmp_path / "so.csv").read_text("utf-8-sig"))))
    assert [row[1] for row in table[1:]] == [month.code(k) for k in "ABCDEG"]
    assert [e.action for e in logged(month)] == ["export"] * 6
    assert "6 hồ sơ" in page.message.text()


def test_a_supervisor_exports_the_summary(qtbot: QtBot, month: Month, tmp_path) -> None:
    page = make_page(qtbot, month)
    page.set_period(PeriodKind.WEEK)
    page.save_to = tmp_path / "tong-hop.csv"  # type: ignore[attr-defined]
    page.export_summary_action.trigger()
    rows = list(csv.reader(io.StringIO((tmp_path / "tong-hop.csv").read_text("utf-8-sig"))))
    values = {(r[0], r[1]): r[3] for r in rows[1:]}
    assert values[("ky_bao_cao", "tu_ngay")] == "2026-03-09"
    assert values[("tong_hop", "received")] == "2"
    assert logged(month) == []  # counts only


# ---- form 07 -------------------------------------------------------------------------


def test_the_tracking_book_the_page_prints_lists_the_period(qtbot: QtBot, month: Month) -> None:
    page = make_page(qtbot, month)
    pdf = page.tracking_book_pdf(
        read_tracking_rows(month.env.db, page.report_filter()), page.period()
    )
    text = pdf_text(pdf)
    for letter in "ABCDEG":
        assert month.code(letter) in text
    assert month.code("F") not in text
    assert "BẢO HIỂM XÃ HỘI CƠ SỞ THỬ NGHIỆM" in text
    page.set_period(PeriodKind.WEEK)
    week = pdf_text(
        page.tracking_book_pdf(
            read_tracking_rows(month.env.db, page.report_filter()), page.period()
        )
    )
    assert month.code("E") in week and month.code("A") not in week


def test_printing_sends_form07_and_logs_each_dossier(
    qtbot: QtBot, month: Month, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[tuple[bytes, str | None, str]] = []
    job = FakeJob()

    def fake_start_print(pdf, printer, *args, job_name: str, **kw):
        sent.append((pdf, printer, job_name))
        return job

    monkeypatch.setattr(paper_actions, "start_print", fake_start_print)
    page = make_page(qtbot, month, default_printer="Quầy 1")
    qtbot.keyClick(page, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(sent) == 1
    pdf, printer, job_name = sent[0]
    assert printer == "Quầy 1"
    assert job_name == "MotCua-mau07-20260301-20260331"  # spooler logs: no names
    assert month.code("A") in pdf_text(pdf)
    assert logged(month) == []  # nothing printed yet
    job.finished.emit()
    entries = logged(month)
    assert [e.action for e in entries] == ["print"] * 6
    assert {e.dossier_id for e in entries} == {d.id for k, d in month.dossiers.items() if k != "F"}
    assert "6 hồ sơ" in page.message.text()


def test_nothing_to_print_in_an_empty_period(
    qtbot: QtBot, month: Month, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paper_actions, "start_print", lambda *a, **k: pytest.fail("printed"))
    page = make_page(qtbot, month)
    page.set_period(PeriodKind.TODAY)
    page.print_button.click()
    assert "Không có hồ sơ" in page.message.text()


def test_a_book_too_long_to_print_asks_for_a_shorter_period(
    qtbot: QtBot, month: Month, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paper_actions, "start_print", lambda *a, **k: pytest.fail("printed"))
    monkeypatch.setattr(paper_actions, "MAX_BOOK_ROWS", 5)
    page = make_page(qtbot, month)
    page.print_button.click()  # March: 6 dossiers
    assert "6 hồ sơ" in page.message.text() and "kỳ ngắn hơn" in page.message.text()
    assert logged(month) == []


@pytest.mark.parametrize(("accepted", "actions"), [(0, ["display"]), (1, ["display", "print"])])
def test_preview_logs_what_was_shown(
    qtbot: QtBot, month: Month, monkeypatch: pytest.MonkeyPatch, accepted: int, actions
) -> None:
    shown: list[bytes] = []
    monkeypatch.setattr(
        paper_actions, "preview_pdf", lambda parent, pdf, size: shown.append(pdf) or accepted
    )
    page = make_page(qtbot, month)
    page.set_period(PeriodKind.WEEK)
    page.preview_button.click()
    assert len(shown) == 1 and month.code("G") in pdf_text(shown[0])
    # E and G, once per use: shown, then printed from the preview when it was
    assert [e.action for e in logged(month)] == [a for a in actions for _dossier in "EG"]


def _cups_pdf_queue() -> bool:
    if shutil.which("lpstat") is None:
        return False
    running = subprocess.run(["lpstat", "-r"], capture_output=True, text=True).stdout
    if "is running" not in running or "not running" in running:
        return False
    return subprocess.run(["lpstat", "-p", "PDF"], capture_output=True).returncode == 0


def test_printing_to_a_real_cups_queue(qtbot: QtBot, month: Month) -> None:
    if not _cups_pdf_queue():
        if os.environ.get("MOTCUA_REQUIRE_CUPS") == "1":
            pytest.fail("CUPS required (MOTCUA_REQUIRE_CUPS=1) but no 'PDF' queue is running")
        pytest.skip("no CUPS scheduler with a 'PDF' queue")
    page = make_page(qtbot, month, default_printer="PDF")
    page.print_button.click()
    qtbot.waitUntil(lambda: "máy in" in page.message.text(), timeout=30000)
    assert [e.action for e in logged(month)] == ["print"] * 6


# ---- keyboard and looks --------------------------------------------------------------


def test_alt_letters_do_not_clash(qtbot: QtBot, month: Month) -> None:
    page = make_page(qtbot, month)
    texts = [w.text() for w in page.findChildren(QLabel)]
    texts += [b.text() for b in page.findChildren(QAbstractButton)]
    letters = [m.group(1).lower() for t in texts for m in re.finditer(r"&([^&\s])", t)]
    assert len(letters) >= 8
    assert len(letters) == len(set(letters)), letters
    labels_with_buddy = [w for w in page.findChildren(QLabel) if "&" in w.text()]
    assert all(label.buddy() is not None for label in labels_with_buddy)


def test_screenshot(qtbot: QtBot, month: Month) -> None:
    page = make_page(qtbot, month)
    qtbot.waitExposed(page)
    path = shot(page, "reports")
    assert path.stat().st_size > 10_000
