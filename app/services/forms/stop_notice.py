"""Form 05: Thông báo dừng giải quyết hồ sơ."""

from __future__ import annotations

from app.services.forms.dates import short_date
from app.services.forms.layout import make_styles, text
from app.services.forms.letter import letter_pdf
from app.services.forms.model import Agency, StopNoticeData
from app.services.forms.template import FormTemplate, default_template

FORM = "05"


def render_stop_notice(
    data: StopNoticeData, agency: Agency, *, template: FormTemplate | None = None
) -> bytes:
    t = (template or default_template()).form(FORM)
    body = [
        f"Ngày {short_date(data.received_at.date())}, Bộ phận Tiếp nhận và Trả kết quả đã tiếp nhận "
        f"hồ sơ của Ông/Bà đề nghị giải quyết thủ tục: <b>{text(data.procedure_name)}</b>; "
        f"Mã hồ sơ: <b>{text(data.dossier_code)}</b>.",
        f"Cơ quan giải quyết thông báo dừng giải quyết hồ sơ của Ông/Bà. Lý do: {text(data.reason)}",
        text(t["closing"]),
    ]
    return letter_pdf(
        agency=agency,
        styles=make_styles(),
        label=t["form_label"],
        number=data.document_number,
        subject="",
        title=[t["title"], t["subtitle"]],
        issued_on=data.issued_on,
        addressee=data.applicant,
        body=[line for line in body if line],
        signer=data.signer,
        signature_hint=t["signature_hint"],
        recipient_lines=t["recipients"],
        pdf_title="Thông báo dừng giải quyết hồ sơ",
    )
