"""Hồ sơ: the dossier list with type-to-search and filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.services.calendar.days import local
from app.services.catalog import Catalog
from app.services.dossier_work import find_dossiers
from app.services.search import DossierQuery, DossierRow
from app.services.storage.db import Database
from app.services.vocabulary import STATUS
from app.shared.types import utcnow
from app.ui.dossiers.labels import status_label
from app.ui.dossiers.list_model import DossierTableModel
from app.ui.messages import show_error
from app.ui.tasks import TaskRunner


class DossierListPage(QWidget):
    """Search box (Ctrl+F), filters, and the table; Enter opens the selected dossier."""

    open_requested = Signal(str)  # dossier id

    SEARCH_DELAY_MS = 250  # wait for a pause in typing before querying

    def __init__(
        self,
        db: Database,
        catalog: Catalog,
        open_dossier: Callable[[str], None] | None = None,
        clock: Callable[[], dt.datetime] = utcnow,
        parent: QWidget | None = None,
        *,
        runner: Any = None,  # TaskRunner (the database worker), or tests' SyncRunner
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner if runner is not None else TaskRunner(max_threads=1, parent=self)
        self._open_if_single = False  # Enter while a search was pending: open a lone match
        self._open_dossier = open_dossier
        self.setObjectName("dossier-list-page")

        self.search = QLineEdit()
        self.search.setObjectName("dossier-search")
        self.search.setPlaceholderText(
            self.tr("Mã hồ sơ, mã tra cứu, số định danh hoặc họ tên (không cần dấu)")
        )
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(self.tr("&Tìm:"))
        search_label.setBuddy(self.search)

        self.status = QComboBox()
        self.status.setObjectName("status-filter")
        self.status.addItem(self.tr("Tất cả trạng thái"), "")
        for key in STATUS:
            self.status.addItem(status_label(key), key)
        status_label_w = QLabel(self.tr("Trạng thá&i:"))
        status_label_w.setBuddy(self.status)

        self.procedure = QComboBox()
        self.procedure.setObjectName("procedure-filter")
        self.procedure.addItem(self.tr("Tất cả thủ tục"), "")
        for p in catalog.procedures:
            self.procedure.addItem(f"{p.code} – {p.short_name}", p.code)
        procedure_label = QLabel(self.tr("Thủ tụ&c:"))
        procedure_label.setBuddy(self.procedure)

        day = local(clock()).date()  # the office's day (UTC+7), not the PC's
        today = QDate(day.year, day.month, day.day)
        self.use_from = QCheckBox(self.tr("Từ &ngày"))
        self.date_from = QDateEdit(today.addDays(-30))
        self.use_to = QCheckBox(self.tr("Đế&n ngày"))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setEnabled(False)
        self.use_from.toggled.connect(self.date_from.setEnabled)
        self.use_to.toggled.connect(self.date_to.setEnabled)

        names = {p.code: p.short_name for p in catalog.procedures}
        self.model = DossierTableModel(self._fetch, names, self, clock=clock, runner=self._runner)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)
        self.table = QTableView()
        self.table.setObjectName("dossier-table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.open_current())
        self.count_label = QLabel()
        self.count_label.setObjectName("dossier-count")

        filters = QHBoxLayout()
        for w in (
            status_label_w,
            self.status,
            procedure_label,
            self.procedure,
            self.use_from,
            self.date_from,
            self.use_to,
            self.date_to,
        ):
            filters.addWidget(w)
        filters.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        QWidget.setTabOrder(self.search, self.status)
        QWidget.setTabOrder(self.status, self.procedure)
        QWidget.setTabOrder(self.procedure, self.use_from)
        QWidget.setTabOrder(self.use_from, self.date_from)
        QWidget.setTabOrder(self.date_from, self.use_to)
        QWidget.setTabOrder(self.use_to, self.date_to)
        QWidget.setTabOrder(self.date_to, self.table)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(self.SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._search_now_or_open)
        for combo in (self.status, self.procedure):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        for box in (self.use_from, self.use_to):
            box.toggled.connect(lambda _b: self.refresh())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.refresh())

        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), self.table, self.open_current)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.refresh()

    # --- behaviour

    def query(self) -> DossierQuery:
        status = self.status.currentData()
        return DossierQuery(
            text=self.search.text().strip(),
            statuses=(status,) if status else (),
            procedure_code=self.procedure.currentData() or "",
            received_from=self.date_from.date().toPython() if self.use_from.isChecked() else None,  # type: ignore[arg-type]
            received_to=self.date_to.date().toPython() if self.use_to.isChecked() else None,  # type: ignore[arg-type]
        )

    def refresh(self) -> None:
        self._debounce.stop()
        self.model.set_query(self.query())

    def _loaded(self) -> None:
        n = self.model.rowCount()
        more = "+" if self.model.canFetchMore() else ""
        self.count_label.setText(self.tr("%1%2 hồ sơ").replace("%1", str(n)).replace("%2", more))
        if n:
            self.table.setCurrentIndex(self.model.index(0, 0))
            self.table.selectRow(0)
        if self._open_if_single:
            self._open_if_single = False
            if n == 1:
                self.open_current()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        show_error(self, exc)

    def _fetch(self, query: DossierQuery, limit: int, offset: int) -> list[DossierRow]:
        return find_dossiers(self._db, query, limit, offset)  # on the worker

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_now_or_open(self) -> None:
        if self._debounce.isActive():  # the list is not yet what was typed: search first
            self._open_if_single = True
            self.refresh()
        else:
            self.open_current()

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row(index.row()).id

    def open_current(self) -> None:
        dossier_id = self.current_id()
        if dossier_id is None:
            return
        self.open_requested.emit(dossier_id)
        if self._open_dossier is not None:
            self._open_dossier(dossier_id)
            self.model.reload()
