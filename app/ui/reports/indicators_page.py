"""Chỉ tiêu Đề án 06: the office head's indicators for the counter's own office.

Pick a period (F5 counts again), read the figures (a table, bars for how citizens
were identified, a trend of dossiers per day), pick a figure (click a bar, or a row of
the table, then Enter) to list the dossiers behind it; Enter on a listed dossier opens
it. Export to XLSX (Ctrl+E) or PDF (Ctrl+P) in the BHXH report layout. Counting and
exporting run off the GUI thread; the figures come from ``app.services.indicators``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError, describe
from app.services import indicators_export, office_indicators
from app.services.calendar.days import local
from app.services.identity import IdentificationMethod
from app.services.indicators import (
    BIOMETRIC_LABEL,
    NO_DATA,
    REGISTER_LABEL,
    Figure,
    Indicators,
    LifeEventFigures,
)
from app.services.storage.db import Database
from app.services.vocabulary import identification_name
from app.shared.types import utcnow
from app.ui.dossiers.labels import status_label
from app.ui.reports.indicators_chart import BarChart, TrendChart
from app.ui.reports.paper_actions import ask_save_path
from app.ui.tasks import TaskRunner

KEY = Qt.ItemDataRole.UserRole


def _t(text: str) -> str:
    """A marked constant of ``app.services.indicators``: its own ("indicators") or, for
    the identification figures, the shared vocabulary's ("vocabulary")."""
    shown = QCoreApplication.translate("indicators", text)
    return shown if shown != text else QCoreApplication.translate("vocabulary", text)


def _share(figure: Figure | None) -> str:
    if figure is None or figure.share is None:
        return _t(NO_DATA) if figure is None else "—"
    return f"{figure.share:.1%}"


