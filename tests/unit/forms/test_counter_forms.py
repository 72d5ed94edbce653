"""Forms 02-07: each field the citizen or the officer reads is on the page."""

from __future__ import annotations

import re

import pytest
from forms_readback import page_sizes_pt, pdf_stream_text, pdf_text, pdf_words

from app.services.forms import (
    render_apology,
    render_completion_request,
    render_control_slip,
    render_refusal,
    render_stop_notice,
    render_tracking_book,
    samples,
)

HEADER = [
    "BẢO HIỂM XÃ HỘI CƠ SỞ HẢI CHÂU",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
]
APPLICANT = [
    "Nguyễn Thị Hồng Nhung",
    "Số định danh cá nhân: 048190001234",
    "Địa chỉ: Số 12 đường Trần Phú, Phường Hải Châu, Thành phố Đà Nẵng",
    "Số điện thoại: 0905 123 456",
    "Email: hongnhung@example.vn",
]


def assert_lines(text: str, lines: list[str]) -> None:
    missing = [line for line in lines if line not in text]
    assert not missing, f"missing {missing!r} in {text!r}"


def test_completion_request_02() -> None:
    pdf = render_completion_request(samples.completion_request(), samples.AGENCY)
    text = pdf_stream_text(pdf)
    assert_lines(
        text,
        [
            *HEADER,
            "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
            "Đà Nẵng, ngày 05 tháng 3 năm 2026",
            "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
            "Hồ sơ của: Nguyễn Thị Hồng Nhung",
            *APPLICANT,
            "Nội dung yêu cầu giải quyết: Điều chỉnh thông tin của người tham gia trên sổ bảo hiểm xã hội, thẻ bảo hiểm y tế",
            "Mã hồ sơ: 000.00.48.H99-260305-0002",
            "Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:",
            "TT Tên giấy tờ cần bổ sung, hoàn thiện Bản chính Bản sao có chứng thực Bản chụp Ghi chú",
            "1 Tờ khai TK1-TS ghi đủ mục [07] và [11], có chữ ký 1",
            "2 Giấy tờ chứng minh thông tin thay đổi … 1 1",
            "Lý do: Tờ khai chưa ký và chưa có giấy tờ chứng minh nội dung thay đổi.",
            "Số điện thoại liên hệ: 0236 3 822 xxx",
            "NGƯỜI HƯỚNG DẪN",
            "Trần Văn Bình",
        ],
    )
    assert len(page_sizes_pt(pdf)) == 1


def test_refusal_03_for_the_wrong_office_names_where_to_file() -> None:
    text = pdf_text(render_refusal(samples.refusal_wrong_office(), samples.AGENCY))
    assert (
        "với lý do cụ thể như sau: Hồ sơ không thuộc phạm vi tiếp nhận, giải quyết của cơ quan: "
        "người lao động đang làm việc" in text
    )
    assert (
        "Đề nghị Ông/Bà nộp hồ sơ tại: Người sử dụng lao động nơi người lao động đang làm việc"
        in text
    )
    assert "đủ điều kiện hưởng bảo hiểm" not in text  # never an eligibility answer


def test_refusal_03() -> None:
    text = pdf_text(render_refusal(samples.refusal(), samples.AGENCY))
    assert_lines(
        text,
        [
            *HEADER,
            "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
            "Bộ phận tiếp nhận và trả kết quả tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung",
            *APPLICANT,
            "Nội dung yêu cầu giải quyết: Giải quyết hưởng bảo hiểm xã hội một lần",
            "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau: "
            "Hồ sơ chưa đủ thành phần theo quy định của thủ tục: thiếu Sổ bảo hiểm xã hội",
            "Phiếu này chỉ từ chối tiếp nhận hồ sơ; việc có đủ điều kiện hưởng chế độ hay "
            "không do cơ quan bảo hiểm xã hội có thẩm quyền trả lời bằng văn bản",
            "NGƯỜI TIẾP NHẬN HỒ SƠ",
            "Trần Văn Bình",
        ],
    )


def test_apology_04_restates_dates_and_is_signed_by_the_head() -> None:
    text = pdf_text(render_apology(samples.apology(), samples.AGENCY))
    assert_lines(
        text,
        [
            *HEADER,
            "BẢO HIỂM XÃ HỘI KHU VỰC XIII",
            "Số: 125/BHXH-TNTKQ",
            "V/v xin lỗi và đề nghị gia hạn thời gian giải quyết hồ sơ",
            "Đà Nẵng, ngày 11 tháng 3 năm 2026",
            "Kính gửi: Ông/Bà Nguyễn Thị Hồng Nhung",
            "Ngày 05/03/2026, Bộ phận Tiếp nhận và Trả kết quả đã tiếp nhận",
            "(Mã hồ sơ): 000.00.48.H99-260305-0001",
            "thời gian hẹn trả kết quả: 08 giờ 30 phút, ngày 12 tháng 3 năm 2026",
            "Lý do: cần xác minh quá trình đóng bảo hiểm xã hội tại đơn vị cũ.",
            "xin lỗi Ông/Bà",
            "gia hạn đến: 14 giờ 00 phút, ngày 19 tháng 3 năm 2026",
            "Nơi nhận:",
            "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            "Lê Minh Châu",
        ],
    )


