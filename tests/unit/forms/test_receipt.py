"""Form 01: every line of the 2018 receipt, both copies, the QR code, long data."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from forms_readback import decode_qr, page_sizes_pt, pdf_text, pdf_words

from app.services.forms import QR_PAYLOAD_FORMAT, parse_receipt_qr, render_receipt, samples
from app.services.forms.model import Applicant, Delivery, DeliveryMethod, DocumentLine

A4 = (595.27, 841.89)


@pytest.fixture(scope="module")
def receipt_pdf() -> bytes:
    return render_receipt(samples.receipt(), samples.AGENCY)


def test_two_pages_one_per_copy(receipt_pdf: bytes) -> None:
    sizes = page_sizes_pt(receipt_pdf)
    assert len(sizes) == 2
    for width, height in sizes:
        assert width == pytest.approx(A4[0], abs=0.5)
        assert height == pytest.approx(A4[1], abs=0.5)
    assert "(Liên 1: Lưu)" in pdf_text(receipt_pdf, 1)
    assert "(Liên 2: Giao khách hàng)" in pdf_text(receipt_pdf, 2)
    assert "Liên 2" not in pdf_text(receipt_pdf, 1)


@pytest.mark.parametrize("page", [1, 2])
def test_every_line_of_the_receipt(receipt_pdf: bytes, page: int) -> None:
    text = pdf_text(receipt_pdf, page)
    expected = [
        "BẢO HIỂM XÃ HỘI CƠ SỞ HẢI CHÂU",
        "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Đà Nẵng, ngày 05 tháng 3 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Mã hồ sơ: 000.00.48.H99-260305-0001",
        "Mã tra cứu: K7QX2M9P",
        "Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung",
        "Số định danh cá nhân: 048190001234",
        "Địa chỉ: Số 12 đường Trần Phú, Phường Hải Châu, Thành phố Đà Nẵng",
        "Số điện thoại: 0905 123 456",
        "Email: hongnhung@example.vn",
        "Nội dung yêu cầu giải quyết: Đăng ký tham gia bảo hiểm xã hội tự nguyện, cấp sổ bảo hiểm xã hội",
        "1. Thành phần hồ sơ nộp gồm:",
        "2. Số bộ hồ sơ: 01 (bộ)",
        "3. Thời gian giải quyết hồ sơ theo quy định là: 05 ngày làm việc",
        "4. Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 05 tháng 3 năm 2026",
        "5. Thời gian trả kết quả giải quyết hồ sơ: 08 giờ 30 phút, ngày 12 tháng 3 năm 2026",
        "6. Đăng ký nhận kết quả tại: Điện tử (qua ứng dụng VssID/VNeID)",
        "(Có thể nhận kết quả điện tử qua VssID/VNeID, nhận bản giấy tại Bộ phận Tiếp nhận",
        "7. Phí, lệ phí: Không",
        "Vào Sổ theo dõi hồ sơ, Quyển số: 03 Số thứ tự: 125",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "(Ký và ghi rõ họ tên)",
        "Trần Văn Bình",
        "mẫu số 06",
        "Thông báo về xử lý dữ liệu cá nhân:",
        samples.PURPOSE_NOTICE,
    ]
    for line in expected:
        assert line in text, line


def test_documents_table_lists_each_paper_with_counts(receipt_pdf: bytes) -> None:
    text = pdf_text(receipt_pdf, 1)
    assert "TT Tên giấy tờ Bản chính Bản sao" in text
    assert "1 Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT (mẫu TK1-TS) 1 0" in text
    assert "2 Giấy tờ chứng minh thuộc đối tượng được hỗ trợ mức đóng 0 1" in text


@pytest.mark.parametrize("page", [1, 2])
def test_qr_code_decodes_to_the_documented_payload(
    receipt_pdf: bytes, tmp_path: Path, page: int
) -> None:
    decoded = decode_qr(receipt_pdf, tmp_path, page)
    expected = QR_PAYLOAD_FORMAT.format(
        dossier_code="000.00.48.H99-260305-0001", lookup_code="K7QX2M9P"
    )
    assert decoded == [expected]
    assert parse_receipt_qr(decoded[0]) == ("000.00.48.H99-260305-0001", "K7QX2M9P")


def test_qr_opens_the_citizen_look_up_page(tmp_path: Path) -> None:
    data = samples.receipt(lookup_base_url="https://dichvu.bhxh-danang.example/")
    decoded = decode_qr(render_receipt(data, samples.AGENCY, copies=(2,)), tmp_path, 1)
    assert decoded == [
        "https://dichvu.bhxh-danang.example/tra-cuu?ma=000.00.48.H99-260305-0001&khoa=K7QX2M9P"
    ]
    assert parse_receipt_qr(decoded[0]) == ("000.00.48.H99-260305-0001", "K7QX2M9P")
    from app.services.search import parse_receipt_qr as counter_scanner

    assert counter_scanner(decoded[0]) == ("000.00.48.H99-260305-0001", "K7QX2M9P")


def test_internal_and_national_codes_beside_the_name() -> None:
    data = samples.receipt(
        procedure_code="602",
        national_code="1.000000",
        published_name="Đăng ký tham gia BHXH tự nguyện (tên công bố mẫu)",
    )
    text = pdf_text(render_receipt(data, samples.AGENCY, copies=(1,)))
    assert "Tên thủ tục công bố: Đăng ký tham gia BHXH tự nguyện (tên công bố mẫu)" in text
    assert "Mã thủ tục BHXH: 602; mã TTHC quốc gia: 1.000000" in text
    plain = pdf_text(
        render_receipt(samples.receipt(procedure_code="602"), samples.AGENCY, copies=(1,))
    )
    assert "Mã thủ tục BHXH: 602" in plain and "quốc gia" not in plain


def test_single_copy_for_the_citizen() -> None:
    pdf = render_receipt(samples.receipt(), samples.AGENCY, copies=(2,))
    assert len(page_sizes_pt(pdf)) == 1
    text = pdf_text(pdf)
    assert "(Liên 2: Giao khách hàng)" in text
    assert "Liên 1" not in text


def test_postal_delivery_prints_the_address() -> None:
    data = samples.receipt(
        delivery=Delivery(DeliveryMethod.POST, "Số 5 Lê Lợi, Phường Thạch Thang, TP Đà Nẵng")
    )
    text = pdf_text(render_receipt(data, samples.AGENCY, copies=(1,)))
    assert (
        "6. Đăng ký nhận kết quả tại: Bản giấy, qua dịch vụ bưu chính công ích, địa chỉ: Số 5 Lê Lợi, Phường Thạch Thang, TP Đà Nẵng"
        in text
    )


def test_counter_delivery_on_paper() -> None:
    data = samples.receipt(delivery=Delivery(DeliveryMethod.COUNTER))
    text = pdf_text(render_receipt(data, samples.AGENCY, copies=(1,)))
    assert (
        "6. Đăng ký nhận kết quả tại: Bản giấy, nhận tại Bộ phận Tiếp nhận và Trả kết quả" in text
    )


def test_no_fee_line_when_the_procedure_has_none() -> None:
    text = pdf_text(render_receipt(samples.receipt(fee_text=""), samples.AGENCY, copies=(1,)))
    assert "Phí, lệ phí" not in text
    assert "6. Đăng ký nhận kết quả tại" in text


def test_markup_characters_in_data_print_literally() -> None:
    applicant = dataclasses.replace(samples.APPLICANT, full_name="Công ty A&B <Chi nhánh>")
    text = pdf_text(
        render_receipt(samples.receipt(applicant=applicant), samples.AGENCY, copies=(1,))
    )
    assert "Tiếp nhận hồ sơ của: Công ty A&B <Chi nhánh>" in text


LONG_NAME = "Tôn Nữ Thị " + "Hoàng Phương Thảo " * 6
LONG_ADDRESS = (
    "Tổ dân phố số 14, Khu dân cư Nam cầu Cẩm Lệ, "
    + "đường Nguyễn Hữu Thọ kéo dài, " * 5
    + "Phường Hải Châu, Thành phố Đà Nẵng"
)


def test_long_name_and_address_wrap_inside_the_page() -> None:
    applicant = Applicant(LONG_NAME.strip(), "048190001234", LONG_ADDRESS, "0905123456", "")
    documents = tuple(
        DocumentLine(
            f"Giấy tờ số {i}: bản sao giấy khai sinh có chứng thực của thành viên hộ gia đình", 1, 1
        )
        for i in range(1, 9)
    )
    data = samples.receipt(applicant=applicant, documents=documents)
    pdf = render_receipt(data, samples.AGENCY, copies=(1,))
    text = pdf_text(pdf)
    assert f"Tiếp nhận hồ sơ của: {' '.join(LONG_NAME.split())}" in text
    assert f"Địa chỉ: {' '.join(LONG_ADDRESS.split())}" in text
    for i in range(1, 9):
        assert f"Giấy tờ số {i}:" in text
    words = pdf_words(pdf)
    assert words
    for word in words:
        assert word.x0 >= 0 and word.x1 <= word.page_width, word
        assert word.y0 >= 0 and word.y1 <= word.page_height, word
    # the address wrapped onto several lines instead of running off the right edge
    address_lines = {round(w.y0) for w in words if w.text in {"Nguyễn", "Hữu", "Thọ"}}
    assert len(address_lines) >= 3


def test_invalid_copy_number_is_a_bug() -> None:
    with pytest.raises(ValueError):
        render_receipt(samples.receipt(), samples.AGENCY, copies=(3,))


def test_receipt_longer_than_a_page_keeps_both_copies_whole(tmp_path: Path) -> None:
    documents = tuple(
        DocumentLine(f"Giấy tờ số {i:02d}: bản sao giấy khai sinh của thành viên hộ gia đình", 0, 1)
        for i in range(1, 31)
    )
    pdf = render_receipt(samples.receipt(documents=documents), samples.AGENCY)
    pages = len(page_sizes_pt(pdf))
    assert pages >= 4 and pages % 2 == 0  # each copy runs over its own pages
    half = pages // 2
    first_copy = " ".join(pdf_text(pdf, p) for p in range(1, half + 1))
    second_copy = " ".join(pdf_text(pdf, p) for p in range(half + 1, pages + 1))
    for copy_text, label in (
        (first_copy, "(Liên 1: Lưu)"),
        (second_copy, "(Liên 2: Giao khách hàng)"),
    ):
        assert label in copy_text
        assert "Giấy tờ số 30:" in copy_text
        assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in copy_text
    assert decode_qr(pdf, tmp_path, half + 1) == ["MOTCUA|000.00.48.H99-260305-0001|K7QX2M9P"]
