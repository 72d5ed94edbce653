"""Building blocks shared by the form layouts: styles, the standard header, the place
and date line, signature blocks and dotted blanks (dates: ``dates.py``; the PDF
writer: ``writer.py``).

Conventions follow Decree 30/2020/NĐ-CP on administrative documents: the issuing
agency top left in capitals with a short rule under it, the national motto top right
with a rule as long as "Độc lập - Tự do - Hạnh phúc", the place and date in italics
under the motto, days below 10 and months 1-2 written with a leading zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    Image,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.services.forms.dates import vn_date
from app.services.forms.fonts import SERIF, face, register_fonts
from app.services.forms.model import Agency, Applicant

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_SUB = "Độc lập - Tự do - Hạnh phúc"
DOTS = "…" * 3  # printed where the citizen or officer writes by hand

HEADER_SIZE = 11.0  # "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" and the motto fit on one line


def text(value: str) -> str:
    """Escape data for reportlab's paragraph markup (names may hold '&' or '<')."""
    return escape(value).replace("\n", "<br/>")


def place_date(agency: Agency, day: dt.date | None) -> str:
    place = agency.place or DOTS
    return f"{place}, {vn_date(day)}" if day else f"{place}, ngày {DOTS} tháng {DOTS} năm {DOTS}"


# ---- styles -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Styles:
    body: ParagraphStyle
    justify: ParagraphStyle
    center: ParagraphStyle
    right: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    header: ParagraphStyle  # header block lines, centred in their column
    italic_right: ParagraphStyle
    small: ParagraphStyle
    small_italic: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head: ParagraphStyle
    sign_caption: ParagraphStyle
    sign_hint: ParagraphStyle


def make_styles(family: str = SERIF, size: float = 12, leading: float | None = None) -> Styles:
    register_fonts()
    regular = face(family)
    bold = face(family, bold=True)
    italic = face(family, italic=True)
    lead = leading or size * 1.3

    def style(name: str, **kw: Any) -> ParagraphStyle:
        base: dict[str, Any] = {"fontName": regular, "fontSize": size, "leading": lead}
        base.update(kw)
        return ParagraphStyle(name, **base)

    small_size = size - 2
    return Styles(
        body=style("body", spaceAfter=size * 0.25),
        justify=style("justify", alignment=TA_JUSTIFY, spaceAfter=size * 0.25),
        center=style("center", alignment=TA_CENTER),
        right=style("right", alignment=TA_RIGHT),
        title=style(
            "title",
            fontName=bold,
            fontSize=size + 2,
            leading=(size + 2) * 1.3,
            alignment=TA_CENTER,
            spaceBefore=size * 0.6,
            spaceAfter=size * 0.3,
        ),
        subtitle=style("subtitle", fontName=bold, alignment=TA_CENTER, spaceAfter=size * 0.3),
        header=style(
            "header",
            fontSize=min(size, HEADER_SIZE),
            leading=min(size, HEADER_SIZE) * 1.25,
            alignment=TA_CENTER,
        ),
        italic_right=style("italic_right", fontName=italic, alignment=TA_RIGHT),
        small=style("small", fontSize=small_size, leading=small_size * 1.3, alignment=TA_JUSTIFY),
        small_italic=style(
            "small_italic",
            fontName=italic,
            fontSize=small_size,
            leading=small_size * 1.3,
            alignment=TA_JUSTIFY,
        ),
        cell=style("cell", fontSize=size - 1, leading=(size - 1) * 1.25),
        cell_center=style(
            "cell_center", fontSize=size - 1, leading=(size - 1) * 1.25, alignment=TA_CENTER
        ),
        cell_head=style(
            "cell_head",
            fontName=bold,
            fontSize=size - 1,
            leading=(size - 1) * 1.25,
            alignment=TA_CENTER,
        ),
        sign_caption=style("sign_caption", fontName=bold, alignment=TA_CENTER),
        sign_hint=style("sign_hint", fontName=italic, fontSize=size - 1, alignment=TA_CENTER),
    )


# ---- flowables ----------------------------------------------------------------------


class CenteredRule(Flowable):
    """A thin horizontal rule of a given length centred in the available width."""

    def __init__(self, length: float, thickness: float = 0.6, above: float = 2.5) -> None:
        super().__init__()
        self.length = length
        self.thickness = thickness
        self.above = above  # clears the descenders of the line above
        self.below = 3.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._avail = avail_width
        return avail_width, self.above + self.thickness + self.below

    def draw(self) -> None:
        x0 = (self._avail - self.length) / 2
        self.canv.setLineWidth(self.thickness)
        self.canv.line(x0, self.below, x0 + self.length, self.below)


