"""app.services.printing: PDF pages to images at the size the paper needs."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from app.services.forms import render_receipt, render_receipt_80mm, samples
from app.services.printing import page_sizes_mm, render_pages


def test_a4_pages_render_at_the_requested_dpi() -> None:
    pdf = render_receipt(samples.receipt(), samples.AGENCY)
    pages = render_pages(pdf, dpi=150)
    assert len(pages) == 2
    for page in pages:
        assert page.image.mode == "L"
        # within a pixel: PDFium rounds partial pixels up
        assert page.image.width == pytest.approx(210 / 25.4 * 150, abs=1)
        assert page.image.height == pytest.approx(297 / 25.4 * 150, abs=1)
        assert (page.width_mm, page.height_mm) == pytest.approx((210, 297), abs=0.1)
        # ink on paper: mostly white with black text
        histogram = page.image.histogram()
        assert histogram[255] > 0.8 * sum(histogram)
        assert sum(histogram[:64]) > 1000


def test_thermal_page_keeps_its_80_mm_width() -> None:
    pdf = render_receipt_80mm(samples.receipt(), samples.AGENCY)
    ((width, height),) = page_sizes_mm(pdf)
    assert width == pytest.approx(80, abs=0.1)
    (page,) = render_pages(pdf, dpi=203)
    assert page.image.width == pytest.approx(80 / 25.4 * 203, abs=1)
    assert page.image.height == pytest.approx(height / 25.4 * 203, abs=1)


def test_rendered_page_keeps_the_qr_readable(tmp_path) -> None:  # type: ignore[no-untyped-def]
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        pytest.fail("zbarimg is missing: install zbar-tools")
    (page, _) = render_pages(render_receipt(samples.receipt(), samples.AGENCY), dpi=200)
    page.image.save(tmp_path / "page.png")
    out = subprocess.run([zbarimg, "-q", "--raw", str(tmp_path / "page.png")], capture_output=True)
    assert out.stdout.decode().strip() == "MOTCUA|000.00.48.H99-260305-0001|K7QX2M9P"
