"""Tiếp nhận: the screen officers use all day. Layout only; behaviour is in the
controller. Keyboard: F2 typed entry, F3 CAN, Ctrl+F procedure, F8 all received,
Ctrl+Enter save and print, Ctrl+P print again, Ctrl+N new intake."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.services.calendar.days import local
from app.services.dossiers import ReceivedPaper
from app.services.identity import Identity
from app.ui.intake.attachments_panel import AttachmentsPanel
from app.ui.intake.controller import ADJUST_PROCEDURE, IntakeController, Saved
from app.ui.intake.dialogs import CanDialog, TypedEntryDialog
from app.ui.intake.identity_panel import IdentityPanel
from app.ui.intake.procedure_notes import ProcedureNotes
from app.ui.intake.receipt_actions import ReceiptActions
from app.ui.intake.result_channel import ResultChannel
from app.ui.messages import show_error

STATUS_STYLE = {
    "info": "background:#e3f2fd; color:#0d47a1;",
    "busy": "background:#fff8e1; color:#5d4037;",
    "ok": "background:#e8f5e9; color:#1b5e20;",
    "warn": "background:#fff3e0; color:#e65100;",
    "error": "background:#ffebee; color:#b71c1c; font-weight:bold;",
}


def fmt(moment: dt.datetime | None) -> str:
    return local(moment).strftime("%H:%M ngày %d/%m/%Y") if moment else ""


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

        # record
        self.record = QLabel(objectName="record")
        self.record.setWordWrap(True)
        self.adjust = QPushButton(self.tr("Chọn thủ tục Điều chỉnh thông tin"), objectName="adjust")
        self.adjust.hide()
        self.adjust.clicked.connect(self._choose_adjustment)
        record_box = QGroupBox(self.tr("Hồ sơ đã có của công dân"))
        rl = QVBoxLayout(record_box)
        self._record_layout = rl
        rl.addWidget(self.record)
        rl.addWidget(self.adjust)
        self.phone = QLineEdit(objectName="phone")
        self.email = QLineEdit(objectName="email")
        contact = QFormLayout()
        contact.addRow(self.tr("Điện th&oại:"), self.phone)
        contact.addRow(self.tr("&Email:"), self.email)
        self.result_channel = ResultChannel()
        contact.addRow(self.tr("Nhận &kết quả:"), self.result_channel)
        rl.addLayout(contact)
        self.result_channel.changed.connect(self.c.set_delivery)
        self.phone.editingFinished.connect(self._contact_edited)
        self.email.editingFinished.connect(self._contact_edited)

        # procedure
        self.search = QLineEdit(objectName="procedure_search")
        self.search.setPlaceholderText(self.tr("Gõ để tìm thủ tục (mã, tên, từ khoá) — Ctrl+F"))
        self.results = QListWidget(objectName="procedure_results")
        self.results.setMaximumHeight(96)
        self.chosen = QLabel(objectName="procedure_chosen")
        self.chosen.setWordWrap(True)
        self.appointment = QLabel(objectName="appointment")
        proc_box = QGroupBox(self.tr("2. Thủ tục"))
        pl = QVBoxLayout(proc_box)
        pl.addWidget(self.search)
        pl.addWidget(self.results)
        pl.addWidget(self.chosen)
        self.procedure_notes = ProcedureNotes()
        pl.addWidget(self.procedure_notes)
        self.procedure_notes.event_changed.connect(self.c.set_filing_event)
        pl.addWidget(self.appointment)
        self.search.textChanged.connect(self._search)
        self.search.returnPressed.connect(self._pick_first)
        self.results.itemActivated.connect(self._pick)

        # documents
        self.docs = QTableWidget(0, 4, objectName="documents")
        self.docs.setHorizontalHeaderLabels(
            [self.tr("Giấy tờ"), self.tr("Bản chính"), self.tr("Bản sao"), self.tr("Đã nhận")]
        )
        self.docs.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.docs.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.all_received = QPushButton(
            self.tr("Đã nhận đủ giấy tờ (F8)"), objectName="all_received"
        )
        self.all_received.clicked.connect(self.c.all_received)
        docs_box = QGroupBox(self.tr("3. Giấy tờ"))
        dl = QVBoxLayout(docs_box)
        dl.addWidget(self.docs)
        dl.addWidget(self.all_received)

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
        left.addWidget(record_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(proc_box)
        right.addWidget(docs_box, 1)
        right.addWidget(attachments)
        columns_widget = QWidget()
        columns = QHBoxLayout(columns_widget)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        # Counter PCs often have 1366×768 screens: scroll rather than squeeze or clip.
        scroll = QScrollArea()
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
        c.procedure_changed.connect(self._show_procedure)
        c.documents_changed.connect(self._show_documents)
        c.appointment_changed.connect(self._show_appointment)
        c.saved.connect(self._saved)
        c.needs_expiry_reason.connect(self._ask_expiry_reason)
        c.other_card.connect(self._other_card)
        c.reading.connect(self._reading)
        self._search("")
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
        self.attachments.set_citizen(rec.citizen_id if rec is not None and rec.known else None)
        if self.c.state.attachment_ids:
            self.attachments.tick(self.c.state.attachment_ids)
        self.adjust.hide()
        if rec is None:
            self.record.setText("")
            return
        if not rec.known:
            self.record.setText(self.tr("Công dân chưa có trong dữ liệu của bộ phận."))
        else:
            lines = [
                self.tr("Mã số BHXH: {0}").format(rec.bhxh_number or self.tr("(chưa có)")),
                self.tr("Hồ sơ đã nộp trước đây: {0}").format(rec.earlier_dossiers),
            ]
            if rec.differences:
                lines.append(
                    self.tr("<b>Khác với dữ liệu đã lưu</b> (thông tin trên thẻ được dùng):")
                )
                lines += [f"• {d.label}: {d.stored} → <b>{d.card}</b>" for d in rec.differences]
                self.adjust.show()
            self.record.setText("<br>".join(lines))
        self.phone.setText(self.c.state.phone)
        self.email.setText(self.c.state.email)
        identity = self.c.state.identity
        self.result_channel.set_choice(
            self.c.state.delivery_method,
            self.c.state.delivery_address,
            identity.residence if identity is not None else "",
        )

    def _search(self, text: str) -> None:
        self.results.clear()
        for p in self.c.search_procedures(text):
            item = QListWidgetItem(f"{p.code} — {p.name}")
            item.setData(Qt.ItemDataRole.UserRole, p.code)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def _pick_first(self) -> None:
        item = self.results.currentItem() or self.results.item(0)
        if item is not None:
            self._pick(item)

    def _pick(self, item: QListWidgetItem) -> None:
        self.c.choose_procedure(item.data(Qt.ItemDataRole.UserRole))
        self.docs.setFocus()

    def _show_procedure(self) -> None:
        p = self.c.procedure()
        self.chosen.setText(
            self.tr("<b>Đã chọn:</b> {0} — {1}").format(p.code, p.name)
            if p
            else self.tr("Chưa chọn thủ tục.")
        )
        self.procedure_notes.set_procedure(p)
        self.procedure_notes.set_event(self.c.filing_event())

    def _show_documents(self) -> None:
        p = self.c.procedure()
        specs = p.applicable_documents() if p else []
        self.docs.setRowCount(len(specs))
        for row, spec in enumerate(specs):
            paper = self.c.state.received.get(spec.id, ReceivedPaper())
            name = QLabel(spec.name + ("" if spec.required else self.tr(" (nếu có)")))
            name.setWordWrap(True)
            self.docs.setCellWidget(row, 0, name)
            originals, copies = QSpinBox(), QSpinBox()
            for spin, value in ((originals, paper.originals), (copies, paper.copies)):
                spin.setRange(0, 20)
                spin.setValue(value)
            done = QCheckBox()
            from app.services.dossiers import is_received

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

    def _show_appointment(self, due: dt.datetime | None) -> None:
        p = self.c.procedure()
        if p is None or due is None:
            self.appointment.setText("")
            return
        from app.services.paperwork import processing_time_text

        self.appointment.setText(
            self.tr("Thời hạn: {0}. <b>Hẹn trả kết quả: {1}</b> (nếu tiếp nhận ngay)").format(
                processing_time_text(p), fmt(due)
            )
        )

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
        if saved is None:
            return
        from app.services.reprint import may_reprint
        from app.shared.types import utcnow

        try:  # a page left open past midnight: the next-day rule applies
            may_reprint(self.c.db, self.c.officer, saved.dossier_id, utcnow())
        except UserError as err:
            show_error(self, err)
            return
        self.printer.print_saved(saved)

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
