"""Chi tiết hồ sơ: fields, papers, digitized documents, history, and the allowed moves."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.services import intake_snapshot
from app.services.attachments import AttachmentStore
from app.services.catalog import Catalog
from app.services.dossiers import DossierDetail, load_detail
from app.services.lifecycle import DeadlineRules, transition
from app.services.security.permissions import HasRole, Permission, allowed, require
from app.services.storage.db import Database
from app.services.storage.models import Dossier
from app.shared.lifecycle import REASON_REQUIRED, Status, allowed_moves, classify
from app.shared.types import utcnow
from app.ui.dossiers.labels import (
    REASON_PROMPT,
    move_label,
    status_label,
    timeliness_label,
    tr,
    when,
)
from app.ui.messages import show_error

# (parent, title, prompt) -> text, or None when the officer cancels
AskText = Callable[[QWidget, str, str], "str | None"]


def ask_multiline(parent: QWidget, title: str, prompt: str) -> str | None:
    text, ok = QInputDialog.getMultiLineText(parent, title, prompt)
    return text if ok else None


class DossierDetailDialog(QDialog):
    changed = Signal(str)  # dossier id, after a move was saved

    def __init__(
        self,
        db: Database,
        dossier_id: str,
        catalog: Catalog,
        rules: DeadlineRules,
        officer_id: str,
        attachments: AttachmentStore | None = None,
        ask_text: AskText = ask_multiline,
        clock: Callable[[], dt.datetime] = utcnow,
        parent: QWidget | None = None,
        officer: HasRole | None = None,
    ) -> None:
        super().__init__(parent)
        self._officer = officer  # role checks: cancelling and exports are for supervisors
        self._db, self._id, self._catalog, self._rules = db, dossier_id, catalog, rules
        self._officer_id, self._store, self._ask, self._clock = (
            officer_id,
            attachments,
            ask_text,
            clock,
        )
        self.setObjectName("dossier-detail")
        self.setWindowTitle(self.tr("Chi tiết hồ sơ"))

        self.title = QLabel()
        self.title.setObjectName("detail-title")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state = QLabel()
        self.state.setObjectName("detail-state")
        self.fields = QFormLayout()
        self.fields.setLabelAlignment(Qt.AlignmentFlag.AlignRight)

        self.documents = QTableWidget(0, 5)
        self.documents.setObjectName("detail-documents")
        self.documents.setHorizontalHeaderLabels(
            [
                self.tr("Tên giấy tờ"),
                self.tr("Bắt buộc"),
                self.tr("Bản chính"),
                self.tr("Bản sao"),
                self.tr("Đã nhận"),
            ]
        )
        self.attachments = QListWidget()
        self.attachments.setObjectName("detail-attachments")
        self.attachments.setViewMode(QListWidget.ViewMode.IconMode)
        self.attachments.setIconSize(QSize(128, 128))
        self.attachments.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.attachments.setSpacing(8)
        # Scans are mostly white paper: a grey desk makes each page's edge visible.
        self.attachments.setStyleSheet("QListWidget { background: #d9d9d9; }")
        self.history = QTableWidget(0, 5)
        self.history.setObjectName("detail-history")
        self.history.setHorizontalHeaderLabels(
            [
                self.tr("Thời gian"),
                self.tr("Cán bộ"),
                self.tr("Từ"),
                self.tr("Sang"),
                self.tr("Lý do"),
            ]
        )
        for table in (self.documents, self.history):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.verticalHeader().setVisible(False)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.documents.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.history.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.documents, self.tr("Giấ&y tờ"))
        self.tabs.addTab(self.attachments, self.tr("Bản &số hóa"))
        self.tabs.addTab(self.history, self.tr("&Lịch sử"))

        self.actions_row = QHBoxLayout()
        self.close_button = QPushButton(self.tr("Đóng (Esc)"))
        self.close_button.clicked.connect(self.reject)
        self.move_buttons: dict[str, QPushButton] = {}

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.state)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(self.fields)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self.actions_row)
        self.reload()
        from app.ui.geometry import fit_to_screen

        fit_to_screen(self, QSize(900, 640))  # laid out by now: its minimum is known

    # --- display

    def reload(self) -> None:
        with self._db.session() as s:
            detail = load_detail(s, self._id)
        self.detail = detail
        d, c = detail.dossier, detail.citizen
        self.title.setText(f"<b style='font-size:15pt'>{d.code}</b>")
        timeliness = classify(d.status, d.due_at, detail.result_ready_at, self._clock())
        self.state.setText(f"{status_label(d.status)} · {timeliness_label(timeliness)}")
        while self.fields.rowCount():
            self.fields.removeRow(0)
        try:
            procedure = self._catalog.get(d.procedure_code).name
        except KeyError:
            procedure = d.procedure_code
        rows = [
            (self.tr("Mã tra cứu:"), d.lookup_code),
            (self.tr("Công dân:"), f"{c.full_name} — {c.id_number}"),
            (self.tr("Thủ tục:"), f"{d.procedure_code} – {procedure}"),
            (self.tr("Nộp lúc:"), when(d.submitted_at)),
            (self.tr("Nhận đủ hồ sơ lúc:"), when(d.valid_received_at) or self.tr("(chưa đủ)")),
            (self.tr("Hẹn trả kết quả:"), when(d.due_at) or self.tr("(tạm dừng, chờ bổ sung)")),
            (self.tr("Điện thoại:"), d.applicant_phone or c.phone),
        ]
        if d.returned_at:
            rows.append((self.tr("Đã trả lúc:"), f"{when(d.returned_at)} — {d.returned_to}"))
        # Decree 104/2022: the data used at intake, as read from each source.
        for source, text in intake_snapshot.summary_lines(d.form_data or {}):
            rows.append((self.tr("Dữ liệu khi tiếp nhận ({0}):").format(source), text))
        from app.ui.face.summary import face_row  # face match at intake (issue 16)

        rows.extend([face] if (face := face_row(self._db, d.id)) else [])
        for label, value in rows:
            field = QLabel(value)
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields.addRow(label, field)
        self._fill_documents(detail)
        self._fill_attachments(detail)
        self._fill_history(detail)
        self._fill_actions(d.status)

    def _fill_documents(self, detail: DossierDetail) -> None:
        yes, no = self.tr("Có"), self.tr("Không")
        self.documents.setRowCount(len(detail.documents))
        for i, doc in enumerate(detail.documents):
            values = [
                doc.name,
                yes if doc.required else no,
                str(doc.originals),
                str(doc.copies),
                yes if doc.received else self.tr("Chưa"),
            ]
            for j, v in enumerate(values):
                self.documents.setItem(i, j, QTableWidgetItem(v))

    def _fill_attachments(self, detail: DossierDetail) -> None:
        self.attachments.clear()
        for a in detail.attachments:
            pixmap = QPixmap()
            if self._store is not None:
                # A missing thumbnail file shows the name alone.
                with contextlib.suppress(OSError, UserError):
                    pixmap.loadFromData(self._store.thumbnail(a))
            pages = self.tr("%n trang", "", a.page_count)
            item = QListWidgetItem(QIcon(pixmap), f"{a.label or a.filename}\n{pages}")
            item.setToolTip(a.filename)
            self.attachments.addItem(item)
        if not detail.attachments:
            self.attachments.addItem(QListWidgetItem(self.tr("Chưa có bản số hóa.")))

    def _fill_history(self, detail: DossierDetail) -> None:
        self.history.setRowCount(len(detail.events))
        for i, e in enumerate(detail.events):
            values = [
                when(e.at),
                e.officer_name,
                status_label(e.from_status) if e.from_status else "",
                status_label(e.to_status),
                e.reason,
            ]
            for j, v in enumerate(values):
                self.history.setItem(i, j, QTableWidgetItem(v))

    def _fill_actions(self, status: str) -> None:
        while self.actions_row.count():
            item = self.actions_row.takeAt(0)
            if item.widget() and item.widget() is not self.close_button:
                item.widget().deleteLater()
        self.move_buttons = {}
        previous: QWidget = self.tabs
        for move in allowed_moves(status):
            button = QPushButton(move_label(move))
            button.setObjectName(f"move-{move}")
            button.clicked.connect(lambda _c=False, m=move: self.apply_move(m))
            self.actions_row.addWidget(button)
            self.move_buttons[move] = button
            QWidget.setTabOrder(previous, button)
            previous = button
        self.actions_row.addStretch(1)
        if self._officer is not None and allowed(self._officer, Permission.EXPORT_DATA):
            export = QPushButton(self.tr("&Xuất dữ liệu của công dân…"))
            export.setObjectName("export-subject")
            export.setToolTip(
                self.tr("Quyền của chủ thể dữ liệu: mọi dữ liệu về công dân này (PDF và JSON).")
            )
            export.clicked.connect(lambda _c=False: self.export_subject())
            self.actions_row.addWidget(export)
        self.actions_row.addWidget(self.close_button)
        QWidget.setTabOrder(previous, self.close_button)

    # --- moves

    def export_subject(self, folder: str = "") -> list[Path]:
        """Everything held about the citizen, as PDF and JSON (logged as an export)."""
        from app.services.privacy import export_subject, subject_json, subject_pdf

        assert self._officer is not None
        if not folder:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Lưu dữ liệu công dân vào"))
        if not folder:
            return []
        with self._db.session() as s:
            d = s.get(Dossier, self._id)
            assert d is not None
            citizen_id = d.citizen_id
        try:
            data = export_subject(self._db, self._officer, self._officer_id, citizen_id)
        except UserError as err:
            show_error(self, err)
            return []
        stem = Path(folder) / f"du-lieu-cong-dan-{citizen_id[:8]}"
        written = [stem.with_suffix(".pdf"), stem.with_suffix(".json")]
        written[0].write_bytes(subject_pdf(data))
        written[1].write_bytes(subject_json(data))
        return written

    def apply_move(self, move: str) -> bool:
        reason, collector = "", ""
        target = Status(move)
        if target is Status.CANCELLED:
            try:
                require(self._officer, Permission.CANCEL_DOSSIER)
            except UserError as err:
                show_error(self, err)
                return False
        if target in REASON_REQUIRED:
            answer = self._ask(
                self, move_label(move).replace("&", "").rstrip("…"), tr(REASON_PROMPT[move])
            )
            if answer is None or not answer.strip():
                return False
            reason = answer
        if target is Status.RETURNED:
            answer = self._ask(self, self.tr("Trả kết quả"), self.tr("Họ tên người nhận kết quả:"))
            if answer is None or not answer.strip():
                return False
            collector = answer
        try:
            with self._db.session() as s:
                d = s.get(Dossier, self._id)
                assert d is not None
                transition(
                    s,
                    d,
                    target,
                    self._officer_id,
                    reason,
                    now=self._clock(),
                    rules=self._rules,
                    returned_to=collector,
                    actor=self._officer,
                )
        except UserError as err:
            show_error(self, err)
            return False
        self.reload()
        self.changed.emit(self._id)
        return True
