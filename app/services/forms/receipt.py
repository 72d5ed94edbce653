"""Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả (A4, two copies).

Lines follow the receipt as one-stop software printed it under Circular 01/2018
(kept by Circular 03/2025): copy 1 stays with the control slip (form 06), copy 2 goes
to the citizen. The QR code beside "Mã hồ sơ" carries ``QR_PAYLOAD_FORMAT``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from app.services.forms.dates import vn_time_date
from app.services.forms.layout import (
    Styles,
    face_of,
    form_label,
    grid_table,
    header_block,
    label_value,
    make_styles,
    signature_block,
    text,
)
from app.services.forms.model import (
    Agency,
    ReceiptData,
    procedure_codes_text,
    result_delivery_text,
)
from app.services.forms.qr import qr_drawing, receipt_qr_payload
from app.services.forms.template import FormTemplate, default_template
from app.services.forms.writer import Slot, content_width, one_layout_many_pages, write_pdf

FORM = "01"
BOTH_COPIES = (1, 2)
QR_SIZE = 24 * mm


def render_receipt(
    data: ReceiptData,
    agency: Agency,
    *,
    template: FormTemplate | None = None,
    copies: Sequence[int] = BOTH_COPIES,
) -> bytes:
    """The receipt as PDF bytes, one page per copy (1 = kept, 2 = for the citizen)."""
    texts = (template or default_template()).form(FORM)
    styles = make_styles(size=11.5)
    for copy in copies:
        if copy not in BOTH_COPIES:
            raise ValueError(f"copy must be 1 or 2, not {copy}")
    title = f"Giấy tiếp nhận hồ sơ {data.dossier_code}"
    labels = [texts[f"copy_label_{copy}"] for copy in copies]

    # Usual case: one page per copy, laid out once; only the copy label differs.
    slot = Slot(styles.center.leading)
    shared = one_layout_many_pages(
        _one_copy(data, agency, texts, styles, slot),
        [partial(_stamp_label, slot=slot, label=label, styles=styles) for label in labels],
        title=title,
    )
    if shared is not None:
        return shared
    # A long document list runs over a page: lay each copy out in full.
    story: list[Flowable] = []
    for index, label in enumerate(labels):
        if index:
            story.append(PageBreak())
        story.extend(_one_copy(data, agency, texts, styles, label))
    return write_pdf(story, title=title)


def _stamp_label(canvas: Canvas, *, slot: Slot, label: str, styles: Styles) -> None:
    assert slot.origin is not None, "the slot is drawn with the shared layout"
    x, y = slot.origin
    style = styles.center
    canvas.setFont(face_of(styles, italic=True), style.fontSize)
    # baseline as a one-line Paragraph of this style would place it
    canvas.drawCentredString(x + slot.slot_width / 2, y + style.leading - style.fontSize, label)


def _one_copy(
    data: ReceiptData,
    agency: Agency,
    t: Mapping[str, str],
    styles: Styles,
    copy_label: str | Slot,
) -> list[Flowable]:
    width = content_width()
    applicant = data.applicant
    story: list[Flowable] = [
        *form_label(t["form_label"], styles),
        *header_block(agency, styles, width, day=data.issued_on or data.received_at.date()),
        Paragraph(text(t["title"]), styles.title),
        _code_block(data, copy_label, styles, width),
        Spacer(1, 2 * mm),
        label_value("Tiếp nhận hồ sơ của:", applicant.full_name, styles, bold_value=True),
        label_value("Số định danh cá nhân:", applicant.id_number, styles),
        label_value("Địa chỉ:", applicant.address, styles),
        Paragraph(
            f"Số điện thoại: {text(applicant.phone) or '…………………'}"
            f"&nbsp;&nbsp;&nbsp;&nbsp;Email: {text(applicant.email) or '…………………'}",
            styles.body,
        ),
        label_value("Nội dung yêu cầu giải quyết:", data.procedure_name, styles, bold_value=True),
        *_procedure_codes(data, styles),
        Paragraph("1. Thành phần hồ sơ nộp gồm:", styles.body),
        _documents_table(data, styles, width),
        Spacer(1, 1.5 * mm),
        Paragraph(f"2. Số bộ hồ sơ: {data.sets:02d} (bộ)", styles.body),
        Paragraph(
            f"3. Thời gian giải quyết hồ sơ theo quy định là: {text(data.processing_time_text)}",
            styles.body,
        ),
        Paragraph(f"4. Thời gian nhận hồ sơ: {vn_time_date(data.received_at)}", styles.body),
        Paragraph(
            f"5. Thời gian trả kết quả giải quyết hồ sơ: <b>{vn_time_date(data.appointment_at)}</b>",
            styles.body,
        ),
        Paragraph(f"6. Đăng ký nhận kết quả tại: <b>{_delivery_text(data)}</b>", styles.body),
    ]
    if t.get("delivery_options"):
        story.append(Paragraph(text(t["delivery_options"]), styles.small_italic))
    if data.fee_text:
        story.append(Paragraph(f"7. Phí, lệ phí: {text(data.fee_text)}", styles.body))
    story.append(
        Paragraph(
            f"Vào Sổ theo dõi hồ sơ, Quyển số: {text(data.book_number) or '……'}"
            f"&nbsp;&nbsp;&nbsp;Số thứ tự: {text(data.book_sequence) or '……'}",
            styles.body,
        )
    )
    signatures = signature_block(
        styles,
        width,
        [
            (t["signature_applicant"], t["signature_hint"], applicant.full_name),
            (t["signature_officer"], t["signature_hint"], data.officer_name),
        ],
        space=18 * mm,
    )
    tail: list[Flowable] = [Spacer(1, 2 * mm), signatures, Spacer(1, 3 * mm)]
    if t["note"]:
        tail.append(Paragraph(text(t["note"]), styles.small_italic))
    if data.purpose_notice:
        tail.append(
            Paragraph(
                f"<b>{text(t['notice_heading'])}</b> {text(data.purpose_notice)}",
                styles.small,
            )
        )
    if isinstance(copy_label, Slot):
        story.extend(tail)  # one page by construction: a frame cannot split a KeepTogether
    else:
        story.append(KeepTogether(tail))  # never leave the signatures alone on a page
    return story


def _procedure_codes(data: ReceiptData, styles: Styles) -> list[Flowable]:
    """The published name and the national code beside BHXH's internal code."""
    lines: list[Flowable] = []
    if data.published_name and data.published_name != data.procedure_name:
        lines.append(label_value("Tên thủ tục công bố:", data.published_name, styles))
    codes = procedure_codes_text(data.procedure_code, data.national_code)
    if codes:
        lines.append(Paragraph(text(codes), styles.small))
    return lines


