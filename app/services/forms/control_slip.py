"""Form 06: Phiếu kiểm soát quá trình giải quyết hồ sơ.

The slip travels with the dossier between units; each hand-over is a row with the
time and both signatures. Rows not yet known stay blank for handwriting.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from app.services.forms.dates import vn_time_date
from app.services.forms.layout import (
    DOTS,
    Styles,
    form_label,
    grid_table,
    header_block,
    label_value,
    make_styles,
    text,
)
from app.services.forms.model import Agency, ControlSlipData, Handover, HandoverResult
from app.services.forms.template import FormTemplate, default_template
from app.services.forms.writer import content_width, write_pdf

FORM = "06"

BLANK_TIME = f"{DOTS} giờ {DOTS} phút, ngày {DOTS}/{DOTS}/{DOTS}"
RESULT_TEXT = {
    HandoverResult.EARLY: "Trước hạn",
    HandoverResult.ON_TIME: "Đúng hạn",
    HandoverResult.LATE: "Quá hạn",
}


def render_control_slip(
    data: ControlSlipData, agency: Agency, *, template: FormTemplate | None = None
) -> bytes:
    t = (template or default_template()).form(FORM)
    styles = make_styles()
    width = content_width()
    story: list[Flowable] = [
        *form_label(t["form_label"], styles),
        *header_block(
            agency, styles, width, day=data.issued_on, show_date=data.issued_on is not None
        ),
        Paragraph(text(t["title"]), styles.title),
        Paragraph(f"Mã hồ sơ: <b>{text(data.dossier_code)}</b>", styles.center),
        Paragraph("<i>(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)</i>", styles.center),
        Spacer(1, 3 * mm),
        label_value("Hồ sơ của:", data.applicant.full_name, styles, bold_value=True),
        label_value("Nội dung yêu cầu giải quyết:", data.procedure_name, styles),
        Paragraph(f"Thời gian nhận hồ sơ: {vn_time_date(data.received_at)}", styles.body),
        Paragraph(f"Thời gian hẹn trả kết quả: <b>{vn_time_date(data.due_at)}</b>", styles.body),
        Spacer(1, 2 * mm),
    ]
    head = [
        "TÊN CƠ QUAN",
        "THỜI GIAN GIAO, NHẬN HỒ SƠ",
        "KẾT QUẢ GIẢI QUYẾT HỒ SƠ<br/>(Trước hạn/đúng hạn/quá hạn)",
        "GHI CHÚ",
    ]
    rows: list[list[object]] = [[Paragraph(h, styles.cell_head) for h in head]]
    handovers: list[Handover | None] = [*data.handovers, *[None] * max(data.blank_handovers, 0)]
    time_width = 62 * mm
    for step, handover in enumerate(handovers):
        rows.append(_row(step, handover, styles, t, time_width))
    story.append(grid_table(rows, [46 * mm, time_width, 40 * mm, width - 148 * mm]))
    return write_pdf(story, title=f"Phiếu kiểm soát quá trình giải quyết hồ sơ {data.dossier_code}")


def _row(
    step: int,
    handover: Handover | None,
    styles: Styles,
    texts: Mapping[str, str],
    time_width: float,
) -> list[object]:
    giver = 2 * step + 1
    if handover is None:
        names = f"{giver}. Giao: {DOTS * 2}<br/>{giver + 1}. Nhận: {DOTS * 2}"
        when = BLANK_TIME
        result, note = "", ""
    else:
        names = f"{giver}. Giao: {text(handover.from_unit)}<br/>{giver + 1}. Nhận: {text(handover.to_unit)}"
        when = vn_time_date(handover.handed_at) if handover.handed_at else BLANK_TIME
        result = RESULT_TEXT[handover.result] if handover.result else ""
        note = handover.note
    signatures = Table(
        [
            [
                Paragraph(text(texts["giver"]), styles.cell_center),
                Paragraph(text(texts["receiver"]), styles.cell_center),
            ],
            ["", ""],
        ],
        colWidths=[time_width / 2 - 3] * 2,
        rowHeights=[None, 14 * mm],
    )
    signatures.setStyle(
        [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
    )
    return [
        Paragraph(names, styles.cell),
        [Paragraph(when, styles.cell_center), signatures],
        Paragraph(text(result), styles.cell_center),
        Paragraph(text(note), styles.cell),
    ]
