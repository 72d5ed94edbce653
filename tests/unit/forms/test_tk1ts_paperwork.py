"""TK1-TS as the counter builds it: which part, [09] and [11], from the real catalog."""

from __future__ import annotations

import datetime as dt

import pytest
from forms_readback import pdf_text

from app.services import paperwork
from app.services.catalog import Catalog
from app.services.catalog.store import BUILTIN
from app.services.forms import render_tk1ts, samples
from app.services.forms.model import Delivery, DeliveryMethod, Tk1tsPart
from app.services.identity import Identity, IdentitySource

CHIP = Identity(
    id_number="048190001234",
    full_name="Nguyễn Thị Hồng Nhung",
    date_of_birth=dt.date(1990, 3, 5),
    sex="Nữ",
    source=IdentitySource.CHIP,
    dob_text="05/03/1990",
    ethnicity="Kinh",
    place_of_origin="Xã Điện Bàn Đông, Thành phố Đà Nẵng",  # quê quán, DG13 field 8
    residence="Số 12 đường Trần Phú, Phường Hải Châu, Thành phố Đà Nẵng",
)


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return Catalog.load(BUILTIN)


@pytest.mark.parametrize(
    ("code", "bhxh", "part"),
    [
        ("602", "", Tk1tsPart.NEW),  # first registration, no number found
        ("603", "", Tk1tsPart.NEW),
        ("602", "4819000123", Tk1tsPart.EXISTING),  # had compulsory insurance before
        ("607", "4819000123", Tk1tsPart.EXISTING),
        ("608", "", Tk1tsPart.EXISTING),  # existing participants even if not found here
        ("610", "4819000123", Tk1tsPart.EXISTING),
        ("612", "4819000123", Tk1tsPart.EXISTING),
        ("BHXH-MOTLAN", "", Tk1tsPart.EXISTING),
        ("LUONG-HUU", "", Tk1tsPart.EXISTING),
        ("TU-TUAT", "", Tk1tsPart.EXISTING),
    ],
)
def test_part_follows_the_citizen_and_the_procedure(catalog, code, bhxh, part) -> None:  # type: ignore[no-untyped-def]
    assert paperwork.tk1ts_part(catalog.get(code), bhxh) is part


def test_lost_card_fills_part_two_with_the_bhxh_number(catalog) -> None:  # type: ignore[no-untyped-def]
    data = paperwork.tk1ts_from(CHIP, procedure=catalog.get("610"), bhxh_number="4819000123")
    text = pdf_text(render_tk1ts(data, samples.AGENCY), 1)
    assert "Họ và tên: NGUYỄN THỊ HỒNG NHUNG Mã số BHXH: 4819000123" in text
    assert f"Nội dung thay đổi, yêu cầu: {catalog.get('610').name}" in text
    assert "[01]. Họ và tên (viết chữ in hoa): [02]." in text


def test_field_09_is_never_que_quan(catalog) -> None:  # type: ignore[no-untyped-def]
    data = paperwork.tk1ts_from(CHIP, procedure=catalog.get("602"))
    text = pdf_text(render_tk1ts(data, samples.AGENCY), 1)
    assert "Điện Bàn" not in text  # the chip's quê quán is printed nowhere
    assert "[09]. Nơi đăng ký khai sinh: [10]." in text  # left for the citizen
    registered = paperwork.tk1ts_from(
        CHIP,
        procedure=catalog.get("602"),
        birth_registration_place="Phường Hải Châu, Thành phố Đà Nẵng",
    )
    text = pdf_text(render_tk1ts(registered, samples.AGENCY), 1)
    assert "[09]. Nơi đăng ký khai sinh: Phường Hải Châu, Thành phố Đà Nẵng" in text


@pytest.mark.parametrize(
    ("delivery", "printed"),
    [
        (None, "Điện tử (qua ứng dụng VssID/VNeID)"),  # the default since 2026
        (Delivery(DeliveryMethod.COUNTER), "Bản giấy, nhận tại Bộ phận Tiếp nhận và Trả kết quả"),
        (
            Delivery(DeliveryMethod.POST, "Số 5 Lê Lợi, Phường Thạch Thang, Thành phố Đà Nẵng"),
            "Bản giấy, qua dịch vụ bưu chính công ích, địa chỉ: Số 5 Lê Lợi",
        ),
    ],
)
def test_field_11_says_how_the_result_is_received(catalog, delivery, printed) -> None:  # type: ignore[no-untyped-def]
    data = paperwork.tk1ts_from(CHIP, procedure=catalog.get("603"), delivery=delivery)
    text = pdf_text(render_tk1ts(data, samples.AGENCY), 1)
    assert f"[11]. Đăng ký nhận kết quả giải quyết thủ tục hành chính: {printed}" in text
