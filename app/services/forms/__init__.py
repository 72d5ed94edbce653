"""The counter forms as PDF (reportlab): forms 01-07 of Circular 03/2025/TT-VPCP,
the 80 mm thermal receipt and the prefilled TK1-TS declaration.

Each ``render_*(data, agency, *, template=None) -> bytes`` takes plain data from
``model`` and the agency of the header; ``template`` carries the office's texts
(``load_template``/``TemplateStore``), the built-in default when omitted.
"""

from __future__ import annotations

from app.services.forms.apology import render_apology
from app.services.forms.completion_request import render_completion_request
from app.services.forms.control_slip import render_control_slip
from app.services.forms.qr import QR_PAYLOAD_FORMAT, parse_receipt_qr, receipt_qr_payload
from app.services.forms.receipt import render_receipt
from app.services.forms.receipt_80mm import render_receipt_80mm
from app.services.forms.refusal import render_refusal
from app.services.forms.stop_notice import render_stop_notice
from app.services.forms.template import (
    OFFICE_TEMPLATE_NAME,
    FormTemplate,
    TemplateStore,
    default_template,
    load_template,
)
from app.services.forms.tk1ts import render_tk1ts
from app.services.forms.tracking_book import render_tracking_book

__all__ = [
    "OFFICE_TEMPLATE_NAME",
    "QR_PAYLOAD_FORMAT",
    "FormTemplate",
    "TemplateStore",
    "default_template",
    "load_template",
    "parse_receipt_qr",
    "receipt_qr_payload",
    "render_apology",
    "render_completion_request",
    "render_control_slip",
    "render_receipt",
    "render_receipt_80mm",
    "render_refusal",
    "render_stop_notice",
    "render_tk1ts",
    "render_tracking_book",
]
