"""PDF pages as images for printing and previews (pypdfium2; no Qt here).

Listing printers and spooling are Qt's job (``app/ui/printing.py``). This module
only rasterises: printers receive the page exactly as the PDF draws it, whatever
PDF support the driver has (Windows has none built in), and the work can run off
the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image

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
