"""Form 07: Sổ theo dõi hồ sơ, landscape, one row per dossier of a period.

Long periods run over many pages: the column headings repeat on each page and the
foot of every page says "Trang x/y", so loose printed pages can be put back in order.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from app.services.forms.dates import short_date, short_datetime
from app.services.forms.layout import form_label, grid_table, header_block, make_styles, text
from app.services.forms.model import Agency, TrackingBookData, TrackingEntry, procedure_codes_text
from app.services.forms.template import FormTemplate, default_template
from app.services.forms.writer import content_width, numbered_canvas, write_pdf

FORM = "07"
PAGE = landscape(A4)
MARGINS = (12 * mm, 12 * mm, 12 * mm, 14 * mm)

COLUMNS: tuple[tuple[str, float], ...] = (  # heading, share of the width
    ("TT", 3.5),
    ("Mã hồ sơ", 17),  # a 25-character dossier code stays on one line
    ("Tên thủ tục hành chính", 16),
    ("Tên tổ chức, cá nhân", 12),
    ("Địa chỉ, số điện thoại", 13),
    ("Cơ quan chủ trì giải quyết", 10),
    ("Nhận hồ sơ", 8),
    ("Hẹn trả kết quả", 8),
    ("Ngày trả kết quả", 8),
    ("Hình thức nhận kết quả", 7.5),
    ("Ký nhận", 7),
)


def render_tracking_book(
    data: TrackingBookData, agency: Agency, *, template: FormTemplate | None = None
) -> bytes:
    t = (template or default_template()).form(FORM)
    styles = make_styles(size=9.5)
    header_styles = make_styles(size=11)
    width = content_width(PAGE, MARGINS)
    period = f"Từ ngày {short_date(data.period_start)} đến ngày {short_date(data.period_end)}"
    story: list[Flowable] = [
        *form_label(t["form_label"], header_styles),
        *header_block(agency, header_styles, width, show_date=False),
        Paragraph(text(t["title"]), header_styles.title),
        Paragraph(f"<i>{period}</i>", header_styles.center),
    ]
    if data.book_number:
        story.append(Paragraph(f"Quyển số: {text(data.book_number)}", header_styles.center))
    story.append(Spacer(1, 3 * mm))

    rows: list[list[object]] = [[Paragraph(heading, styles.cell_head) for heading, _ in COLUMNS]]
    for number, entry in enumerate(data.entries, start=1):
        cells = [
            str(number),
            entry.dossier_code,
            _with_codes(entry),
            entry.applicant_name,
            entry.address_phone,
            entry.lead_agency,
            short_datetime(entry.received_at),
            short_datetime(entry.due_at),
            short_datetime(entry.returned_at) if entry.returned_at else "",
            entry.delivery_method,
            entry.signed_by,
        ]
        rows.append(
            [
                Paragraph(
                    text(value), styles.cell_center if column in (0, 6, 7, 8) else styles.cell
                )
                for column, value in enumerate(cells)
            ]
        )
    total = sum(share for _, share in COLUMNS)
    story.append(grid_table(rows, [width * share / total for _, share in COLUMNS]))
    return write_pdf(
        story,
        title="Sổ theo dõi hồ sơ",
        pagesize=PAGE,
        margins=MARGINS,
        canvasmaker=numbered_canvas("Trang", styles.body.fontName),
    )


def _with_codes(entry: TrackingEntry) -> str:
    """The internal name, the published name when it differs, then both codes."""
    name = entry.procedure_name
    if entry.published_name and entry.published_name != name:
        name = f"{name} — tên công bố: {entry.published_name}"
    codes = procedure_codes_text(entry.procedure_code, entry.national_code)
    return f"{name} ({codes})" if codes else name
