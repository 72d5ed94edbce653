"""The office head's indicators page: figures, QPainter bars, a click lists the dossiers
behind a figure, Enter opens one, exports to XLSX and PDF."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from report_samples import NOW, Month

from app.ui.reports.indicators_page import IndicatorsPage
from app.ui.tasks import SyncRunner


def _page(qtbot, month: Month, tmp_path: Path, opened: list[str]) -> IndicatorsPage:
    page = IndicatorsPage(
        month.env.db,
        open_dossier=opened.append,
        runner=SyncRunner(),
        clock=lambda: NOW,
        ask_path=lambda _w, _t, name: tmp_path / name,
    )
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.date_from.setDate(QDate(2026, 3, 1))
    page.date_to.setDate(QDate(2026, 3, 31))
    page.refresh()
    return page


def test_a_bar_click_lists_the_dossiers_behind_it_and_enter_opens_one(
    qtbot, month: Month, tmp_path: Path
) -> None:
    opened: list[str] = []
    page = _page(qtbot, month, tmp_path, opened)
    assert page.indicators is not None and page.indicators.dossiers == 6
    keys = [bar[0] for bar in page.bars.bars]
    row = keys.index("identified.typed")
    qtbot.mouseClick(
        page.bars, Qt.MouseButton.LeftButton, pos=page.bars.rect().topLeft() + _row(page, row)
    )
    codes = {page.behind.item(r, 0).text() for r in range(page.behind.rowCount())}
    assert codes == {month.code("C"), month.code("G")}
    assert "2 hồ sơ" in page.behind_label.text()
    if os.environ.get("MOTCUA_WRITE_SCREENSHOTS") == "1":  # make screenshots
        shots = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
        page.grab().save(str(shots / "indicators.png"))
    page.behind.setFocus()
    page.behind.setCurrentCell(0, 0)
    qtbot.keyClick(page.behind, Qt.Key.Key_Return)
    assert opened and opened[0] in {month.dossiers["C"].id, month.dossiers["G"].id}

    # keyboard only: focus the bars, move to QR, Enter
    page.bars.setFocus()
    page.bars.current = 0
    for _ in range(keys.index("identified.qr")):
        qtbot.keyClick(page.bars, Qt.Key.Key_Down)
    qtbot.keyClick(page.bars, Qt.Key.Key_Return)
    assert page.behind.rowCount() == 1 and page.behind.item(0, 0).text() == month.code("B")


def _row(page: IndicatorsPage, row: int):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    return QPoint(page.bars.width() // 2, 4 + row * page.bars.ROW + page.bars.ROW // 2)


def test_missing_data_is_said_and_the_late_row_lists_late_dossiers(
    qtbot, month: Month, tmp_path: Path
) -> None:
    page = _page(qtbot, month, tmp_path, [])
    rows = {page.figures.item(r, 0).text(): r for r in range(page.figures.rowCount())}
    register = rows["Người tham gia đã đối chiếu khớp với CSDL quốc gia về dân cư"]
    assert page.figures.item(register, 1).text() == "chưa có dữ liệu"
    page.figures.cellClicked.emit(rows["Trễ hạn"], 0)
    codes = {page.behind.item(r, 0).text() for r in range(page.behind.rowCount())}
    assert codes == {month.code("B"), month.code("D")}


def test_exports_write_xlsx_and_pdf_files(qtbot, month: Month, tmp_path: Path) -> None:
    page = _page(qtbot, month, tmp_path, [])
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=3000)  # shortcuts need focus
    qtbot.keyClick(page, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    xlsx = tmp_path / "chi-tieu-de-an-06-20260301-20260331.xlsx"
    pdf = tmp_path / "chi-tieu-de-an-06-20260301-20260331.pdf"
    assert xlsx.read_bytes()[:2] == b"PK" and pdf.read_bytes()[:4] == b"%PDF"
    page.grab().save(str(tmp_path / "indicators.png"))
    assert dt.date(2026, 3, 31) == page.indicators.end  # type: ignore[union-attr]


def test_the_default_period_ends_on_the_offices_day_not_utcs(qtbot, month: Month) -> None:
    # 20:30 UTC on 30 April is already 1 May at the office (UTC+7): the default
    # period is May so far, and today's dossiers are in it.
    evening_utc = dt.datetime(2026, 4, 30, 20, 30, tzinfo=dt.UTC)
    page = IndicatorsPage(month.env.db, runner=SyncRunner(), clock=lambda: evening_utc)
    qtbot.addWidget(page)
    assert page.date_from.date() == QDate(2026, 5, 1)
    assert page.date_to.date() == QDate(2026, 5, 1)


def test_clicking_the_register_row_lists_its_dossiers(qtbot, month: Month, tmp_path: Path) -> None:
    """The register figure comes from central under the key "register.verified"; a
    click on its row (and Enter on it) lists the dossiers behind it."""
    from app.services.indicators import REGISTER_LABEL, Figure

    verified = (month.dossiers["C"].id, month.dossiers["G"].id)
    page = IndicatorsPage(
        month.env.db,
        register_figure=lambda _s, _e: Figure("register.verified", REGISTER_LABEL, 2, 3, verified),
        runner=SyncRunner(),
        clock=lambda: NOW,
        ask_path=lambda _w, _t, name: tmp_path / name,
    )
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.date_from.setDate(QDate(2026, 3, 1))
    page.date_to.setDate(QDate(2026, 3, 31))
    page.refresh()
    page.show()
    rows = {page.figures.item(r, 0).text(): r for r in range(page.figures.rowCount())}
    row = rows[REGISTER_LABEL]
    assert page.figures.item(row, 1).text() == "2"
    page.figures.scrollToItem(page.figures.item(row, 0))
    cell = page.figures.visualItemRect(page.figures.item(row, 0)).center()
    qtbot.mouseClick(page.figures.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    codes = {page.behind.item(r, 0).text() for r in range(page.behind.rowCount())}
    assert codes == {month.code("C"), month.code("G")}

    page.behind.setRowCount(0)
    page.figures.setFocus()
    page.figures.setCurrentCell(row, 0)
    qtbot.keyClick(page.figures, Qt.Key.Key_Return)
    assert page.behind.rowCount() == 2


def test_life_events_received_opened_and_days_show_and_list_their_dossier(
    qtbot, month: Month, tmp_path: Path
) -> None:
    """A birth routed here on 3 March, the family came on 9 March (dossier C): the
    office head reads 1 received, 1 opened, 8 days, and the opened row lists C."""
    from app.services.storage.models import LifeEvent

    with month.env.db.session() as s:
        s.add(
            LifeEvent(
                id="6c1f1e52-0000-4000-8000-0000000000aa", event_type="birth",
                certificate_number="CS00000099/2026", event_date=dt.date(2026, 3, 1),
                procedure_codes=["603"], status="closed", closed_dossier_code=month.code("C"),
                received_at=dt.datetime(2026, 3, 3, 2, 0, tzinfo=dt.UTC),
                closed_at=dt.datetime(2026, 3, 9, 3, 0, tzinfo=dt.UTC),
            )
        )  # fmt: skip
    page = _page(qtbot, month, tmp_path, [])
    cells = {
        page.figures.item(r, 0).text(): (r, page.figures.item(r, 1).text())
        for r in range(page.figures.rowCount())
    }
    assert cells["Sự kiện hộ tịch nhận được (khai sinh, khai tử)"][1] == "1"
    assert cells["Số ngày trung bình từ sự kiện đến khi lập hồ sơ"][1] == "8,0"
    row, count = cells["Hồ sơ lập từ sự kiện hộ tịch"]
    assert count == "1"
    page.figures.cellClicked.emit(row, 0)
    assert [page.behind.item(r, 0).text() for r in range(page.behind.rowCount())] == [
        month.code("C")
    ]
