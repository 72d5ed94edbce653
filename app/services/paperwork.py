"""What the printed papers say, built from the stored dossier and the identity.

The forms package draws; this module decides the content: the receipt (form 01) of a
saved dossier, and the TK1-TS declaration prefilled from the chip so the citizen
writes only contact and procedure fields.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from app.services.calendar.days import local
from app.services.catalog.model import DocumentSpec, TimeUnit
from app.services.catalog.model import Procedure as CatalogProcedure
from app.services.forms.model import (
    Agency,
    Applicant,
    CompletionRequestData,
    Delivery,
    DeliveryMethod,
    DocumentLine,
    MissingDocument,
    ReceiptData,
    RefusalData,
    RefusalGround,
    Tk1tsData,
    Tk1tsPart,
    result_delivery_text,
)
from app.services.identity import Identity
from app.services.storage.models import Citizen, Dossier, Officer
from app.settings import Settings
from app.shared import paths

# The receipt carries the short notice (it must fit the page with the signatures);
# the full notice is shown at the counter and handed out on request.
RECEIPT_NOTICE_FILE = paths.RESOURCES / "privacy" / "receipt_notice.vi.txt"
PURPOSE_NOTICE_FALLBACK = (
    "Thông tin cá nhân của ông/bà được cơ quan Bảo hiểm xã hội thu thập và xử lý để giải "
    "quyết thủ tục nêu trên theo chức năng, nhiệm vụ được pháp luật giao, theo Luật Bảo vệ "
    "dữ liệu cá nhân số 91/2025/QH15 và Nghị định 356/2025/NĐ-CP."
)


def purpose_notice() -> str:
    try:
        return RECEIPT_NOTICE_FILE.read_text(encoding="utf-8").strip()
    except OSError:
        return PURPOSE_NOTICE_FALLBACK


def agency_from(settings: Settings) -> Agency:
    return Agency(
        name=settings.office_name.upper(),
        parent_name=settings.parent_agency.upper(),
        place=settings.place_name,
    )


def processing_time_text(procedure: CatalogProcedure) -> str:
    pt = procedure.processing_time
    unit = "ngày làm việc" if pt.unit is TimeUnit.WORKING_DAYS else "ngày (không kể ngày nghỉ lễ)"
    return f"{pt.value:02d} {unit}"


def receipt_from(
    session: Session, dossier: Dossier, procedure: CatalogProcedure, lookup_base_url: str = ""
) -> ReceiptData:
    citizen = session.get(Citizen, dossier.citizen_id)
    officer = session.get(Officer, dossier.officer_id)
    assert citizen is not None and officer is not None
    assert dossier.valid_received_at is not None and dossier.due_at is not None
    return ReceiptData(
        dossier_code=dossier.code,
        lookup_code=dossier.lookup_code,
        applicant=Applicant(
            full_name=citizen.full_name,
            id_number=citizen.id_number,
            address=citizen.residence,
            phone=dossier.applicant_phone,
            email=dossier.applicant_email,
        ),
        procedure_name=procedure.name,
        documents=[
            DocumentLine(d.name, d.originals, d.copies) for d in dossier.documents if d.received
        ],
        processing_time_text=processing_time_text(procedure),
        received_at=local(dossier.valid_received_at),
        appointment_at=local(dossier.due_at),
        sets=dossier.number_of_sets,
        delivery=delivery_of(dossier),
        fee_text=procedure.fee_text,
        book_number=dossier.book_number,
        book_sequence=str(dossier.book_sequence or ""),
        officer_name=officer.full_name,
        purpose_notice=purpose_notice(),
        procedure_code=procedure.code,
        national_code=procedure.national_code,
        published_name=procedure.published_name,
        lookup_base_url=lookup_base_url,
    )


def refusal_from(
    session: Session,
    dossier: Dossier,
    procedure_name: str,
    ground: RefusalGround,
    detail: str,
    competent_office: str,
    officer_id: str,
    issued_on: dt.date,
) -> RefusalData:
    """Form 03 for the refusal the officer just recorded (signed by that officer)."""
    citizen = session.get(Citizen, dossier.citizen_id)
    officer = session.get(Officer, officer_id)
    assert citizen is not None and officer is not None
    return RefusalData(
        applicant=Applicant(
            full_name=citizen.full_name,
            id_number=citizen.id_number,
            address=citizen.residence,
            phone=dossier.applicant_phone,
            email=dossier.applicant_email,
        ),
        procedure_name=procedure_name,
        reason=detail.strip(),
        officer_name=officer.full_name,
        issued_on=issued_on,
        dossier_code=dossier.code,
        ground=ground,
        competent_office=competent_office.strip(),
    )


def completion_request_from(
    session: Session, dossier: Dossier, procedure: CatalogProcedure, missing: list[DocumentSpec]
) -> CompletionRequestData:
    citizen = session.get(Citizen, dossier.citizen_id)
    officer = session.get(Officer, dossier.officer_id)
    assert citizen is not None and officer is not None
    return CompletionRequestData(
        applicant=Applicant(
            full_name=citizen.full_name,
            id_number=citizen.id_number,
            address=citizen.residence,
            phone=dossier.applicant_phone,
            email=dossier.applicant_email,
        ),
        procedure_name=procedure.name,
        documents=[
            MissingDocument(
                name=d.name,
                originals=d.count if d.form == "original" else 0,
                certified_copies=d.count if d.form == "certified_copy" else 0,
                photocopies=d.count if d.form in ("copy", "original_or_copy") else 0,
                note=d.condition_text,
            )
            for d in missing
        ],
        reason="Hồ sơ còn thiếu giấy tờ bắt buộc theo quy định của thủ tục.",
        officer_name=officer.full_name,
        issued_on=local(dossier.submitted_at).date(),
        dossier_code=dossier.code,
    )


def delivery_of(dossier: Dossier) -> Delivery:
    try:
        method = DeliveryMethod(dossier.delivery_method)
    except ValueError:
        method = DeliveryMethod.COUNTER  # an unknown stored value: the safe paper default
    return Delivery(method, dossier.delivery_address)


def tk1ts_part(procedure: CatalogProcedure | None, bhxh_number: str) -> Tk1tsPart:
    """Part II for anyone with a known BHXH number and for procedures of existing
    participants (re-issues, changes, benefits); Part I only when no number is known."""
    if bhxh_number or (procedure is not None and procedure.for_existing_participants):
        return Tk1tsPart.EXISTING
    return Tk1tsPart.NEW


def split_address(text: str) -> tuple[str, str, str, str]:
    """(street, commune, district, province) from a one-line address.

    Card addresses run from the smallest unit to the province, comma separated.
    Since July 2025 there are no districts; older cards still name one, and it is
    kept for [14] of TK1-TS. Unit names mark what each part is.
    """
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return "", "", "", ""
    province = parts.pop()
    district = ""
    if parts and parts[-1].lower().startswith(("quận", "huyện", "thị xã", "thành phố", "tp.")):
        district = parts.pop()
    commune = parts.pop() if parts else ""
    return ", ".join(parts), commune, district, province


def tk1ts_from(
    identity: Identity,
    phone: str = "",
    email: str = "",
    *,
    procedure: CatalogProcedure | None = None,
    bhxh_number: str = "",
    birth_registration_place: str = "",
    delivery: Delivery | None = None,
) -> Tk1tsData:
    """TK1-TS for this citizen and procedure.

    ``birth_registration_place`` is [09] as the population register gives it; the chip
    does not hold it (its quê quán is another field), so without the register the
    line stays for the citizen. [11] and the receipt's item 6 share ``delivery``.
    """
    street, commune, district, province = split_address(identity.residence)
    chosen = delivery or Delivery()
    part = tk1ts_part(procedure, bhxh_number)
    return Tk1tsData(
        full_name=identity.full_name,
        sex=identity.sex,
        dob_text=identity.dob_text
        or (identity.date_of_birth.strftime("%d/%m/%Y") if identity.date_of_birth else ""),
        nationality=identity.nationality,
        ethnicity=identity.ethnicity,
        id_number=identity.id_number,
        birth_registration_place=birth_registration_place,
        address_street=street,
        address_commune=commune,
        address_district=district,
        address_province=province,
        phone=phone,
        email=email,
        result_delivery=result_delivery_text(chosen.method, chosen.address),
        part=part,
        bhxh_number=bhxh_number,
        change_requested=procedure.name
        if procedure is not None and part is Tk1tsPart.EXISTING
        else "",
        issued_on=dt.date.today(),
    )
