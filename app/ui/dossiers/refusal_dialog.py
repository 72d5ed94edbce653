"""Refusing a dossier at the counter (form 03): the ground from a fixed list, the
competent office when the dossier belongs elsewhere, and the detail printed after it.

Only grounds for not *accepting* a dossier are offered; ineligibility is answered by
the competent office in writing after processing (Law 41/2024 Art. 79(3), 91(3))."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.services.forms.model import REFUSAL_GROUND_TEXT, RefusalGround


@dataclass(frozen=True, slots=True)
class RefusalChoice:
    ground: RefusalGround
    detail: str
    competent_office: str = ""

    def reason_text(self) -> str:
        """What the dossier's history records (the same facts form 03 prints)."""
        text = f"{REFUSAL_GROUND_TEXT[self.ground]}: {self.detail.strip()}"
        return text + (f"; nộp tại: {self.competent_office}" if self.competent_office else "")


class RefusalDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Từ chối tiếp nhận hồ sơ (mẫu 03)"))
        self.ground = QComboBox(objectName="refusal_ground")
        for ground, label in REFUSAL_GROUND_TEXT.items():
            self.ground.addItem(label, ground.value)
        self.office = QLineEdit(objectName="refusal_office")
        self.office.setPlaceholderText(self.tr("Cơ quan có thẩm quyền tiếp nhận, giải quyết"))
        self.detail = QPlainTextEdit(objectName="refusal_detail")
        self.detail.setPlaceholderText(
            self.tr("Cụ thể: giấy tờ còn thiếu hoặc không hợp lệ, đã hướng dẫn những gì…")
        )
        note = QLabel(
            self.tr(
                "Mẫu 03 chỉ từ chối tiếp nhận hồ sơ. Việc không đủ điều kiện hưởng do cơ quan "
                "có thẩm quyền trả lời bằng văn bản sau khi giải quyết."
            )
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Từ chối và in mẫu 03")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Lý do:"), self.ground)
        form.addRow(self.tr("Nơi nộp đúng:"), self.office)
        form.addRow(self.tr("Cụ thể:"), self.detail)
        form.addRow(note)
        form.addRow(self.buttons)
        self.ground.currentIndexChanged.connect(self._check)
        self.office.textChanged.connect(self._check)
        self.detail.textChanged.connect(self._check)
        self._check()

    def choice(self) -> RefusalChoice:
        ground = RefusalGround(self.ground.currentData())
        office = self.office.text().strip() if ground is RefusalGround.WRONG_OFFICE else ""
        return RefusalChoice(ground, self.detail.toPlainText().strip(), office)

    def _check(self) -> None:
        wrong_office = self.ground.currentData() == RefusalGround.WRONG_OFFICE
        self.office.setEnabled(wrong_office)
        ok = bool(self.detail.toPlainText().strip()) and (
            not wrong_office or bool(self.office.text().strip())
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


def ask_refusal(parent: QWidget) -> RefusalChoice | None:
    dialog = RefusalDialog(parent)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