_NO_PADDING = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
)


def _rule_under(line: str, font: str, size: float, fraction: float = 1.0) -> CenteredRule:
    return CenteredRule(stringWidth(line, font, size) * fraction)


def header_block(
    agency: Agency,
    styles: Styles,
    width: float,
    *,
    left_lines: Sequence[tuple[str, bool]] | None = None,
    below_left: Sequence[Flowable] = (),
    day: dt.date | None = None,
    show_date: bool = True,
) -> list[Flowable]:
    """The two-column header: issuer left, national motto right, then place and date.

    ``left_lines`` are (text, bold) pairs; by default the agency name and the
    one-stop unit (counter forms). The last left line gets the short rule.
    """
    size = styles.header.fontSize
    bold = face_of(styles, bold=True)
    if left_lines is None:
        left_lines = [(agency.name, False), (agency.unit_name, True)]
    left_lines = [(line, is_bold) for line, is_bold in left_lines if line]
    left: list[Flowable] = []
    for line, is_bold in left_lines:
        markup = f"<b>{text(line.upper())}</b>" if is_bold else text(line.upper())
        left.append(Paragraph(markup, styles.header))
    if left_lines:
        last = left_lines[-1][0]
        # Decree 30: a rule from one third to one half of the line, centred under it
        rule = min(stringWidth(last.upper(), bold, size) * 0.45, 0.4 * width)
        left.append(CenteredRule(max(rule, 18 * mm)))
    left.extend(below_left)
    right: list[Flowable] = [
        Paragraph(f"<b>{MOTTO}</b>", styles.header),
        Paragraph(f"<b>{MOTTO_SUB}</b>", _bigger(styles.header, 0.5)),
        _rule_under(MOTTO_SUB, bold, size + 0.5),
    ]
    if show_date:  # under the motto, as Decree 30 places it
        right.append(Spacer(1, 2))
        right.append(Paragraph(text(place_date(agency, day)), _centered(styles.italic_right)))
    left_width = width * 0.46
    columns: list[Any] = [left, right]
    col_widths = [left_width, width - left_width]
    if agency.logo_path is not None:
        logo = Image(str(agency.logo_path))
        scale = 16 * mm / max(logo.imageWidth, logo.imageHeight)
        logo.drawWidth, logo.drawHeight = logo.imageWidth * scale, logo.imageHeight * scale
        columns = [logo, left, right]
        col_widths = [18 * mm, left_width - 18 * mm, width - left_width]
    table = Table([columns], colWidths=col_widths)
    table.setStyle(_NO_PADDING)
    return [table]


def face_of(styles: Styles, *, bold: bool = False, italic: bool = False) -> str:
    """The font face of the same family as ``styles`` (header rules are measured)."""
    family, _, _ = ps2tt(styles.body.fontName)
    return str(tt2ps(family, int(bold), int(italic)))


def _bigger(style: ParagraphStyle, delta: float) -> ParagraphStyle:
    return ParagraphStyle(
        style.name + "+",
        parent=style,
        fontSize=style.fontSize + delta,
        leading=style.leading + delta,
    )


