"""Form 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ.

It refuses to *accept* a dossier (incomplete after guidance, not this office's, papers
not valid). Whether the citizen is entitled is decided in writing by the competent
office after processing, never on this form; the note under the reason says so.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from app.services.forms.layout import (
    applicant_lines,
    form_label,
    header_block,
    label_value,
    make_styles,
    right_signature,
    text,
)
from app.services.forms.model import REFUSAL_GROUND_TEXT, Agency, RefusalData
from app.services.forms.template import FormTemplate, default_template
from app.services.forms.writer import content_width, write_pdf

FORM = "03"


def render_refusal(
    data: RefusalData, agency: Agency, *, template: FormTemplate | None = None
) -> bytes:
    t = (template or default_template()).form(FORM)
    styles = make_styles()
    width = content_width()
    unit = agency.unit_name.capitalize() if agency.unit_name else "Bộ phận Tiếp nhận và Trả kết quả"
    story: list[Flowable] = [
        *form_label(t["form_label"], styles),
        *header_block(agency, styles, width, day=data.issued_on),
        Paragraph(text(t["title"]), styles.title),
        Spacer(1, 2 * mm),
        *applicant_lines(data.applicant, styles, first_label=f"{unit} tiếp nhận hồ sơ của:"),
        label_value("Nội dung yêu cầu giải quyết:", data.procedure_name, styles, bold_value=True),
    ]
    if data.dossier_code:
        story.append(label_value("Mã hồ sơ:", data.dossier_code, styles, bold_value=True))
    story += [
        Paragraph(
            f"{text(unit)} thông báo không tiếp nhận, giải quyết hồ sơ này "
            f"với lý do cụ thể như sau: {text(REFUSAL_GROUND_TEXT[data.ground])}: "
            f"{text(data.reason)}",
            styles.justify,
        ),
    ]
    if data.competent_office:
        story.append(label_value("Đề nghị Ông/Bà nộp hồ sơ tại:", data.competent_office, styles))
    story += [
        Paragraph(text(t.get("scope_note", "")), styles.small_italic),
        Paragraph(text(t["closing"]), styles.justify),
        Spacer(1, 4 * mm),
        right_signature(styles, width, t["signature"], t["signature_hint"], data.officer_name),
    ]
    return write_pdf(story, title="Phiếu từ chối tiếp nhận giải quyết hồ sơ")
