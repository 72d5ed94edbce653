"""Choosing the procedure: search, the matching list, the choice, its notes (filing
limit) and the appointment it gives."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from app.services.calendar.days import local
from app.ui.intake.controller import IntakeController
from app.ui.intake.procedure_notes import ProcedureNotes


def fmt(moment: dt.datetime | None) -> str:
    return local(moment).strftime("%H:%M ngày %d/%m/%Y") if moment else ""


class ProcedureBox(QGroupBox):
    picked = Signal()  # the officer chose a procedure from the list

    def __init__(self, controller: IntakeController) -> None:
        super().__init__(QCoreApplication.translate("IntakePage", "2. Thủ tục"))
        self.c = controller
        self.search = QLineEdit(objectName="procedure_search")
        self.search.setPlaceholderText(
            QCoreApplication.translate(
                "IntakePage", "Gõ để tìm thủ tục (mã, tên, từ khoá) — Ctrl+F"
            )
        )
        self.results = QListWidget(objectName="procedure_results")
        self.results.setMaximumHeight(96)
        # Long names wrap within the column (full name in the tooltip): no sideways scrolling.
        self.results.setWordWrap(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.chosen = QLabel(objectName="procedure_chosen")
        self.chosen.setWordWrap(True)
        self.appointment = QLabel(objectName="appointment")
        self.appointment.setWordWrap(True)
        self.notes = ProcedureNotes()
        layout = QVBoxLayout(self)
        for widget in (self.search, self.results, self.chosen, self.notes, self.appointment):
            layout.addWidget(widget)
        self.notes.event_changed.connect(self.c.set_filing_event)
        self.search.textChanged.connect(self.show_matches)
        self.search.returnPressed.connect(self._pick_first)
        self.results.itemActivated.connect(self._pick)

    def show_matches(self, text: str) -> None:
        self.results.clear()
        for p in self.c.search_procedures(text):
            item = QListWidgetItem(f"{p.code} — {p.name}")
            item.setData(Qt.ItemDataRole.UserRole, p.code)
            item.setToolTip(p.name)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def _pick_first(self) -> None:
        item = self.results.currentItem() or self.results.item(0)
        if item is not None:
            self._pick(item)

    def _pick(self, item: QListWidgetItem) -> None:
        self.c.choose_procedure(item.data(Qt.ItemDataRole.UserRole))
        self.picked.emit()

    def show_procedure(self) -> None:
        p = self.c.procedure()
        self.chosen.setText(
            QCoreApplication.translate("IntakePage", "<b>Đã chọn:</b> {0} — {1}").format(
                p.code, p.name
            )
            if p
            else QCoreApplication.translate("IntakePage", "Chưa chọn thủ tục.")
        )
        self.notes.set_procedure(p)
        self.notes.set_event(self.c.filing_event())

    def show_appointment(self, due: dt.datetime | None) -> None:
        p = self.c.procedure()
        if p is None or due is None:
            self.appointment.setText("")
            return
        from app.services.paperwork import processing_time_text

        self.appointment.setText(
            QCoreApplication.translate(
                "IntakePage",
                "Thời hạn: {0}. <b>Hẹn trả kết quả: {1}</b> (nếu tiếp nhận ngay)",
            ).format(processing_time_text(p), fmt(due))
        )
