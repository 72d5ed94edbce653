"""Saving the intake and logging what was printed.

A mixin of ``IntakeController``. The save runs on the database worker with a snapshot
of the state (``CounterIntake``); ``create_dossier`` writes the dossier and its access
record in one transaction, then the papers are rendered there too."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from sqlalchemy.orm import Session

from app.errors import ErrorKind, UserError
from app.services.catalog.model import DocumentSpec
from app.services.dossiers import Contact, missing_documents
from app.services.intake_save import CounterIntake, Saved, log_printed, save_intake
from app.ui.intake.state import ADJUST_PROCEDURE

if TYPE_CHECKING:
    from app.ui.intake.controller import IntakeController

log = logging.getLogger(__name__)


class Saving:
    def can_save(self: IntakeController) -> bool:
        return self.state.identity is not None and self.procedure() is not None and not self.busy

    def missing(self: IntakeController) -> list[DocumentSpec]:
        procedure = self.procedure()
        if procedure is None:
            return []
        return missing_documents(procedure, self.state.received)

    def save(
        self: IntakeController,
        completion_reason: str = "",
        import_new: Callable[[Session, str], Sequence[str]] | None = None,
    ) -> None:
        """Store the dossier (one transaction, with the newly scanned papers) and render
        its papers, off the GUI thread."""
        identity, procedure = self.state.identity, self.procedure()
        if identity is None or procedure is None or self.busy:
            return
        if identity.checks.genuine is False:
            self._error(UserError(ErrorKind.CARD_NOT_GENUINE))
            return
        if self.is_expired():
            self.needs_expiry_reason.emit()
            return
        state = self.state
        notes = f"Thẻ hết hạn, tiếp nhận vì: {state.expired_reason}" if state.expired_reason else ""
        if state.register_notes and state.procedure_code == ADJUST_PROCEDURE:
            notes = "\n".join(n for n in (notes, state.register_notes) if n)
        intake = CounterIntake(  # a copy: the officer may go on editing meanwhile
            identity,
            procedure,
            dict(state.received),
            Contact(
                phone=state.phone,
                email=state.email,
                delivery_method=state.delivery_method,
                delivery_address=state.delivery_address,
            ),
            tuple(state.attachment_ids),
            dict(state.event_form),
            notes,
            state.register,
            completion_reason,
        )
        db, settings, officer = self.db, self.settings, self.officer
        calendar, version = self.calendar.current, self.catalog.current.version

        def work() -> Saved:
            return save_intake(db, settings, officer, calendar, version, intake, import_new)

        self.busy = True
        self.status.emit(QCoreApplication.translate("IntakeController", "Đang lưu hồ sơ…"), "busy")
        self.db_runner.run(work, self._saved, self._save_failed)

    def printed(self: IntakeController, saved: Saved, what: str) -> None:
        """Access log: the citizen's data left the PC on paper."""
        db, officer_id = self.db, self.officer.officer_id
        self.db_runner.run(
            lambda: log_printed(db, officer_id, saved.dossier_id, what),
            lambda _: None,
            self._db_failed,
        )

    def _saved(self: IntakeController, saved: Saved) -> None:
        self.busy = False
        self.last_saved = saved
        self._store_draft(None)
        log.info("dossier saved")
        self.saved.emit(saved)

    def _save_failed(self: IntakeController, exc: BaseException) -> None:
        self.busy = False
        if not isinstance(exc, UserError):
            raise exc
        self._error(exc)
