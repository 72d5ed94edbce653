"""What the office already knows about the citizen, and how to reach them: the record
(earlier dossiers, differences from the card), phone, email, result channel."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QVBoxLayout

from app.ui.intake.result_channel import ResultChannel
from app.ui.intake.state import IntakeState


class RecordBox(QGroupBox):
    def __init__(self) -> None:
        super().__init__(QCoreApplication.translate("IntakePage", "Hồ sơ đã có của công dân"))
        self.record = QLabel(objectName="record")
        self.record.setWordWrap(True)
        self.adjust = QPushButton(
            QCoreApplication.translate("IntakePage", "Chọn thủ tục Điều chỉnh thông tin"),
            objectName="adjust",
        )
        self.adjust.hide()
        self.rows = QVBoxLayout(self)
        self.rows.addWidget(self.record)
        self.rows.addWidget(self.adjust)
        self.phone = QLineEdit(objectName="phone")
        self.email = QLineEdit(objectName="email")
        contact = QFormLayout()
        contact.addRow(QCoreApplication.translate("IntakePage", "Điện th&oại:"), self.phone)
        contact.addRow(QCoreApplication.translate("IntakePage", "&Email:"), self.email)
        self.result_channel = ResultChannel()
        contact.addRow(
            QCoreApplication.translate("IntakePage", "Nhận &kết quả:"), self.result_channel
        )
        self.rows.addLayout(contact)

    def show_state(self, state: IntakeState) -> None:
        rec = state.record
        self.adjust.hide()
        if rec is None:
            self.record.setText("")
            return
        if not rec.known:
            self.record.setText(
                QCoreApplication.translate(
                    "IntakePage", "Công dân chưa có trong dữ liệu của bộ phận."
                )
            )
        else:
            lines = [
                QCoreApplication.translate("IntakePage", "Mã số BHXH: {0}").format(
                    rec.bhxh_number or QCoreApplication.translate("IntakePage", "(chưa có)")
                ),
                QCoreApplication.translate("IntakePage", "Hồ sơ đã nộp trước đây: {0}").format(
                    rec.earlier_dossiers
                ),
            ]
            if rec.differences:
                lines.append(
                    QCoreApplication.translate(
                        "IntakePage",
                        "<b>Khác với dữ liệu đã lưu</b> (thông tin trên thẻ được dùng):",
                    )
                )
                lines += [f"• {d.label}: {d.stored} → <b>{d.card}</b>" for d in rec.differences]
                self.adjust.show()
            self.record.setText("<br>".join(lines))
        self.phone.setText(state.phone)
        self.email.setText(state.email)
        identity = state.identity
        self.result_channel.set_choice(
            state.delivery_method,
            state.delivery_address,
            identity.residence if identity is not None else "",
        )
