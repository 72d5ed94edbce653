"""Chi tiết hồ sơ: fields, papers, digitized documents, history, and the allowed moves."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
from app.services import intake_snapshot, reprint
from app.services.attachments import AttachmentStore
from app.services.calendar import VN_TZ
from app.services.catalog import Catalog
from app.services.dossier_work import (
    move_dossier,
    read_detail,
    refusal_paper,
    write_subject_export,
)
from app.services.dossiers import DossierDetail
from app.services.face_records import Summary as FaceSummary
from app.services.face_records import dossier_summary
from app.services.forms.model import Agency
from app.services.lifecycle import DeadlineRules
from app.services.security.permissions import HasRole, Permission, allowed, require
from app.services.storage.db import Database
from app.settings import Settings
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
from app.ui.dossiers.refusal_dialog import RefusalChoice, ask_refusal
from app.ui.messages import show_error
from app.ui.tasks import TaskRunner

# (parent, title, prompt) -> text, or None when the officer cancels
AskText = Callable[[QWidget, str, str], "str | None"]


AskRefusal = Callable[[QWidget], "RefusalChoice | None"]
ShowPaper = Callable[[QWidget, bytes], None]  # a paper to print (form 03)


def ask_multiline(parent: QWidget, title: str, prompt: str) -> str | None:
    text, ok = QInputDialog.getMultiLineText(parent, title, prompt)
    return text if ok else None


def preview_paper(parent: QWidget, pdf: bytes) -> None:
    """Print preview: the officer prints from it to any printer, or to PDF."""
    from app.ui.printing import preview_pdf

    try:
        preview_pdf(parent, pdf)
    except UserError as err:
        show_error(parent, err)


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
        settings: Settings | None = None,
        print_receipt: Callable[[bytes], object] | None = None,
        ask_refusal: AskRefusal = ask_refusal,
        show_paper: ShowPaper = preview_paper,
        agency: Agency | None = None,
        runner: Any = None,  # TaskRunner (the database worker), or tests' SyncRunner
    ) -> None:
        super().__init__(parent)
        self._runner = runner if runner is not None else TaskRunner(max_threads=1, parent=self)
        self.written: list[Path] = []  # the files of the last data-subject export
        self._officer = officer  # role checks: cancelling and exports are for supervisors
        self._settings, self._print_receipt = settings, print_receipt  # the reprint
        self._db, self._id, self._catalog, self._rules = db, dossier_id, catalog, rules
        self._officer_id, self._store, self._ask, self._clock = (
            officer_id,
            attachments,
            ask_text,
            clock,
        )
        self._ask_refusal, self._show_paper, self._agency = ask_refusal, show_paper, agency
        self.last_paper: bytes | None = None  # form 03 of a refusal made here
        self._may_reprint = False  # read with the dossier, on the worker
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
        """The dossier and whether its receipt may be reprinted, read on the worker."""
        db, dossier_id, officer, now = self._db, self._id, self._officer, self._clock()
        offer = self._print_receipt is not None and self._settings is not None

        def read() -> tuple[DossierDetail, bool, FaceSummary | None]:
            detail = read_detail(db, dossier_id)
            # waiting for papers: no receipt yet
            may = (
                offer
                and detail.dossier.due_at is not None
                and (reprint.reprint_allowed(db, officer, dossier_id, now))
            )
            return detail, may, dossier_summary(db, dossier_id)  # face match (issue 16)

        self._runner.run(read, lambda found: self._show(*found), self._failed)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        show_error(self, exc)

    def _show(
        self, detail: DossierDetail, may_reprint: bool = False, face: FaceSummary | None = None
    ) -> None:
        self.detail, self._may_reprint = detail, may_reprint
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
            (
                self.tr("Số hồ sơ BHXH:"),
                d.bhxh_number or self.tr("(chưa có — hệ thống trung tâm cấp khi đồng bộ)"),
            ),
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

        rows.extend([row] if (row := face_row(face)) else [])
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
        if self._may_reprint:
            again = QPushButton(self.tr("&In lại giấy tiếp nhận"))
            again.setObjectName("reprint-receipt")
            again.setToolTip(self.tr("Sau ngày in lần đầu, chỉ lãnh đạo bộ phận được in lại."))
            again.clicked.connect(lambda _c=False: self.reprint_receipt())
            self.actions_row.addWidget(again)
        self.actions_row.addWidget(self.close_button)
        QWidget.setTabOrder(previous, self.close_button)

    # --- reprint

    def reprint_receipt(self) -> bool:
        """Built (and logged) on the worker, then handed to the printer; True once queued."""
        assert self._print_receipt is not None and self._settings is not None
        db, officer, officer_id, dossier_id = self._db, self._officer, self._officer_id, self._id
        catalog, settings, now, to_printer = (
            self._catalog, self._settings, self._clock(), self._print_receipt
        )  # fmt: skip
        self._runner.run(
            lambda: reprint.reprint_receipt(
                db, officer, officer_id, dossier_id, catalog, settings, now=now
            ),
            to_printer,
            self._failed,
        )
        return True

    # --- moves

    def export_subject(self, folder: str = "") -> None:
        """Everything held about the citizen, as PDF and JSON (logged as an export);
        the files written land in ``self.written`` when the worker is done."""
        assert self._officer is not None
        if not folder:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Lưu dữ liệu công dân vào"))
        if not folder:
            return
        db, officer, officer_id, dossier_id = self._db, self._officer, self._officer_id, self._id
        self._runner.run(
            lambda: write_subject_export(db, officer, officer_id, dossier_id, Path(folder)),
            self._exported,
            self._failed,
        )

    def _exported(self, written: list[Path]) -> None:
        self.written = written

    def apply_move(self, move: str) -> bool:
        """False when the officer gave up or may not; True once the move is on the worker."""
        reason, collector = "", ""
        target = Status(move)
        if target is Status.CANCELLED:
            try:
                require(self._officer, Permission.CANCEL_DOSSIER)
            except UserError as err:
                show_error(self, err)
                return False
        refusal = None
        if target is Status.REFUSED:
            refusal = self._ask_refusal(self)
            if refusal is None:
                return False
            reason = refusal.reason_text()
        elif target in REASON_REQUIRED:
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
        db, dossier_id, officer_id, now = self._db, self._id, self._officer_id, self._clock()
        rules, actor = self._rules, self._officer
        self._runner.run(
            lambda: move_dossier(
                db,
                dossier_id,
                target,
                officer_id,
                rules=rules,
                now=now,
                reason=reason,
                returned_to=collector,
                actor=actor,
            ),
            lambda _none: self._moved(refusal),
            self._failed,
        )
        return True

    def _moved(self, refusal: RefusalChoice | None = None) -> None:
        self.reload()
        self.changed.emit(self._id)
        if refusal is not None:
            self._print_refusal(refusal)

    def _print_refusal(self, refusal: RefusalChoice) -> None:
        """Form 03, built on the worker from the dossier as now stored, then shown."""
        db, dossier_id, catalog, officer_id = self._db, self._id, self._catalog, self._officer_id
        agency, today = self._agency, self._clock().astimezone(VN_TZ).date()
        choice = (refusal.ground, refusal.detail, refusal.competent_office)
        self._runner.run(
            lambda: refusal_paper(db, dossier_id, catalog, choice, officer_id, today, agency),
            self._refusal_printed,
            self._failed,
        )

    def _refusal_printed(self, paper: bytes) -> None:
        self.last_paper = paper
        self._show_paper(self, paper)
