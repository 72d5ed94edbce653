"""The procedure's papers: how many originals and copies the citizen handed in, and
whether that is enough. Narrow count columns with short headings (full wording in their
tooltips) leave the names room on a 1366-pixel screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.services.dossiers import ReceivedPaper, is_received
from app.ui.intake.controller import IntakeController


class DocumentsBox(QGroupBox):
    def __init__(self, controller: IntakeController) -> None:
        super().__init__(QCoreApplication.translate("IntakePage", "3. Giấy tờ"))
        self.c = controller
        self.docs = QTableWidget(0, 4, objectName="documents")
        headings = (
            (QCoreApplication.translate("IntakePage", "Giấy tờ"), ""),
            (
                QCoreApplication.translate("IntakePage", "Bản chính"),
                QCoreApplication.translate("IntakePage", "Số bản chính đã nhận"),
            ),
            (
                QCoreApplication.translate("IntakePage", "Bản sao"),
                QCoreApplication.translate("IntakePage", "Số bản sao đã nhận"),
            ),
            (
                QCoreApplication.translate("IntakePage", "Đã nhận"),
                QCoreApplication.translate("IntakePage", "Đã nhận đủ giấy tờ này"),
            ),
        )
        for col, (text, tip) in enumerate(headings):
            heading = QTableWidgetItem(text)
            heading.setToolTip(tip)
            self.docs.setHorizontalHeaderItem(col, heading)
        header = self.docs.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(lambda *_: self.docs.resizeRowsToContents())
        self.docs.verticalHeader().hide()
        self.docs.setWordWrap(True)
        self.docs.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.docs.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.all_received = QPushButton(
            QCoreApplication.translate("IntakePage", "Đã nhận đủ giấy tờ (F8)"),
            objectName="all_received",
        )
        self.all_received.clicked.connect(self.c.all_received)
        layout = QVBoxLayout(self)
        layout.addWidget(self.docs)
        layout.addWidget(self.all_received)

    def show_documents(self) -> None:
        p = self.c.procedure()
        specs = p.applicable_documents() if p else []
        self.docs.setRowCount(len(specs))
        for row, spec in enumerate(specs):
            paper = self.c.state.received.get(spec.id, ReceivedPaper())
            name = spec.name + (
                "" if spec.required else QCoreApplication.translate("IntakePage", " (nếu có)")
            )
            item = QTableWidgetItem(name)
            item.setToolTip(name)
            self.docs.setItem(row, 0, item)
            originals, copies = QSpinBox(), QSpinBox()
            for spin, value in ((originals, paper.originals), (copies, paper.copies)):
                spin.setRange(0, 20)
                spin.setValue(value)
            done = QCheckBox()
            done.setChecked(is_received(spec, paper))
            done.setEnabled(False)
            for col, w in ((1, originals), (2, copies), (3, done)):
                self.docs.setCellWidget(row, col, w)

            def changed(
                _: int = 0, doc_id: str = spec.id, o: QSpinBox = originals, cp: QSpinBox = copies
            ) -> None:
                self.c.set_received(doc_id, ReceivedPaper(o.value(), cp.value()))

            originals.valueChanged.connect(changed)
            copies.valueChanged.connect(changed)
        self.docs.resizeRowsToContents()
