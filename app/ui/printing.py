"""Print and preview the forms' PDFs through Qt (QtPrintSupport).

Where CUPS prints (Linux), A4 PDFs are spooled as they are (vector; see
``app.services.printing.spool_pdf``); set MOTCUA_PRINT_RASTER=1 to force images.
Why pages are otherwise printed as images: Qt cannot hand a PDF file to a printer, and
Windows has no PDF spooler of its own. So ``app.services.printing`` rasterises each
page with PDFium (300 dpi for A4, 203 dpi — the usual thermal head — for the 80 mm
roll) and this module paints the images onto a ``QPrinter`` set to the page's own
paper size with no margins. What leaves the printer is what the PDF shows.

Rasterising can take a few hundred milliseconds: ``start_print`` does it on a worker
thread and paints on the GUI thread (``QPainter`` on a printer must stay there).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from PIL import Image
from PySide6.QtCore import QMarginsF, QObject, QRectF, QRunnable, QSizeF, QThreadPool, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from app.errors import ErrorKind, UserError
from app.services.printing import PageImage, cups_spooler, render_pages, spool_pdf


class PageSize(StrEnum):
    A4 = "a4"
    ROLL_80MM = "80mm"  # continuous thermal roll; the page length follows the PDF


RENDER_DPI = {PageSize.A4: 300.0, PageSize.ROLL_80MM: 203.0}
ROLL_WIDTH_MM = 80.0
DEFAULT_JOB_NAME = "MotCua"  # job titles show in spooler logs: no personal data


def available_printers() -> list[str]:
    return [info.printerName() for info in QPrinterInfo.availablePrinters()]


def default_printer() -> str | None:
    info = QPrinterInfo.defaultPrinter()
    return None if info.isNull() else info.printerName()


def print_pdf(
    pdf_bytes: bytes,
    printer_name: str | None = None,
    copies: int = 1,
    page_size: PageSize = PageSize.A4,
    *,
    job_name: str = DEFAULT_JOB_NAME,
) -> None:
    """Print every page and return once the job is handed to the spooler.

    Blocks while rendering; from the GUI prefer ``start_print``.
    Raises ``UserError(NO_PRINTER)`` or ``UserError(PRINT_FAILED)``.
    """
    printer = make_printer(printer_name, copies, job_name)
    if page_size is PageSize.A4 and cups_spooler():
        spool_pdf(pdf_bytes, printer.printerName(), copies, job_name)
        return
    pages = render_pages(pdf_bytes, RENDER_DPI[page_size])
    paint_pages(printer, pages, page_size)


def make_printer(
    printer_name: str | None, copies: int = 1, job_name: str = DEFAULT_JOB_NAME
) -> QPrinter:
    """A high-resolution ``QPrinter`` on the named (or default) printer."""
    names = available_printers()
    if not names:
        raise UserError(ErrorKind.NO_PRINTER, "no printer installed")
    name = printer_name or default_printer() or names[0]
    if name not in names:
        raise UserError(ErrorKind.NO_PRINTER, "printer not found")
    printer = QPrinter(QPrinterInfo.printerInfo(name), QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(name)
    printer.setCopyCount(max(1, copies))
    printer.setDocName(job_name)
    printer.setFullPage(True)  # we place the page ourselves, edge to edge
    return printer


def page_layout(page: PageImage, page_size: PageSize) -> QPageLayout:
    """The paper for one page: A4 (turned for landscape pages) or the roll cut to
    the page's length."""
    landscape = page.width_mm > page.height_mm
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    if page_size is PageSize.ROLL_80MM:
        size = QPageSize(
            QSizeF(ROLL_WIDTH_MM, page.height_mm * ROLL_WIDTH_MM / page.width_mm),
            QPageSize.Unit.Millimeter,
            "80 mm roll",
            QPageSize.SizeMatchPolicy.ExactMatch,
        )
        orientation = QPageLayout.Orientation.Portrait
    else:
        size = QPageSize(QPageSize.PageSizeId.A4)
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def paint_pages(printer: QPrinter, pages: Sequence[PageImage], page_size: PageSize) -> None:
    """Paint page images onto ``printer`` (GUI thread). Ends the job (spools it)."""
    if not pages:
        raise UserError(ErrorKind.PRINT_FAILED, "document has no pages")
    _use_layout(printer, page_layout(pages[0], page_size))
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError(ErrorKind.PRINT_FAILED, "printer refused to start the job")
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for index, page in enumerate(pages):
            if index:
                _use_layout(printer, page_layout(page, page_size))
                if not printer.newPage():
                    raise UserError(ErrorKind.PRINT_FAILED, f"cannot start page {index + 1}")
            _draw(painter, printer, page)
    finally:
        painter.end()
    if printer.printerState() == QPrinter.PrinterState.Error:
        raise UserError(ErrorKind.PRINT_FAILED, "printer reported an error")


