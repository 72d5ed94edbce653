"""The letter layout shared by forms 04 and 05: agency header with "Số:" and a
subject line, "Kính gửi:", body paragraphs, then "Nơi nhận" beside the signer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from app.services.forms.layout import (
    DOTS,
    Styles,
    form_label,
    header_block,
    recipients,
    right_signature,
    text,
)
from app.services.forms.model import Agency, Applicant, Signer
from app.services.forms.writer import content_width, write_pdf


def letter_pdf(
    *,
    agency: Agency,
    styles: Styles,
    label: str,
    number: str,
    subject: str,
    issued_on: dt.date,
    addressee: Applicant,
    body: Sequence[str],
    signer: Signer,
    signature_hint: str,
    recipient_lines: str,
    title: Sequence[str] = (),
    pdf_title: str,
) -> bytes:
    """``body`` items are paragraph markup (already escaped by the caller)."""
    width = content_width()
    left = styles.header
    below: list[Flowable] = [Paragraph(f"Số: {text(number) or DOTS + '/' + DOTS}", left)]
    if subject:  # "V/v …" under the number, a point smaller (Decree 30)
        smaller = ParagraphStyle("subject", parent=left, fontSize=left.fontSize - 1)
        below.append(Paragraph(text(subject), smaller))
    story: list[Flowable] = [
        *form_label(label, styles),
        *header_block(
            agency,
            styles,
            width,
            left_lines=[(agency.parent_name, False), (agency.name, True)],
            below_left=below,
            day=issued_on,
        ),
    ]
    if title:
        story.append(Paragraph(text(title[0]), styles.title))
        story.extend(Paragraph(f"<b>{text(line)}</b>", styles.center) for line in title[1:])
    story += [
        Spacer(1, 4 * mm),
        Paragraph(f"Kính gửi: Ông/Bà <b>{text(addressee.full_name)}</b>", styles.center),
    ]
    if addressee.address:
        story.append(Paragraph(f"Địa chỉ: {text(addressee.address)}", styles.center))
    story.append(Spacer(1, 3 * mm))
    indented = ParagraphStyle("indented", parent=styles.justify, firstLineIndent=10 * mm)
    story.extend(Paragraph(markup, indented) for markup in body)
    story += [
        Spacer(1, 4 * mm),
        right_signature(
            styles,
            width,
            signer.title.upper(),
            signature_hint,
            signer.name,
            above=signer.on_behalf.upper(),
            left=recipients(recipient_lines, styles),
        ),
    ]
    return write_pdf(story, title=pdf_title)
