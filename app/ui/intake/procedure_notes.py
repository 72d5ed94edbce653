"""What the counter screen tells the officer about the chosen procedure.

Two things the citizen must hear from the screen, not only from the officer: the
procedure's counter notice from the catalog (e.g. a lost health-insurance card is
replaced by the chip ID card or a level-2 VNeID account, Decree 188/2025), and the
filing limit (survivors 90 days, maternity 60 days, pension up to 20 days ahead): the
officer enters the date of the event (blank until entered: a "today" default would
read "in time" for every late dossier) and sees the days remaining or passed. A passed
limit is a warning; the dossier is still taken in, and the date is saved with it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.services.catalog.filing import FilingCheck, FilingState, check_procedure
from app.services.catalog.model import LimitDirection, Procedure

NO_DATE = QDate(1900, 1, 1)  # the date edit's "not entered yet"


class ProcedureNotes(QWidget):
    event_changed = Signal(object)  # dt.date, or None when cleared

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._procedure: Procedure | None = None
        self.notice = QLabel(objectName="procedure_notice")
        self.notice.setWordWrap(True)
        self.event_date = QDateEdit(objectName="filing_event_date")
        self.event_date.setCalendarPopup(True)
        self.event_date.setDisplayFormat("dd/MM/yyyy")
        self.event_date.setMinimumDate(NO_DATE)
        self.event_date.setSpecialValueText(self.tr("(chưa nhập)"))
        self.event_date.setDate(NO_DATE)
        self.event_label = QLabel()
        self.event_label.setBuddy(self.event_date)
        self.filing = QLabel(objectName="filing_limit")
        self.filing.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.event_label, self.event_date)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice)
        layout.addLayout(form)
        layout.addWidget(self.filing)
        self.event_date.dateChanged.connect(self._date_changed)
        self.set_procedure(None)

    def set_procedure(self, procedure: Procedure | None) -> None:
        self._procedure = procedure
        notice = procedure.counter_notice if procedure else ""
        self.notice.setText(self.tr("<b>Thông báo cho công dân:</b> {0}").format(notice))
        self.notice.setVisible(bool(notice))
        limit = procedure.filing_limit if procedure else None
        self.event_date.blockSignals(True)
        self.event_date.setDate(NO_DATE)  # another procedure: its own event, entered anew
        self.event_date.blockSignals(False)
        for widget in (self.event_label, self.event_date, self.filing):
            widget.setVisible(limit is not None)
        if limit is not None:
            self.event_label.setText(self.tr("&Ngày sự kiện ({0}):").format(limit.event))
        self._show_filing()

    def event_day(self) -> dt.date | None:
        if self.event_date.date() == NO_DATE:
            return None
        day = self.event_date.date().toPython()
        assert isinstance(day, dt.date)
        return day

    def set_event(self, day: dt.date | None) -> None:
        """Show a saved or restored date without announcing it back."""
        self.event_date.blockSignals(True)
        self.event_date.setDate(QDate(day.year, day.month, day.day) if day else NO_DATE)
        self.event_date.blockSignals(False)
        self._show_filing()

    def check(self, today: dt.date | None = None) -> FilingCheck | None:
        event = self.event_day()
        if self._procedure is None or event is None:
            return None
        return check_procedure(self._procedure, event, today or dt.date.today())

    def _date_changed(self, _date: QDate) -> None:
        self._show_filing()
        self.event_changed.emit(self.event_day())

    def _show_filing(self) -> None:
        found = self.check()
        if found is None:
            limit = self._procedure.filing_limit if self._procedure else None
            if limit is None:
                self.filing.clear()
            else:
                self.filing.setText(
                    self.tr("Nhập {0} để kiểm tra thời hạn nộp {1} ngày.").format(
                        limit.event, limit.days
                    )
                )
                self.filing.setProperty("level", "info")
            return
        limit, day = found.limit, found.deadline.strftime("%d/%m/%Y")
        if found.state is FilingState.PASSED:
            text = self.tr(
                "⚠ Đã quá thời hạn nộp {0} ngày kể từ {1}: quá {2} ngày (hạn cuối {3}). "
                "Vẫn tiếp nhận; báo công dân cơ quan có thẩm quyền sẽ xem xét."
            ).format(limit.days, limit.event, found.days, day)
        elif found.state is FilingState.TOO_EARLY:
            text = self.tr(
                "⚠ Nộp quá sớm: chỉ được nộp trước {0} tối đa {1} ngày, tức từ {2} "
                "(còn {3} ngày nữa)."
            ).format(limit.event, limit.days, day, found.days)
        elif limit.direction is LimitDirection.NOT_EARLIER_THAN_BEFORE:
            text = self.tr("Trong thời hạn nộp (từ {0}).").format(day)
        elif found.state is FilingState.LAST_DAYS:
            text = self.tr("⚠ Sắp hết thời hạn nộp: còn {0} ngày (hạn cuối {1}).").format(
                found.days, day
            )
        else:
            text = self.tr("Còn {0} ngày để nộp (hạn cuối {1}).").format(found.days, day)
        if not limit.confirmed:
            text += self.tr(" (Thời hạn chưa xác nhận.)")
        self.filing.setText(text)
        self.filing.setProperty("level", "warn" if found.warns else "info")
