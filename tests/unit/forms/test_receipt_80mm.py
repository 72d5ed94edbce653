"""The thermal receipt: 80 mm wide, one page as long as its content, QR readable."""

from __future__ import annotations

from pathlib import Path

import pytest
from forms_readback import decode_qr, page_sizes_pt, pdf_text, pdf_words

from app.services.forms import receipt_qr_payload, render_receipt_80mm, samples
from app.services.forms.model import DocumentLine

MM = 72 / 25.4


def test_page_is_80_mm_wide_and_one_page() -> None:
    sizes = page_sizes_pt(render_receipt_80mm(samples.receipt(), samples.AGENCY))
    assert len(sizes) == 1
    assert sizes[0][0] / MM == pytest.approx(80, abs=0.1)


def test_essential_fields(tmp_path: Path) -> None:
    pdf = render_receipt_80mm(samples.receipt(), samples.AGENCY)
    text = pdf_text(pdf)
    for line in [
        "BẢO HIỂM XÃ HỘI CƠ SỞ HẢI CHÂU",
        "PHIẾU TRA CỨU HỒ SƠ",
        "(Phiếu xếp hàng, tra cứu; không thay Giấy tiếp nhận hồ sơ và hẹn trả kết quả)",
        "Mã hồ sơ: 000.00.48.H99-260305-0001",
        "Mã tra cứu: K7QX2M9P",
        "Người nộp: Nguyễn Thị Hồng Nhung",
        "Số định danh: 048190001234",
        "Thủ tục: Đăng ký tham gia bảo hiểm xã hội tự nguyện, cấp sổ bảo hiểm xã hội",
        "1. Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT (mẫu TK1-TS) (BC: 1, BS: 0)",
        "Nhận hồ sơ lúc: 08:30 05/03/2026",
        "Hẹn trả kết quả: 08:30 12/03/2026",
        "Người tiếp nhận: Trần Văn Bình",
        "Nhận kết quả: Điện tử (qua ứng dụng VssID/VNeID)",
    ]:
        assert line in text, line
    # no motto, no signatures: it must never pass for form 01
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" not in text.replace(
        "không thay Giấy tiếp nhận hồ sơ và hẹn trả kết quả", ""
    )
    assert "CỘNG HÒA" not in text
    assert decode_qr(pdf, tmp_path, dpi=203) == [
        receipt_qr_payload("000.00.48.H99-260305-0001", "K7QX2M9P")
    ]


def test_height_follows_the_content_and_nothing_is_cut() -> None:
    short = render_receipt_80mm(samples.receipt(), samples.AGENCY)
    many = tuple(DocumentLine(f"Giấy tờ kèm theo số {i} của hồ sơ", 1, 0) for i in range(1, 31))
    long = render_receipt_80mm(samples.receipt(documents=many), samples.AGENCY)
    (short_size,) = page_sizes_pt(short)
    (long_size,) = page_sizes_pt(long)  # still one page
    assert long_size[1] > short_size[1] + 30 * 4  # 28 more lines, at least 4 pt each
    text = pdf_text(long)
    assert "30. Giấy tờ kèm theo số 30 của hồ sơ" in text
    assert "Người tiếp nhận: Trần Văn Bình" in text  # the last field made it
    for word in pdf_words(long):
        assert word.x1 <= word.page_width - 3 * MM, word  # within the printable 72 mm + slack
        assert word.y1 <= word.page_height, word
