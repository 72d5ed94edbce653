"""The items central refused or that conflict with it, and what the officer does.

Opened from the sync status (click it, or Hệ thống → Dữ liệu đồng bộ bị từ chối,
Ctrl+F9). Each line: the dossier code (or the row), conflict or refusal, the reason in
Vietnamese, the counter's status and version beside central's. Actions
(``app.services.sync.conflicts``): take central's version, re-apply my change on top,
discard (recorded in the access log). Every database call runs on the database worker
(``TaskRunner``), the window only shows the snapshot that comes back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError, describe
from app.services.storage.db import Database
from app.services.sync import conflicts
from app.services.sync.conflicts import SyncProblem
from app.services.vocabulary import status_name
from app.ui.tasks import TaskRunner


def _columns() -> list[str]:
    return [
        QCoreApplication.translate("SyncProblems", "Hồ sơ / dữ liệu"),
        QCoreApplication.translate("SyncProblems", "Loại"),
        QCoreApplication.translate("SyncProblems", "Lý do"),
        QCoreApplication.translate("SyncProblems", "Tại quầy"),
        QCoreApplication.translate("SyncProblems", "Trung tâm"),
    ]


def _status(status: str | None, version: int | None) -> str:
    if status is None and version is None:
        return "—"
    name = status_name(status) if status else ""
    if version is None:
        return name or "—"
    text = QCoreApplication.translate("SyncProblems", "phiên bản {0}").format(version)
    return f"{name} ({text})" if name else text


def _kind(problem: SyncProblem) -> str:
    if problem.kind == "conflict":
        return QCoreApplication.translate("SyncProblems", "Xung đột")
    return QCoreApplication.translate("SyncProblems", "Bị từ chối")


class SyncProblemsDialog(QDialog):
    settled = Signal()  # an action went through: the caller may sync at once

    def __init__(
        self,
        db: Database,
        officer_id: str | None,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sync_problems")
        self.setWindowTitle(self.tr("Dữ liệu đồng bộ bị từ chối hoặc xung đột"))
        self.db, self.officer_id, self.runner = db, officer_id, runner
        self.problems: list[SyncProblem] = []

        self.intro = QLabel(
            self.tr(
                "Hệ thống trung tâm không nhận các mục dưới đây. Chọn một dòng rồi chọn cách "
                "xử lý; mọi thao tác đều được ghi nhật ký."
            ),
            wordWrap=True,
        )
        columns = _columns()
        self.table = QTableWidget(0, len(columns), objectName="problems")
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.message = QLabel(objectName="message", wordWrap=True)

        self.take = QPushButton(self.tr("Lấy bản của &trung tâm"), objectName="take_central")
        self.reapply = QPushButton(
            self.tr("&Ghi lại thay đổi của tôi lên bản trung tâm"), objectName="reapply"
        )
        self.discard = QPushButton(self.tr("&Bỏ thay đổi (ghi nhật ký)"), objectName="discard")
        self.take.clicked.connect(lambda: self._act(conflicts.take_central))
        self.reapply.clicked.connect(lambda: self._act(conflicts.reapply_mine))
        self.discard.clicked.connect(lambda: self._act(conflicts.discard))
        actions = QHBoxLayout()
        for button in (self.take, self.reapply, self.discard):
            actions.addWidget(button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.rejected.connect(self.reject)
        QShortcut(QKeySequence("F5"), self, activated=self.refresh)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        layout.addWidget(close)
        self._selection_changed()
        from app.ui.geometry import fit_to_screen

        fit_to_screen(self, QSize(1100, 520))  # capped by the screen's available area

    # --- data, always on the database worker ----------------------------------------

    def refresh(self) -> None:
        db = self.db
        self.runner.run(lambda: conflicts.problems(db), self._show, self._failed)

    def _show(self, problems: list[SyncProblem]) -> None:
        self.problems = problems
        self.table.setRowCount(len(problems))
        for row, p in enumerate(problems):
            cells = (
                p.label,
                _kind(p),
                QCoreApplication.translate("SyncConflicts", p.reason_text),
                _status(p.local_status, p.local_version),
                _status(p.central_status, p.central_version),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setToolTip(p.reason)  # the technical reason, for the help desk
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        if problems:
            self.table.selectRow(0)
            self.table.setFocus()
            self.message.setText(self.tr("{0} mục cần xử lý.").format(len(problems)))
        else:
            self.message.setText(self.tr("Không còn mục nào bị từ chối hay xung đột."))
        self._selection_changed()

    def selected(self) -> SyncProblem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.problems[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        p = self.selected()
        self.take.setEnabled(p is not None and p.can_take_central)
        self.reapply.setEnabled(p is not None and p.can_reapply)
        self.discard.setEnabled(p is not None)

    def _act(self, action: Callable[[Database, int, str | None], None]) -> None:
        p = self.selected()
        if p is None:
            return
        db, officer, seq = self.db, self.officer_id, p.seq
        for button in (self.take, self.reapply, self.discard):
            button.setEnabled(False)
        self.runner.run(lambda: action(db, seq, officer), self._done, self._failed)

    def _done(self, _value: object) -> None:
        self.settled.emit()
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc  # a bug: the crash handler
        message = describe(exc)
        self.message.setText(f"{message.title}. {message.action}")
        self._selection_changed()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.refresh()
        self.table.setFocus(Qt.OtherFocusReason)
