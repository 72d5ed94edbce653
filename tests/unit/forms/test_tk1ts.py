"""TK1-TS: identity fields printed from the chip, contact fields left to fill."""

from __future__ import annotations

from forms_readback import page_sizes_pt, pdf_stream_text, pdf_text, pdf_words

from app.services.forms import render_tk1ts, samples


def test_identity_fields_are_filled_from_the_data() -> None:
    pdf = render_tk1ts(samples.tk1ts(), samples.AGENCY)
    text = pdf_text(pdf, 1)
    for line in [
        "Mẫu TK1-TS",
        "BẢO HIỂM XÃ HỘI VIỆT NAM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TỜ KHAI THAM GIA, ĐIỀU CHỈNH THÔNG TIN BẢO HIỂM XÃ HỘI, BẢO HIỂM Y TẾ",
        "[01]. Họ và tên (viết chữ in hoa): NGUYỄN THỊ HỒNG NHUNG",
        "[02]. Giới tính: Nữ",
        "[03]. Ngày, tháng, năm sinh: 05/03/1990",
        "[04]. Quốc tịch: Việt Nam",
        "[05]. Dân tộc: Kinh",
        "[06]. Số CCCD/ĐDCN/Hộ chiếu: 048190001234",
        "[09]. Nơi đăng ký khai sinh: Phường Hải Châu, Thành phố Đà Nẵng",
        "[12]. Số nhà, đường/phố, thôn/xóm: Số 12 đường Trần Phú",
        "[13]. Xã/phường/đặc khu: Phường Hải Châu",
        "[15]. Tỉnh/thành phố: Thành phố Đà Nẵng",
        "[16]. Thành viên hộ gia đình: kê khai tại Phụ lục kèm theo",
        "Tôi cam đoan những nội dung kê khai là đúng",
        "Đà Nẵng, ngày 05 tháng 3 năm 2026",
        "NGƯỜI KÊ KHAI",
    ]:
        assert line in text, line


def test_contact_fields_are_blank_lines_for_the_citizen() -> None:
    pdf = render_tk1ts(samples.tk1ts(household=False), samples.AGENCY)
    text = pdf_text(pdf, 1)
    # the label is followed directly by the next label: no value was printed
    assert "[07]. Điện thoại: [08]. Email (nếu có): [09]." in text
    assert (
        "[11]. Đăng ký nhận kết quả giải quyết thủ tục hành chính: "
        "Điện tử (qua ứng dụng VssID/VNeID) Địa chỉ"
    ) in text
    assert "[16]. Thành viên hộ gia đình: II." in text
    # Part II stays empty for a person without a BHXH number
    assert "Mã số BHXH: Số CCCD/ĐDCN: Đăng ký nhận kết quả: Hồ sơ kèm theo (nếu có):" in text
    assert len(page_sizes_pt(pdf)) == 1  # no appendix without household members


def test_part_two_for_a_participant_with_a_bhxh_number() -> None:
    text = pdf_text(render_tk1ts(samples.tk1ts_existing(), samples.AGENCY), 1)
    assert "[01]. Họ và tên (viết chữ in hoa): [02]. Giới tính: [03]." in text  # Part I blank
    for line in [
        "Họ và tên: NGUYỄN THỊ HỒNG NHUNG Mã số BHXH: 4819000123",
        "Ngày, tháng, năm sinh: 05/03/1990 Số CCCD/ĐDCN: 048190001234",
        "Nội dung thay đổi, yêu cầu: Cấp lại thẻ bảo hiểm y tế do mất",
        "Đăng ký nhận kết quả: Điện tử (qua ứng dụng VssID/VNeID)",
    ]:
        assert line in text, line


def test_household_appendix_lists_every_member() -> None:
    pdf = render_tk1ts(samples.tk1ts(), samples.AGENCY)
    assert len(page_sizes_pt(pdf)) == 2
    text = pdf_stream_text(pdf, 2)
    for line in [
        "PHỤ LỤC THÀNH VIÊN HỘ GIA ĐÌNH",
        "Họ và tên chủ hộ: Nguyễn Thị Hồng Nhung",
        "1 Nguyễn Thị Hồng Nhung 4819000123 05/03/1990 Nữ Phường Hải Châu, Thành phố Đà Nẵng Chủ hộ 048190001234",
        "2 Trần Minh Khôi 2019 Nam Phường Hải Châu, Thành phố Đà Nẵng Con 048219004321",
    ]:
        assert line in text, line
    for word in pdf_words(pdf):
        assert word.x1 <= word.page_width and word.y1 <= word.page_height, word
