"""The receipt of the dossier just saved, without a printer: print preview (print to
any printer from there, or to PDF) and "save as PDF". The receipt (form 01, or form 02)
is owed to the citizen even when the counter's printer is missing or jammed; the 80 mm
look-up slip is only ever an extra, saved beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPushButton

if TYPE_CHECKING:
    from app.ui.intake.page import IntakePage


class ReceiptActions(QObject):
    def __init__(self, page: IntakePage) -> None:
        super().__init__(page)
        self.page = page
        self.preview_button = QPushButton(
            self.tr("Xem trước / in (Ctrl+Shift+P)"), objectName="preview_receipt"
        )
        self.preview_button.clicked.connect(self.preview)
        self.preview_button.setEnabled(False)
        self.pdf_button = QPushButton(self.tr("Lưu PDF (Ctrl+Shift+S)"), objectName="save_pdf")
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self.pdf_button.setEnabled(False)

    def _saved_paper(self) -> tuple[bytes, object] | None:
        from app.ui.printing import PageSize

        saved = self.page.c.last_saved
        if saved is None:
            return None
        return saved.receipt_pdf, PageSize.A4

    def preview(self) -> None:
        """Print preview of the receipt: print from it to any printer, or to PDF."""
        from app.errors import UserError
        from app.ui.printing import preview_pdf

        paper = self._saved_paper()
        if paper is None:
            self.page.show_status(self.tr("Chưa có hồ sơ vừa lưu để in."), "warn")
            return
        try:
            preview_pdf(self.page, paper[0], paper[1])  # type: ignore[arg-type]
        except UserError as err:
            from app.ui.messages import show_error

            show_error(self.page, err)

    def save_pdf(self, path: str | None = None) -> str | None:
        """Save the receipt (and TK1-TS, beside it) as PDF files; returns the path."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        saved, paper = self.page.c.last_saved, self._saved_paper()
        if saved is None or paper is None:
            self.page.show_status(self.tr("Chưa có hồ sơ vừa lưu để in."), "warn")
            return None
        kind = "giay-tiep-nhan" if saved.due_at is not None else "phieu-bo-sung"
        if path is None:
            suggested = str(Path.home() / f"{saved.code}-{kind}.pdf")
            path, _ = QFileDialog.getSaveFileName(
                self.page, self.tr("Lưu giấy tiếp nhận thành PDF"), suggested, "PDF (*.pdf)"
            )
            if not path:
                return None
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        written = [target]
        try:
            target.write_bytes(paper[0])
            if saved.tk1ts_pdf:
                declaration = target.with_name(f"{target.stem}-TK1-TS.pdf")
                declaration.write_bytes(saved.tk1ts_pdf)
                written.append(declaration)
            if saved.receipt_80mm_pdf:
                slip = target.with_name(f"{target.stem}-phieu-tra-cuu-80mm.pdf")
                slip.write_bytes(saved.receipt_80mm_pdf)
                written.append(slip)
        except OSError as exc:
            self.page.show_status(
                self.tr(
                    "Đã lưu hồ sơ {0}, nhưng không ghi được tệp PDF ({1}). Chọn thư mục khác."
                ).format(saved.code, exc.strerror or type(exc).__name__),
                "error",
            )
            return None
        self.page.c.printed(saved, "pdf")  # access log: the citizen's data left the database
        self.page.show_status(
            self.tr("Đã lưu hồ sơ {0}. Đã lưu PDF: {1}").format(
                saved.code, ", ".join(str(p) for p in written)
            ),
            "ok",
        )
        return str(target)
