"""Writing a form's story to PDF: the A4 page and its margins, page numbers, and one
layout printed on several pages (the receipt's copies)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

# A4 margins: Decree 30 asks 30-35 mm left for binding; counter slips are not bound,
# and 20 mm lets the header's two capitalised lines sit side by side without wrapping
# while one copy of the receipt stays on one page.
A4_MARGINS = (20 * mm, 15 * mm, 15 * mm, 15 * mm)  # left, right, top, bottom

PageHook = Callable[[Canvas, Any], None]


def numbered_canvas(label: str, font: str, size: float = 9) -> type[Canvas]:
    """A canvas class that prints "<label> x/y" centred at the foot of each page.

    The total is only known at the end, so pages are kept and stamped on save.
    """

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for number, state in enumerate(self._saved, start=1):
                self.__dict__.update(state)
                width = self._pagesize[0]
                self.setFont(font, size)
                self.drawCentredString(width / 2, 8 * mm, f"{label} {number}/{total}")
                super().showPage()
            super().save()

    return NumberedCanvas


def write_pdf(
    story: list[Flowable],
    *,
    title: str,
    pagesize: tuple[float, float] = A4,
    margins: tuple[float, float, float, float] = A4_MARGINS,
    canvasmaker: type[Canvas] | None = None,
    on_page: PageHook | None = None,
) -> bytes:
    """Lay ``story`` out and return the PDF. ``title`` goes in the metadata:
    keep personal data out of it (PDF viewers show it in window titles)."""
    buffer = io.BytesIO()
    left, right, top, bottom = margins
    doc = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        author="MotCua",
        creator="MotCua",
        invariant=True,  # same input, same bytes: reprints can be compared
    )
    # No frame padding: the margins are the printed margins and tables sized to
    # ``content_width`` line up with the text.
    frame = Frame(
        left,
        bottom,
        pagesize[0] - left - right,
        pagesize[1] - top - bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page or _no_hook)])
    if canvasmaker is not None:
        doc.build(story, canvasmaker=canvasmaker)
    else:
        doc.build(story)
    return buffer.getvalue()


def _no_hook(canvas: Canvas, doc: Any) -> None:
    return None


def content_width(
    pagesize: tuple[float, float] = A4, margins: tuple[float, ...] = A4_MARGINS
) -> float:
    return pagesize[0] - margins[0] - margins[1]


def one_layout_many_pages(
    story: list[Flowable],
    stamps: Sequence[Callable[[Canvas], None]],
    *,
    title: str,
    pagesize: tuple[float, float] = A4,
    margins: tuple[float, float, float, float] = A4_MARGINS,
) -> bytes | None:
    """Lay ``story`` out once, then print it on one page per stamp.

    For copies that differ in one small mark (the receipt's "Liên 1"/"Liên 2"): the
    page is laid out a single time into a PDF form XObject that every page shows,
    and each stamp draws what differs. Halves the work and the file size. Returns
    None when the story does not fit on one page; the caller then lays out each
    copy in full.
    """
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=pagesize, invariant=True)
    canvas.setTitle(title)
    canvas.setAuthor("MotCua")
    canvas.setCreator("MotCua")
    left, right, top, bottom = margins
    frame = Frame(
        left,
        bottom,
        pagesize[0] - left - right,
        pagesize[1] - top - bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    canvas.beginForm("page")
    remaining = list(story)
    frame.addFromList(remaining, canvas)
    canvas.endForm()
    if remaining:
        return None
    for stamp in stamps:
        canvas.doForm("page")
        stamp(canvas)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


class Slot(Flowable):
    """Reserves one line in a shared layout and remembers where it was drawn, so
    each page's stamp can fill it (see ``one_layout_many_pages``)."""

    def __init__(self, height: float) -> None:
        super().__init__()
        self.line_height = height
        self.origin: tuple[float, float] | None = None
        self.slot_width = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.slot_width = avail_width
        return avail_width, self.line_height

    def draw(self) -> None:
        self.origin = self.canv.absolutePosition(0, 0)
