"""Form 04: Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết.

Sent when a dossier will miss its appointment: it restates when it was received
and due, says why it is late, apologises and names the new date. Signed by the head
of the agency.
"""

from __future__ import annotations

from app.services.forms.dates import short_date, vn_time_date
from app.services.forms.layout import make_styles, text
from app.services.forms.letter import letter_pdf
from app.services.forms.model import Agency, ApologyData
from app.services.forms.template import FormTemplate, default_template

FORM = "04"


def render_apology(
    data: ApologyData, agency: Agency, *, template: FormTemplate | None = None
) -> bytes:
    t = (template or default_template()).form(FORM)
    body = [
        f"Ngày {short_date(data.received_at.date())}, Bộ phận Tiếp nhận và Trả kết quả đã tiếp nhận "
        f"hồ sơ của Ông/Bà đề nghị giải quyết thủ tục: <b>{text(data.procedure_name)}</b>; "
        f"Giấy tiếp nhận hồ sơ và hẹn trả kết quả số (Mã hồ sơ): <b>{text(data.dossier_code)}</b>; "
        f"thời gian hẹn trả kết quả: {vn_time_date(data.original_due)}.",
        f"Tuy nhiên đến nay, hồ sơ của Ông/Bà chưa giải quyết xong. Lý do: {text(data.reason)}",
        text(t["apology"]),
        f"Thời gian trả kết quả giải quyết hồ sơ được gia hạn đến: <b>{vn_time_date(data.new_due)}</b>.",
        text(t["closing"]),
    ]
    return letter_pdf(
        agency=agency,
        styles=make_styles(),
        label=t["form_label"],
        number=data.document_number,
        subject=t["subject"],
        issued_on=data.issued_on,
        addressee=data.applicant,
        body=[line for line in body if line],
        signer=data.signer,
        signature_hint=t["signature_hint"],
        recipient_lines=t["recipients"],
        pdf_title="Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
    )
