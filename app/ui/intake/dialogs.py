"""Small dialogs of the intake flow: typed entry, CAN entry."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.services.card.typed_entry import typed_identity
from app.services.identity import Identity
from app.ui.messages import error_text


class TypedEntryDialog(QDialog):
    """Fallback when neither chip nor QR can be read: copy the card by hand."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("typed_entry")
        self.setWindowTitle(self.tr("Nhập thông tin từ thẻ"))
        self.identity: Identity | None = None
        self.id_number = QLineEdit(objectName="id_number")
        self.id_number.setInputMask("999999999999;_")
        self.full_name = QLineEdit(objectName="full_name")
        self.dob = QLineEdit(objectName="dob")
        self.dob.setPlaceholderText("dd/mm/yyyy")
        self.sex = QComboBox(objectName="sex")
        self.sex.addItems(["Nam", "Nữ"])
        self.residence = QLineEdit(objectName="residence")
        form = QFormLayout()
        form.addRow(self.tr("Số &định danh (12 số):"), self.id_number)
        form.addRow(self.tr("&Họ và tên:"), self.full_name)
        form.addRow(self.tr("Ngày &sinh:"), self.dob)
        form.addRow(self.tr("&Giới tính:"), self.sex)
        form.addRow(self.tr("Nơi &thường trú:"), self.residence)
        self.error = QLabel(objectName="error")
        self.error.setStyleSheet("color:#b00020;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Chỉ dùng khi không đọc được chip và mã QR.")))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def try_accept(self) -> None:
        try:
            self.identity = typed_identity(
                self.id_number.text().replace("_", ""),
                self.full_name.text(),
                self.dob.text(),
                self.sex.currentText(),
                residence=self.residence.text().strip(),
            )
        except UserError as err:
            self.error.setText(error_text(err))
            return
        self.accept()


class CanDialog(QDialog):
    """Unlocks a chip without a QR scan: the ID card's 6-digit access number (the
    last six digits of the ID number), or a passport's MRZ data."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("can_entry")
        self.setWindowTitle(self.tr("Mở khoá chip"))
        self.can = QLineEdit(objectName="can")
        self.can.setInputMask("999999;_")
        self.mrz = QLineEdit(objectName="mrz")
        self.mrz.setPlaceholderText(
            self.tr("SỐ HỘ CHIẾU,YYMMDD sinh,YYMMDD hết hạn — hoặc cả dòng MRZ")
        )
        form = QFormLayout()
        form.addRow(self.tr("Thẻ căn cước — 6 số &cuối số định danh (CAN):"), self.can)
        form.addRow(self.tr("&Hộ chiếu — dữ liệu MRZ:"), self.mrz)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def value(self) -> str:
        return self.can.text().replace("_", "")

    def mrz_text(self) -> str:
        return self.mrz.text().strip()
