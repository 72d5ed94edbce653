"""The names people read for the product's codes, defined once.

Dossier statuses, timeliness classes, identification methods (each dossier's verdict),
identity sources (where the data was read) and the citizen's fields print the same on
the screen, in the CSV export, in the indicators, in the intake snapshot and in the
data-subject export: each
is a Vietnamese source text marked for Qt's translation tools (context
``vocabulary``) and translated where it is shown (``app.errors.translate``). Statuses
and timeliness live in ``app.shared.status_names``: central's web reads them too.
"""

from __future__ import annotations

from app.errors import QT_TRANSLATE_NOOP, translate
from app.services.identity import IdentificationMethod, IdentitySource
from app.shared.status_names import STATUS as STATUS  # shared with central's web
from app.shared.status_names import TIMELINESS as TIMELINESS
from app.shared.status_names import TIMELINESS_CLASS as TIMELINESS_CLASS

IDENTIFICATION: dict[str, str] = {
    IdentificationMethod.CHIP_TRUSTED: QT_TRANSLATE_NOOP(
        "vocabulary", "Chip, xác thực đến CSCA tin cậy"
    ),
    IdentificationMethod.CHIP_NO_CSCA: QT_TRANSLATE_NOOP(
        "vocabulary", "Chip, không kiểm tra được nguồn gốc (không có CSCA tin cậy)"
    ),
    IdentificationMethod.CHIP_FAILED: QT_TRANSLATE_NOOP("vocabulary", "Chip, xác thực không đạt"),
    IdentificationMethod.QR: QT_TRANSLATE_NOOP("vocabulary", "Mã QR trên thẻ (chưa xác thực)"),
    IdentificationMethod.TYPED: QT_TRANSLATE_NOOP("vocabulary", "Nhập tay (chưa xác thực)"),
    IdentificationMethod.REGISTER: QT_TRANSLATE_NOOP(
        "vocabulary", "Đối chiếu CSDL quốc gia về dân cư"
    ),
    "": QT_TRANSLATE_NOOP("vocabulary", "Chưa ghi nhận"),
}

# Where identity data was read (``Citizen.id_verified_by``, the intake snapshot's
# sources): a source, not a verdict on the card's genuineness.
SOURCE: dict[str, str] = {
    IdentitySource.CHIP: QT_TRANSLATE_NOOP("vocabulary", "Chip thẻ Căn cước"),
    IdentitySource.QR: QT_TRANSLATE_NOOP("vocabulary", "Mã QR trên thẻ"),
    IdentitySource.TYPED: QT_TRANSLATE_NOOP("vocabulary", "Nhập tay từ thẻ"),
    IdentitySource.PASSPORT: QT_TRANSLATE_NOOP("vocabulary", "Chip hộ chiếu"),
    "register": QT_TRANSLATE_NOOP("vocabulary", "Đối chiếu CSDL quốc gia về dân cư"),
    "population_register": QT_TRANSLATE_NOOP("vocabulary", "CSDL quốc gia về dân cư"),
    "bhxh_record": QT_TRANSLATE_NOOP("vocabulary", "Hồ sơ BHXH đã lưu"),
}

# The citizen's stored fields, in the order they are shown and exported.
CITIZEN_FIELDS: dict[str, str] = {
    "id_number": QT_TRANSLATE_NOOP("vocabulary", "Số định danh cá nhân"),
    "full_name": QT_TRANSLATE_NOOP("vocabulary", "Họ và tên"),
    "date_of_birth": QT_TRANSLATE_NOOP("vocabulary", "Ngày sinh"),
    "dob_text": QT_TRANSLATE_NOOP("vocabulary", "Ngày sinh (như trên giấy tờ)"),
    "sex": QT_TRANSLATE_NOOP("vocabulary", "Giới tính"),
    "nationality": QT_TRANSLATE_NOOP("vocabulary", "Quốc tịch"),
    "ethnicity": QT_TRANSLATE_NOOP("vocabulary", "Dân tộc"),
    "religion": QT_TRANSLATE_NOOP("vocabulary", "Tôn giáo"),
    "place_of_origin": QT_TRANSLATE_NOOP("vocabulary", "Quê quán"),
    "residence": QT_TRANSLATE_NOOP("vocabulary", "Nơi cư trú"),
    "old_id_number": QT_TRANSLATE_NOOP("vocabulary", "Số CMND cũ"),
    "phone": QT_TRANSLATE_NOOP("vocabulary", "Điện thoại"),
    "email": QT_TRANSLATE_NOOP("vocabulary", "Thư điện tử"),
    "bhxh_number": QT_TRANSLATE_NOOP("vocabulary", "Mã số BHXH"),
    "id_verified_by": QT_TRANSLATE_NOOP("vocabulary", "Cách xác thực danh tính"),
    "id_verified_at": QT_TRANSLATE_NOOP("vocabulary", "Thời điểm xác thực"),
    "created_at": QT_TRANSLATE_NOOP("vocabulary", "Lưu lần đầu"),
    "updated_at": QT_TRANSLATE_NOOP("vocabulary", "Cập nhật lần cuối"),
}


# Printed on the card, shown at intake, not stored with the citizen.
CARD_FIELDS: dict[str, str] = {
    "issue_date": QT_TRANSLATE_NOOP("vocabulary", "Ngày cấp"),
    "expiry_text": QT_TRANSLATE_NOOP("vocabulary", "Có giá trị đến"),
}


def _name(table: dict[str, str], code: str) -> str:
    text = table.get(code)
    return code if text is None else translate("vocabulary", text)


def status_name(status: str) -> str:
    return _name(STATUS, status)


def timeliness_name(value: str) -> str:
    return _name(TIMELINESS, value)


def timeliness_class_name(value: str) -> str:
    return _name(TIMELINESS_CLASS, value)


def identification_name(method: str) -> str:
    return _name(IDENTIFICATION, method)


def citizen_field_name(field: str) -> str:
    return _name(CITIZEN_FIELDS, field)


def source_name(source: str) -> str:
    return _name(SOURCE, source)


def field_name(field: str) -> str:
    """A citizen's or a card's field, by its attribute name."""
    return _name(CARD_FIELDS if field in CARD_FIELDS else CITIZEN_FIELDS, field)
