"""Tiếp nhận: the screen officers use all day. Layout only; behaviour is in the
controller. Keyboard: F2 typed entry, F3 CAN, Ctrl+F procedure, F8 all received,
Ctrl+Enter save and print, Ctrl+P print again, Ctrl+N new intake."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.services.identity import Identity
from app.ui.intake.attachments_panel import AttachmentsPanel
from app.ui.intake.controller import ADJUST_PROCEDURE, IntakeController, Saved
from app.ui.intake.dialogs import CanDialog, TypedEntryDialog
from app.ui.intake.documents_box import DocumentsBox
from app.ui.intake.identity_panel import IdentityPanel
from app.ui.intake.procedure_box import ProcedureBox, fmt
from app.ui.intake.receipt_actions import ReceiptActions
from app.ui.intake.record_box import RecordBox
from app.ui.messages import show_error

STATUS_STYLE = {
    "info": "background:#e3f2fd; color:#0d47a1;",
    "busy": "background:#fff8e1; color:#5d4037;",
    "ok": "background:#e8f5e9; color:#1b5e20;",
    "warn": "background:#fff3e0; color:#e65100;",
    "error": "background:#ffebee; color:#b71c1c; font-weight:bold;",
}


class IntakePage(QWidget):
    def __init__(
        self,
        controller: IntakeController,
        printer: object,
        attachments: AttachmentsPanel,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.c = controller
        self.attachments = attachments
        attachments.changed.connect(self._attachments_changed)
        self.printer = printer  # app.ui.intake.printing.PaperPrinter
        self.setObjectName("intake_page")

        self._shown_id = ""
        self.status = QLabel(objectName="status")
        self.status.setWordWrap(True)
        self.status.setMinimumHeight(36)
        # Shown while no chip can be read (service down, no reader): on the screen the
        # officer is looking at, with what to do, not only in the status bar.
        self.reader_banner = QLabel(objectName="reader_banner")
        self.reader_banner.setWordWrap(True)
        self.reader_banner.setStyleSheet(STATUS_STYLE["error"] + " padding:6px; border-radius:3px;")
        self.reader_banner.hide()
        self.identity = IdentityPanel()
        # PDP Law 91/2025: the citizen is told why their data is processed, at intake.
        self.notice = QLabel(
            self.tr(
                "Thông tin cá nhân của công dân được xử lý chỉ để giải quyết thủ tục, theo "
                "Luật Bảo vệ dữ liệu cá nhân. F1: đọc thông báo đầy đủ cho công dân."
            ),
            objectName="purpose_notice",
        )
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color:#455a64; font-size:11px;")

        self.record_box = RecordBox()
        self._record_layout = self.record_box.rows
        self.record, self.adjust = self.record_box.record, self.record_box.adjust
        self.phone, self.email = self.record_box.phone, self.record_box.email
        self.result_channel = self.record_box.result_channel
        self.adjust.clicked.connect(self._choose_adjustment)
        self.result_channel.changed.connect(self.c.set_delivery)
        self.phone.editingFinished.connect(self._contact_edited)
        self.email.editingFinished.connect(self._contact_edited)

        self.procedure_box = ProcedureBox(self.c)
        self.search, self.results = self.procedure_box.search, self.procedure_box.results
        self.chosen, self.appointment = self.procedure_box.chosen, self.procedure_box.appointment
        self.procedure_notes = self.procedure_box.notes
        self.procedure_box.picked.connect(lambda: self.docs.setFocus())

        self.documents_box = DocumentsBox(self.c)
        self.docs, self.all_received = self.documents_box.docs, self.documents_box.all_received

        # actions
        self.save_button = QPushButton(
            self.tr("Lưu và in giấy tiếp nhận (Ctrl+Enter)"), objectName="save"
        )
        self.save_button.setStyleSheet("font-weight:bold; padding:8px;")
        self.save_button.clicked.connect(self.save)
        self.reprint = QPushButton(self.tr("In lại (Ctrl+P)"), objectName="reprint")
        self.reprint.clicked.connect(self.print_again)
        self.reprint.setEnabled(False)
        # The receipt is owed to the citizen even without a working printer.
        self.receipt_actions = ReceiptActions(self)
        self.preview_button = self.receipt_actions.preview_button
        self.pdf_button = self.receipt_actions.pdf_button
        typed = QPushButton(self.tr("Nhập tay (F2)"), objectName="typed")
        typed.clicked.connect(self.typed_entry)
        can = QPushButton(self.tr("Nhập CAN / MRZ (F3)"), objectName="can")
        can.clicked.connect(self.enter_can)
        new = QPushButton(self.tr("Hồ sơ mới (Ctrl+N)"), objectName="new")
        new.clicked.connect(self.new_intake)
        actions = QHBoxLayout()
        for b in (typed, can, new):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.preview_button)
        actions.addWidget(self.pdf_button)
        actions.addWidget(self.reprint)
        actions.addWidget(self.save_button)

        left = QVBoxLayout()
        left.addWidget(self.identity)
        left.addWidget(self.record_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.procedure_box)
        right.addWidget(self.documents_box, 1)
        right.addWidget(attachments)
        columns_widget = QWidget()
        columns = QHBoxLayout(columns_widget)
        columns.setContentsMargins(0, 0, 0, 0)
        # The papers need the width: at 1366×768 the right column gets three fifths,
        # and nothing on the page is wider than its share (tests/ui/foundation/
        # test_window_fit.py checks no sideways scrolling). Tall content scrolls.
        # The shares are fixed: a column's content (a long address) must not claim
        # width from the other, so each ignores its size hint and wraps within.
        for name, column, share, least in (
            ("citizen_column", left, 2, 300),
            ("papers_column", right, 3, 420),
        ):
            holder = QWidget(objectName=name)
            holder.setLayout(column)
            column.setContentsMargins(0, 0, 0, 0)
            policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            policy.setHorizontalStretch(share)
            holder.setSizePolicy(policy)
            holder.setMinimumWidth(least)
            columns.addWidget(holder, share)
        scroll = QScrollArea(objectName="intake_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(columns_widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reader_banner)
        layout.addWidget(self.status)
        layout.addWidget(self.notice)
        layout.addWidget(scroll, 1)
        layout.addLayout(actions)

        for keys, slot in (
            ("F2", self.typed_entry),
            ("F3", self.enter_can),
            ("Ctrl+F", self.focus_search),
            ("F8", self.c.all_received),
            ("Ctrl+Return", self.save),
            ("Ctrl+Enter", self.save),
            ("Ctrl+P", self.print_again),
            ("Ctrl+Shift+P", self.preview_receipt),
            ("Ctrl+Shift+S", self.save_pdf),
            ("Ctrl+N", self.new_intake),
            ("F1", self.show_purpose_notice),
        ):
            QShortcut(
                QKeySequence(keys),
                self,
                activated=slot,
                context=Qt.ShortcutContext.WindowShortcut,
            )

        c = self.c
        c.status.connect(self.show_status)
        c.identity_changed.connect(self._show_identity)
        c.record_changed.connect(self._show_record)
        c.procedure_changed.connect(self.procedure_box.show_procedure)
        c.documents_changed.connect(self.documents_box.show_documents)
        c.appointment_changed.connect(self.procedure_box.show_appointment)
        c.saved.connect(self._saved)
        c.needs_expiry_reason.connect(self._ask_expiry_reason)
        c.other_card.connect(self._other_card)
        c.reading.connect(self._reading)
        self.procedure_box.show_matches("")
        self.show_status(self.tr("Sẵn sàng. Quét mã QR trên thẻ hoặc đặt thẻ lên đầu đọc."), "info")

    def show_beside_record(self, widget: QWidget) -> None:
        """A panel under the citizen's record (the register-check banner)."""
        self._record_layout.insertWidget(1, widget)

    # -- display ----------------------------------------------------------------
    def show_status(self, text: str, level: str) -> None:
        self.status.setText(text)
        self.status.setProperty("level", level)
        self.status.setStyleSheet(STATUS_STYLE.get(level, "") + " padding:6px; border-radius:3px;")

    def set_reader_availability(self, state: str) -> None:
        """``state`` from ``CardWatcher.availability()``: ready, service_down, no_reader."""
        texts = {
            "service_down": self.tr(
                "Không đọc được chip: dịch vụ thẻ thông minh (PC/SC) không chạy. Khởi động "
                "dịch vụ — Windows: dịch vụ “Smart Card” (Thẻ thông minh); Linux: "
                "“sudo systemctl start pcscd” — hoặc báo quản trị. Trong lúc chờ: quét mã QR "
                "trên thẻ hoặc F2 để nhập tay."
            ),
            "no_reader": self.tr(
                "Không đọc được chip: chưa thấy đầu đọc thẻ. Cắm đầu đọc USB (hoặc kiểm tra "
                "tên đầu đọc trong Cài đặt, Ctrl+5). Trong lúc chờ: quét mã QR trên thẻ hoặc "
                "F2 để nhập tay."
            ),
        }
        text = texts.get(state, "")
        self.reader_banner.setText(text)
        self.reader_banner.setProperty("state", state)
        self.reader_banner.setVisible(bool(text))

    def _reading(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)

    def _choose_adjustment(self) -> None:
        self.c.choose_procedure(ADJUST_PROCEDURE)

    def _attachments_changed(self) -> None:
        self.c.state.attachment_ids = self.attachments.selected_ids()

    def _show_identity(self) -> None:
        identity = self.c.state.identity
        if identity is None or identity.id_number != self._shown_id:
            self.attachments.clear()  # one citizen's scans never reach another's dossier
            self._shown_id = identity.id_number if identity else ""
        self.identity.show_identity(identity)
        if self.c.state.identity is not None and self.c.procedure() is None:
            self.focus_search()  # the next thing the officer does: pick the procedure

    def _show_record(self) -> None:
        rec = self.c.state.record
        # The record arrives from the worker after the identity, for the person shown:
        # _show_identity already dropped the scans when the person changed.
        self.attachments.set_citizen(
            rec.citizen_id if rec is not None and rec.known else None, same_person=True
        )
        if self.c.state.attachment_ids:
            self.attachments.tick(self.c.state.attachment_ids)
        self.record_box.show_state(self.c.state)

    # -- actions ------------------------------------------------------------------
    def show_purpose_notice(self) -> None:
        from app.services.privacy import purpose_notice

        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Thông báo xử lý dữ liệu cá nhân"),
            purpose_notice(),
            parent=self,
        )
        box.setObjectName("purpose_notice_box")
        box.open()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _contact_edited(self) -> None:
        self.c.set_contact(self.phone.text(), self.email.text())

    def typed_entry(self) -> None:
        dialog = TypedEntryDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.identity is not None:
            self.c.typed(dialog.identity)

    def enter_can(self) -> None:
        dialog = CanDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            if dialog.mrz_text():
                self.c.use_mrz(dialog.mrz_text())
            else:
                self.c.use_can(dialog.value())

    def new_intake(self) -> None:
        if self.c.state.identity is not None and self.c.last_saved is None:
            answer = QMessageBox.question(
                self, self.tr("Hồ sơ mới"), self.tr("Bỏ hồ sơ đang nhập dở và bắt đầu hồ sơ mới?")
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.c.start_new()

    def save(self) -> None:
        if self.c.state.identity is None:
            self.show_status(
                self.tr("Chưa có công dân: quét mã QR, đặt thẻ hoặc F2 để nhập tay."), "warn"
            )
            return
        if self.c.procedure() is None:
            self.show_status(self.tr("Chưa chọn thủ tục (Ctrl+F)."), "warn")
            self.focus_search()
            return
        self._contact_edited()
        missing = self.c.missing()
        if missing:
            names = "\n".join(f"• {d.name}" for d in missing)
            answer = QMessageBox.question(
                self,
                self.tr("Hồ sơ chưa đủ giấy tờ"),
                self.tr(
                    "Còn thiếu giấy tờ bắt buộc:\n{0}\n\nChưa lập giấy tiếp nhận. In phiếu yêu cầu "
                    "bổ sung, hoàn thiện hồ sơ (mẫu 02) và lưu hồ sơ ở trạng thái chờ bổ sung?"
                ).format(names),
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.c.save(self.tr("Thiếu giấy tờ bắt buộc"), self._new_scans())
            return
        self.c.save(import_new=self._new_scans())

    def _new_scans(self):  # type: ignore[no-untyped-def]
        return self.attachments.import_pending if self.attachments.pending_files() else None

    def _saved(self, saved: Saved) -> None:
        for button in (self.reprint, self.preview_button, self.pdf_button):
            button.setEnabled(True)
        self.attachments.originals_stored()
        self.attachments.clear()
        if saved.due_at is not None:
            self.show_status(
                self.tr(
                    "Đã lưu hồ sơ {0}. Hẹn trả kết quả {1}. Đang in giấy tiếp nhận (2 liên)…"
                ).format(saved.code, fmt(saved.due_at)),
                "ok",
            )
        else:
            self.show_status(
                self.tr(
                    "Đã lưu hồ sơ {0} ở trạng thái chờ bổ sung. Đang in phiếu yêu cầu bổ sung…"
                ).format(saved.code),
                "warn",
            )
        self.printer.print_saved(saved)

    def print_failed(self, text: str) -> None:
        """What was saved stays on screen; the way to still hand over the receipt too."""
        saved = self.c.last_saved
        if saved is None:
            self.show_status(text, "error")
            return
        self.show_status(
            self.tr(
                "Đã lưu hồ sơ {0} (mã tra cứu {1}), nhưng chưa in được — {2} Giấy tiếp nhận "
                "vẫn phải giao cho công dân: Ctrl+Shift+P để xem trước và in ra máy khác, "
                "Ctrl+Shift+S để lưu PDF."
            ).format(saved.code, saved.lookup_code, text),
            "warn",
        )
        self.pdf_button.setFocus()

    def preview_receipt(self) -> None:
        self.receipt_actions.preview()

    def save_pdf(self, path: str | None = None) -> str | None:
        return self.receipt_actions.save_pdf(path)

    def printed(self, what: str) -> None:
        """Keep the saved dossier's code on screen and add what reached the printer."""
        text = self.status.text().replace(self.tr(" Đang in giấy tiếp nhận (2 liên)…"), "")
        text = text.replace(self.tr(" Đang in phiếu yêu cầu bổ sung…"), "")
        done = {
            "receipt": self.tr(" Đã in giấy tiếp nhận."),
            "receipt80": self.tr(" Đã in thêm phiếu xếp hàng / tra cứu khổ 80 mm."),
            "form02": self.tr(" Đã in phiếu yêu cầu bổ sung (mẫu 02)."),
            "tk1ts": self.tr(" Đã in tờ khai TK1-TS để công dân ký."),
        }[what]
        if done not in text:
            self.show_status(text + done, self.status.property("level") or "ok")

    def print_again(self) -> None:
        saved = self.c.last_saved
        if saved is None or not self.reprint.isEnabled():  # a check already running
            return
        from app.services.reprint import may_reprint
        from app.shared.types import utcnow

        # A page left open past midnight: the next-day rule applies (on the worker).
        db, officer, dossier_id, now = self.c.db, self.c.officer, saved.dossier_id, utcnow()
        self.reprint.setEnabled(False)

        def allowed(_none: object) -> None:
            self.reprint.setEnabled(True)
            self.printer.print_saved(saved)

        def refused(exc: BaseException) -> None:
            self.reprint.setEnabled(True)
            if not isinstance(exc, UserError):
                raise exc
            show_error(self, exc)

        self.c.db_runner.run(lambda: may_reprint(db, officer, dossier_id, now), allowed, refused)

    def _ask_expiry_reason(self) -> None:
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Thẻ đã hết hạn"),
            self.tr(
                "Thẻ căn cước đã hết hạn. Nhập lý do vẫn tiếp nhận (nhắc công dân đi đổi thẻ):"
            ),
        )
        if ok and reason.strip():
            self.c.accept_expired(reason)
            self.show_status(
                self.tr("Thẻ đã hết hạn — tiếp nhận với lý do: {0}").format(reason.strip()), "warn"
            )
        else:
            self.show_status(self.tr("Thẻ đã hết hạn: cần ghi lý do để tiếp nhận."), "warn")

    def _other_card(self, identity: Identity) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Thẻ của người khác"),
            self.tr(
                "Thẻ vừa đặt lên là của {0}, không phải công dân đang tiếp nhận.\n"
                "Bỏ hồ sơ đang nhập và bắt đầu hồ sơ mới cho người này?"
            ).format(identity.full_name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.c.start_new(identity)
        else:
            self.show_status(self.tr("Giữ hồ sơ đang nhập. Đặt lại đúng thẻ của công dân."), "warn")