class IndicatorsPage(QWidget):
    def __init__(
        self,
        db: Database,
        *,
        open_dossier: Callable[[str], None] | None = None,
        register_figure: Callable[[dt.date, dt.date], Figure] | None = None,
        runner: Any = None,
        clock: Callable[[], dt.datetime] = utcnow,
        ask_path: Callable[[QWidget, str, str], Path | None] = ask_save_path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("indicators-page")
        self._db, self._open, self._clock, self._ask_path = db, open_dossier, clock, ask_path
        self._register_figure = register_figure  # from central; None: offline counter
        self.register_note = ""
        self._runner = runner if runner is not None else TaskRunner(max_threads=1, parent=self)
        self.indicators: Indicators | None = None

        today = local(clock()).date()  # the office's day, not UTC's
        self.date_from = QDateEdit(QDate(today.year, today.month, 1), objectName="ind-from")
        self.date_to = QDateEdit(QDate(today.year, today.month, today.day), objectName="ind-to")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        from_label = QLabel(self.tr("&Từ ngày:"))
        from_label.setBuddy(self.date_from)
        to_label = QLabel(self.tr("Đế&n ngày:"))
        to_label.setBuddy(self.date_to)
        self.count_button = QPushButton(self.tr("Tính lại (F5)"), objectName="ind-refresh")
        self.xlsx_button = QPushButton(self.tr("Xuất &Excel (Ctrl+E)"), objectName="ind-xlsx")
        self.pdf_button = QPushButton(self.tr("Xuất &PDF (Ctrl+P)"), objectName="ind-pdf")
        self.count_button.clicked.connect(self.refresh)
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self.pdf_button.clicked.connect(self.export_pdf)
        bar = QHBoxLayout()
        for w in (from_label, self.date_from, to_label, self.date_to, self.count_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.xlsx_button)
        bar.addWidget(self.pdf_button)

        self.status = QLabel(objectName="ind-status")
        self.bars = BarChart()
        self.bars.setObjectName("ind-bars")
        self.bars.figure_clicked.connect(self.show_dossiers)
        self.trend = TrendChart()
        self.figures = QTableWidget(0, 3, objectName="ind-figures")
        self.figures.setHorizontalHeaderLabels(
            [self.tr("Chỉ tiêu"), self.tr("Số lượng"), self.tr("Tỷ lệ")]
        )
        self.figures.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.figures.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.figures.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.figures.itemActivated.connect(lambda item: self._figure_row(item.row()))
        self.figures.cellClicked.connect(lambda row, _col: self._figure_row(row))
        self.behind_label = QLabel(objectName="ind-behind-label")
        self.behind = QTableWidget(0, 4, objectName="ind-behind")
        self.behind.setHorizontalHeaderLabels(
            [self.tr("Mã hồ sơ"), self.tr("Thủ tục"), self.tr("Trạng thái"), self.tr("Ngày nhận")]
        )
        self.behind.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.behind.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.behind.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.behind.itemActivated.connect(lambda item: self._open_row(item.row()))

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("<b>Định danh công dân khi tiếp nhận</b>")))
        left.addWidget(self.bars)
        left.addWidget(QLabel(self.tr("<b>Hồ sơ theo ngày</b>")))
        left.addWidget(self.trend, 1)
        right = QVBoxLayout()
        right.addWidget(self.figures, 3)
        right.addWidget(self.behind_label)
        right.addWidget(self.behind, 2)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<b style='font-size:14pt'>Chỉ tiêu Đề án 06</b>")))
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addLayout(body, 1)
        for keys, slot in (("F5", self.refresh), ("Ctrl+E", self.export_xlsx)):
            QShortcut(QKeySequence(keys), self, activated=slot)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self.export_pdf)
        self.refresh()

    # --- counting --------------------------------------------------------------------
    def period(self) -> tuple[dt.date, dt.date]:
        start: dt.date = self.date_from.date().toPython()  # type: ignore[assignment]
        end: dt.date = self.date_to.date().toPython()  # type: ignore[assignment]
        return start, end

    def refresh(self) -> None:
        start, end = self.period()
        if end < start or (end - start).days > 366:
            self.status.setText(self.tr("Kỳ báo cáo không hợp lệ: đến ngày phải sau từ ngày."))
            return
        db, as_of = self._db, self._clock()
        self.status.setText(self.tr("Đang tính…"))

        fetch_register = self._register_figure

        def work() -> tuple[Indicators, str]:
            ind = office_indicators.read_for_office(db, start, end, as_of)
            if fetch_register is None:
                return ind, ""
            try:  # the register check runs at central: its figure comes from there
                return dataclasses.replace(ind, register=fetch_register(start, end)), ""
            except UserError as exc:
                return ind, describe(exc).title

        self._runner.run(work, self._show, self._failed)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        self.status.setText(describe(exc).title)

    def _show(self, result: tuple[Indicators, str]) -> None:
        ind, self.register_note = result
        self.indicators = ind
        text = self.tr("{0}: {1} hồ sơ tiếp nhận từ {2:%d/%m/%Y} đến {3:%d/%m/%Y}.").format(
            ind.unit, ind.dossiers, ind.start, ind.end
        )
        if self.register_note:
            text += " " + self.tr("Chưa lấy được kết quả đối chiếu CSDL dân cư ({0}).").format(
                self.register_note
            )
        self.status.setText(text)
        self.bars.set_bars([(f.key, _t(f.label), f.count, f.share) for f in ind.identification])
        self.trend.set_days(
            ind.daily, (self.tr("Hồ sơ"), identification_name(IdentificationMethod.CHIP_TRUSTED))
        )
        rows: list[tuple[str, Figure | None]] = [
            *[(f.key, f) for f in ind.identification],
            # a present figure is stored under its own key (e.g. "register.verified")
            (ind.register.key if ind.register else "register", ind.register),
            (ind.biometrics.key if ind.biometrics else "biometrics", ind.biometrics),
            (ind.reuse.key, ind.reuse),
            *[(f.key, f) for f in (*ind.procedures, *ind.channels, *ind.timeliness)],
        ]
        if ind.life_events is not None:
            rows.append((ind.life_events.opened.key, ind.life_events.opened))
        self.figures.setRowCount(len(rows))
        labels = {
            "register": _t(REGISTER_LABEL),
            "biometrics": _t(BIOMETRIC_LABEL),
        }
        for r, (key, figure) in enumerate(rows):
            label = _t(figure.label) if figure is not None else labels[key]
            count = str(figure.count) if figure is not None else _t(NO_DATA)
            for c, value in enumerate((label, count, _share(figure))):
                item = QTableWidgetItem(value)
                item.setData(KEY, key if figure is not None else "")
                self.figures.setItem(r, c, item)
        if ind.life_events is not None:
            self._life_event_rows(ind.life_events)
        self.behind.setRowCount(0)
        self.behind_label.setText(self.tr("Chọn một chỉ tiêu để xem các hồ sơ."))

    def _life_event_rows(self, events: LifeEventFigures) -> None:
        """Births and deaths received, and the days from the event to its dossier (the
        dossiers opened from them are a figure row above, listed on a click)."""
        days = "—" if events.mean_days is None else f"{events.mean_days:.1f}".replace(".", ",")
        for label, value in (
            (self.tr("Sự kiện hộ tịch nhận được (khai sinh, khai tử)"), str(events.received)),
            (self.tr("Số ngày trung bình từ sự kiện đến khi lập hồ sơ"), days),
            (self.tr("Sự kiện đã liên hệ gia đình"), str(events.contacted)),
            (self.tr("Lần liên hệ gia đình"), str(events.contact_attempts)),
        ):
            row = self.figures.rowCount()
            self.figures.insertRow(row)
            for c, text in enumerate((label, value, "")):
                item = QTableWidgetItem(text)
                item.setData(KEY, "")
                self.figures.setItem(row, c, item)

    # --- the dossiers behind a figure -------------------------------------------------
    def _figure_row(self, row: int) -> None:
        item = self.figures.item(row, 0)
        if item is not None and item.data(KEY):
            self.show_dossiers(item.data(KEY))

    def show_dossiers(self, key: str) -> None:
        if self.indicators is None:
            return
        figure = self.indicators.figure(key)
        db, ids = self._db, list(figure.dossiers)
        self._runner.run(
            lambda: office_indicators.dossiers_behind(db, ids),
            lambda rows: self._show_behind(figure, rows),
            self._failed,
        )

    def _show_behind(self, figure: Figure, rows: list[office_indicators.DossierLine]) -> None:
        self.behind_label.setText(
            self.tr("{0}: {1} hồ sơ (Enter để mở)").format(_t(figure.label), len(rows))
        )
        self.behind.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = (
                row.code,
                row.procedure_code,
                status_label(row.status),
                local(row.submitted_at).strftime("%d/%m/%Y"),
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(KEY, row.id)
                self.behind.setItem(r, c, item)
        if rows:
            self.behind.selectRow(0)

    def _open_row(self, row: int) -> None:
        item = self.behind.item(row, 0)
        if item is not None and self._open is not None:
            self._open(item.data(KEY))

    # --- export ----------------------------------------------------------------------
    def _export(self, suffix: str, render: Callable[[Indicators], bytes]) -> None:
        ind = self.indicators
        if ind is None:
            return
        name = f"chi-tieu-de-an-06-{ind.start:%Y%m%d}-{ind.end:%Y%m%d}.{suffix}"
        path = self._ask_path(self, self.tr("Lưu báo cáo chỉ tiêu"), name)
        if path is None:
            return

        def work() -> Path:
            path.write_bytes(render(ind))
            return path

        def failed(exc: BaseException) -> None:
            if isinstance(exc, OSError):
                QMessageBox.warning(
                    self, self.tr("Không lưu được tệp"), self.tr("Chọn thư mục khác rồi thử lại.")
                )
                return
            raise exc

        self._runner.run(
            work, lambda p: self.status.setText(self.tr("Đã lưu {0}").format(p)), failed
        )

    def export_xlsx(self) -> None:
        self._export("xlsx", lambda ind: indicators_export.to_xlsx([ind]))

    def export_pdf(self) -> None:
        self._export("pdf", lambda ind: indicators_export.to_pdf([ind]))
