"""The data-subject export as a readable PDF (Noto Sans, Vietnamese) for the citizen.

The data comes from ``app.services.privacy.export_subject``; this module only lays it out.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape

from app.services.calendar.timezone import VN_TZ
from app.services.vocabulary import (
    CITIZEN_FIELDS,
    citizen_field_name,
    identification_name,
    source_name,
    status_name,
)

_DATE_FIELDS = {"date_of_birth", "id_verified_at", "created_at", "updated_at"}
ACTION_NAMES = {
    "display": "Xem",
    "print": "In",
    "export": "Xuất dữ liệu",
    "change": "Sửa",
    "purge": "Xoá bản sao tại quầy",
    "login": "Đăng nhập",
    "logout": "Đăng xuất",
    "lock": "Khoá màn hình",
    "unlock": "Mở khoá màn hình",
    "biometric": "Đối chiếu khuôn mặt",
}
FACE_DECISIONS = {"match": "Khớp", "no_match": "Không khớp", "retry": "Ảnh chưa đạt"}


def _when(value: Any) -> str:
    """ISO text from the export as Vietnam local time, the way papers print it."""
    if not value:
        return ""
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if parsed.tzinfo is None:  # a date of birth
        return parsed.strftime("%d/%m/%Y")
    return parsed.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")


def _citizen_value(field: str, value: Any) -> str:
    if field in _DATE_FIELDS:
        return _when(value)
    if field == "id_verified_by" and value:
        return source_name(str(value))  # where the data was last read, by name
    return "" if value is None else str(value)


def subject_pdf(data: Mapping[str, Any]) -> bytes:
    """The export as a readable PDF (Noto Sans, Vietnamese) for the citizen."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from app.services.forms.fonts import SANS, face, register_fonts

    register_fonts()
    body = ParagraphStyle("body", fontName=face(SANS), fontSize=9.5, leading=12.5)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10)
    heading = ParagraphStyle(
        "heading",
        parent=body,
        fontName=face(SANS, bold=True),
        fontSize=11.5,
        leading=15,
        spaceBefore=8,
        spaceAfter=4,
    )
    title = ParagraphStyle("title", parent=heading, fontSize=14, alignment=1)

    def p(text: Any, style: ParagraphStyle = body) -> Paragraph:
        # Citizens' text is data, never markup: "<b>" in a name prints as typed.
        shown = "" if text is None else str(text)
        return Paragraph(escape(shown).replace("\n", "<br/>"), style)

    def table(rows: list[list[Any]], widths: list[float], header: bool = True) -> Table:
        cells = [[p(c, small) for c in row] for row in rows]
        t = Table(cells, colWidths=widths, repeatRows=1 if header else 0)
        style = [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")))
        t.setStyle(TableStyle(style))
        return t

    citizen = data["citizen"]
    story: list[Any] = [
        p("THÔNG TIN CÁ NHÂN ĐANG ĐƯỢC LƯU GIỮ TẠI BỘ PHẬN MỘT CỬA", title),
        p(f"Lập lúc: {_when(data['generated_at'])}", small),
        Spacer(1, 4 * mm),
        p("1. Thông tin về Ông/Bà", heading),
        table(
            [[citizen_field_name(k), _citizen_value(k, citizen.get(k))] for k in CITIZEN_FIELDS],
            [60 * mm, 110 * mm],
            header=False,
        ),
        p("2. Hồ sơ", heading),
    ]
    if data["dossiers"]:
        story.append(
            table(
                [["Mã hồ sơ", "Thủ tục", "Trạng thái", "Xác thực danh tính", "Ngày nộp", "Giấy tờ"]]
                + [
                    [
                        d["code"],
                        d["procedure_code"],
                        status_name(d["status"]),
                        identification_name(d.get("identified_by") or ""),
                        _when(d["submitted_at"]),
                        "; ".join(doc["name"] for doc in d["documents"]),
                    ]
                    for d in data["dossiers"]
                ],
                [46 * mm, 12 * mm, 24 * mm, 30 * mm, 24 * mm, 34 * mm],
            )
        )
    else:
        story.append(p("Không có hồ sơ nào được lưu tại quầy."))
    story.append(p("3. Giấy tờ đã số hoá", heading))
    if data["attachments"]:
        story.append(
            table(
                [["Giấy tờ", "Tên tệp", "Loại", "Số trang", "Ngày lưu"]]
                + [
                    [
                        a["label"],
                        a["filename"],
                        a["mime_type"],
                        a["page_count"],
                        _when(a["created_at"]),
                    ]
                    for a in data["attachments"]
                ],
                [45 * mm, 45 * mm, 25 * mm, 15 * mm, 40 * mm],
            )
        )
    else:
        story.append(p("Không có giấy tờ số hoá nào."))
    story.append(p("4. Đối chiếu khuôn mặt với ảnh trên chip", heading))
    if data.get("face_matches"):
        story.append(
            table(
                [["Thời điểm", "Kết quả", "Điểm", "Xác nhận thay (lý do)", "Ảnh máy ảnh"]]
                + [
                    [
                        _when(f["at"]),
                        FACE_DECISIONS.get(f["final_decision"], f["final_decision"]),
                        "" if f["score"] is None else f"{f['score']:.2f}",
                        f["override_reason"],
                        "Có lưu" if f["camera_image_kept"] else "Không lưu",
                    ]
                    for f in data["face_matches"]
                ],
                [35 * mm, 25 * mm, 15 * mm, 70 * mm, 25 * mm],
            )
        )
    else:
        story.append(p("Không có lượt đối chiếu khuôn mặt nào."))
    story.append(p("5. Nhật ký truy cập dữ liệu của Ông/Bà", heading))
    if data["access_log"]:
        story.append(
            table(
                [["Thời điểm", "Thao tác", "Mục đích", "Cán bộ (mã)"]]
                + [
                    [
                        _when(e["at"]),
                        ACTION_NAMES.get(e["action"], e["action"]),
                        e["purpose"],
                        (e["officer_id"] or "")[:8],
                    ]
                    for e in data["access_log"]
                ],
                [40 * mm, 30 * mm, 75 * mm, 25 * mm],
            )
        )
    else:
        story.append(p("Chưa có lượt truy cập nào được ghi."))
    story.append(p("6. Thông báo về xử lý dữ liệu cá nhân", heading))
    story.extend(p(par, small) for par in data["purpose_notice"].split("\n\n"))
    out = io.BytesIO()
    SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title="Dữ liệu cá nhân",
        author="MotCua",
    ).build(story)
    return out.getvalue()
