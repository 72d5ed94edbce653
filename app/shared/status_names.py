"""The names people read for a dossier's status and timeliness, defined once for the
counter's screens and exports and for central's web pages.

Each is a Vietnamese source text marked for Qt's lupdate (context ``vocabulary``):
the counter translates it where shown (``app.services.vocabulary``), central's web
through its own English catalogue (``central/web/i18n.py``).
"""

from __future__ import annotations

from app.shared.lifecycle import Status, Timeliness


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate reads
    """Marks a text for lupdate; the shared package imports nothing else from the app."""
    del context
    return text


STATUS: dict[str, str] = {
    Status.RECEIVED: QT_TRANSLATE_NOOP("vocabulary", "Đã tiếp nhận"),
    Status.COMPLETION_REQUESTED: QT_TRANSLATE_NOOP("vocabulary", "Chờ bổ sung"),
    Status.COMPLETED: QT_TRANSLATE_NOOP("vocabulary", "Đã bổ sung đủ"),
    Status.IN_PROCESSING: QT_TRANSLATE_NOOP("vocabulary", "Đang giải quyết"),
    Status.RESULT_READY: QT_TRANSLATE_NOOP("vocabulary", "Có kết quả"),
    Status.RETURNED: QT_TRANSLATE_NOOP("vocabulary", "Đã trả kết quả"),
    Status.REFUSED: QT_TRANSLATE_NOOP("vocabulary", "Từ chối tiếp nhận"),
    Status.STOPPED: QT_TRANSLATE_NOOP("vocabulary", "Dừng giải quyết"),
    Status.CANCELLED: QT_TRANSLATE_NOOP("vocabulary", "Đã rút hồ sơ"),
}

# One dossier's timeliness, shown beside its status ("Có kết quả · Trước hạn").
TIMELINESS: dict[str, str] = {
    Timeliness.EARLY: QT_TRANSLATE_NOOP("vocabulary", "Trước hạn"),
    Timeliness.ON_TIME: QT_TRANSLATE_NOOP("vocabulary", "Đúng hạn"),
    Timeliness.LATE: QT_TRANSLATE_NOOP("vocabulary", "Quá hạn"),
    Timeliness.IN_TIME: QT_TRANSLATE_NOOP("vocabulary", "Trong hạn"),
    Timeliness.OVERDUE: QT_TRANSLATE_NOOP("vocabulary", "Đã quá hạn"),
    Timeliness.PAUSED: QT_TRANSLATE_NOOP("vocabulary", "Tạm dừng"),
    Timeliness.NOT_APPLICABLE: QT_TRANSLATE_NOOP("vocabulary", "—"),
}

# The same classes counted side by side (reports, CSV): each says what it counts.
TIMELINESS_CLASS: dict[str, str] = {
    Timeliness.EARLY: QT_TRANSLATE_NOOP("vocabulary", "Có kết quả trước hạn"),
    Timeliness.ON_TIME: QT_TRANSLATE_NOOP("vocabulary", "Có kết quả đúng hạn"),
    Timeliness.LATE: QT_TRANSLATE_NOOP("vocabulary", "Có kết quả quá hạn"),
    Timeliness.IN_TIME: QT_TRANSLATE_NOOP("vocabulary", "Đang giải quyết, trong hạn"),
    Timeliness.OVERDUE: QT_TRANSLATE_NOOP("vocabulary", "Đang giải quyết, đã quá hạn"),
    Timeliness.PAUSED: QT_TRANSLATE_NOOP("vocabulary", "Tạm dừng, chờ bổ sung"),
    Timeliness.NOT_APPLICABLE: QT_TRANSLATE_NOOP(
        "vocabulary", "Không tính hạn (từ chối, dừng, rút)"
    ),
}
