"""One line for the dossier detail: the face match recorded at intake, if any."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services.calendar.days import local
from app.services.face_records import Summary


def face_row(summary: Summary | None) -> tuple[str, str] | None:
    """(label, text) for the detail's fields, or None when no match was recorded.
    ``summary`` is ``face_records.dossier_summary``, read on the database worker."""
    if summary is None:
        return None
    decision = {
        "match": QCoreApplication.translate("face", "Khớp"),
        "no_match": QCoreApplication.translate("face", "Không khớp"),
        "retry": QCoreApplication.translate("face", "Ảnh chưa đạt"),
    }[summary.decision]
    parts = [decision]
    if summary.score is not None:
        parts.append(QCoreApplication.translate("face", "điểm {0:.2f}").format(summary.score))
    parts.append(local(summary.at).strftime("%d/%m/%Y %H:%M"))
    if summary.liveness_moved is False:
        parts.append(QCoreApplication.translate("face", "khuôn mặt không chuyển động khi quay đầu"))
    text = " — ".join(parts)
    if summary.overridden:
        text += "\n" + QCoreApplication.translate("face", "Xác nhận thay, lý do: {0}").format(
            summary.override_reason
        )
    return QCoreApplication.translate("face", "Đối chiếu khuôn mặt:"), text
