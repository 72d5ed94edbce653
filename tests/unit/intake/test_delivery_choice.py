"""The result channel the officer chose is saved with the dossier and printed from it."""

from __future__ import annotations

import pytest
from intake_factories import Env
from sqlalchemy import func, select
from test_dossiers import take_in

from app.errors import ErrorKind, UserError
from app.services import paperwork
from app.services.dossiers import Contact
from app.services.forms import render_receipt, samples
from app.services.forms.model import DeliveryMethod
from app.services.storage.models import Dossier
from tests.unit.forms.forms_readback import pdf_text

ADDRESS = "Số 5 đường Lê Lợi, Phường Thạch Thang, Thành phố Đà Nẵng"


def test_post_without_an_address_is_refused_and_nothing_saved(env: Env) -> None:
    with pytest.raises(UserError) as refused:
        take_in(env, contact=Contact(delivery_method="post", delivery_address="  "))
    assert refused.value.kind is ErrorKind.DELIVERY_ADDRESS_MISSING
    with env.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Dossier)) == 0


@pytest.mark.parametrize(
    ("method", "address", "printed"),
    [
        ("electronic", "", "6. Đăng ký nhận kết quả tại: Điện tử (qua ứng dụng VssID/VNeID)"),
        ("counter", "", "6. Đăng ký nhận kết quả tại: Bản giấy, nhận tại Bộ phận"),
        ("post", ADDRESS, f"qua dịch vụ bưu chính công ích, địa chỉ: {ADDRESS}"),
    ],
)
def test_the_chosen_channel_is_saved_and_printed_on_form_01(
    env: Env, method: str, address: str, printed: str
) -> None:
    d = take_in(env, contact=Contact(delivery_method=method, delivery_address=address))
    with env.db.session() as s:
        dossier = s.get(Dossier, d.id)
        assert dossier is not None
        delivery = paperwork.delivery_of(dossier)
        receipt = paperwork.receipt_from(s, dossier, env.catalog.get("603"))
    assert delivery.method is DeliveryMethod(method) and delivery.address == address
    assert printed in pdf_text(render_receipt(receipt, samples.AGENCY, copies=(1,)))
