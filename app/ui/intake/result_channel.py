"""How the citizen receives the result, chosen at intake (TK1-TS [11], form 01 item 6).

Electronic through VssID/VNeID is the default since 2026 (Law 41/2024 Art. 25(2)); paper
at the counter or by post to an address are the alternatives. The line under the choice
is the exact wording the papers will print (``result_delivery_text``)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.services.forms.model import DeliveryMethod, result_delivery_text


class ResultChannel(QWidget):
    changed = Signal(str, str)  # method, postal address

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.method = QComboBox(objectName="delivery_method")
        for label, method in (
            (self.tr("Điện tử — ứng dụng VssID / VNeID (mặc định)"), DeliveryMethod.ELECTRONIC),
            (
                self.tr("Bản giấy — nhận tại Bộ phận Tiếp nhận và Trả kết quả"),
                DeliveryMethod.COUNTER,
            ),
            (self.tr("Bản giấy — gửi qua bưu chính công ích"), DeliveryMethod.POST),
        ):
            self.method.addItem(label, method.value)
        # The longest choice would widen the whole left column: shrink, tooltip in full.
        self.method.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.method.setMinimumContentsLength(24)
        self.address = QLineEdit(objectName="delivery_address")
        self.address.setPlaceholderText(self.tr("Địa chỉ nhận kết quả qua bưu chính"))
        self.printed = QLabel(objectName="delivery_printed")
        self.printed.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.method)
        layout.addWidget(self.address)
        layout.addWidget(self.printed)
        self._residence = ""
        self.method.currentIndexChanged.connect(self._edited)
        self.address.editingFinished.connect(self._edited)
        self._refresh()

    def set_choice(self, method: str, address: str, residence: str = "") -> None:
        """Show the intake's choice without announcing it back."""
        self._residence = residence
        self.blockSignals(True)
        self.method.blockSignals(True)
        self.method.setCurrentIndex(max(0, self.method.findData(method)))
        self.method.blockSignals(False)
        self.address.setText(address)
        self.blockSignals(False)
        self._refresh()

    def choice(self) -> tuple[str, str]:
        method = str(self.method.currentData())
        address = self.address.text().strip() if method == DeliveryMethod.POST else ""
        return method, address

    def _edited(self) -> None:
        if self.choice()[0] == DeliveryMethod.POST and not self.address.text().strip():
            self.address.setText(self._residence)  # the usual answer; the officer may edit it
        self._refresh()
        self.changed.emit(*self.choice())

    def _refresh(self) -> None:
        self.method.setToolTip(self.method.currentText())
        method, address = self.choice()
        self.address.setVisible(method == DeliveryMethod.POST)
        self.printed.setText(
            self.tr("In trên tờ khai và giấy tiếp nhận: {0}").format(
                result_delivery_text(DeliveryMethod(method), address)
            )
        )
