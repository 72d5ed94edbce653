"""The dossier list as a lazy table model: pages of rows fetched as the view scrolls.

Each page is read on the database worker (``runner``); rows arrive on the GUI thread.
A page that arrives for a query the officer has since replaced is dropped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from app.services.lifecycle import Timeliness, classify
from app.services.search import DossierQuery, DossierRow
from app.shared.types import utcnow
from app.ui.dossiers.labels import status_label, timeliness_label, tr, when

Fetch = Callable[[DossierQuery, int, int], list[DossierRow]]  # (query, limit, offset)
Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("code", "citizen", "procedure", "received", "due", "status", "timeliness", "sync")
HEADERS = (
    QT_TRANSLATE_NOOP("dossiers", "Mã hồ sơ"),
    QT_TRANSLATE_NOOP("dossiers", "Công dân"),
    QT_TRANSLATE_NOOP("dossiers", "Thủ tục"),
    QT_TRANSLATE_NOOP("dossiers", "Ngày nhận"),
    QT_TRANSLATE_NOOP("dossiers", "Hẹn trả"),
    QT_TRANSLATE_NOOP("dossiers", "Trạng thái"),
    QT_TRANSLATE_NOOP("dossiers", "Tiến độ"),
    QT_TRANSLATE_NOOP("dossiers", "Đồng bộ"),
)
SYNC_LABELS = {
    None: QT_TRANSLATE_NOOP("dossiers", "Đã gửi"),
    "pending": QT_TRANSLATE_NOOP("dossiers", "Chờ gửi"),
    "rejected": QT_TRANSLATE_NOOP("dossiers", "Bị từ chối"),
}
_ALERT = {Timeliness.LATE, Timeliness.OVERDUE}


class DossierTableModel(QAbstractTableModel):
    PAGE = 100
    IdRole = Qt.ItemDataRole.UserRole + 1
    loaded = Signal()  # the first page of a new query is in
    failed = Signal(object)  # the exception a read raised

    def __init__(
        self,
        fetch: Fetch,
        procedure_names: dict[str, str],
        parent: Any = None,
        clock: Callable[[], dt.datetime] = utcnow,
        *,
        runner: Any,  # app.ui.tasks.TaskRunner, or tests' SyncRunner
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._fetch = fetch
        self._runner = runner
        self._names = procedure_names
        self._query = DossierQuery()
        self._rows: list[DossierRow] = []
        self._exhausted = True
        self._generation = 0  # bumped by each new query: older pages are dropped
        self._fetching = False

    # --- loading

    def set_query(self, query: DossierQuery) -> None:
        self._query = query
        self._generation += 1
        generation, fetch, page = self._generation, self._fetch, self.PAGE
        self._runner.run(
            lambda: fetch(query, page, 0),
            lambda rows: self._reset(generation, rows),
            self.failed.emit,
        )

    def _reset(self, generation: int, rows: list[DossierRow]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._rows = rows
        self._exhausted = len(rows) < self.PAGE
        self._fetching = False
        self.endResetModel()
        self.loaded.emit()

    def reload(self) -> None:
        self.set_query(self._query)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt signature
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._fetching:
            return
        self._fetching = True
        query, offset, generation = self._query, len(self._rows), self._generation
        fetch, page = self._fetch, self.PAGE
        self._runner.run(
            lambda: fetch(query, page, offset),
            lambda more: self._append(generation, more),
            self._fetch_failed,
        )

    def _append(self, generation: int, more: list[DossierRow]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._exhausted = len(more) < self.PAGE
        if more:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

    def _fetch_failed(self, exc: BaseException) -> None:
        self._fetching = False
        self.failed.emit(exc)

    # --- table

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(HEADERS[section])
        return None

    def row(self, i: int) -> DossierRow:
        return self._rows[i]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == self.IdRole:
            return r.id
        timeliness = classify(r.status, r.due_at, r.result_ready_at, self._clock())
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "code": r.code,
                "citizen": r.citizen_name,
                "procedure": self._names.get(r.procedure_code, r.procedure_code),
                "received": when(r.submitted_at),
                "due": when(r.due_at),
                "status": status_label(r.status),
                "timeliness": timeliness_label(timeliness),
                "sync": tr(SYNC_LABELS.get(r.sync_state, SYNC_LABELS["pending"])),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == "procedure":
            return self._names.get(r.procedure_code, r.procedure_code)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == "timeliness"
            and timeliness in _ALERT
        ) or (
            role == Qt.ItemDataRole.ForegroundRole
            and column == "sync"
            and r.sync_state == "rejected"
        ):
            return QBrush(QColor("#b00020"))
        return None