def _centered(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(style.name + "-c", parent=style, alignment=TA_CENTER)


def form_label(label: str, styles: Styles) -> list[Flowable]:
    """A small "Mẫu số …" line top right, when the template asks for one."""
    if not label:
        return []
    return [
        Paragraph(
            f"<i>{text(label)}</i>",
            ParagraphStyle("label", parent=styles.right, fontSize=styles.body.fontSize - 1),
        )
    ]


def signature_block(
    styles: Styles,
    width: float,
    signers: Sequence[tuple[str, str, str]],
    *,
    space: float = 22 * mm,
    above: Sequence[str] = (),
) -> Table:
    """Side-by-side signature boxes: (caption, hint, name) each.

    ``above`` puts a line over every box (e.g. "KT. GIÁM ĐỐC"), '' for none.
    """
    count = len(signers)
    rows: list[list[Any]] = []
    if above and any(above):
        rows.append([Paragraph(f"<b>{text(line)}</b>", styles.sign_caption) for line in above])
    rows.append([Paragraph(text(caption), styles.sign_caption) for caption, _, _ in signers])
    rows.append([Paragraph(text(hint), styles.sign_hint) for _, hint, _ in signers])
    rows.append([Spacer(1, space) for _ in signers])
    rows.append([Paragraph(f"<b>{text(name)}</b>", styles.sign_caption) for _, _, name in signers])
    table = Table(rows, colWidths=[width / count] * count)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    table.keepWithNext = False
    return table


def label_value(
    label: str,
    value: str,
    styles: Styles,
    *,
    bold_value: bool = False,
    blank: str = DOTS * 6,
) -> Paragraph:
    """ "Label: value" as one wrapping paragraph; dots where the value is unknown."""
    shown = text(value) if value else blank
    if bold_value and value:
        shown = f"<b>{shown}</b>"
    return Paragraph(f"{text(label)} {shown}", styles.body)


def grid_table(
    rows: list[list[Any]],
    col_widths: Sequence[float],
    *,
    header_rows: int = 1,
) -> Table:
    """A bordered table whose header rows repeat on every page."""
    table = Table(rows, colWidths=list(col_widths), repeatRows=header_rows)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("VALIGN", (0, header_rows), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def right_signature(
    styles: Styles,
    width: float,
    caption: str,
    hint: str,
    name: str,
    *,
    above: str = "",
    left: Flowable | str = "",
    space: float = 22 * mm,
) -> Table:
    """One signature box on the right half; ``left`` may hold "Nơi nhận" lines."""
    box: list[Flowable] = []
    if above:
        box.append(Paragraph(f"<b>{text(above)}</b>", styles.sign_caption))
    box.append(Paragraph(text(caption), styles.sign_caption))
    if hint:
        box.append(Paragraph(text(hint), styles.sign_hint))
    box.append(Spacer(1, space))
    box.append(Paragraph(f"<b>{text(name)}</b>", styles.sign_caption))
    table = Table([[left, box]], colWidths=[width * 0.45, width * 0.55])
    table.setStyle(_NO_PADDING)
    return table


def recipients(lines: str, styles: Styles) -> Paragraph:
    """The "Nơi nhận:" list of a letter (first line bold italic, the rest small)."""
    head, _, rest = lines.partition("\n")
    small = ParagraphStyle("recipients", parent=styles.small, alignment=0, leading=11)
    markup = f"<b><i>{text(head)}</i></b>"
    if rest:
        markup += "<br/>" + text(rest)
    return Paragraph(markup, small)


def field_row(
    fields: Sequence[tuple[str, str]],
    styles: Styles,
    width: float,
    *,
    shares: Sequence[float] | None = None,
) -> Table:
    """One line of a declaration: "label value" pairs side by side.

    Known values print in bold; an empty value leaves a dotted line to write on by
    hand. ``shares`` splits the width between the pairs (equal by default).
    """
    shares = shares or [1.0] * len(fields)
    total = sum(shares)
    cells: list[Any] = []
    widths: list[float] = []
    blanks: list[int] = []
    label_font = styles.body.fontName
    for (label, value), share in zip(fields, shares, strict=True):
        slot = width * share / total
        if label:
            label_width = min(stringWidth(label, label_font, styles.body.fontSize) + 6, slot * 0.7)
            cells.append(Paragraph(text(label), styles.body))
        else:  # a continuation line: all dots
            label_width = 0.0
            cells.append("")
        if value:
            cells.append(Paragraph(f"<b>{text(value)}</b>", styles.body))
        else:
            cells.append("")
            blanks.append(len(cells) - 1)
        widths.extend([label_width, slot - label_width])
    table = Table([cells], colWidths=widths)
    commands: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    for column in blanks:
        commands.append(("LINEBELOW", (column, 0), (column, 0), 0.7, colors.black, None, (1, 2.5)))
    table.setStyle(TableStyle(commands))
    return table


def applicant_lines(
    applicant: Applicant, styles: Styles, *, first_label: str = "Hồ sơ của:"
) -> list[Flowable]:
    """Name, ID number, address and contacts of the person who filed the dossier."""
    return [
        label_value(first_label, applicant.full_name, styles, bold_value=True),
        label_value("Số định danh cá nhân:", applicant.id_number, styles),
        label_value("Địa chỉ:", applicant.address, styles),
        Paragraph(
            f"Số điện thoại: {text(applicant.phone) or DOTS * 2}"
            f"&nbsp;&nbsp;&nbsp;&nbsp;Email: {text(applicant.email) or DOTS * 2}",
            styles.body,
        ),
    ]
