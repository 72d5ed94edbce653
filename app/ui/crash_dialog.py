"""The dialog a bug ends in: apologise, say where the report is, keep working."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class CrashDialog(QDialog):
    def __init__(self, report: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Lỗi phần mềm"))
        text = QLabel(
            self.tr(
                "MotCua gặp lỗi không mong muốn. Dữ liệu đã lưu không bị ảnh hưởng.\n"
                "Báo cáo lỗi (không chứa dữ liệu cá nhân) đã được ghi vào:\n{path}\n\n"
                "Hãy gửi tệp này cho bộ phận hỗ trợ kỹ thuật."
            ).format(path=report)
        )
        text.setWordWrap(True)
        text.setTextInteractionFlags(
            text.textInteractionFlags() | text.textInteractionFlags().TextSelectableByMouse
        )
        buttons = QDialogButtonBox(QDialogButtonBox.Ok)
        open_folder = buttons.addButton(self.tr("Mở thư mục báo cáo"), QDialogButtonBox.ActionRole)
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(report.parent)))
        )
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
