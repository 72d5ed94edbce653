"""Tờ khai TK1-TS (Decision 490/QĐ-BHXH): Part I or Part II prefilled, per the citizen.

Identity fields come from the chip or the population database and must not be asked
again (Project 06): they print as filled values. Contact and procedure-specific
fields keep dotted lines for the citizen's hand. The household appendix [16]
follows on its own page when members are given.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table

from app.services.forms.layout import (
    MOTTO,
    MOTTO_SUB,
    CenteredRule,
    Styles,
    field_row,
    grid_table,
    make_styles,
    place_date,
    right_signature,
    text,
)
from app.services.forms.model import Agency, Tk1tsData, Tk1tsPart
from app.services.forms.template import FormTemplate, default_template
from app.services.forms.writer import content_width, write_pdf

FORM = "tk1ts"


def render_tk1ts(data: Tk1tsData, agency: Agency, *, template: FormTemplate | None = None) -> bytes:
    t = (template or default_template()).form(FORM)
    styles = make_styles(size=11.5)
    width = content_width()
    story: list[Flowable] = [
        *_header(t, styles, width),
        Paragraph(text(t["title"]), styles.title),
        Spacer(1, 3 * mm),
        *_part_one(data if data.part is Tk1tsPart.NEW else None, t, styles, width),
        Spacer(1, 3 * mm),
        *_part_two(data if data.part is Tk1tsPart.EXISTING else None, t, styles, width),
        Spacer(1, 3 * mm),
        Paragraph(text(t["commitment"]), styles.justify),
        Spacer(1, 2 * mm),
        Table(
            [["", Paragraph(f"<i>{text(place_date(agency, data.issued_on))}</i>", styles.center)]],
            colWidths=[width * 0.45, width * 0.55],
        ),
        right_signature(
            styles, width, t["signature"], t["signature_hint"], data.full_name, space=20 * mm
        ),
    ]
    if data.household:
        story += [PageBreak(), *_appendix(data, t, styles, width)]
    return write_pdf(story, title="Tờ khai TK1-TS")


def _part_one(
    data: Tk1tsData | None, t: Mapping[str, str], styles: Styles, width: float
) -> list[Flowable]:
    """Part I, filled only for a person without a BHXH number (``data`` None: blank)."""
    d = data or _BLANK
    return [
        Paragraph(f"<b>{text(t['part_one'])}</b>", styles.body),
        field_row([("[01]. Họ và tên (viết chữ in hoa):", d.full_name.upper())], styles, width),
        field_row(
            [("[02]. Giới tính:", d.sex), ("[03]. Ngày, tháng, năm sinh:", d.dob_text)],
            styles,
            width,
            shares=[1, 1.6],
        ),
        field_row(
            [("[04]. Quốc tịch:", d.nationality), ("[05]. Dân tộc:", d.ethnicity)], styles, width
        ),
        field_row([("[06]. Số CCCD/ĐDCN/Hộ chiếu:", d.id_number)], styles, width),
        field_row(
            [("[07]. Điện thoại:", d.phone), ("[08]. Email (nếu có):", d.email)], styles, width
        ),
        field_row([("[09]. Nơi đăng ký khai sinh:", d.birth_registration_place)], styles, width),
        field_row(
            [("[10]. Họ tên cha/mẹ/người giám hộ (đối với trẻ em dưới 6 tuổi):", d.guardian)],
            styles,
            width,
        ),
        _long_field(
            "[11]. Đăng ký nhận kết quả giải quyết thủ tục hành chính:",
            d.result_delivery,
            styles,
            width,
        ),
        Paragraph("Địa chỉ nơi cư trú:", styles.body),
        field_row([("[12]. Số nhà, đường/phố, thôn/xóm:", d.address_street)], styles, width),
        field_row(
            [
                ("[13]. Xã/phường/đặc khu:", d.address_commune),
                ("[14]. Quận/huyện:", _district(d.address_district) if data else ""),
            ],
            styles,
            width,
            shares=[1.3, 1],
        ),
        field_row([("[15]. Tỉnh/thành phố:", d.address_province)], styles, width),
        field_row(
            [
                (
                    "[16]. Thành viên hộ gia đình:",
                    "kê khai tại Phụ lục kèm theo" if d.household else "",
                )
            ],
            styles,
            width,
        ),
    ]


def _part_two(
    data: Tk1tsData | None, t: Mapping[str, str], styles: Styles, width: float
) -> list[Flowable]:
    """Part II, filled for a person who has a BHXH number (``data`` None: blank)."""
    d = data or _BLANK
    return [
        Paragraph(f"<b>{text(t['part_two'])}</b>", styles.body),
        field_row(
            [("Họ và tên:", d.full_name.upper()), ("Mã số BHXH:", d.bhxh_number)],
            styles,
            width,
            shares=[1.4, 1],
        ),
        field_row(
            [("Ngày, tháng, năm sinh:", d.dob_text), ("Số CCCD/ĐDCN:", d.id_number)],
            styles,
            width,
            shares=[1, 1],
        ),
        field_row([("Nội dung thay đổi, yêu cầu:", d.change_requested)], styles, width),
        field_row([("", "")], styles, width),
        field_row([("Đăng ký nhận kết quả:", d.result_delivery)], styles, width),
        field_row([("Hồ sơ kèm theo (nếu có):", d.attached_papers)], styles, width),
    ]


_BLANK = Tk1tsData(
    full_name="",
    sex="",
    dob_text="",
    nationality="",
    ethnicity="",
    id_number="",
    birth_registration_place="",
    address_street="",
    address_commune="",
    address_province="",
)


def _long_field(label: str, value: str, styles: Styles, width: float) -> Flowable:
    """A field whose label takes most of the line: a known value runs on after it."""
    if not value:
        return field_row([(label, "")], styles, width)
    return Paragraph(f"{text(label)} <b>{text(value)}</b>", styles.body)


def _district(value: str) -> str:
    # No district level since 1 July 2025: print a dash rather than a line to fill.
    return value or "—"


def _header(t: Mapping[str, str], styles: Styles, width: float) -> list[Flowable]:
    label = Table(
        [[Paragraph(f"<b>{text(t['form_label'])}</b>", styles.center)]],
        colWidths=[32 * mm],
        style=[("BOX", (0, 0), (-1, -1), 0.7, "black")],
    )
    source = Paragraph(
        f"<i>{text(t['form_source'])}</i>", ParagraphStyle("src", parent=styles.small, alignment=2)
    )
    top = Table([[source, label]], colWidths=[width - 34 * mm, 34 * mm])
    top.setStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 0), (1, 0), "RIGHT")])
    left = [Paragraph(f"<b>{text(t['issuer'])}</b>", styles.header), CenteredRule(30 * mm)]
    right = [
        Paragraph(f"<b>{MOTTO}</b>", styles.header),
        Paragraph(f"<b>{MOTTO_SUB}</b>", styles.header),
        CenteredRule(52 * mm),
    ]
    heading = Table([[left, right]], colWidths=[width * 0.42, width * 0.58])
    heading.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    return [top, Spacer(1, 2 * mm), heading]


def _appendix(
    data: Tk1tsData, t: Mapping[str, str], styles: Styles, width: float
) -> list[Flowable]:
    cell_styles = make_styles(size=9.5)
    head = [
        "TT",
        "Họ và tên",
        "Mã số BHXH",
        "Ngày tháng năm sinh",
        "Giới tính",
        "Nơi cấp giấy khai sinh",
        "Mối quan hệ với chủ hộ",
        "Số CCCD/ ĐDCN/ Hộ chiếu",
        "Ghi chú",
    ]
    rows: list[list[object]] = [[Paragraph(h, cell_styles.cell_head) for h in head]]
    for number, member in enumerate(data.household, start=1):
        values = [
            str(number),
            member.full_name,
            member.bhxh_number,
            member.dob_text,
            member.sex,
            member.birth_registration_place,
            member.relation,
            member.id_number,
            member.note,
        ]
        rows.append(
            [
                Paragraph(
                    text(value),
                    cell_styles.cell_center if column in (0, 3, 4) else cell_styles.cell,
                )
                for column, value in enumerate(values)
            ]
        )
    shares = [4, 19, 12, 11, 7, 17, 10, 14, 8]
    total = sum(shares)
    return [
        Paragraph(text(t["appendix_title"]), styles.title),
        Paragraph("<i>(Kèm theo Tờ khai TK1-TS, chỉ tiêu [16])</i>", styles.center),
        Spacer(1, 3 * mm),
        field_row([("Họ và tên chủ hộ:", data.household_head)], styles, width),
        field_row([("Địa chỉ:", data.household_address)], styles, width),
        Spacer(1, 2 * mm),
        grid_table(rows, [width * share / total for share in shares]),
        Spacer(1, 4 * mm),
        right_signature(
            styles, width, t["signature"], t["signature_hint"], data.full_name, space=20 * mm
        ),
    ]
