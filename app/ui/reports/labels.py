"""Vietnamese names the reports page shows (translation context "reports")."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.services import vocabulary
from app.services.lifecycle import Timeliness
from app.services.reports import PeriodKind

PERIOD = {
    PeriodKind.TODAY: QT_TRANSLATE_NOOP("reports", "Hôm nay"),
    PeriodKind.WEEK: QT_TRANSLATE_NOOP("reports", "Tuần này"),
    PeriodKind.MONTH: QT_TRANSLATE_NOOP("reports", "Tháng này"),
    PeriodKind.CUSTOM: QT_TRANSLATE_NOOP("reports", "Tùy chọn"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("reports", text)


def period_label(kind: PeriodKind) -> str:
    return tr(PERIOD[kind])


def timeliness_label(value: Timeliness) -> str:
    return vocabulary.timeliness_class_name(value)


def verified_by_label(method: str) -> str:
    """How a dossier's citizen was identified: the vocabulary's name, as in the CSV."""
    return vocabulary.identification_name(method)


def percent(share: float | None) -> str:
    """40,0 % (Vietnamese decimal comma); an em dash when there is nobody to count."""
    return "—" if share is None else f"{share * 100:.1f}".replace(".", ",") + " %"
