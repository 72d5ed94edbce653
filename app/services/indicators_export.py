"""The Đề án 06 indicators as files: XLSX (openpyxl) and PDF in the BHXH report layout.

The PDF follows the layout of BHXH's periodic reports: issuer and national motto side
by side, the title, the period, the unit, the table of figures, then the place and date
and the signature block (the person who drew it up, the head of the unit). Both files
hold counts and shares only, no personal data. ``columns`` of several units (the
province: each office side by side) give one column per unit.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from app.services.identity import IdentificationMethod
from app.services.indicators import NO_DATA, Figure, Indicators
from app.services.vocabulary import IDENTIFICATION

TITLE = "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU ĐỀ ÁN 06"
SECTIONS = (
    ("identification", "I. Định danh công dân khi tiếp nhận hồ sơ"),
    ("register", "II. Người tham gia đã đối chiếu với CSDL quốc gia về dân cư"),
    ("biometrics", "III. Đối chiếu sinh trắc học tại quầy"),
    ("reuse", "IV. Tái sử dụng giấy tờ đã số hóa"),
    ("procedures", "V. Hồ sơ theo thủ tục"),
    ("channels", "VI. Hồ sơ theo hình thức nhận kết quả"),
    ("timeliness", "VII. Tình hình giải quyết"),
)


def _section(ind: Indicators, name: str) -> tuple[Figure, ...] | None:
    value = getattr(ind, name)
    if value is None:
        return None
    return value if isinstance(value, tuple) else (value,)


def _share(figure: Figure | None) -> str:
    if figure is None:
        return NO_DATA
    share = figure.share
    return f"{figure.count:,} ({share:.1%})".replace(",", ".") if share is not None else "0"


def table_rows(units: Sequence[Indicators]) -> list[list[str]]:
    """Heading row, then section and figure rows: label, then one cell per unit."""
    rows: list[list[str]] = [["Chỉ tiêu", *[u.unit for u in units]]]
    rows.append(["Tổng số hồ sơ tiếp nhận", *[f"{u.dossiers:,}".replace(",", ".") for u in units]])
    for name, heading in SECTIONS:
        rows.append([heading, *["" for _ in units]])
        keys: dict[str, str] = {}
        for u in units:
            for f in _section(u, name) or ():
                keys.setdefault(f.key, f.label)
        if not keys:
            rows.append([f"    {NO_DATA}", *[NO_DATA for _ in units]])
            continue
        for key, label in keys.items():
            cells = []
            for u in units:
                figures = {f.key: f for f in _section(u, name) or ()}
                cells.append(_share(figures.get(key)) if figures else NO_DATA)
            rows.append([f"    {label}", *cells])
    return rows


def to_xlsx(units: Sequence[Indicators]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    first = units[0]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Chỉ tiêu Đề án 06"
    sheet.append([TITLE])
    sheet.append([f"Từ ngày {first.start:%d/%m/%Y} đến ngày {first.end:%d/%m/%Y}"])
    sheet.append([])
    sheet["A1"].font = Font(bold=True, size=13)
    for row in table_rows(units):
        sheet.append(row)
    heading = sheet.max_row - len(table_rows(units)) + 1
    for cell in sheet[heading]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    sheet.column_dimensions["A"].width = 58
    for index in range(len(units)):
        sheet.column_dimensions[chr(ord("B") + index % 25)].width = 22
    # the daily trend of the first unit, for a chart in the spreadsheet
    trend = book.create_sheet("Theo ngày")
    trend.append(["Ngày", "Hồ sơ", IDENTIFICATION[IdentificationMethod.CHIP_TRUSTED]])
    for day, count, chip in first.daily:
        trend.append([day, count, chip])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_pdf(
    units: Sequence[Indicators],
    *,
    issuer: str = "BẢO HIỂM XÃ HỘI VIỆT NAM",
    place: str = "",
    prepared_by: str = "",
    head: str = "",
    day: dt.date | None = None,
) -> bytes:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import Flowable, Paragraph, Spacer

    from app.services.forms.layout import (
        content_width,
        grid_table,
        header_block,
        make_styles,
        signature_block,
        text,
        write_pdf,
    )
    from app.services.forms.model import Agency

    first = units[0]
    page = landscape(A4) if len(units) > 3 else A4
    margins = (20 * mm, 15 * mm, 15 * mm, 15 * mm)
    width = content_width(page, margins)
    styles = make_styles(size=10.5)
    agency = Agency(name=issuer, place=place, unit_name=first.unit if len(units) == 1 else "")
    story: list[Flowable] = [
        *header_block(agency, styles, width, day=day or dt.date.today()),
        Spacer(1, 4 * mm),
        Paragraph(text(TITLE), styles.title),
        Paragraph(
            f"<i>Kỳ báo cáo: từ ngày {first.start:%d/%m/%Y} đến ngày {first.end:%d/%m/%Y}</i>",
            styles.center,
        ),
        Paragraph(
            text("Đơn vị: " + ", ".join(u.unit for u in units)),
            styles.center,
        ),
        Spacer(1, 4 * mm),
    ]
    rows = table_rows(units)
    cells = [
        [
            Paragraph(
                f"<b>{text(v)}</b>" if r == 0 or (c == 0 and not v.startswith(" ")) else text(v),
                styles.cell_center if c > 0 else styles.cell,
            )
            for c, v in enumerate(row)
        ]
        for r, row in enumerate(rows)
    ]
    label_width = width * (0.5 if len(units) <= 3 else 0.34)
    other = (width - label_width) / len(units)
    story.append(grid_table(cells, [label_width, *[other] * len(units)]))
    story.append(Spacer(1, 6 * mm))
    story.append(
        signature_block(
            styles,
            width,
            [
                ("NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)", prepared_by),
                ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên, đóng dấu)", head),
            ],
        )
    )
    return write_pdf(story, title="Báo cáo chỉ tiêu Đề án 06", pagesize=page, margins=margins)
