"""Helpers to read back what a form prints: text (poppler's pdftotext), word boxes,
page sizes and the QR code (zbarimg from zbar-tools)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: install poppler-utils and zbar-tools")
    return path


def pdf_text(pdf: bytes, page: int | None = None) -> str:
    """The text of the PDF (or one 1-based page), whitespace collapsed to single spaces."""
    args = [_need("pdftotext"), "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    out = subprocess.run([*args, "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8").split())


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    page_width: float
    page_height: float


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def pdf_words(pdf: bytes) -> list[Word]:
    """Every word with its box in points, and the size of the page it is on."""
    out = subprocess.run(
        [_need("pdftotext"), "-bbox", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    words: list[Word] = []
    for chunk in out.split("</page>"):
        page = _PAGE.search(chunk)
        if not page:
            continue
        width, height = float(page.group(1)), float(page.group(2))
        for m in _WORD.finditer(chunk):
            words.append(Word(m.group(5), *(float(m.group(i)) for i in range(1, 5)), width, height))
    return words


def page_sizes_pt(pdf: bytes) -> list[tuple[float, float]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def decode_qr(pdf: bytes, tmp_path: Path, page: int = 1, dpi: int = 200) -> list[str]:
    """Render one page (pdftoppm) and return what zbarimg decodes on it."""
    prefix = tmp_path / f"page{page}"
    subprocess.run(
        [
            _need("pdftoppm"),
            "-r",
            str(dpi),
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            "-",
            str(prefix),
        ],
        input=pdf,
        check=True,
    )
    result = subprocess.run(
        [_need("zbarimg"), "-q", "--raw", "-Sdisable", "-Sqrcode.enable", f"{prefix}.png"],
        capture_output=True,
        check=False,
    )
    return [line for line in result.stdout.decode("utf-8").splitlines() if line]


def pdf_stream_text(pdf: bytes, page: int | None = None) -> str:
    """Text in drawing order (pypdf), whitespace collapsed.

    Tables are drawn row by row, cell by cell, so a row reads as one run here even
    when its cells wrap onto several lines (pdftotext reads those column-wise).
    """
    reader = PdfReader(io.BytesIO(pdf))
    pages = reader.pages if page is None else [reader.pages[page - 1]]
    return " ".join(" ".join(p.extract_text().split()) for p in pages)
