"""Keeping the unfinished intake as a draft, so a crash or the idle lock loses nothing.

A mixin of ``IntakeController``. The draft is written after every change and read at
start-up by ``app.services.intake_draft``, on the database worker: the worker gets a
copy of the state (``state.to_draft``), and the single worker keeps the writes in
order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from app.services import intake_draft
from app.ui.intake.state import from_draft, to_draft

if TYPE_CHECKING:
    from app.ui.intake.controller import IntakeController


class DraftKeeping:
    def _save_draft(self: IntakeController) -> None:
        self._store_draft(to_draft(self.state))

    def _store_draft(self: IntakeController, values: dict[str, Any] | None) -> None:
        db = self.db
        self.db_runner.run(lambda: intake_draft.save(db, values), _stored, self._db_failed)

    def restore_draft(self: IntakeController) -> None:
        """Bring back the intake left unfinished (on the worker; shown when read)."""
        db = self.db
        self.db_runner.run(lambda: intake_draft.restore(db), self._restored, self._db_failed)

    def _restored(self: IntakeController, found: intake_draft.Restored | None) -> None:
        if found is None:
            return
        if self.state.identity is not None:
            return  # someone was identified meanwhile: theirs is the intake now
        if found.identity is None:
            self.status.emit(
                QCoreApplication.translate(
                    "IntakeController", "Không khôi phục được hồ sơ đang nhập dở."
                ),
                "warn",
            )
            return
        self.state = from_draft(found.values, found.identity, found.record)
        if self.state.procedure_code and self.procedure() is None:
            self.state.procedure_code = ""
        self.identity_changed.emit()
        self.record_changed.emit()
        self.procedure_changed.emit()
        self.documents_changed.emit()
        self._update_appointment()
        self.status.emit(
            QCoreApplication.translate("IntakeController", "Đã khôi phục hồ sơ đang nhập dở."),
            "info",
        )


def _stored(_: None) -> None:
    """Nothing to show: the draft is kept quietly."""
