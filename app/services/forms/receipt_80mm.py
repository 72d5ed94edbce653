"""The queue / look-up slip on an 80 mm thermal roll: one long page fitted to its content.

It has no national motto and no signatures, so it is not form 01: it is labelled a
look-up slip ("phiếu tra cứu") and always accompanies, never replaces, the A4 receipt.
Same essential fields as form 01, in Noto Sans (clearer than a serif at 8 pt on
203-dpi heads), no table borders: each document is a numbered line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer, Table

from app.services.forms.dates import short_datetime
from app.services.forms.fonts import SANS
from app.services.forms.layout import make_styles, text
from app.services.forms.model import Agency, ReceiptData, result_delivery_text
from app.services.forms.qr import qr_drawing, receipt_qr_payload
from app.services.forms.template import FormTemplate, default_template
from app.services.forms.writer import write_pdf

FORM = "80mm"
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")  # reportlab writes plain dicts
ROLL_WIDTH = 80 * mm
SIDE_MARGIN = 4 * mm  # 72 mm printable on common 80 mm printers
END_MARGIN = 3 * mm
QR_SIZE = 30 * mm


def render_receipt_80mm(
    data: ReceiptData, agency: Agency, *, template: FormTemplate | None = None
) -> bytes:
    texts = (template or default_template()).form(FORM)
    width = ROLL_WIDTH - 2 * SIDE_MARGIN

    def story() -> list[Flowable]:
        return _story(data, agency, texts, width)

    height = _fitted_height(story, width)
    margins = (SIDE_MARGIN, SIDE_MARGIN, END_MARGIN, END_MARGIN)
    for _ in range(3):
        pdf, pages = _build(story, height, margins, data)
        if pages == 1:
            return pdf
        height += 20 * mm  # the estimate missed paragraph spacing: grow and retry
    return pdf


def _build(
    story: Callable[[], list[Flowable]],
    height: float,
    margins: tuple[float, float, float, float],
    data: ReceiptData,
) -> tuple[bytes, int]:
    pdf = write_pdf(
        story(),
        title=f"Phiếu tra cứu hồ sơ {data.dossier_code}",
        pagesize=(ROLL_WIDTH, height),
        margins=margins,
    )
    return pdf, len(_PAGE_OBJECT.findall(pdf))


def _fitted_height(story: Callable[[], list[Flowable]], width: float) -> float:
    total = 2 * END_MARGIN + 4 * mm  # frame padding and a little slack for the cutter
    for flowable in story():
        _, height = flowable.wrap(width, 10_000)
        total += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _story(data: ReceiptData, agency: Agency, t: Mapping[str, str], width: float) -> list[Flowable]:
    styles = make_styles(SANS, size=8.5, leading=11)
    center = ParagraphStyle("c80", parent=styles.body, alignment=TA_CENTER, spaceAfter=0)
    body = ParagraphStyle("b80", parent=styles.body, spaceAfter=1)
    small = ParagraphStyle("s80", parent=styles.small, fontSize=7, leading=9)
    big = ParagraphStyle("big80", parent=center, fontSize=10.5, leading=13)
    applicant = data.applicant

    def line(label: str, value: str, *, bold: bool = False) -> Paragraph:
        shown = f"<b>{text(value)}</b>" if bold else text(value)
        return Paragraph(f"{text(label)} {shown}", body)

    rule = HRFlowable(width="100%", thickness=0.5, spaceBefore=2, spaceAfter=3)
    flow: list[Flowable] = []
    if agency.parent_name:
        flow.append(Paragraph(text(agency.parent_name.upper()), center))
    flow.append(Paragraph(f"<b>{text(agency.name.upper())}</b>", center))
    if agency.unit_name:
        flow.append(Paragraph(text(agency.unit_name.upper()), center))
    flow += [
        rule,
        Paragraph(f"<b>{text(t['title'])}</b>", big),
        Paragraph(f"<i>{text(t.get('not_a_receipt', ''))}</i>", center),
        Spacer(1, 2 * mm),
        Table(
            [
                [
                    qr_drawing(
                        receipt_qr_payload(
                            data.dossier_code, data.lookup_code, data.lookup_base_url
                        ),
                        QR_SIZE,
                    )
                ]
            ],
            colWidths=[width],
            style=[("ALIGN", (0, 0), (-1, -1), "CENTER")],
        ),
        Paragraph(f"Mã hồ sơ: <b>{text(data.dossier_code)}</b>", big),
        Paragraph(f"Mã tra cứu: <b>{text(data.lookup_code)}</b>", center),
        rule,
        line("Người nộp:", applicant.full_name, bold=True),
        line("Số định danh:", applicant.id_number),
    ]
    if applicant.address:
        flow.append(line("Địa chỉ:", applicant.address))
    if applicant.phone:
        flow.append(line("Điện thoại:", applicant.phone))
    flow += [line("Thủ tục:", data.procedure_name, bold=True), Paragraph("Giấy tờ đã nộp:", body)]
    for number, doc in enumerate(data.documents, start=1):
        counts = f"BC: {doc.originals}, BS: {doc.copies}"
        flow.append(
            Paragraph(
                f"{number}. {text(doc.name)} <i>({counts})</i>",
                ParagraphStyle("doc80", parent=body, leftIndent=8, firstLineIndent=-8),
            )
        )
    where = result_delivery_text(data.delivery.method, data.delivery.address)
    flow += [
        line("Số bộ hồ sơ:", f"{data.sets:02d}"),
        line("Thời hạn giải quyết:", data.processing_time_text),
        line("Nhận hồ sơ lúc:", short_datetime(data.received_at)),
        line("Hẹn trả kết quả:", short_datetime(data.appointment_at), bold=True),
        line("Nhận kết quả:", where),
    ]
    if data.fee_text:
        flow.append(line("Phí, lệ phí:", data.fee_text))
    if data.book_number or data.book_sequence:
        flow.append(line("Sổ theo dõi:", f"Quyển {data.book_number}, STT {data.book_sequence}"))
    if data.officer_name:
        flow.append(line("Người tiếp nhận:", data.officer_name))
    flow.append(rule)
    if data.purpose_notice:
        flow.append(Paragraph(text(data.purpose_notice), small))
    if t["footer"]:
        flow.append(
            Paragraph(
                f"<i>{text(t['footer'])}</i>",
                ParagraphStyle("f80", parent=small, alignment=TA_CENTER),
            )
        )
    return flow
