"""Fictitious sample data for every form: template previews in the settings,
tests and benchmarks. No real person's name or ID number."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from app.services.forms.model import (
    Agency,
    ApologyData,
    Applicant,
    CompletionRequestData,
    ControlSlipData,
    Delivery,
    DeliveryMethod,
    DocumentLine,
    Handover,
    HandoverResult,
    HouseholdMember,
    MissingDocument,
    ReceiptData,
    RefusalData,
    RefusalGround,
    Signer,
    StopNoticeData,
    Tk1tsData,
    Tk1tsPart,
    TrackingBookData,
    TrackingEntry,
    result_delivery_text,
)

if TYPE_CHECKING:
    from app.services.forms.template import FormTemplate

AGENCY = Agency(
    name="Bảo hiểm xã hội cơ sở Hải Châu",
    parent_name="Bảo hiểm xã hội khu vực XIII",
    place="Đà Nẵng",
)

APPLICANT = Applicant(
    full_name="Nguyễn Thị Hồng Nhung",
    id_number="048190001234",
    address="Số 12 đường Trần Phú, Phường Hải Châu, Thành phố Đà Nẵng",
    phone="0905 123 456",
    email="hongnhung@example.vn",
)

PURPOSE_NOTICE = (
    "Thông tin cá nhân của Ông/Bà được cơ quan Bảo hiểm xã hội thu thập và xử lý chỉ để "
    "giải quyết thủ tục hành chính nêu trên, theo chức năng, nhiệm vụ được pháp luật giao, "
    "phù hợp với Luật Bảo vệ dữ liệu cá nhân. Ông/Bà có quyền được biết, truy cập, yêu cầu "
    "chỉnh sửa dữ liệu của mình tại Bộ phận Tiếp nhận và Trả kết quả."
)

RECEIVED = dt.datetime(2026, 3, 5, 8, 30)

# The agency code in the samples is FICTITIOUS sample data: H99 is no province's letter
# code (H29 is Hồ Chí Minh City, H56 Thanh Hóa; the rest of the QĐ 20/2020 list, as
# amended, was not checked, so no real-looking code is paired with a real office).
# Each office sets its own code in the settings.
SAMPLE_AGENCY_CODE = "000.00.48.H99"


def receipt(**changes: object) -> ReceiptData:
    data = ReceiptData(
        dossier_code=f"{SAMPLE_AGENCY_CODE}-260305-0001",
        lookup_code="K7QX2M9P",
        applicant=APPLICANT,
        procedure_name="Đăng ký tham gia bảo hiểm xã hội tự nguyện, cấp sổ bảo hiểm xã hội",
        documents=(
            DocumentLine("Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT (mẫu TK1-TS)", 1, 0),
            DocumentLine("Giấy tờ chứng minh thuộc đối tượng được hỗ trợ mức đóng", 0, 1),
        ),
        processing_time_text="05 ngày làm việc",
        received_at=RECEIVED,
        appointment_at=dt.datetime(2026, 3, 12, 8, 30),
        sets=1,
        delivery=Delivery(DeliveryMethod.ELECTRONIC),
        fee_text="Không",
        book_number="03",
        book_sequence="125",
        officer_name="Trần Văn Bình",
        purpose_notice=PURPOSE_NOTICE,
        procedure_code="602",
    )
    return _replace(data, changes)


def completion_request() -> CompletionRequestData:
    return CompletionRequestData(
        applicant=APPLICANT,
        procedure_name="Điều chỉnh thông tin của người tham gia trên sổ bảo hiểm xã hội, thẻ bảo hiểm y tế",
        documents=(
            MissingDocument("Tờ khai TK1-TS ghi đủ mục [07] và [11], có chữ ký", originals=1),
            MissingDocument(
                "Giấy tờ chứng minh thông tin thay đổi", certified_copies=1, photocopies=1
            ),
        ),
        reason="Tờ khai chưa ký và chưa có giấy tờ chứng minh nội dung thay đổi.",
        officer_name="Trần Văn Bình",
        issued_on=RECEIVED.date(),
        dossier_code=f"{SAMPLE_AGENCY_CODE}-260305-0002",
        contact_phone="0236 3 822 xxx",
    )


def refusal() -> RefusalData:
    return RefusalData(
        applicant=APPLICANT,
        procedure_name="Giải quyết hưởng bảo hiểm xã hội một lần",
        reason=(
            "thiếu Sổ bảo hiểm xã hội và Đơn đề nghị hưởng BHXH một lần (Mẫu 14-HSB); "
            "Ông/Bà đã được hướng dẫn bổ sung bằng Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ "
            "ngày 02/3/2026 nhưng chưa bổ sung."
        ),
        officer_name="Trần Văn Bình",
        issued_on=RECEIVED.date(),
        ground=RefusalGround.INCOMPLETE,
    )


def refusal_wrong_office() -> RefusalData:
    return RefusalData(
        applicant=APPLICANT,
        procedure_name="Giải quyết hưởng chế độ tử tuất",
        reason=(
            "người lao động đang làm việc và đóng bảo hiểm xã hội tại đơn vị: hồ sơ do "
            "người sử dụng lao động nộp (Luật 41/2024/QH15, Điều 91 khoản 2)."
        ),
        officer_name="Trần Văn Bình",
        issued_on=RECEIVED.date(),
        ground=RefusalGround.WRONG_OFFICE,
        competent_office="Người sử dụng lao động nơi người lao động đang làm việc",
    )


DIRECTOR = Signer(title="Phó Giám đốc", name="Lê Minh Châu", on_behalf="KT. Giám đốc")


def apology() -> ApologyData:
    return ApologyData(
        applicant=APPLICANT,
        procedure_name="Đăng ký tham gia bảo hiểm xã hội tự nguyện, cấp sổ bảo hiểm xã hội",
        dossier_code=f"{SAMPLE_AGENCY_CODE}-260305-0001",
        received_at=RECEIVED,
        original_due=dt.datetime(2026, 3, 12, 8, 30),
        new_due=dt.datetime(2026, 3, 19, 14, 0),
        reason="cần xác minh quá trình đóng bảo hiểm xã hội tại đơn vị cũ.",
        signer=DIRECTOR,
        issued_on=dt.date(2026, 3, 11),
        document_number="125/BHXH-TNTKQ",
    )


def stop_notice() -> StopNoticeData:
    return StopNoticeData(
        applicant=APPLICANT,
        procedure_name="Cấp lại thẻ bảo hiểm y tế do mất",
        dossier_code=f"{SAMPLE_AGENCY_CODE}-260305-0003",
        received_at=RECEIVED,
        reason="Ông/Bà đã có văn bản đề nghị rút hồ sơ ngày 09/3/2026.",
        signer=DIRECTOR,
        issued_on=dt.date(2026, 3, 10),
    )


def control_slip() -> ControlSlipData:
    return ControlSlipData(
        dossier_code=f"{SAMPLE_AGENCY_CODE}-260305-0001",
        applicant=APPLICANT,
        procedure_name="Đăng ký tham gia bảo hiểm xã hội tự nguyện, cấp sổ bảo hiểm xã hội",
        received_at=RECEIVED,
        due_at=dt.datetime(2026, 3, 12, 8, 30),
        handovers=(
            Handover(
                "Bộ phận Tiếp nhận và Trả kết quả",
                "Phòng Quản lý thu",
                dt.datetime(2026, 3, 5, 10, 0),
                HandoverResult.EARLY,
            ),
        ),
        blank_handovers=3,
    )


FAMILY_NAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ")
GIVEN_NAMES = ("Thị Hồng Nhung", "Văn Đức", "Minh Khôi", "Thị Thu Hà", "Quốc Bảo", "Ngọc Ánh")
# Catalog codes the tracking-book sample cycles through: real names and the due date
# the calendar gives for each, so a sample never shows what the software cannot print.
SAMPLE_PROCEDURES = ("602", "610", "BHXH-MOTLAN", "608")


def tracking_book(rows: int = 25) -> TrackingBookData:
    from app.services.calendar import VN_TZ, appointment, load_calendar
    from app.services.catalog import Catalog
    from app.services.catalog.store import BUILTIN

    catalog = Catalog.load(BUILTIN)
    calendar = load_calendar()
    entries = []
    for index in range(rows):
        received = RECEIVED + dt.timedelta(minutes=17 * index)
        procedure = catalog.get(SAMPLE_PROCEDURES[index % len(SAMPLE_PROCEDURES)])
        due = appointment(calendar, received.replace(tzinfo=VN_TZ), procedure, dt.time(16, 30))
        assert due is not None
        entries.append(
            TrackingEntry(
                dossier_code=f"{SAMPLE_AGENCY_CODE}-{received:%y%m%d}-{index + 1:04d}",
                procedure_name=procedure.name,
                procedure_code=procedure.code,
                national_code=procedure.national_code,
                applicant_name=f"{FAMILY_NAMES[index % 10]} {GIVEN_NAMES[index % 6]}",
                address_phone=f"Phường Hải Châu, Thành phố Đà Nẵng; 0905 000 {index:03d}",
                lead_agency="BHXH cơ sở Hải Châu",
                received_at=received,
                due_at=due.replace(tzinfo=None),
                returned_at=due.replace(tzinfo=None) - dt.timedelta(hours=2)
                if index % 3 == 0
                else None,
                delivery_method="Trực tiếp" if index % 2 else "Bưu chính",
            )
        )
    return TrackingBookData(
        period_start=RECEIVED.date(),
        period_end=dt.date(2026, 3, 31),
        entries=tuple(entries),
        book_number="03",
    )


def tk1ts(*, household: bool = True) -> Tk1tsData:
    members = (
        HouseholdMember(
            full_name="Nguyễn Thị Hồng Nhung",
            bhxh_number="4819000123",
            dob_text="05/03/1990",
            sex="Nữ",
            birth_registration_place="Phường Hải Châu, Thành phố Đà Nẵng",
            relation="Chủ hộ",
            id_number="048190001234",
        ),
        HouseholdMember(
            full_name="Trần Minh Khôi",
            dob_text="2019",
            sex="Nam",
            birth_registration_place="Phường Hải Châu, Thành phố Đà Nẵng",
            relation="Con",
            id_number="048219004321",
        ),
    )
    return Tk1tsData(
        full_name="Nguyễn Thị Hồng Nhung",
        sex="Nữ",
        dob_text="05/03/1990",
        nationality="Việt Nam",
        ethnicity="Kinh",
        id_number="048190001234",
        birth_registration_place="Phường Hải Châu, Thành phố Đà Nẵng",
        address_street="Số 12 đường Trần Phú",
        address_commune="Phường Hải Châu",
        address_province="Thành phố Đà Nẵng",
        household_head="Nguyễn Thị Hồng Nhung" if household else "",
        household_address="Số 12 đường Trần Phú, Phường Hải Châu, Thành phố Đà Nẵng",
        household=members if household else (),
        result_delivery=result_delivery_text(DeliveryMethod.ELECTRONIC),
        issued_on=RECEIVED.date(),
    )


def tk1ts_existing() -> Tk1tsData:
    """Part II: a participant with a BHXH number asking for a lost card to be re-issued."""
    return Tk1tsData(
        full_name="Nguyễn Thị Hồng Nhung",
        sex="Nữ",
        dob_text="05/03/1990",
        nationality="Việt Nam",
        ethnicity="Kinh",
        id_number="048190001234",
        birth_registration_place="",
        address_street="Số 12 đường Trần Phú",
        address_commune="Phường Hải Châu",
        address_province="Thành phố Đà Nẵng",
        part=Tk1tsPart.EXISTING,
        bhxh_number="4819000123",
        change_requested="Cấp lại thẻ bảo hiểm y tế do mất",
        result_delivery=result_delivery_text(DeliveryMethod.ELECTRONIC),
        issued_on=RECEIVED.date(),
    )


def _replace(data: ReceiptData, changes: dict[str, object]) -> ReceiptData:
    from dataclasses import replace

    return replace(data, **changes)  # type: ignore[arg-type]


def write_samples(out_dir: Path, template: FormTemplate | None = None) -> list[Path]:
    """Render every form with the sample data into ``out_dir`` (template preview,
    documentation screenshots). Returns the PDF paths."""
    from app.services import forms

    # an office previewing its own template sees its own header; otherwise the sample office
    agency = template.agency if template is not None else AGENCY
    jobs = {
        "01-receipt": lambda: forms.render_receipt(receipt(), agency, template=template),
        "02-completion-request": lambda: forms.render_completion_request(
            completion_request(), agency, template=template
        ),
        "03-refusal": lambda: forms.render_refusal(refusal(), agency, template=template),
        "04-apology": lambda: forms.render_apology(apology(), agency, template=template),
        "05-stop-notice": lambda: forms.render_stop_notice(
            stop_notice(), agency, template=template
        ),
        "06-control-slip": lambda: forms.render_control_slip(
            control_slip(), agency, template=template
        ),
        "07-tracking-book": lambda: forms.render_tracking_book(
            tracking_book(), agency, template=template
        ),
        "receipt-80mm": lambda: forms.render_receipt_80mm(receipt(), agency, template=template),
        "tk1ts": lambda: forms.render_tk1ts(tk1ts(), agency, template=template),
        "tk1ts-part2": lambda: forms.render_tk1ts(tk1ts_existing(), agency, template=template),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, render in jobs.items():
        path = out_dir / f"{name}.pdf"
        path.write_bytes(render())
        written.append(path)
    return written
