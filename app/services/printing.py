"""Getting PDFs onto paper, without Qt: rasterising pages (pypdfium2) for Qt's
printer path and previews, and spooling the PDF itself where CUPS prints.

Where the OS prints through CUPS (Linux), A4 forms go to the queue as PDF: CUPS
prints PDF natively, so the page stays vector. Elsewhere (Windows has no PDF spooler)
and for the 80 mm roll, pages are rasterised and painted by ``app/ui/printing.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image

from app.errors import ErrorKind, UserError

POINTS_PER_INCH = 72.0
MM_PER_POINT = 25.4 / 72.0

# PDFium is not thread-safe: one document operation at a time in the whole process.
_pdfium_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class PageImage:
    image: Image.Image  # grayscale ("L") or RGB
    width_mm: float  # the PDF page's size, to choose the paper
    height_mm: float
    dpi: float


def page_sizes_mm(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) of every page in millimetres."""
    with _pdfium_lock:
        document = pdfium.PdfDocument(pdf)
        try:
            return [
                (w * MM_PER_POINT, h * MM_PER_POINT)
                for w, h in (document.get_page_size(i) for i in range(len(document)))
            ]
        finally:
            document.close()


def render_pages(pdf: bytes, dpi: float = 300, *, grayscale: bool = True) -> list[PageImage]:
    """Every page rendered at ``dpi``. Forms are black on white: grayscale keeps an
    A4 page at 300 dpi near 9 MB instead of 26 MB."""
    return list(iter_pages(pdf, dpi, grayscale=grayscale))


def iter_pages(pdf: bytes, dpi: float = 300, *, grayscale: bool = True) -> Iterator[PageImage]:
    with _pdfium_lock:
        document = pdfium.PdfDocument(pdf)
        try:
            pages: list[PageImage] = []
            for index in range(len(document)):
                page = document[index]
                try:
                    width, height = page.get_size()
                    bitmap = page.render(
                        scale=dpi / POINTS_PER_INCH,
                        grayscale=grayscale,
                        may_draw_forms=False,
                    )
                    image = bitmap.to_pil()
                    if grayscale and image.mode != "L":
                        image = image.convert("L")
                    pages.append(PageImage(image, width * MM_PER_POINT, height * MM_PER_POINT, dpi))
                finally:
                    page.close()
        finally:
            document.close()
    # yielded after the lock is released: the caller's work never holds PDFium
    yield from pages


def cups_spooler() -> str | None:
    """The CUPS ``lp`` command where the OS prints through CUPS (Linux, macOS)."""
    if sys.platform == "win32" or os.environ.get("MOTCUA_PRINT_RASTER"):
        return None
    return shutil.which("lp")


def spool_pdf(pdf: bytes, printer: str, copies: int = 1, title: str = "MotCua") -> str:
    """Hand the PDF itself to CUPS, which prints PDF natively: text stays vector
    (sharper on cheap printers, a few kB instead of megabytes per page).
    Returns the CUPS job id. Raises ``UserError(PRINT_FAILED)``."""
    lp = cups_spooler()
    if lp is None:
        raise UserError(ErrorKind.PRINT_FAILED, "no CUPS spooler")
    try:
        result = subprocess.run(
            [lp, "-d", printer, "-n", str(max(1, copies)), "-t", title, "-o", "fit-to-page", "-"],
            input=pdf,
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UserError(ErrorKind.PRINT_FAILED, type(exc).__name__) from exc
    out = result.stdout.decode(errors="replace")
    if result.returncode != 0:
        err = result.stderr.decode(errors="replace").strip().splitlines()
        raise UserError(ErrorKind.PRINT_FAILED, f"lp: {err[-1] if err else result.returncode}")
    # "request id is PDF-12 (1 file(s))"
    return out.split("request id is", 1)[-1].split("(")[0].strip()