def _code_block(data: ReceiptData, copy_label: str | Slot, styles: Styles, width: float) -> Table:
    """ "Mã hồ sơ" centred on the page with the QR code at the right margin."""
    payload = receipt_qr_payload(data.dossier_code, data.lookup_code, data.lookup_base_url)
    lines = [
        Paragraph(f"Mã hồ sơ: <b>{text(data.dossier_code)}</b>", styles.center),
        Paragraph(f"Mã tra cứu: <b>{text(data.lookup_code)}</b>", styles.center),
        copy_label
        if isinstance(copy_label, Slot)
        else Paragraph(f"<i>{text(copy_label)}</i>", styles.center),
    ]
    side = QR_SIZE + 2 * mm
    table = Table(
        [["", lines, qr_drawing(payload, QR_SIZE)]], colWidths=[side, width - 2 * side, side]
    )
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (2, 0), (2, 0), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    return table


def _documents_table(data: ReceiptData, styles: Styles, width: float) -> Table:
    rows: list[list[object]] = [
        [
            Paragraph("TT", styles.cell_head),
            Paragraph("Tên giấy tờ", styles.cell_head),
            Paragraph("Bản chính", styles.cell_head),
            Paragraph("Bản sao", styles.cell_head),
        ]
    ]
    for number, line in enumerate(data.documents, start=1):
        rows.append(
            [
                Paragraph(str(number), styles.cell_center),
                Paragraph(text(line.name), styles.cell),
                Paragraph(str(line.originals), styles.cell_center),
                Paragraph(str(line.copies), styles.cell_center),
            ]
        )
    count_width = 22 * mm
    return grid_table(rows, [10 * mm, width - 10 * mm - 2 * count_width, count_width, count_width])


def _delivery_text(data: ReceiptData) -> str:
    """Item 6: the same wording TK1-TS [11] prints (``result_delivery_text``)."""
    return text(result_delivery_text(data.delivery.method, data.delivery.address))
