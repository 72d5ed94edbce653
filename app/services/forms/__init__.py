"""The counter forms as PDF (reportlab): forms 01-07 of Circular 03/2025/TT-VPCP,
the 80 mm thermal receipt and the prefilled TK1-TS declaration.

Each ``render_*(data, agency, *, template=None) -> bytes`` takes plain data from
``model`` and the agency of the header; ``template`` carries the office's texts
(``load_template``/``TemplateStore``), the built-in default when omitted.
"""

from __future__ import annotations

import importlib
from typing import Any

# Names → the module that defines them. Imported on first use: reportlab costs start-up
# time and memory, and the counter needs it only when it prints.
_WHERE = {
    "render_apology": "apology",
    "render_completion_request": "completion_request",
    "render_control_slip": "control_slip",
    "QR_PAYLOAD_FORMAT": "qr",
    "parse_receipt_qr": "qr",
    "receipt_qr_payload": "qr",
    "render_receipt": "receipt",
    "render_receipt_80mm": "receipt_80mm",
    "render_refusal": "refusal",
    "render_stop_notice": "stop_notice",
    "OFFICE_TEMPLATE_NAME": "template",
    "FormTemplate": "template",
    "TemplateStore": "template",
    "default_template": "template",
    "load_template": "template",
    "render_tk1ts": "tk1ts",
    "render_tracking_book": "tracking_book",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(name)
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)


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
