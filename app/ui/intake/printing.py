"""Printing the papers of a saved dossier: the receipt (or form 02), then TK1-TS.

Form 01 (two copies, on A4) is always printed: it is the receipt Circular 03/2025 asks
for. With an 80 mm receipt printer set, the 80 mm queue/look-up slip is printed on it
*in addition*, never instead."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.errors import UserError, describe
from app.settings import Settings
from app.ui.intake.controller import Saved
from app.ui.printing import PageSize, start_print


class PaperPrinter(QObject):
    done = Signal(str)  # what was printed
    printed = Signal(object, str)  # Saved, what: for the access log
    failed = Signal(str)  # message for the officer

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._jobs: list[QObject] = []

    def papers(self, saved: Saved) -> list[tuple[bytes, str, str | None, PageSize]]:
        """(PDF, what, printer, page size) in printing order."""
        a4 = self.settings.default_printer or None
        what = "receipt" if saved.due_at is not None else "form02"
        papers = [(saved.receipt_pdf, what, a4, PageSize.A4)]
        if saved.receipt_80mm_pdf and self.settings.receipt_printer:
            papers.append(
                (
                    saved.receipt_80mm_pdf,
                    "receipt80",
                    self.settings.receipt_printer,
                    PageSize.ROLL_80MM,
                )
            )
        if saved.tk1ts_pdf:
            papers.append((saved.tk1ts_pdf, "tk1ts", a4, PageSize.A4))
        return papers

    def print_saved(self, saved: Saved) -> None:
        for pdf, what, printer_name, page_size in self.papers(saved):
            try:
                job = start_print(
                    pdf,
                    printer_name,
                    page_size=page_size,
                    job_name=f"MotCua-{saved.code}-{what}",  # spooler logs: no personal data
                    parent=self,
                )
            except UserError as err:
                m = describe(err)
                self.failed.emit(f"{m.title}: {m.text} {m.action}")
                return
            self._jobs.append(job)
            job.finished.connect(lambda w=what, j=job, sv=saved: self._finished(w, j, sv))
            job.failed.connect(lambda exc, j=job: self._failed(exc, j))

    def _finished(self, what: str, job: QObject, saved: Saved) -> None:
        self._jobs.remove(job)
        self.printed.emit(saved, what)
        self.done.emit(what)

    def _failed(self, exc: object, job: QObject) -> None:
        self._jobs.remove(job)
        if isinstance(exc, UserError):
            m = describe(exc)
            self.failed.emit(f"{m.title}: {m.text} {m.action}")
        else:
            raise exc  # type: ignore[misc]
