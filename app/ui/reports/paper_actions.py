"""The reports page's papers and files: form 07 printed or previewed, and the CSV exports.

Every use of the tracking book is a processing of personal data, so each one writes
the access log (``log_tracking_use``); reading its rows, rendering it and logging run
on the page's worker. Texts keep the page's translation context ("ReportsPage").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QWidget

from app.errors import UserError
from app.services.forms.model import Agency
from app.services.reports import (
    MAX_BOOK_ROWS,
    Period,
    ReportFilter,
    ReportOfficer,
    Summary,
    TrackingRow,
    export_summary,
    export_tracking_book,
    log_tracking_use,
    read_tracking_rows,
    render_tracking_book_pdf,
)
from app.services.storage.db import Database
from app.settings import Settings
from app.ui.messages import show_error
from app.ui.printing import PageSize, preview_pdf, start_print

# A save dialog: (parent, title, suggested file name) → chosen path or None.
AskPath = Callable[[QWidget, str, str], Path | None]


def ask_save_path(parent: QWidget, title: str, suggested: str) -> Path | None:
    start = Path.home() / "Documents"
    folder = start if start.is_dir() else Path.home()
    name, _ = QFileDialog.getSaveFileName(
        parent,
        title,
        str(folder / suggested),
        QCoreApplication.translate("ReportsPage", "Tệp CSV (*.csv)"),
    )
    return Path(name) if name else None


class PaperActions:
    """Mixed into ``ReportsPage``, which builds the buttons and holds the state below."""

    _db: Database
    _settings: Settings
    _officer: ReportOfficer
    _runner: Any
    _jobs: list[Any]
    _ask_path: AskPath
    summary: Summary | None
    can_export: bool
    message: QLabel
    print_button: QPushButton
    preview_button: QPushButton

    # provided by the page
    def period(self) -> Period: ...
    def report_filter(self) -> ReportFilter: ...
    def _today(self) -> dt.date: ...
    def _failed(self, exc: BaseException) -> None: ...

    def _widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    # --- form 07 ------------------------------------------------------------------

    def tracking_book_pdf(self, rows: list[TrackingRow], period: Period) -> bytes:
        """What the print and preview buttons send: form 07 for the period."""
        return _book(rows, period, _agency(self._settings), self._today())

    def _with_book(self, then: Callable[[list[TrackingRow], Period, bytes], None]) -> None:
        db, flt, period = self._db, self.report_filter(), self.period()
        agency, issued_on = _agency(self._settings), self._today()

        def work() -> tuple[list[TrackingRow], bytes | None]:
            rows = read_tracking_rows(db, flt)
            if not rows or len(rows) > MAX_BOOK_ROWS:
                return rows, None
            return rows, _book(rows, period, agency, issued_on)

        def done(result: tuple[list[TrackingRow], bytes | None]) -> None:
            self._buttons_back()
            rows, pdf = result
            if not rows:
                self.message.setText(
                    QCoreApplication.translate(
                        "ReportsPage", "Không có hồ sơ nào tiếp nhận trong kỳ này."
                    )
                )
            elif pdf is None:
                self.message.setText(
                    QCoreApplication.translate(
                        "ReportsPage",
                        "Kỳ này có %1 hồ sơ, quá nhiều để in một lần (tối đa %2): "
                        "hãy chọn kỳ ngắn hơn.",
                    )
                    .replace("%1", str(len(rows)))
                    .replace("%2", str(MAX_BOOK_ROWS))
                )
            else:
                then(rows, period, pdf)

        def failed(exc: BaseException) -> None:
            self._buttons_back()
            self._failed(exc)

        self.message.setText(
            QCoreApplication.translate("ReportsPage", "Đang chuẩn bị sổ theo dõi hồ sơ…")
        )
        self.print_button.setEnabled(False)
        self.preview_button.setEnabled(False)
        self._runner.run(work, done, failed)

    def _buttons_back(self) -> None:
        self.print_button.setEnabled(True)
        self.preview_button.setEnabled(True)
        self.message.clear()

    def _log_use(self, action: str, rows: list[TrackingRow], period: Period, what: str) -> None:
        db, officer_id = self._db, self._officer.officer_id
        self._runner.run(
            lambda: log_tracking_use(db, officer_id, action, rows, period, what),
            lambda _count: None,
            self._failed,
        )

    def print_tracking_book(self) -> None:
        self._with_book(self._send_to_printer)

    def _send_to_printer(self, rows: list[TrackingRow], period: Period, pdf: bytes) -> None:
        try:
            job = start_print(
                pdf,
                self._settings.default_printer or None,
                page_size=PageSize.A4,
                job_name=f"MotCua-mau07-{period.slug()}",  # spooler logs: no personal data
                parent=self._widget(),
            )
        except UserError as err:
            show_error(self._widget(), err)
            return
        self._jobs.append(job)
        job.finished.connect(lambda: self._printed(job, rows, period))
        job.failed.connect(lambda exc: self._print_failed(job, exc))

    def _printed(self, job: Any, rows: list[TrackingRow], period: Period) -> None:
        self._jobs.remove(job)
        self._log_use("print", rows, period, "form07 print")
        self.message.setText(
            QCoreApplication.translate(
                "ReportsPage", "Đã gửi sổ theo dõi hồ sơ (%1 hồ sơ) tới máy in."
            ).replace("%1", str(len(rows)))
        )

    def _print_failed(self, job: Any, exc: object) -> None:
        self._jobs.remove(job)
        if isinstance(exc, UserError):
            show_error(self._widget(), exc)
        elif isinstance(exc, BaseException):
            raise exc

    def preview_tracking_book(self) -> None:
        self._with_book(self._preview)

    def _preview(self, rows: list[TrackingRow], period: Period, pdf: bytes) -> None:
        # The names are on screen now; printing from the preview accepts the dialog.
        self._log_use("display", rows, period, "form07 preview")
        if preview_pdf(self._widget(), pdf, PageSize.A4):
            self._log_use("print", rows, period, "form07 print (preview)")

    # --- CSV ------------------------------------------------------------------------

    def export_summary_csv(self) -> Path | None:
        """The counts only (no personal data, no access log): written at once."""
        if not self.can_export or self.summary is None:
            return None
        path = self._ask_path(
            self._widget(),
            QCoreApplication.translate("ReportsPage", "Lưu bảng tổng hợp"),
            f"bao-cao-tong-hop-{self.summary.filter.period.slug()}.csv",
        )
        if path is None:
            return None
        try:
            export_summary(self.summary, path)
        except UserError as err:
            show_error(self._widget(), err)
            return None
        self.message.setText(
            QCoreApplication.translate("ReportsPage", "Đã lưu bảng tổng hợp: %1").replace(
                "%1", path.name
            )
        )
        return path

    def export_tracking_csv(self) -> None:
        """Form 07's rows as CSV, on the worker (it reads the rows and logs each one)."""
        if not self.can_export:
            return
        db, officer, flt = self._db, self._officer, self.report_filter()
        path = self._ask_path(
            self._widget(),
            QCoreApplication.translate("ReportsPage", "Lưu sổ theo dõi hồ sơ"),
            f"so-theo-doi-ho-so-{flt.period.slug()}.csv",
        )
        if path is None:
            return
        self._runner.run(
            lambda: export_tracking_book(db, officer, flt, path),
            lambda count: self._tracking_exported(count, path),
            self._failed,
        )

    def _tracking_exported(self, count: int, path: Path) -> None:
        self.message.setText(
            QCoreApplication.translate("ReportsPage", "Đã lưu sổ theo dõi hồ sơ (%1 hồ sơ): %2")
            .replace("%1", str(count))
            .replace("%2", path.name)
        )


def _agency(settings: Settings) -> Agency:
    from app.services.paperwork import agency_from

    return agency_from(settings)


def _book(rows: list[TrackingRow], period: Period, agency: Agency, issued_on: dt.date) -> bytes:
    return render_tracking_book_pdf(rows, period, agency, issued_on=issued_on)
