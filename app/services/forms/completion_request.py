"""Form 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.

Handed over when a dossier is incomplete; the deadline clock stops until the
citizen brings what the table lists.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from app.services.forms.layout import (
    DOTS,
    applicant_lines,
    form_label,
    grid_table,
    header_block,
    label_value,
    make_styles,
    right_signature,
    text,
)
from app.services.forms.model import Agency, CompletionRequestData
from app.services.forms.template import FormTemplate, default_template
from app.services.forms.writer import content_width, write_pdf

FORM = "02"


def render_completion_request(
    data: CompletionRequestData, agency: Agency, *, template: FormTemplate | None = None
) -> bytes:
    t = (template or default_template()).form(FORM)
    styles = make_styles()
    width = content_width()
    story: list[Flowable] = [
        *form_label(t["form_label"], styles),
        *header_block(agency, styles, width, day=data.issued_on),
        Paragraph(text(t["title"]), styles.title),
        Spacer(1, 2 * mm),
        *applicant_lines(data.applicant, styles),
        label_value("Nội dung yêu cầu giải quyết:", data.procedure_name, styles, bold_value=True),
    ]
    if data.dossier_code:
        story.append(label_value("Mã hồ sơ:", data.dossier_code, styles, bold_value=True))
    story.append(Paragraph(text(t["intro"]), styles.body))

    head = [
        "TT",
        "Tên giấy tờ cần bổ sung, hoàn thiện",
        "Bản chính",
        "Bản sao có chứng thực",
        "Bản chụp",
        "Ghi chú",
    ]
    rows: list[list[object]] = [[Paragraph(h, styles.cell_head) for h in head]]
    for number, doc in enumerate(data.documents, start=1):
        rows.append(
            [
                Paragraph(str(number), styles.cell_center),
                Paragraph(text(doc.name), styles.cell),
                Paragraph(_count(doc.originals), styles.cell_center),
                Paragraph(_count(doc.certified_copies), styles.cell_center),
                Paragraph(_count(doc.photocopies), styles.cell_center),
                Paragraph(text(doc.note), styles.cell),
            ]
        )
    count = 21 * mm
    note = 24 * mm
    story.append(
        grid_table(rows, [10 * mm, width - 10 * mm - 3 * count - note, count, count, count, note])
    )
    story += [
        Spacer(1, 2 * mm),
        label_value("Lý do:", data.reason, styles),
        Paragraph(text(t["contact"]), styles.justify),
    ]
    if data.contact_phone:
        story.append(label_value("Số điện thoại liên hệ:", data.contact_phone, styles))
    if t["apology"]:
        story.append(Paragraph(text(t["apology"]), styles.justify))
    story += [
        Spacer(1, 4 * mm),
        right_signature(styles, width, t["signature"], t["signature_hint"], data.officer_name),
    ]
    return write_pdf(story, title="Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")


def _count(value: int) -> str:
    return str(value) if value else DOTS[:1]
