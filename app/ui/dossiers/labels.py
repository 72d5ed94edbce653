"""Vietnamese names of the dossier moves and paper forms (translation context "dossiers");
status and timeliness names come from ``app.services.vocabulary``."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.services import vocabulary
from app.services.calendar import VN_TZ

# Button texts for the moves; "&" marks the Alt mnemonic (unique within the dialog).
MOVE = {
    "completion_requested": QT_TRANSLATE_NOOP("dossiers", "Yêu cầu &bổ sung…"),
    "completed": QT_TRANSLATE_NOOP("dossiers", "Đã bổ sung đủ (&nhận lại)"),
    "in_processing": QT_TRANSLATE_NOOP("dossiers", "Chuyển &giải quyết"),
    "result_ready": QT_TRANSLATE_NOOP("dossiers", "Đã có &kết quả"),
    "returned": QT_TRANSLATE_NOOP("dossiers", "&Trả kết quả…"),
    "refused": QT_TRANSLATE_NOOP("dossiers", "Từ &chối tiếp nhận (mẫu 03)…"),
    "stopped": QT_TRANSLATE_NOOP("dossiers", "&Dừng giải quyết…"),
    "cancelled": QT_TRANSLATE_NOOP("dossiers", "&Rút hồ sơ…"),
}

# What the reason prompt asks for each move that needs a reason.
REASON_PROMPT = {
    "completion_requested": QT_TRANSLATE_NOOP(
        "dossiers", "Giấy tờ cần bổ sung và lý do (in trên mẫu 02):"
    ),
    "stopped": QT_TRANSLATE_NOOP("dossiers", "Lý do dừng giải quyết (in trên mẫu 05):"),
    "cancelled": QT_TRANSLATE_NOOP("dossiers", "Lý do công dân rút hồ sơ:"),
}

FORM = {
    "original": QT_TRANSLATE_NOOP("dossiers", "Bản chính"),
    "copy": QT_TRANSLATE_NOOP("dossiers", "Bản sao"),
    "certified_copy": QT_TRANSLATE_NOOP("dossiers", "Bản sao chứng thực"),
    "original_or_copy": QT_TRANSLATE_NOOP("dossiers", "Bản chính hoặc bản sao"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("dossiers", text)


def status_label(status: str) -> str:
    return vocabulary.status_name(status)


def move_label(status: str) -> str:
    return tr(MOVE.get(status, status))


def timeliness_label(value: str) -> str:
    return vocabulary.timeliness_name(value)


def when(value: dt.datetime | None) -> str:
    """Vietnamese local time as officers read it: 14:05 02/03/2026."""
    if value is None:
        return ""
    return value.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")
