"""Print through Qt to the real CUPS "PDF" queue and read back what arrived.

Pages go to the printer as 300-dpi images (see app/ui/printing.py), so cups-pdf's
file holds pictures, not text. The tests prove the content instead by what a reader
of the paper would see: the page count and size, the QR code decoding to this
dossier, and the name and ID number areas matching this citizen's receipt — and
not another citizen's.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageFilter, ImageStat
from pypdf import PdfReader

from app.services.forms import render_receipt, render_receipt_80mm, samples
from app.services.forms.model import Applicant
from app.services.printing import render_pages
from app.ui.printing import PageSize, print_pdf, start_print

pytestmark = pytest.mark.cups

MM = 72 / 25.4
OTHER_CITIZEN = Applicant(
    full_name="Phạm Quốc Trung",
    id_number="079088007777",
    address="Số 3 đường Lê Lợi, Phường Thạch Thang, Thành phố Đà Nẵng",
    phone="0914 000 111",
    email="quoctrung@example.vn",
)


def job_title() -> str:
    return f"motcua-test-{uuid.uuid4().hex[:10]}"


def qr_codes(pdf_path: Path, tmp_path: Path, page: int) -> list[str]:
    prefix = tmp_path / f"cups-page{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "200",
            "-gray",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf_path),
            str(prefix),
        ],
        check=True,
    )
    image = next(tmp_path.glob(f"cups-page{page}.*"))
    out = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, check=False)
    return out.stdout.decode().split()


def text_box(pdf: bytes, words: list[str], dpi: float) -> tuple[int, int, int, int]:
    """Pixel box around the first run of ``words`` on page 1, from the vector PDF."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    found = [
        (m.group(5), tuple(float(v) for v in m.groups()[:4]))
        for m in re.finditer(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', out
        )
    ]
    texts = [text for text, _ in found]
    start = next(i for i in range(len(texts)) if texts[i : i + len(words)] == words)
    boxes = [box for _, box in found[start : start + len(words)]]
    scale = dpi / 72
    return (
        int(min(b[0] for b in boxes) * scale) - 2,
        int(min(b[1] for b in boxes) * scale) - 2,
        int(max(b[2] for b in boxes) * scale) + 2,
        int(max(b[3] for b in boxes) * scale) + 2,
    )


def difference(a: Image.Image, b: Image.Image, box: tuple[int, int, int, int]) -> float:
    """Mean grey-level difference of two crops, blurred first: the printed page went
    through a 300-dpi raster and cups-pdf's rounding of the page size, which moves
    glyph edges by a fraction of a pixel but not the shapes of the letters."""
    blur = ImageFilter.GaussianBlur(2)
    diff = ImageChops.difference(a.filter(blur).crop(box), b.filter(blur).crop(box))
    return float(ImageStat.Stat(diff).mean[0])


@pytest.fixture(autouse=True)
def _tools() -> None:
    for tool in ("pdftoppm", "pdftotext", "zbarimg"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} missing: install poppler-utils and zbar-tools")


@pytest.fixture(params=["cups-pdf-spool", "qt-raster"])
def print_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways a page reaches paper: the PDF spooled to CUPS (Linux) and Qt's
    raster path (Windows, and Linux with MOTCUA_PRINT_RASTER=1)."""
    if request.param == "qt-raster":
        monkeypatch.setenv("MOTCUA_PRINT_RASTER", "1")
    else:
        monkeypatch.delenv("MOTCUA_PRINT_RASTER", raising=False)
    return str(request.param)


def test_receipt_reaches_the_queue_with_this_citizens_data(
    qapp, cups_queue: str, find_cups_output: Callable[[str], Path], tmp_path: Path, print_path: str
) -> None:
    data = samples.receipt()
    pdf = render_receipt(data, samples.AGENCY)
    title = job_title()
    print_pdf(pdf, cups_queue, copies=1, page_size=PageSize.A4, job_name=title)
    printed = find_cups_output(title)

    reader = PdfReader(printed)
    assert len(reader.pages) == 2  # both copies
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(595.3, abs=1.5)  # A4
        assert float(page.mediabox.height) == pytest.approx(841.9, abs=1.5)
    for page in (1, 2):
        assert qr_codes(printed, tmp_path, page) == [
            f"MOTCUA|{data.dossier_code}|{data.lookup_code}"
        ]

    # The name and ID number areas on paper are this citizen's, not another one's.
    dpi = 100
    on_paper = (
        pdfium.PdfDocument(printed)[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    )
    (expected, _) = [p.image for p in render_pages(pdf, dpi)]
    other_pdf = render_receipt(
        dataclasses.replace(data, applicant=OTHER_CITIZEN), samples.AGENCY, copies=(1,)
    )
    (other,) = [p.image for p in render_pages(other_pdf, dpi)]
    assert on_paper.size == pytest.approx(expected.size, abs=2)
    on_paper = on_paper.resize(expected.size)
    for words in (["Nguyễn", "Thị", "Hồng", "Nhung"], ["048190001234"]):
        box = text_box(pdf, words, dpi)
        same = difference(on_paper, expected, box)
        different = difference(on_paper, other, box)
        # measured: other citizen's text differs 3x more than the same receipt's
        assert different > 2 * same, (words, same, different)
    fonts = subprocess.run(["pdffonts", str(printed)], capture_output=True, check=True).stdout
    if print_path == "cups-pdf-spool":
        # Vector all the way: embedded fonts, a spool tens of times smaller than images.
        assert b"NotoSerif" in fonts
        assert printed.stat().st_size < 300_000
    else:
        assert b"NotoSerif" not in fonts  # pictures of the pages


def test_thermal_receipt_keeps_the_roll_width(
    qapp, cups_queue: str, find_cups_output: Callable[[str], Path], tmp_path: Path
) -> None:
    data = samples.receipt()
    pdf = render_receipt_80mm(data, samples.AGENCY)
    title = job_title()
    print_pdf(pdf, cups_queue, page_size=PageSize.ROLL_80MM, job_name=title)
    printed = find_cups_output(title)
    reader = PdfReader(printed)
    assert len(reader.pages) == 1
    assert float(reader.pages[0].mediabox.width) / MM == pytest.approx(80, abs=1)
    assert qr_codes(printed, tmp_path, 1) == [f"MOTCUA|{data.dossier_code}|{data.lookup_code}"]


def test_background_print_does_not_block_and_reports_done(
    qapp, qtbot, cups_queue: str, find_cups_output: Callable[[str], Path], tmp_path: Path
) -> None:
    data = samples.receipt(dossier_code="000.00.48.H99-260305-0042")
    pdf = render_receipt(data, samples.AGENCY, copies=(2,))
    title = job_title()
    job = start_print(pdf, cups_queue, job_name=title)
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    printed = find_cups_output(title)
    assert len(PdfReader(printed).pages) == 1
    assert qr_codes(printed, tmp_path, 1) == [
        f"MOTCUA|000.00.48.H99-260305-0042|{data.lookup_code}"
    ]
