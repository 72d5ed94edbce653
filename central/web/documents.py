"""The papers the back office prints: forms 02, 04, 05, 06 and a generated result.

The counter's Qt-free renderers (``app.services.forms``) draw the legal forms; this
module only turns a stored dossier (wire JSON) into their data. Procedure names come
from the catalog shipped in ``resources/procedures``.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from typing import Any

from app.services.forms.model import (
    Agency,
    ApologyData,
    Applicant,
    CompletionRequestData,
    ControlSlipData,
    Handover,
    MissingDocument,
    Signer,
    StopNoticeData,
)
from app.shared import paths
from central.web.queue_index import parse_when

VN = dt.timezone(dt.timedelta(hours=7), "ICT")


@cache
def _catalog() -> dict[str, tuple[str, str]]:
    from app.services.catalog.loader import Catalog

    catalog = Catalog.load(paths.RESOURCES / "procedures")
    return {p.code: (p.name, p.result) for p in catalog.procedures}


def procedure_names() -> dict[str, str]:
    return {code: name for code, (name, _) in _catalog().items()}


def procedure_name(code: str) -> str:
    return _catalog().get(code, (code, ""))[0]


def procedure_result(code: str) -> str:
    return _catalog().get(code, ("", "Kết quả giải quyết"))[1] or "Kết quả giải quyết"


def agency(office_name: str) -> Agency:
    return Agency(name=office_name.upper(), parent_name="BẢO HIỂM XÃ HỘI VIỆT NAM")


def applicant(citizen: dict[str, Any] | None) -> Applicant:
    citizen = citizen or {}
    return Applicant(
        full_name=citizen.get("full_name", ""),
        id_number=citizen.get("id_number", ""),
        address=citizen.get("residence", ""),
        phone=citizen.get("phone", ""),
    )


def _today() -> dt.date:
    return dt.datetime.now(VN).date()


def control_slip(
    dossier: dict[str, Any],
    citizen: dict[str, Any] | None,
    events: list[dict[str, Any]],
    office_name: str,
) -> bytes:
    from app.services.forms.control_slip import render_control_slip

    received = parse_when(dossier.get("valid_received_at") or dossier["submitted_at"])
    due = parse_when(dossier.get("due_at")) or received
    handovers = [
        Handover(
            from_unit="Bộ phận Tiếp nhận và Trả kết quả",
            to_unit="Bộ phận giải quyết",
            handed_at=parse_when(e["at"]),
        )
        for e in events
        if e.get("to_status") == "in_processing" and e.get("from_status") != "in_processing"
    ]
    data = ControlSlipData(
        dossier_code=dossier["code"],
        applicant=applicant(citizen),
        procedure_name=procedure_name(dossier["procedure_code"]),
        received_at=received,  # type: ignore[arg-type]
        due_at=due,  # type: ignore[arg-type]
        handovers=handovers,
        issued_on=_today(),
    )
    return render_control_slip(data, agency(office_name))


def completion_request(
    dossier: dict[str, Any],
    citizen: dict[str, Any] | None,
    missing: str,
    officer: str,
    office_name: str,
    phone: str,
) -> bytes:
    from app.services.forms.completion_request import render_completion_request

    lines = [line.strip(" -•\t") for line in missing.splitlines() if line.strip(" -•\t")]
    data = CompletionRequestData(
        applicant=applicant(citizen),
        procedure_name=procedure_name(dossier["procedure_code"]),
        documents=[MissingDocument(name=line, originals=1) for line in lines]
        or [MissingDocument(name=missing)],
        reason=missing,
        officer_name=officer,
        issued_on=_today(),
        dossier_code=dossier["code"],
        contact_phone=phone,
    )
    return render_completion_request(data, agency(office_name))


def apology(
    dossier: dict[str, Any],
    citizen: dict[str, Any] | None,
    original_due: dt.datetime,
    new_due: dt.datetime,
    reason: str,
    head: str,
    office_name: str,
) -> bytes:
    from app.services.forms.apology import render_apology

    data = ApologyData(
        applicant=applicant(citizen),
        procedure_name=procedure_name(dossier["procedure_code"]),
        dossier_code=dossier["code"],
        received_at=parse_when(dossier["submitted_at"]),  # type: ignore[arg-type]
        original_due=original_due,
        new_due=new_due,
        reason=reason,
        signer=Signer(title="GIÁM ĐỐC", name=head),
        issued_on=_today(),
    )
    return render_apology(data, agency(office_name))


def stop_notice(
    dossier: dict[str, Any],
    citizen: dict[str, Any] | None,
    reason: str,
    head: str,
    office_name: str,
) -> bytes:
    from app.services.forms.stop_notice import render_stop_notice

    data = StopNoticeData(
        applicant=applicant(citizen),
        procedure_name=procedure_name(dossier["procedure_code"]),
        dossier_code=dossier["code"],
        received_at=parse_when(dossier["submitted_at"]),  # type: ignore[arg-type]
        reason=reason,
        signer=Signer(title="GIÁM ĐỐC", name=head),
        issued_on=_today(),
    )
    return render_stop_notice(data, agency(office_name))


def generated_result(
    dossier: dict[str, Any], citizen: dict[str, Any] | None, office_name: str, staff_name: str
) -> bytes:
    """A one-page notice of the result, when the office has no PDF of its own to upload."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from app.services.forms.layout import make_styles, text

    styles = make_styles()
    person = applicant(citizen)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=f"Kết quả hồ sơ {dossier['code']}",
    )
    story = [
        Paragraph(text(office_name.upper()), styles.center),
        Spacer(1, 8 * mm),
        Paragraph(text("THÔNG BÁO KẾT QUẢ GIẢI QUYẾT HỒ SƠ"), styles.title),
        Spacer(1, 6 * mm),
        Paragraph(f"Mã hồ sơ: <b>{text(dossier['code'])}</b>", styles.body),
        Paragraph(f"Người nộp: <b>{text(person.full_name)}</b>", styles.body),
        Paragraph(f"Thủ tục: {text(procedure_name(dossier['procedure_code']))}", styles.body),
        Paragraph(f"Kết quả: {text(procedure_result(dossier['procedure_code']))}", styles.body),
        Paragraph(f"Ngày giải quyết xong: {dt.datetime.now(VN).strftime('%d/%m/%Y')}", styles.body),
        Spacer(1, 10 * mm),
        Paragraph(f"Cán bộ giải quyết: {text(staff_name)}", styles.body),
        Paragraph("<i>Văn bản được ký số bởi cơ quan BHXH.</i>", styles.body),
    ]
    doc.build(story)
    return out.getvalue()
