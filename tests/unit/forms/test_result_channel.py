"""The result channel reads the same on TK1-TS [11], form 01 item 6 and the 80 mm slip,
for each choice the officer can make (read back from the rendered PDFs)."""

from __future__ import annotations

import re

import pytest
from forms_readback import pdf_text
from test_tk1ts_paperwork import CHIP

from app.services import paperwork
from app.services.catalog import Catalog
from app.services.catalog.store import BUILTIN
from app.services.forms import render_receipt, render_receipt_80mm, render_tk1ts, samples
from app.services.forms.model import Delivery, DeliveryMethod, result_delivery_text

ADDRESS = "Số 5 đường Lê Lợi, Phường Thạch Thang, Thành phố Đà Nẵng"
CHOICES = [
    Delivery(DeliveryMethod.ELECTRONIC),
    Delivery(DeliveryMethod.COUNTER),
    Delivery(DeliveryMethod.POST, ADDRESS),
]


def flat(pdf: bytes) -> str:
    """The PDF's text on one line: wrapped lines and table gaps become one space."""
    return re.sub(r"\s+", " ", pdf_text(pdf))


def after(label: str, text: str, stop: str) -> str:
    found = re.search(re.escape(label) + r"\s*(.+?)\s*" + stop, text)
    assert found, (label, text[:400])
    return found.group(1)


@pytest.mark.parametrize("delivery", CHOICES, ids=lambda d: d.method.value)
def test_field_11_item_6_and_the_slip_agree(delivery: Delivery) -> None:
    procedure = Catalog.load(BUILTIN).get("603")
    declaration = paperwork.tk1ts_from(CHIP, procedure=procedure, delivery=delivery)
    tk1ts = flat(render_tk1ts(declaration, samples.AGENCY))
    receipt = samples.receipt(delivery=delivery)
    form01 = flat(render_receipt(receipt, samples.AGENCY, copies=(1,)))
    slip = flat(render_receipt_80mm(receipt, samples.AGENCY))

    wording = result_delivery_text(delivery.method, delivery.address)
    field_11 = after(
        "[11]. Đăng ký nhận kết quả giải quyết thủ tục hành chính:", tk1ts, r"Địa chỉ nơi cư trú:"
    )
    item_6 = after("6. Đăng ký nhận kết quả tại:", form01, r"\(Có thể nhận kết quả")
    assert field_11 == item_6 == wording
    assert f"Nhận kết quả: {wording}" in slip
    if delivery.method is DeliveryMethod.POST:
        assert ADDRESS in item_6
    else:
        assert "bưu chính công ích, địa chỉ" not in item_6
