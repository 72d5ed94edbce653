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
from collections.abc import Callable, Sequence

from app.services.indicators import (
    LIFE_EVENTS_OPENED_LABEL,
    NO_DATA,
    Figure,
    Indicators,
    LifeEventFigures,
)

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


LIFE_EVENTS_HEADING = "VIII. Sự kiện hộ tịch từ ngành y tế (khai sinh, khai tử)"
SIGNERS = (  # title, hint, name
    ("NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)", ""),
    ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên, đóng dấu)", ""),
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
    return rows + _life_event_rows(units)


def _life_event_rows(units: Sequence[Indicators]) -> list[list[str]]:
    if all(u.life_events is None for u in units):
        return []

    def cells(value: Callable[[LifeEventFigures], str]) -> list[str]:
        return [NO_DATA if u.life_events is None else value(u.life_events) for u in units]

    def days(ev: LifeEventFigures) -> str:
        return "—" if ev.mean_days is None else f"{ev.mean_days:.1f}".replace(".", ",")

    return [
        [LIFE_EVENTS_HEADING, *["" for _ in units]],
        ["    Sự kiện nhận được", *cells(lambda ev: f"{ev.received:,}".replace(",", "."))],
        [f"    {LIFE_EVENTS_OPENED_LABEL}", *cells(lambda ev: _share(ev.opened))],
        ["    Số ngày trung bình từ sự kiện đến khi lập hồ sơ", *cells(days)],
        ["    Sự kiện đã liên hệ gia đình", *cells(lambda ev: str(ev.contacted))],
        ["    Lần liên hệ gia đình", *cells(lambda ev: str(ev.contact_attempts))],
    ]


def to_xlsx(
    units: Sequence[Indicators],
    *,
    issuer: str = "BẢO HIỂM XÃ HỘI VIỆT NAM",
    place: str = "",
    prepared_by: str = "",
    head: str = "",
    day: dt.date | None = None,
) -> bytes:
    """The same report as the PDF: issuer and motto, place and date, title, period,
    units, the table, the signature block; a second sheet with the daily trend."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from app.services.forms.layout import MOTTO, MOTTO_SUB, place_date
    from app.services.forms.model import Agency

    first = units[0]
    rows = table_rows(units)
    width = len(rows[0])  # label column and one per unit
    last = get_column_letter(max(width, 3))
    right = get_column_letter(max(width // 2 + 1, 2))  # where the motto block starts
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Chỉ tiêu Đề án 06"
    bold, center = Font(bold=True), Alignment(horizontal="center", wrap_text=True)

    def line(row: int, left: str, text: str, font: Font | None = None, end: str = "") -> None:
        cell = sheet[f"{left}{row}"]
        cell.value = text
        cell.alignment = center
        if font is not None:
            cell.font = font
        if end and end != left:
            sheet.merge_cells(f"{left}{row}:{end}{row}")

    before_right = get_column_letter(max(width // 2, 1))
    unit = first.unit.upper() if len(units) == 1 else ""
    line(1, "A", issuer, bold, before_right if right != "A" else "")
    line(1, right, MOTTO, bold, last)
    line(2, "A", unit, bold, before_right if right != "A" else "")
    line(2, right, MOTTO_SUB, bold, last)
    agency = Agency(name=issuer, place=place, unit_name=unit)
    line(3, right, place_date(agency, day or dt.date.today()), Font(italic=True), last)
    line(5, "A", TITLE, Font(bold=True, size=13), last)
    line(6, "A", f"Từ ngày {first.start:%d/%m/%Y} đến ngày {first.end:%d/%m/%Y}", Font(italic=True),
         last)  # fmt: skip
    line(7, "A", "Đơn vị: " + ", ".join(u.unit for u in units), None, last)
    top = 9
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=top + offset, column=column, value=value)
    for cell in sheet[top]:
        cell.font = bold
        cell.alignment = center
    sheet.column_dimensions["A"].width = 58
    for index in range(1, width):
        sheet.column_dimensions[get_column_letter(index + 1)].width = 22
    sign = top + len(rows) + 2
    for (title, hint, _blank), name, (left, end) in zip(
        SIGNERS, (prepared_by, head), (("A", "A"), (right, last)), strict=True
    ):
        line(sign, left, title, bold, end)
        line(sign + 1, left, hint, Font(italic=True), end)
        line(sign + 5, left, name, bold, end)
    trend = book.create_sheet("Theo ngày")
    trend.append(["Ngày", *[f"{u.unit}: hồ sơ" for u in units]])
    by_unit = [dict((d, n) for d, n, _c in u.daily) for u in units]
    for d, _n, _c in first.daily:
        trend.append([d, *[counts.get(d, 0) for counts in by_unit]])
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
        grid_table,
        header_block,
        make_styles,
        signature_block,
        text,
    )
    from app.services.forms.model import Agency
    from app.services.forms.writer import content_width, write_pdf

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
            [(SIGNERS[0][0], SIGNERS[0][1], prepared_by), (SIGNERS[1][0], SIGNERS[1][1], head)],
        )
    )
    return write_pdf(story, title="Báo cáo chỉ tiêu Đề án 06", pagesize=page, margins=margins)
