"""Sự kiện: births and deaths routed to this office, waiting for the family.

One line an event: what happened, who is concerned, the procedure that applies, the
days left before the filing limit (red when passed), the contacts made. Ctrl+G records
a contact attempt; F5 reloads. Reads and writes run on the database worker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.services import life_events
from app.services.catalog import Catalog
from app.services.life_events import EventView
from app.services.storage.db import Database
from app.ui.events import texts
from app.ui.messages import show_error

LATE = QColor("#b71c1c")
SOON = QColor("#e65100")


class ContactDialog(QDialog):
    """Channel, outcome and a note for one attempt to reach the family."""

    def __init__(self, view: EventView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contact-dialog")
        self.setWindowTitle(self.tr("Ghi nhận liên hệ với gia đình"))
        self.channel = QComboBox(objectName="contact-channel")
        for key in life_events.CHANNELS:
            self.channel.addItem(texts.name(texts.CHANNEL, key), key)
        self.outcome = QComboBox(objectName="contact-outcome")
        for key in life_events.OUTCOMES:
            self.outcome.addItem(texts.name(texts.OUTCOME, key), key)
        self.note = QLineEdit(objectName="contact-note")
        self.note.setMaxLength(300)
        form = QFormLayout(self)
        form.addRow(QLabel(f"<b>{texts.who(view)}</b> · {texts.name(texts.KIND, view.event_type)}"))
        for label, widget in (
            (self.tr("&Cách liên hệ:"), self.channel),
            (self.tr("&Kết quả:"), self.outcome),
            (self.tr("&Ghi chú:"), self.note),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class EventsPage(QWidget):
    COLUMNS = 7

    def __init__(
        self,
        db: Database,
        catalog: Callable[[], Catalog],
        officer_id: str,
        runner: object,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("events-page")
        self._db, self._catalog, self._officer_id, self._runner = db, catalog, officer_id, runner
        self.views: list[EventView] = []

        heading = QLabel(self.tr("<b style='font-size:14pt'>Sự kiện hộ tịch chờ gia đình</b>"))
        hint = QLabel(
            self.tr(
                "Giấy chứng sinh, giấy báo tử từ cơ sở y tế, đã đối chiếu CSDL dân cư. "
                "Khi người thân đến quầy, màn hình tiếp nhận tự mở thủ tục gợi ý."
            )
        )
        hint.setWordWrap(True)
        self.table = QTableWidget(0, self.COLUMNS, objectName="events-table")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Sự kiện"),
                self.tr("Ngày"),
                self.tr("Người liên quan"),
                self.tr("Thủ tục"),
                self.tr("Hạn nộp"),
                self.tr("Liên hệ"),
                self.tr("Trạng thái"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(objectName="events-summary")
        self.month = QLabel(objectName="events-month")
        self.contact_button = QPushButton(self.tr("Ghi nhận &liên hệ… (Ctrl+G)"))
        self.contact_button.setObjectName("events-contact")
        self.contact_button.clicked.connect(self.record_contact)
        self.reload_button = QPushButton(self.tr("Làm &mới (F5)"))
        self.reload_button.clicked.connect(self.reload)
        # Ctrl+L is the main window's screen lock: a second Ctrl+L would make both ambiguous
        QShortcut(QKeySequence("Ctrl+G"), self, self.record_contact)
        QShortcut(QKeySequence("F5"), self, self.reload)

        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.contact_button)
        buttons.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.month)
        layout.addLayout(buttons)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        db = self._db

        def load() -> tuple[list[EventView], life_events.EventCounts]:
            today = life_events.today_vn()
            month = life_events.counts(db, today - dt.timedelta(days=29), today)
            return life_events.list_events(db, today), month

        self._runner.run(load, self._show, self._failed)

    def _show(self, loaded: tuple[list[EventView], life_events.EventCounts]) -> None:
        views, month = loaded
        self.views = views
        names = {p.code: p.short_name for p in self._catalog().procedures}
        self.table.setRowCount(len(views))
        for row, v in enumerate(views):
            contact = (
                self.tr("%1 lần · %2")
                .replace("%1", str(v.contacts))
                .replace("%2", texts.name(texts.OUTCOME, v.last_contact))
                if v.contacts
                else self.tr("Chưa liên hệ")
            )
            cells = [
                texts.name(texts.KIND, v.event_type),
                v.event_date.strftime("%d/%m/%Y"),
                texts.who(v),
                ", ".join(names.get(c, c) for c in v.procedure_codes) or "—",
                texts.days_left(v) if v.status == "open" else "—",
                contact,
                texts.name(texts.STATUS, v.status)
                + (f" ({', '.join(v.dossier_codes)})" if v.dossier_codes else ""),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, v.id)
                if column == 4 and v.status == "open" and v.days_left is not None:
                    if v.days_left < 0:
                        item.setForeground(QBrush(LATE))
                    elif v.days_left <= 15:
                        item.setForeground(QBrush(SOON))
                self.table.setItem(row, column, item)
        waiting = sum(v.status == "open" for v in views)
        late = sum(v.status == "open" and (v.days_left or 0) < 0 for v in views)
        mean = (
            "—"
            if month.mean_days_to_dossier is None
            else f"{month.mean_days_to_dossier:.1f}".replace(".", ",")
        )
        self.summary.setText(
            self.tr("%1 sự kiện chờ gia đình, %2 đã quá hạn nộp")
            .replace("%1", str(waiting))
            .replace("%2", str(late))
        )
        self.month.setText(
            self.tr(
                "30 ngày qua: nhận %1 sự kiện, lập %2 hồ sơ từ sự kiện, "
                "trung bình %3 ngày từ sự kiện đến hồ sơ"
            )
            .replace("%1", str(month.received))
            .replace("%2", str(month.dossiers_opened))
            .replace("%3", mean)
        )
        if views and self.table.currentRow() < 0:
            self.table.selectRow(0)

    def selected(self) -> EventView | None:
        row = self.table.currentRow()
        return self.views[row] if 0 <= row < len(self.views) else None

    def record_contact(self) -> None:
        view = self.selected()
        if view is None:
            return
        dialog = ContactDialog(view, self)
        if dialog.exec() != QDialog.Accepted:
            return
        db, officer = self._db, self._officer_id
        channel, outcome = dialog.channel.currentData(), dialog.outcome.currentData()
        note = dialog.note.text().strip()
        self._runner.run(
            lambda: life_events.record_contact(db, view.id, officer, channel, outcome, note),
            lambda _: self.reload(),
            self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            show_error(self, exc)
        else:
            raise exc
