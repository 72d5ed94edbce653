"""The event's fields at intake, in sight: the officer reads the child's or the
deceased's data taken from the certificate, checks it against the papers the family
brought and corrects it before saving. Every edit goes straight into the dossier's
event fields (``IntakeController.state.event_form``), from which the dossier and the
child's TK1-TS are made."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from app.ui.intake.controller import IntakeController

# (key in the event fields, label): what each kind of event shows, in this order
FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "birth": (
        ("child_name", QT_TRANSLATE_NOOP("event_fields", "Họ tên trẻ")),
        ("child_dob", QT_TRANSLATE_NOOP("event_fields", "Ngày sinh của trẻ")),
        ("child_sex", QT_TRANSLATE_NOOP("event_fields", "Giới tính")),
        ("guardian", QT_TRANSLATE_NOOP("event_fields", "Cha/mẹ/người giám hộ (TK1-TS mục 10)")),
        ("birth_certificate_number", QT_TRANSLATE_NOOP("event_fields", "Số giấy chứng sinh")),
        ("birth_facility", QT_TRANSLATE_NOOP("event_fields", "Nơi sinh")),
    ),
    "death": (
        ("deceased_name", QT_TRANSLATE_NOOP("event_fields", "Họ tên người mất")),
        ("deceased_id_number", QT_TRANSLATE_NOOP("event_fields", "Số định danh người mất")),
        ("died_on", QT_TRANSLATE_NOOP("event_fields", "Ngày mất")),
        ("claimant_relation", QT_TRANSLATE_NOOP("event_fields", "Quan hệ với người mất")),
        ("death_notice_number", QT_TRANSLATE_NOOP("event_fields", "Số giấy báo tử")),
    ),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("event_fields", text)


class EventFieldsPanel(QGroupBox):
    def __init__(self, controller: IntakeController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("event-fields")
        self._controller = controller
        self.edits: dict[str, QLineEdit] = {}
        self._form = QFormLayout(self)
        self.hide()
        controller.procedure_changed.connect(self._follow_procedure)

    def show_event(self, kind: str, fields: dict[str, Any]) -> None:
        """Show the fields of the event just opened (``fields``: the dossier's event
        fields, as :func:`app.services.life_events.prefill` made them)."""
        while self._form.rowCount():
            self._form.removeRow(0)
        self.edits = {}
        self.setTitle(
            self.tr("Thông tin từ giấy chứng sinh — kiểm tra với giấy tờ gia đình mang đến")
            if kind == "birth"
            else self.tr("Thông tin từ giấy báo tử — kiểm tra với giấy tờ gia đình mang đến")
        )
        for key, label in FIELDS.get(kind, ()):
            edit = QLineEdit(str(fields.get(key) or ""), objectName=f"event-{key}")
            edit.textEdited.connect(lambda text, k=key: self._edited(k, text))
            caption = QLabel(_t(label))
            caption.setBuddy(edit)
            self._form.addRow(caption, edit)
            self.edits[key] = edit
        self.show()

    def values(self) -> dict[str, str]:
        return {key: edit.text() for key, edit in self.edits.items()}

    def _edited(self, key: str, text: str) -> None:
        self._controller.state.event_form[key] = text.strip()

    def _follow_procedure(self) -> None:
        if not self._controller.state.event_form:  # another procedure: the event's fields go
            self.hide()
