"""Báo cáo: the counter's numbers for a period, the tracking book (form 07), CSV exports.

The page shows counts only; the citizens' names appear on paper (form 07) or in the
supervisor's CSV, and each of those uses writes the access log (see
``app.services.reports``). Counting, reading the book's rows, rendering it and
writing the access log run on the page's worker (``runner``), never on the GUI thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.services.calendar.days import local
from app.services.lifecycle import Status, Timeliness
from app.services.reports import (
    MAX_PERIOD_DAYS,
    METHODS,
    Period,
    PeriodKind,
    ReportFilter,
    ReportOfficer,
    ReportScreen,
    Summary,
    read_report,
)
from app.services.security.permissions import Permission, allowed
from app.services.storage.db import Database
from app.settings import Settings
from app.shared.types import utcnow
from app.ui.dossiers.labels import status_label
from app.ui.messages import show_error
from app.ui.reports.labels import percent, period_label, timeliness_label, verified_by_label
from app.ui.reports.paper_actions import AskPath, PaperActions, ask_save_path
from app.ui.reports.widgets import AMBER, GREEN, RED, Tile, count_table, fill, fit_rows
from app.ui.tasks import TaskRunner


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class ReportsPage(PaperActions, QWidget):
    def __init__(
        self,
        db: Database,
        settings: Settings,
        officer: ReportOfficer,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], dt.datetime] = utcnow,
        runner: Any = None,  # TaskRunner, or tests' SyncRunner
        ask_path: AskPath = ask_save_path,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reports-page")
        self._db, self._settings, self._officer = db, settings, officer
        self._clock, self._ask_path = clock, ask_path
        self._runner = runner if runner is not None else TaskRunner(max_threads=1, parent=self)
        self._jobs: list[Any] = []
        self._loading = True  # no counting until the page is built
        self.summary: Summary | None = None

        heading = QLabel(self.tr("<b style='font-size:14pt'>Báo cáo</b>"))

        # --- what to count
        self.kind = QComboBox()
        self.kind.setObjectName("reports-period")
        for kind in PeriodKind:
            self.kind.addItem(period_label(kind), kind)
        kind_label = QLabel(self.tr("&Kỳ báo cáo:"))
        kind_label.setBuddy(self.kind)
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit, name in ((self.date_from, "reports-from"), (self.date_to, "reports-to")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        from_label = QLabel(self.tr("&Từ ngày:"))
        from_label.setBuddy(self.date_from)
        to_label = QLabel(self.tr("Đế&n ngày:"))
        to_label.setBuddy(self.date_to)
        self.procedure = QComboBox()
        self.procedure.setObjectName("reports-procedure")
        self.procedure.setMinimumContentsLength(20)
        self.procedure.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        procedure_label = QLabel(self.tr("Thủ tụ&c:"))
        procedure_label.setBuddy(self.procedure)
        self.officer_filter = QComboBox()
        self.officer_filter.setObjectName("reports-officer")
        officer_label = QLabel(self.tr("Cán &bộ tiếp nhận:"))
        officer_label.setBuddy(self.officer_filter)
        self.refresh_button = QPushButton(self.tr("Làm &mới (F5)"))
        self.refresh_button.setObjectName("reports-refresh")

        self.caption = QLabel()
        self.caption.setObjectName("reports-caption")
        self.caption.setWordWrap(True)

        # --- headline numbers
        self.tiles = {
            "received": Tile(self.tr("Hồ sơ tiếp nhận trong kỳ"), "received"),
            "returned": Tile(self.tr("Hồ sơ đã trả kết quả trong kỳ"), "returned"),
            "on_time": Tile(self.tr("Có kết quả đúng hạn, trước hạn"), "on_time"),
            "late": Tile(self.tr("Quá hạn (đã có kết quả hoặc còn mở)"), "late"),
            "chip": Tile(self.tr("Hồ sơ xác thực bằng chip"), "chip"),
        }

        # --- tables
        self.status_table = count_table(
            "reports-status", [self.tr("Trạng thái hiện tại"), self.tr("Số hồ sơ")]
        )
        self.timeliness_table = count_table(
            "reports-timeliness", [self.tr("Tiến độ giải quyết"), self.tr("Số hồ sơ")]
        )
        self.procedure_table = count_table(
            "reports-procedures",
            [
                self.tr("Mã"),
                self.tr("Thủ tục"),
                self.tr("Tiếp nhận"),
                self.tr("Đã trả"),
                self.tr("Đúng hạn"),
                self.tr("Quá hạn"),
                self.tr("Trong hạn"),
            ],
        )
        self.procedure_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        self.procedure_table.setWordWrap(False)
        self.procedure_table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verification_table = count_table(
            "reports-verification", [self.tr("Cách xác thực số định danh"), self.tr("Số hồ sơ")]
        )
        for table, lines in (
            (self.status_table, len(Status)),
            (self.timeliness_table, len(Timeliness)),
            (self.verification_table, len(METHODS)),
        ):
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            fit_rows(table, lines)
        fit_rows(self.procedure_table, 4)
        self.verification_table.setMaximumHeight(self.verification_table.minimumHeight())
        self.chip_bar = QProgressBar()
        self.chip_bar.setObjectName("reports-chip-share")
        self.chip_bar.setRange(0, 1000)
        self.chip_bar.setTextVisible(True)
        self.chip_bar.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chip_text = QLabel()
        self.chip_text.setObjectName("reports-chip-text")
        self.chip_note = QLabel(
            self.tr("Mục tiêu Đề án 06: 100 %. Mã QR và nhập tay chưa phải là xác thực.")
        )
        self.chip_note.setToolTip(
            self.tr(
                "Đề án 06 yêu cầu xác thực số định danh của mọi người tham gia. Mã QR và nhập "
                "tay chỉ chép thông tin in trên thẻ; đọc chip có kiểm tra chữ ký số của dữ liệu."
            )
        )
        self.chip_note.setWordWrap(True)
        self.chip_note.setStyleSheet("color: #505050;")

        # --- papers and files
        self.preview_button = QPushButton(self.tr("&Xem trước mẫu 07"))
        self.preview_button.setObjectName("reports-preview")
        self.print_button = QPushButton(self.tr("&In sổ theo dõi hồ sơ (mẫu 07)"))
        self.print_button.setObjectName("reports-print")
        self.print_button.setToolTip(self.tr("Ctrl+P — in danh sách hồ sơ tiếp nhận trong kỳ"))
        self.export_button = QPushButton(self.tr("Xuất CS&V…"))
        self.export_button.setObjectName("reports-export")
        self.export_menu = QMenu(self.export_button)
        self.export_summary_action = self.export_menu.addAction(
            self.tr("&Bảng tổng hợp (không có dữ liệu cá nhân)…")
        )
        self.export_tracking_action = self.export_menu.addAction(
            self.tr("&Sổ theo dõi hồ sơ (có dữ liệu cá nhân)…")
        )
        self.export_button.setMenu(self.export_menu)
        self.can_export = allowed(officer, Permission.EXPORT_DATA)
        self.export_note = QLabel()
        self.export_note.setObjectName("reports-export-note")
        if not self.can_export:
            why = self.tr(
                "Chỉ lãnh đạo bộ phận được xuất dữ liệu ra tệp: sổ theo dõi có họ tên, địa chỉ "
                "của công dân."
            )
            self.export_button.setEnabled(False)
            self.export_button.setToolTip(why)
            self.export_button.setAccessibleDescription(why)
            self.export_note.setText(self.tr("Xuất CSV: chỉ lãnh đạo bộ phận."))
            self.export_note.setToolTip(why)
        self.message = QLabel()
        self.message.setObjectName("reports-message")
        self.message.setWordWrap(True)

        # --- layout
        # Two rows: the page must fit the main window's 1,000-pixel content area.
        when = QHBoxLayout()
        for w in (kind_label, self.kind, from_label, self.date_from, to_label, self.date_to):
            when.addWidget(w)
        when.addStretch(1)
        when.addWidget(self.refresh_button)
        what = QHBoxLayout()
        for w in (procedure_label, self.procedure, officer_label, self.officer_filter):
            what.addWidget(w)
        what.setStretch(1, 3)
        what.setStretch(3, 1)

        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)

        verification = QGroupBox(self.tr("Xác thực danh tính người tham gia (Đề án 06)"))
        v_layout = QVBoxLayout(verification)
        v_layout.addWidget(self.chip_text)
        v_layout.addWidget(self.chip_bar)
        v_layout.addWidget(self.verification_table)
        v_layout.addWidget(self.chip_note)

        grid = QGridLayout()
        grid.addWidget(self.status_table, 0, 0)
        grid.addWidget(self.timeliness_table, 0, 1)
        grid.addWidget(verification, 0, 2)
        grid.addWidget(self.procedure_table, 1, 0, 1, 3)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 4)
        grid.setRowStretch(0, 0)  # the fixed lists take what they need
        grid.setRowStretch(1, 1)  # procedures take the rest

        actions = QHBoxLayout()
        actions.addWidget(self.message, 1)
        actions.addWidget(self.preview_button)
        actions.addWidget(self.print_button)
        actions.addWidget(self.export_note)
        actions.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(when)
        layout.addLayout(what)
        layout.addWidget(self.caption)
        layout.addLayout(tiles)
        layout.addLayout(grid, 1)
        layout.addLayout(actions)

        # --- behaviour
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.date_from.dateChanged.connect(lambda _d: self._dates_edited(self.date_from))
        self.date_to.dateChanged.connect(lambda _d: self._dates_edited(self.date_to))
        self.procedure.currentIndexChanged.connect(lambda _i: self.refresh())
        self.officer_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)
        self.preview_button.clicked.connect(self.preview_tracking_book)
        self.print_button.clicked.connect(self.print_tracking_book)
        self.export_summary_action.triggered.connect(self.export_summary_csv)
        self.export_tracking_action.triggered.connect(self.export_tracking_csv)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_tracking_book)

        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(list(PeriodKind).index(PeriodKind.MONTH))
        self.kind.blockSignals(False)
        self._loading = False
        self._kind_changed()

    # --- the filter ---------------------------------------------------------------

    def _today(self) -> dt.date:
        return local(self._clock()).date()

    def period(self) -> Period:
        return Period(_pydate(self.date_from.date()), _pydate(self.date_to.date()))

    def report_filter(self) -> ReportFilter:
        return ReportFilter(
            self.period(),
            procedure_code=self.procedure.currentData() or "",
            officer_id=self.officer_filter.currentData() or "",
        )

    def set_period(self, kind: PeriodKind) -> None:
        self.kind.setCurrentIndex(list(PeriodKind).index(kind))

    def _kind_changed(self) -> None:
        self.refresh()  # which sets the dates of today, this week or this month

    def _dates_edited(self, edited: QDateEdit) -> None:
        if self._loading:
            return
        start, end = _pydate(self.date_from.date()), _pydate(self.date_to.date())
        span = dt.timedelta(days=MAX_PERIOD_DAYS - 1)
        self._loading = True
        try:
            # Keep the period forward and at most a year: move the other end.
            if edited is self.date_from and (end < start or end - start > span):
                self.date_to.setDate(_qdate(min(max(end, start), start + span)))
            elif edited is self.date_to and (end < start or end - start > span):
                self.date_from.setDate(_qdate(max(min(start, end), end - span)))
            if self.kind.currentData() != PeriodKind.CUSTOM:
                self.kind.setCurrentIndex(list(PeriodKind).index(PeriodKind.CUSTOM))
        finally:
            self._loading = False
        self.refresh()

    def _reload_choices(
        self, combo: QComboBox, everyone: str, choices: list[tuple[str, str]]
    ) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItem(everyone, "")
            for key, text in choices:
                combo.addItem(text, key)
            index = combo.findData(chosen) if chosen else 0
            combo.setCurrentIndex(max(index, 0))
        finally:
            combo.blockSignals(False)

    # --- the numbers --------------------------------------------------------------

    def refresh(self) -> None:
        """Count again (F5; also when the main window shows the page)."""
        if self._loading:
            return
        kind = PeriodKind(self.kind.currentData())
        if kind is not PeriodKind.CUSTOM:  # a page left open overnight moves to the new day
            period = Period.of(kind, self._today())
            self._loading = True
            try:
                self.date_from.setDate(_qdate(period.start))
                self.date_to.setDate(_qdate(period.end))
            finally:
                self._loading = False
        db, flt, as_of = self._db, self.report_filter(), self._clock()
        self._runner.run(lambda: read_report(db, flt, as_of), self._counted, self._failed)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        show_error(self, exc)

    def _counted(self, screen: ReportScreen) -> None:
        self._reload_choices(
            self.procedure,
            self.tr("Tất cả thủ tục"),
            [(code, f"{code} – {name}") for code, name in sorted(screen.procedures.items())],
        )
        self._reload_choices(self.officer_filter, self.tr("Tất cả cán bộ"), screen.officers)
        self.summary = screen.summary
        self._show(screen.summary)

    def _show(self, summary: Summary) -> None:
        period = summary.filter.period
        if period.days == 1:
            when = self.tr("ngày %1").replace("%1", f"{period.start:%d/%m/%Y}")
        else:
            when = (
                self.tr("từ ngày %1 đến ngày %2")
                .replace("%1", f"{period.start:%d/%m/%Y}")
                .replace("%2", f"{period.end:%d/%m/%Y}")
            )
        as_of = local(summary.as_of).strftime("%H:%M %d/%m/%Y")
        self.caption.setText(
            self.tr("Số liệu hồ sơ tiếp nhận %1 — tiến độ tính đến %2.")
            .replace("%2", as_of)
            .replace("%1", when)
        )
        v = summary.verification
        self.tiles["received"].set(str(summary.received))
        self.tiles["returned"].set(str(summary.returned))
        self.tiles["on_time"].set(str(summary.on_time), GREEN if summary.on_time else "")
        self.tiles["late"].set(str(summary.late), RED if summary.late else "")
        self.tiles["chip"].set(
            percent(v.chip_share),
            "" if v.chip_share is None else (GREEN if v.chip == v.dossiers else AMBER),
        )
        fill(self.status_table, [[status_label(s), n] for s, n in summary.by_status.items()])
        fill(self.timeliness_table, self._timeliness_rows(summary.by_timeliness))
        fill(
            self.procedure_table,
            [
                [p.code, p.name, p.received, p.returned, p.on_time, p.late, p.open_in_time]
                for p in summary.by_procedure
            ],
        )
        for row, p in enumerate(summary.by_procedure):
            item = self.procedure_table.item(row, 1)
            if item is not None:
                item.setToolTip(p.name)
        fill(
            self.verification_table,
            [[verified_by_label(m), n] for m, n in v.by_method.items()],
        )
        if v.chip_share is None:
            self.chip_bar.setValue(0)
            self.chip_bar.setFormat("—")
            self.chip_text.setText(self.tr("Chưa có hồ sơ nào tiếp nhận trong kỳ."))
        else:
            self.chip_bar.setValue(round(v.chip_share * 1000))
            self.chip_bar.setFormat(percent(v.chip_share))
            self.chip_text.setText(
                self.tr(
                    "%1 trên %2 hồ sơ tiếp nhận trong kỳ được xác thực bằng chip (CSCA tin cậy)."
                )
                .replace("%1", str(v.chip))
                .replace("%2", str(v.dossiers))
            )
        self.message.clear()

    @staticmethod
    def _timeliness_rows(counts: Mapping[Timeliness, int]) -> list[list[Any]]:
        return [[timeliness_label(t), n] for t, n in counts.items()]

    def count(self, status: Status) -> int:
        assert self.summary is not None
        return self.summary.by_status[status]