def test_stop_notice_05() -> None:
    text = pdf_text(render_stop_notice(samples.stop_notice(), samples.AGENCY))
    assert_lines(
        text,
        [
            *HEADER,
            "Số: ………/………",  # no number yet: dots to fill by hand
            "THÔNG BÁO",
            "Về việc dừng giải quyết hồ sơ",
            "Kính gửi: Ông/Bà Nguyễn Thị Hồng Nhung",
            "Mã hồ sơ: 000.00.48.H99-260305-0003",
            "Cấp lại thẻ bảo hiểm y tế do mất",
            "thông báo dừng giải quyết hồ sơ của Ông/Bà. Lý do: Ông/Bà đã có văn bản đề nghị rút hồ sơ ngày 09/3/2026.",
            "Lê Minh Châu",
        ],
    )


def test_control_slip_06_has_a_row_per_handover_and_blank_rows() -> None:
    text = pdf_stream_text(render_control_slip(samples.control_slip(), samples.AGENCY))
    assert_lines(
        text,
        [
            "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
            "Mã hồ sơ: 000.00.48.H99-260305-0001",
            "Hồ sơ của: Nguyễn Thị Hồng Nhung",
            "Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 05 tháng 3 năm 2026",
            "Thời gian hẹn trả kết quả: 08 giờ 30 phút, ngày 12 tháng 3 năm 2026",
            "TÊN CƠ QUAN THỜI GIAN GIAO, NHẬN HỒ SƠ KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn) GHI CHÚ",
            "1. Giao: Bộ phận Tiếp nhận và Trả kết quả 2. Nhận: Phòng Quản lý thu",
            "10 giờ 00 phút, ngày 05 tháng 3 năm 2026",
            "Trước hạn",
        ],
    )
    # one filled hand-over plus three blank ones for later, each signed by both sides
    assert text.count("Người giao Người nhận") == 4
    assert "7. Giao:" in text and "8. Nhận:" in text


def test_tracking_book_07_repeats_the_header_row_and_numbers_pages() -> None:
    data = samples.tracking_book(rows=120)
    pdf = render_tracking_book(data, samples.AGENCY)
    sizes = page_sizes_pt(pdf)
    pages = len(sizes)
    assert pages > 3
    width, height = sizes[0]
    assert width > height  # landscape
    heading = "TT Mã hồ sơ Tên thủ tục hành chính Tên tổ chức, cá nhân Địa chỉ, số điện thoại"
    seen_codes: list[str] = []
    for page in range(1, pages + 1):
        text = pdf_stream_text(pdf, page)
        assert heading in text, f"page {page} lacks the column headings"
        assert f"Trang {page}/{pages}" in text
        seen_codes += re.findall(r"000\.00\.48\.H99-\d{6}-\d{4}", text)
    assert seen_codes == [entry.dossier_code for entry in data.entries]
    first = pdf_stream_text(pdf, 1)
    assert_lines(
        first,
        [
            "SỔ THEO DÕI HỒ SƠ",
            "Từ ngày 05/03/2026 đến ngày 31/03/2026",
            "Quyển số: 03",
            "1 000.00.48.H99-260305-0001 Đăng ký tham gia bảo hiểm xã hội tự nguyện, cấp sổ bảo hiểm xã hội (Mã thủ tục BHXH: 602) Nguyễn Thị Hồng Nhung",
        ],
    )


def test_tracking_book_text_stays_inside_each_page() -> None:
    pdf = render_tracking_book(samples.tracking_book(rows=40), samples.AGENCY)
    for word in pdf_words(pdf):
        assert word.x0 >= 0 and word.x1 <= word.page_width, word
        assert word.y0 >= 0 and word.y1 <= word.page_height, word


@pytest.mark.parametrize(
    "render",
    [
        lambda: render_completion_request(samples.completion_request(), samples.AGENCY),
        lambda: render_refusal(samples.refusal(), samples.AGENCY),
        lambda: render_apology(samples.apology(), samples.AGENCY),
        lambda: render_stop_notice(samples.stop_notice(), samples.AGENCY),
        lambda: render_control_slip(samples.control_slip(), samples.AGENCY),
    ],
    ids=["02", "03", "04", "05", "06"],
)
def test_single_page_forms_fit_on_one_a4_page(render) -> None:  # type: ignore[no-untyped-def]
    sizes = page_sizes_pt(render())
    assert len(sizes) == 1
    assert sizes[0][0] == pytest.approx(595.28, abs=0.5)
