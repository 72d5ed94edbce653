"""What the officer reads for an event's kind, contact channel and outcome, and the
days left before the filing limit (translation context "events")."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.services.life_events import EventView

KIND = {
    "birth": QT_TRANSLATE_NOOP("events", "Sinh (giấy chứng sinh)"),
    "death": QT_TRANSLATE_NOOP("events", "Tử (giấy báo tử)"),
}
CHANNEL = {
    "phone": QT_TRANSLATE_NOOP("events", "Điện thoại"),
    "letter": QT_TRANSLATE_NOOP("events", "Thư mời"),
    "visit": QT_TRANSLATE_NOOP("events", "Đến nhà"),
}
OUTCOME = {
    "reached": QT_TRANSLATE_NOOP("events", "Đã liên hệ được"),
    "no_answer": QT_TRANSLATE_NOOP("events", "Không nghe máy"),
    "wrong_number": QT_TRANSLATE_NOOP("events", "Sai số điện thoại"),
    "letter_sent": QT_TRANSLATE_NOOP("events", "Đã gửi thư"),
    "will_come": QT_TRANSLATE_NOOP("events", "Gia đình hẹn đến nộp"),
    "declined": QT_TRANSLATE_NOOP("events", "Gia đình không nộp"),
}
STATUS = {
    "open": QT_TRANSLATE_NOOP("events", "Chờ gia đình"),
    "closed": QT_TRANSLATE_NOOP("events", "Đã có hồ sơ"),
    "no_benefit": QT_TRANSLATE_NOOP("events", "Không phát sinh chế độ"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("events", text)


def name(table: dict[str, str], key: str) -> str:
    return tr(table[key]) if key in table else key


def days_left(view: EventView) -> str:
    if view.days_left is None:
        return QCoreApplication.translate("events", "Không giới hạn")
    if view.days_left < 0:
        return QCoreApplication.translate("events", "Quá hạn %1 ngày").replace(
            "%1", str(-view.days_left)
        )
    if view.days_left == 0:
        return QCoreApplication.translate("events", "Hạn chót hôm nay")
    return QCoreApplication.translate("events", "Còn %1 ngày").replace("%1", str(view.days_left))


def who(view: EventView) -> str:
    if view.event_type == "birth":
        return QCoreApplication.translate("events", "Mẹ: %1").replace("%1", view.subject_name)
    return QCoreApplication.translate("events", "Người mất: %1").replace("%1", view.subject_name)