def _use_layout(printer: QPrinter, layout: QPageLayout) -> None:
    """Set the page layout unless the printer already has it: a print preview hands
    over a printer that is already active, where Qt refuses (and warns about) any
    change, and the preview's printer was given this layout when it was made."""
    if not printer.pageLayout().isEquivalentTo(layout):
        printer.setPageLayout(layout)


def _draw(painter: QPainter, printer: QPrinter, page: PageImage) -> None:
    paper = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
    image = to_qimage(page.image)
    # fit inside the paper keeping proportions, top-centred (an 80 mm page sent to
    # an A4 printer stays readable instead of stretched)
    scale = min(paper.width() / image.width(), paper.height() / image.height())
    width, height = image.width() * scale, image.height() * scale
    target = QRectF(paper.x() + (paper.width() - width) / 2, paper.y(), width, height)
    painter.drawImage(target, image)


def to_qimage(image: Image.Image) -> QImage:
    """A deep copy as ``QImage`` (the PIL buffer may go away before Qt paints)."""
    if image.mode == "L":
        fmt = QImage.Format.Format_Grayscale8
        stride = image.width
    else:
        image = image.convert("RGB")
        fmt = QImage.Format.Format_RGB888
        stride = image.width * 3
    data = image.tobytes()
    return QImage(data, image.width, image.height, stride, fmt).copy()


# ---- without blocking the GUI --------------------------------------------------------


class _SpoolTask(QRunnable):
    """CUPS path: hand the PDF to ``lp`` off the GUI thread."""

    def __init__(self, job: PrintJob, pdf_bytes: bytes, copies: int, title: str) -> None:
        super().__init__()
        self._job, self._pdf, self._copies, self._title = job, pdf_bytes, copies, title

    def run(self) -> None:
        try:
            spool_pdf(self._pdf, self._job._printer.printerName(), self._copies, self._title)
        except UserError as exc:
            self._job._rendered.emit(exc)
            return
        self._job._rendered.emit(SPOOLED)


SPOOLED = "spooled"


class _RenderTask(QRunnable):
    def __init__(self, job: PrintJob, pdf_bytes: bytes, dpi: float) -> None:
        super().__init__()
        self._job = job
        self._pdf = pdf_bytes
        self._dpi = dpi

    def run(self) -> None:
        try:
            pages = render_pages(self._pdf, self._dpi)
        except Exception as exc:  # a broken PDF is our bug: report it, do not crash the pool
            self._job._rendered.emit(exc)
            return
        self._job._rendered.emit(pages)


class PrintJob(QObject):
    """One print started with ``start_print``; emits ``finished`` or ``failed``."""

    finished = Signal()
    failed = Signal(object)  # the exception: UserError for printer trouble
    _rendered = Signal(object)  # list[PageImage] or an exception, from the worker

    def __init__(
        self, printer: QPrinter, page_size: PageSize, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._printer = printer
        self._page_size = page_size
        # queued to this object's (the GUI) thread, where painting must happen
        self._rendered.connect(self._paint)

    def _paint(self, result: object) -> None:
        if isinstance(result, Exception):
            self.failed.emit(result)
            return
        if result == SPOOLED:
            self.finished.emit()
            return
        try:
            assert isinstance(result, list)
            paint_pages(self._printer, result, self._page_size)
        except UserError as exc:
            self.failed.emit(exc)
            return
        self.finished.emit()


_render_pool: QThreadPool | None = None


def _pool() -> QThreadPool:
    # one worker: PDFium runs one document at a time anyway, and jobs keep their order
    global _render_pool
    if _render_pool is None:
        _render_pool = QThreadPool()
        _render_pool.setMaxThreadCount(1)
    return _render_pool


def start_print(
    pdf_bytes: bytes,
    printer_name: str | None = None,
    copies: int = 1,
    page_size: PageSize = PageSize.A4,
    *,
    job_name: str = DEFAULT_JOB_NAME,
    parent: QObject | None = None,
) -> PrintJob:
    """Start printing without blocking: render on a worker, paint on the GUI thread.

    Printer problems found up front (none installed, unknown name) raise at once.
    """
    printer = make_printer(printer_name, copies, job_name)
    job = PrintJob(printer, page_size, parent)
    if page_size is PageSize.A4 and cups_spooler():
        _pool().start(_SpoolTask(job, pdf_bytes, copies, job_name))
    else:
        _pool().start(_RenderTask(job, pdf_bytes, RENDER_DPI[page_size]))
    return job


def preview_pdf(parent: QWidget | None, pdf_bytes: bytes, page_size: PageSize = PageSize.A4) -> int:
    """Show ``QPrintPreviewDialog``; printing from it prints the same page images."""
    pages = render_pages(pdf_bytes, RENDER_DPI[page_size])
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    printer.setPageLayout(page_layout(pages[0], page_size))
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("Xem trước khi in")
    from PySide6.QtCore import QSize

    from app.ui.geometry import fit_to_screen

    fit_to_screen(dialog, QSize(1000, 720))  # counter screens: 1366×768 or smaller
    dialog.paintRequested.connect(lambda target: paint_pages(target, pages, page_size))
    return dialog.exec()
