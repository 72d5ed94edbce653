"""What the counter forms print, as plain data the rest of the app fills.

Every value the layouts print lives here (or in the office's template texts), so a
form never reaches into the database or the settings. Names follow the forms of
Circular 03/2025/TT-VPCP (Appendix I) and the TK1-TS declaration (Decision 490/QĐ-BHXH).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Agency:
    """The office printed in every header; usually taken from the template file."""

    name: str  # e.g. "BẢO HIỂM XÃ HỘI CƠ SỞ HẢI CHÂU"
    parent_name: str = ""  # the line above it, e.g. "BẢO HIỂM XÃ HỘI KHU VỰC XIII"
    place: str = ""  # for "<place>, ngày … tháng … năm …"
    unit_name: str = "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"  # under the name on counter forms
    logo_path: Path | None = None  # PNG/JPEG drawn left of the agency name


@dataclass(frozen=True, slots=True)
class Applicant:
    full_name: str
    id_number: str = ""  # 12-digit số định danh cá nhân (or passport number)
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class DocumentLine:
    """One paper received with the dossier (form 01's table)."""

    name: str
    originals: int = 0  # bản chính
    copies: int = 0  # bản sao


class DeliveryMethod(StrEnum):
    """How the citizen receives the result (form 01 item 6, TK1-TS [11])."""

    ELECTRONIC = "electronic"  # VssID / VNeID: the default since 2026 (Law 41/2024 Art. 25(2))
    COUNTER = "counter"  # paper, at the one-stop counter
    POST = "post"  # paper, by public postal service to the given address


def procedure_codes_text(internal: str, national: str = "") -> str:
    """ "Mã thủ tục BHXH: 602; mã TTHC quốc gia: 1.0xxxxx" (parts that are known)."""
    parts = []
    if internal:
        parts.append(f"Mã thủ tục BHXH: {internal}")
    if national:
        parts.append(f"mã TTHC quốc gia: {national}")
    return "; ".join(parts)


def result_delivery_text(method: DeliveryMethod, address: str = "") -> str:
    """The one wording of the chosen channel: TK1-TS [11], form 01 item 6 and the 80 mm
    slip all print this, so the citizen reads the same answer on each paper."""
    if method is DeliveryMethod.ELECTRONIC:
        return "Điện tử (qua ứng dụng VssID/VNeID)"
    if method is DeliveryMethod.POST:
        return "Bản giấy, qua dịch vụ bưu chính công ích" + (
            f", địa chỉ: {address}" if address else ""
        )
    return "Bản giấy, nhận tại Bộ phận Tiếp nhận và Trả kết quả" + (
        f", {address}" if address else ""
    )


@dataclass(frozen=True, slots=True)
class Delivery:
    method: DeliveryMethod = DeliveryMethod.ELECTRONIC
    address: str = ""  # postal address, or the counter's name/address (optional)


@dataclass(frozen=True, slots=True)
class ReceiptData:
    """Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả."""

    dossier_code: str
    lookup_code: str  # short unguessable code for status look-up
    applicant: Applicant
    procedure_name: str
    documents: Sequence[DocumentLine]
    processing_time_text: str  # as the rule states it, e.g. "05 ngày làm việc"
    received_at: dt.datetime
    appointment_at: dt.datetime
    sets: int = 1
    delivery: Delivery = field(default_factory=Delivery)
    fee_text: str = ""  # "" prints nothing; BHXH procedures are free ("Không")
    book_number: str = ""  # Quyển số
    book_sequence: str = ""  # Số thứ tự
    officer_name: str = ""  # người tiếp nhận hồ sơ
    purpose_notice: str = ""  # personal-data purpose notice (PDP Law 91/2025)
    issued_on: dt.date | None = None  # header date; defaults to the received date
    procedure_code: str = ""  # BHXH's internal code (602, LUONG-HUU …)
    national_code: str = ""  # the national procedure database's code, where known
    published_name: str = ""  # its published name, when it differs from procedure_name
    lookup_base_url: str = ""  # office public look-up base URL; "" puts MOTCUA|… in the QR


# ---- form 02 ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MissingDocument:
    """One paper the citizen must add (form 02's table)."""

    name: str
    originals: int = 0  # bản chính
    certified_copies: int = 0  # bản sao có chứng thực
    photocopies: int = 0  # bản chụp / bản photo
    note: str = ""


@dataclass(frozen=True, slots=True)
class CompletionRequestData:
    """Form 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ."""

    applicant: Applicant
    procedure_name: str
    documents: Sequence[MissingDocument]
    reason: str
    officer_name: str  # the guiding officer who signs
    issued_on: dt.date
    dossier_code: str = ""  # empty when the dossier was not yet received
    contact_phone: str = ""  # whom to call when completing the dossier


# ---- form 03 ---------------------------------------------------------------------


class RefusalGround(StrEnum):
    """Why a dossier is not *accepted* (Circular 03/2025 form 03).

    Ineligibility for a benefit is not one of them: that answer is the competent
    office's written decision after processing (Law 41/2024 Art. 79(3), 91(3)).
    """

    INCOMPLETE = "incomplete"  # papers still missing after form 02's guidance
    WRONG_OFFICE = "wrong_office"  # not this office's to take in or to decide
    INVALID = "invalid"  # papers not valid (forged, unreadable, wrong form)


REFUSAL_GROUND_TEXT = {
    RefusalGround.INCOMPLETE: "Hồ sơ chưa đủ thành phần theo quy định của thủ tục",
    RefusalGround.WRONG_OFFICE: "Hồ sơ không thuộc phạm vi tiếp nhận, giải quyết của cơ quan",
    RefusalGround.INVALID: "Giấy tờ trong hồ sơ không hợp lệ",
}


@dataclass(frozen=True, slots=True)
class RefusalData:
    """Form 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ (refusing acceptance)."""

    applicant: Applicant
    procedure_name: str
    reason: str  # the detail: which papers, which office to go to
    officer_name: str
    issued_on: dt.date
    dossier_code: str = ""
    ground: RefusalGround = RefusalGround.INCOMPLETE
    competent_office: str = ""  # WRONG_OFFICE: where the citizen should file


# ---- form 04 ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Signer:
    """Who signs a letter on behalf of the agency (forms 04 and 05)."""

    title: str  # e.g. "GIÁM ĐỐC"
    name: str = ""
    on_behalf: str = ""  # e.g. "KT. GIÁM ĐỐC" line above the title; "" for none


@dataclass(frozen=True, slots=True)
class ApologyData:
    """Form 04: Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết."""

    applicant: Applicant
    procedure_name: str
    dossier_code: str  # the receipt's number (Mã hồ sơ on form 01)
    received_at: dt.datetime
    original_due: dt.datetime
    new_due: dt.datetime
    reason: str  # why the dossier is late
    signer: Signer
    issued_on: dt.date
    document_number: str = ""  # "Số: …/…" of the letter; "" prints dots to fill by hand


# ---- form 05 ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StopNoticeData:
    """Form 05: Thông báo dừng giải quyết hồ sơ."""

    applicant: Applicant
    procedure_name: str
    dossier_code: str
    received_at: dt.datetime
    reason: str
    signer: Signer
    issued_on: dt.date
    document_number: str = ""


# ---- form 06 ---------------------------------------------------------------------


class HandoverResult(StrEnum):
    EARLY = "early"  # trước hạn
    ON_TIME = "on_time"  # đúng hạn
    LATE = "late"  # quá hạn


@dataclass(frozen=True, slots=True)
class Handover:
    """One hand-over of the dossier between two units (a row pair on form 06)."""

    from_unit: str
    to_unit: str
    handed_at: dt.datetime | None = None  # None leaves the time to fill by hand
    result: HandoverResult | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class ControlSlipData:
    """Form 06: Phiếu kiểm soát quá trình giải quyết hồ sơ."""

    dossier_code: str
    applicant: Applicant
    procedure_name: str
    received_at: dt.datetime
    due_at: dt.datetime
    handovers: Sequence[Handover] = ()
    blank_handovers: int = 3  # empty row pairs for later hand-overs, filled by hand
    issued_on: dt.date | None = None


# ---- form 07 ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TrackingEntry:
    """One dossier in the tracking book (a row of form 07)."""

    dossier_code: str
    procedure_name: str
    applicant_name: str
    address_phone: str
    lead_agency: str  # cơ quan chủ trì giải quyết
    received_at: dt.datetime
    due_at: dt.datetime
    returned_at: dt.datetime | None = None
    delivery_method: str = ""  # "Trực tiếp", "Bưu chính", …
    signed_by: str = ""  # ký nhận: usually left blank for the signature
    procedure_code: str = ""  # BHXH's internal code, printed under the name
    national_code: str = ""  # national procedure code, where known
    published_name: str = ""  # name in the national database, when it differs


@dataclass(frozen=True, slots=True)
class TrackingBookData:
    """Form 07: Sổ theo dõi hồ sơ for a period."""

    period_start: dt.date
    period_end: dt.date
    entries: Sequence[TrackingEntry]
    book_number: str = ""
    issued_on: dt.date | None = None  # defaults to period_end


# ---- TK1-TS ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HouseholdMember:
    """A row of the household appendix ([16] of TK1-TS)."""

    full_name: str
    bhxh_number: str = ""
    dob_text: str = ""  # full date, month/year or year only, as known
    sex: str = ""
    birth_registration_place: str = ""
    relation: str = ""  # mối quan hệ với chủ hộ
    id_number: str = ""
    note: str = ""


class Tk1tsPart(StrEnum):
    """Which part of TK1-TS the citizen fills (Decision 490/QĐ-BHXH)."""

    NEW = "new"  # Part I: no BHXH number found for this person
    EXISTING = "existing"  # Part II: has a BHXH number, changes and re-issues


@dataclass(frozen=True, slots=True)
class Tk1tsData:
    """The TK1-TS declaration, prefilled from the chip and the records.

    Part I (``part=NEW``) carries the identity fields; Part II (``part=EXISTING``) the
    name, date of birth, BHXH number and the change requested; the other part prints
    empty. Contact fields ([07], [08]) stay blank with dotted lines unless given.
    [09] is the place of birth registration, known only from the population register:
    never quê quán (DG13 holds quê quán, not the birth registration place).
    """

    full_name: str  # [01]
    sex: str  # [02]
    dob_text: str  # [03] as known: "05/03/1990", "03/1990" or "1990"
    nationality: str  # [04]
    ethnicity: str  # [05] sensitive, required by this form
    id_number: str  # [06]
    birth_registration_place: str  # [09] from the register; "" leaves it to the citizen
    address_street: str  # [12] số nhà, đường/phố, thôn/xóm
    address_commune: str  # [13]
    address_province: str  # [15]
    address_district: str = ""  # [14] only for addresses written before 1 July 2025
    phone: str = ""  # [07] normally blank on paper
    email: str = ""  # [08]
    guardian: str = ""  # [10] children under 6
    result_delivery: str = ""  # [11] see result_delivery_text(); "" leaves a line
    part: Tk1tsPart = Tk1tsPart.NEW
    bhxh_number: str = ""  # Part II
    change_requested: str = ""  # Part II: nội dung thay đổi, yêu cầu
    attached_papers: str = ""  # Part II: hồ sơ kèm theo
    household_head: str = ""  # appendix: chủ hộ
    household_address: str = ""
    household: Sequence[HouseholdMember] = ()  # [16]
    issued_on: dt.date | None = None
