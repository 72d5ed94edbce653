"""Vietnamese names the reports page shows (translation context "reports")."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.services import vocabulary
from app.services.lifecycle import Timeliness
from app.services.reports import PeriodKind, VerifiedBy

PERIOD = {
    PeriodKind.TODAY: QT_TRANSLATE_NOOP("reports", "Hôm nay"),
    PeriodKind.WEEK: QT_TRANSLATE_NOOP("reports", "Tuần này"),
    PeriodKind.MONTH: QT_TRANSLATE_NOOP("reports", "Tháng này"),
    PeriodKind.CUSTOM: QT_TRANSLATE_NOOP("reports", "Tùy chọn"),
}

VERIFIED_BY = {
    VerifiedBy.CHIP: QT_TRANSLATE_NOOP("reports", "Đọc chip CCCD, xác thực dữ liệu chip"),
    VerifiedBy.PASSPORT: QT_TRANSLATE_NOOP("reports", "Đọc chip hộ chiếu"),
    VerifiedBy.QR: QT_TRANSLATE_NOOP("reports", "Quét mã QR trên thẻ (chưa xác thực)"),
    VerifiedBy.TYPED: QT_TRANSLATE_NOOP("reports", "Nhập tay từ thẻ (chưa xác thực)"),
    VerifiedBy.REGISTER: QT_TRANSLATE_NOOP("reports", "Đối chiếu CSDL quốc gia về dân cư"),
    VerifiedBy.UNKNOWN: QT_TRANSLATE_NOOP("reports", "Chưa ghi nhận"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("reports", text)


def period_label(kind: PeriodKind) -> str:
    return tr(PERIOD[kind])


def timeliness_label(value: Timeliness) -> str:
    return vocabulary.timeliness_class_name(value)


def verified_by_label(value: VerifiedBy) -> str:
    return tr(VERIFIED_BY[value])


def percent(share: float | None) -> str:
    """40,0 % (Vietnamese decimal comma); an em dash when there is nobody to count."""
    return "—" if share is None else f"{share * 100:.1f}".replace(".", ",") + " %"
