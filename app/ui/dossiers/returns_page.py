"""Trả kết quả: find a dossier whose result is ready, record who collected it, close it.

The search box takes what the citizen brings: the receipt's QR code (a 2D scanner
types ``MOTCUA|<code>|<lookup>`` followed by Enter), the dossier code, the look-up
code or the ID number.

The result the processing office signed (fetched by the sync, see
``app.services.returned_results``) is shown with its signature verdict; Ctrl+P prints
it — only when the signature is valid and trusted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.services.attachments import AttachmentStore
from app.services.calendar import VN_TZ
from app.services.catalog import Catalog
from app.services.dossier_work import find_dossiers, move_dossier, read_signed_result
from app.services.lifecycle import DeadlineRules, Status
from app.services.returned_results import StoredResult, result_pdf
from app.services.search import DossierQuery, DossierRow
from app.services.storage.db import Database
from app.shared.types import utcnow
from app.ui.dossiers.labels import status_label
from app.ui.dossiers.list_model import DossierTableModel
from app.ui.messages import show_error
from app.ui.tasks import TaskRunner

READY = (Status.RESULT_READY.value,)


class ReturnsPage(QWidget):
    returned = Signal(str)  # dossier id

    def __init__(
        self,
        db: Database,
        catalog: Catalog,
        rules: DeadlineRules,
        officer_id: str,
        clock: Callable[[], dt.datetime] = utcnow,
        parent: QWidget | None = None,
        *,
        store: AttachmentStore | None = None,
        print_result: Callable[[bytes], None] | None = None,
        runner: Any = None,  # TaskRunner (the database worker), or tests' SyncRunner
    ) -> None:
        super().__init__(parent)
        self._runner = runner if runner is not None else TaskRunner(max_threads=1, parent=self)
        self._search_text = ""  # what the last search looked for
        self._searching = False  # the list being loaded answers a search (not a refresh)
        self._result: tuple[str, StoredResult | None] | None = None  # (dossier id, its result)
        self._db, self._rules, self._officer_id, self._clock = db, rules, officer_id, clock
        self._store, self._print_result = store, print_result
        self.setObjectName("returns-page")

        heading = QLabel(self.tr("<b style='font-size:14pt'>Trả kết quả</b>"))
        self.search = QLineEdit()
        self.search.setObjectName("returns-search")
        self.search.setPlaceholderText(
            self.tr("Quét mã QR trên giấy hẹn, hoặc nhập mã hồ sơ, mã tra cứu, số định danh")
        )
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(self.tr("&Tìm hồ sơ:"))
        search_label.setBuddy(self.search)
        self.find_button = QPushButton(self.tr("Tì&m"))

        names = {p.code: p.short_name for p in catalog.procedures}
        self.model = DossierTableModel(self._fetch, names, self, clock=clock, runner=self._runner)
        self.model.loaded.connect(self._found)
        self.model.failed.connect(self._failed)
        self.table = QTableView()
        self.table.setObjectName("returns-table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.collector = QLineEdit()
        self.collector.setObjectName("returns-collector")
        self.collector.setPlaceholderText(
            self.tr("Họ tên người đến nhận (công dân hoặc người được ủy quyền)")
        )
        self.collected_at = QDateTimeEdit()
        self.collected_at.setObjectName("returns-time")
        self.collected_at.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.collected_at.setCalendarPopup(True)
        self.confirm = QPushButton(self.tr("&Xác nhận đã trả kết quả"))
        self.confirm.setObjectName("returns-confirm")
        self.confirm.setEnabled(False)
        self.result_label = QLabel()
        self.result_label.setObjectName("returns-result")
        self.result_label.setWordWrap(True)
        self.print_button = QPushButton(self.tr("&In kết quả đã ký số (Ctrl+P)"))
        self.print_button.setObjectName("returns-print")
        self.print_button.setEnabled(False)
        self.message = QLabel()
        self.message.setObjectName("returns-message")
        self.message.setWordWrap(True)

        form = QFormLayout()
        collector_label = QLabel(self.tr("&Người nhận:"))
        collector_label.setBuddy(self.collector)
        time_label = QLabel(self.tr("Thời &gian nhận:"))
        time_label.setBuddy(self.collected_at)
        form.addRow(collector_label, self.collector)
        form.addRow(time_label, self.collected_at)

        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.find_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        result_row = QHBoxLayout()
        result_row.addWidget(self.result_label, 1)
        result_row.addWidget(self.print_button)
        layout.addLayout(result_row)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

        QWidget.setTabOrder(self.search, self.find_button)
        QWidget.setTabOrder(self.find_button, self.table)
        QWidget.setTabOrder(self.table, self.collector)
        QWidget.setTabOrder(self.collector, self.collected_at)
        QWidget.setTabOrder(self.collected_at, self.print_button)
        QWidget.setTabOrder(self.print_button, self.confirm)

        self.search.returnPressed.connect(self.find)
        self.find_button.clicked.connect(self.find)
        self.collector.returnPressed.connect(self.mark_returned)
        self.collector.textChanged.connect(lambda _t: self._update_confirm())
        self.confirm.clicked.connect(self.mark_returned)
        self.print_button.clicked.connect(self.print_signed_result)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_signed_result)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._on_selected())
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        QShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return), self, self.mark_returned)
        self.find()

    # --- behaviour

    def _fetch(self, query: DossierQuery, limit: int, offset: int) -> list[DossierRow]:
        return find_dossiers(self._db, query, limit, offset)  # on the worker

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        show_error(self, exc)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def find(self) -> None:
        self._search_text = text = self.search.text().strip()
        self._searching = True
        self.model.set_query(DossierQuery(text=text, statuses=READY))

    def _found(self) -> None:
        if not self._searching:  # the list refreshed after a return: nothing selected
            self._update_confirm()
            return
        self._searching = False
        text = self._search_text
        self.message.setText("")
        n = self.model.rowCount()
        if n == 0 and text:
            db, query = self._db, DossierQuery(text=text)
            self._runner.run(lambda: find_dossiers(db, query, 5, 0), self._not_ready, self._failed)
        if n:
            self.table.setCurrentIndex(self.model.index(0, 0))
            self.table.selectRow(0)
            self._on_selected()
            if text:
                self.collector.setFocus()
                self.collector.selectAll()
        else:
            self.collector.clear()
        self.collected_at.setDateTime(self._now_local())
        self._update_confirm()

    def _not_ready(self, others: list[DossierRow]) -> None:
        if others:
            states = ", ".join(f"{r.code}: {status_label(r.status)}" for r in others)
            self.message.setText(
                self.tr("Chưa có kết quả để trả. Trạng thái hiện tại — %1").replace("%1", states)
            )
        else:
            self.message.setText(self.tr("Không tìm thấy hồ sơ nào."))

    def _now_local(self) -> QDateTime:
        # Qt sees only the wall-clock fields; they are Vietnamese time whatever the OS zone.
        now = self._clock().astimezone(VN_TZ)
        return QDateTime(now.date(), now.time().replace(microsecond=0))

    def selected(self) -> DossierRow | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _on_selected(self) -> None:
        row = self.selected()
        if row is not None and not self.collector.isModified():
            self.collector.setText(row.citizen_name)
        self._show_result(row)
        self._update_confirm()

    def _show_result(self, row: DossierRow | None) -> None:
        self._result = None
        if row is None:
            self._shown(None, None)
            return
        db, dossier_id, store = self._db, row.id, self._store
        self._runner.run(
            lambda: read_signed_result(db, dossier_id, store),  # re-verified on the worker
            lambda result: self._shown(row, result),
            self._failed,
        )

    def _shown(self, row: DossierRow | None, result: StoredResult | None) -> None:
        current = self.selected()
        if row is not None and (current is None or current.id != row.id):
            return  # the officer has moved on to another dossier
        self._result = (row.id, result) if row is not None else None
        self.print_button.setEnabled(
            result is not None and result.check.valid and self._print_result is not None
        )
        if row is None:
            self.result_label.setText("")
        elif result is None:
            self.result_label.setText(
                self.tr("Kết quả đã ký số chưa về máy quầy: đồng bộ (F9) rồi chọn lại hồ sơ.")
            )
        elif result.check.valid:
            self.result_label.setText(
                self.tr("<b style='color:#1b5e20'>Chữ ký số hợp lệ</b> — %1").replace(
                    "%1", result.check.signer
                )
            )
        else:
            self.result_label.setText(
                self.tr(
                    "<b style='color:#b71c1c'>Chữ ký số KHÔNG hợp lệ hoặc không tin cậy</b> — "
                    "không in, báo cho bộ phận giải quyết."
                )
            )

    def print_signed_result(self) -> None:
        row = self.selected()
        if row is None or self._result is None or self._result[0] != row.id:
            return
        result = self._result[1]
        if result is None or not result.check.valid or self._print_result is None:
            return
        if self._store is None:
            return
        try:
            self._print_result(result_pdf(self._store, result))
        except UserError as err:
            show_error(self, err)
            return
        self.message.setText(self.tr("Đã gửi kết quả đã ký số tới máy in."))

    def _update_confirm(self) -> None:
        self.confirm.setEnabled(self.selected() is not None and bool(self.collector.text().strip()))

    def mark_returned(self) -> None:
        row = self.selected()
        who = self.collector.text().strip()
        if row is None or not who:
            return
        edited = self.collected_at.dateTime()
        local = dt.datetime.combine(edited.date().toPython(), edited.time().toPython())  # type: ignore[arg-type]
        at = local.replace(tzinfo=VN_TZ).astimezone(dt.UTC)
        now = self._clock()
        if at > now + dt.timedelta(minutes=1):
            self.message.setText(self.tr("Thời gian nhận không thể ở tương lai."))
            return
        db, officer_id, rules = self._db, self._officer_id, self._rules
        self._runner.run(
            lambda: move_dossier(
                db, row.id, Status.RETURNED, officer_id, rules=rules, now=at, returned_to=who
            ),
            lambda _none: self._was_returned(row, who),
            self._failed,
        )

    def _was_returned(self, row: DossierRow, who: str) -> None:
        self.returned.emit(row.id)
        self.message.setText(
            self.tr("Đã trả kết quả hồ sơ %1 cho %2.").replace("%1", row.code).replace("%2", who)
        )
        self.search.clear()
        self.collector.clear()
        self.collector.setModified(False)
        self._searching = False
        self.model.set_query(DossierQuery(statuses=READY))
        self._update_confirm()
        self.search.setFocus()
