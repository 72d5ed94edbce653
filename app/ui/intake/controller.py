"""The intake flow's behaviour, apart from its layout (``page.py``).

identify (QR scan, card tap, typed entry) → citizen record → procedure → documents →
save and print. Card reads run on the one card worker, database work on the one
database worker; results come back here on the GUI thread. The state is saved as a
draft after every change so a crash or the idle lock loses nothing.

The jobs live in their own modules, mixed in here: ``identification`` (QR, card, chip
read), ``draft`` (the unfinished intake kept in the database), ``saving`` (the dossier,
its papers and the print log). This module holds the signals, the state and the
choice of procedure and papers. The mixins translate in this class's context
("IntakeController"): their texts are its texts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.errors import UserError
from app.services.calendar import appointment
from app.services.calendar.store import CalendarStore
from app.services.card.access_keys import AccessKeys
from app.services.card.passive_auth import TrustStore
from app.services.card.trust_anchors import TrustFolders
from app.services.catalog.filing import FILING_EVENT_KEY
from app.services.catalog.model import Procedure
from app.services.catalog.store import CatalogStore
from app.services.dossiers import ReceivedPaper
from app.services.identity import Identity, IdentitySource
from app.services.intake_lookup import (
    IDENTITY_FIELDS,
    CitizenRecord,
    Difference,
    citizen_record,
    compare,
)
from app.services.intake_save import Saved
from app.services.security.accounts import SignedIn
from app.services.storage.db import Database
from app.settings import Settings
from app.shared.register_wire import RegisterState
from app.shared.types import utcnow
from app.ui.intake.draft import DraftKeeping
from app.ui.intake.identification import CardIdentification
from app.ui.intake.saving import Saving
from app.ui.intake.state import ADJUST_PROCEDURE, IntakeState

__all__ = [
    "ADJUST_PROCEDURE",
    "IDENTITY_FIELDS",
    "CitizenRecord",
    "Difference",
    "IntakeController",
    "IntakeState",
    "Saved",
    "compare",
]


def register_key(identity: Identity) -> tuple[str, str, dt.date | None]:
    """What central's register answer is about: another value asks again."""
    return identity.id_number, identity.full_name, identity.date_of_birth


class IntakeController(CardIdentification, DraftKeeping, Saving, QObject):
    identity_changed = Signal()
    record_changed = Signal()
    procedure_changed = Signal()
    documents_changed = Signal()
    appointment_changed = Signal(object)  # datetime | None
    status = Signal(str, str)  # text, level: info / busy / ok / warn / error
    reading = Signal(bool)
    saved = Signal(object)  # Saved
    needs_expiry_reason = Signal()
    other_card = Signal(object)  # Identity of a second card tapped mid-intake

    def __init__(
        self,
        db: Database,
        settings: Settings,
        officer: SignedIn,
        catalog: CatalogStore,
        calendar: CalendarStore,
        trust: TrustStore | TrustFolders,
        card_runner: Any,
        db_runner: Any,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.settings, self.officer = db, settings, officer
        self.catalog, self.calendar, self.trust = catalog, calendar, trust
        self.card_runner, self.db_runner = card_runner, db_runner
        self.state = IntakeState()
        self.keys: AccessKeys | None = None  # access keys stay in memory only
        self.card_reader: str = ""  # reader holding a card, "" when none
        self.busy = False
        self._read_again = False
        self.last_saved: Saved | None = None

    # -- the citizen --------------------------------------------------------------
    def start_new(self, identity: Identity | None = None) -> None:
        """Drop the current intake (the officer confirmed) and start again."""
        self.state = IntakeState()
        self.last_saved = None
        self._save_draft()
        self.identity_changed.emit()
        self.record_changed.emit()
        self.procedure_changed.emit()
        self.documents_changed.emit()
        self.appointment_changed.emit(None)
        if identity is not None:
            self._identified(identity)
        else:
            self.status.emit(
                self.tr("Sẵn sàng. Quét mã QR trên thẻ hoặc đặt thẻ lên đầu đọc."), "info"
            )

    def _identified(self, identity: Identity) -> None:
        if self.last_saved is not None:  # the previous citizen is done: a fresh intake
            self.state = IntakeState()
            self.last_saved = None
            self.procedure_changed.emit()
            self.documents_changed.emit()
        previous = self.state.identity
        if previous is None or previous.id_number != identity.id_number:
            self.state.register_notes = ""  # another citizen: not their corrections
            self.state.register = None  # nor their register check
            self.state.event_form = {}  # nor their relative's event
        elif register_key(previous) != register_key(identity):
            self.state.register = None  # central answered about the name and birth asked
        self.state.identity = identity
        self.state.record = None  # until the worker has looked it up
        self._save_draft()
        self.identity_changed.emit()
        self._update_appointment()
        if self.is_expired():
            self.needs_expiry_reason.emit()
        db, officer_id = self.db, self.officer.officer_id
        self.db_runner.run(
            lambda: citizen_record(db, identity, officer_id),
            lambda record: self._record_found(identity, record),
            self._db_failed,
        )

    def _record_found(self, identity: Identity, record: CitizenRecord) -> None:
        if self.state.identity is not identity:
            return  # another citizen since the look-up started
        self.state.record = record
        if record.known and not self.state.phone:
            self.state.phone, self.state.email = record.phone, record.email
            self._save_draft()
        self.record_changed.emit()

    def is_expired(self) -> bool:
        identity = self.state.identity
        return bool(
            identity is not None
            and identity.expiry_date is not None
            and identity.expiry_date < dt.date.today()
            and not self.state.expired_reason
        )

    def accept_expired(self, reason: str) -> None:
        self.state.expired_reason = reason.strip()
        self._save_draft()

    # -- procedure and documents -------------------------------------------------
    def procedure(self) -> Procedure | None:
        code = self.state.procedure_code
        try:
            return self.catalog.current.get(code) if code else None
        except KeyError:  # dropped from a newer catalog
            return None

    def search_procedures(self, text: str) -> list[Procedure]:
        return self.catalog.current.search(text)

    def choose_procedure(self, code: str) -> None:
        self.state.procedure_code = code
        self.state.received = {}
        self.state.event_form = {}  # an event's fields belong to the procedure it suggested
        self._save_draft()
        self.procedure_changed.emit()
        self.documents_changed.emit()
        self._update_appointment()

    def open_from_event(self, procedure_code: str, form: dict[str, Any]) -> None:
        """The procedure a life event suggests, with the event's fields (the officer
        checks them); saving the dossier closes the event."""
        self.choose_procedure(procedure_code)
        self.state.event_form = dict(form)
        self._save_draft()

    def register_checked(self, state: RegisterState) -> None:
        """The register check's answer for the citizen at the counter: kept with the
        dossier, and its BHXH number chooses TK1-TS Part II."""
        identity = self.state.identity
        if identity is not None and identity.id_number == state.id_number:
            self.state.register = state
            if state.identity_confirmed and identity.source in (
                IdentitySource.QR,
                IdentitySource.TYPED,
            ):
                self.status.emit(
                    self.tr(
                        "Đã xác thực công dân qua CSDL quốc gia về dân cư: số định danh,"
                        " họ tên và ngày sinh khớp."
                    ),
                    "ok",
                )

    def set_filing_event(self, day: dt.date | None) -> None:
        """The event date of the procedure's filing limit, as the officer entered it."""
        if day is None:
            self.state.event_form.pop(FILING_EVENT_KEY, None)
        else:
            self.state.event_form[FILING_EVENT_KEY] = day.isoformat()
        self._save_draft()

    def filing_event(self) -> dt.date | None:
        value = self.state.event_form.get(FILING_EVENT_KEY)
        try:
            return dt.date.fromisoformat(value) if value else None
        except (TypeError, ValueError):
            return None

    def adjust_from_register(self, notes: str) -> None:
        """The "Điều chỉnh thông tin" procedure, with the register's corrections noted."""
        self.state.register_notes = notes
        self.choose_procedure(ADJUST_PROCEDURE)

    def set_received(self, doc_id: str, paper: ReceivedPaper) -> None:
        self.state.received[doc_id] = paper
        self._save_draft()
        self.documents_changed.emit()

    def all_received(self) -> None:
        procedure = self.procedure()
        if procedure is None:
            return
        for spec in procedure.applicable_documents():
            if spec.form == "original":
                self.state.received[spec.id] = ReceivedPaper(originals=spec.count)
            else:
                self.state.received[spec.id] = ReceivedPaper(copies=spec.count)
        self._save_draft()
        self.documents_changed.emit()

    def set_contact(self, phone: str, email: str) -> None:
        self.state.phone, self.state.email = phone.strip(), email.strip()
        self._save_draft()

    def set_delivery(self, method: str, address: str) -> None:
        self.state.delivery_method, self.state.delivery_address = method, address.strip()
        self._save_draft()

    def _update_appointment(self) -> None:
        procedure = self.procedure()
        if procedure is None:
            self.appointment_changed.emit(None)
            return
        due = appointment(self.calendar.current, utcnow(), procedure, self.settings.cutoff_time)
        self.appointment_changed.emit(due)

    # -- errors ---------------------------------------------------------------------
    def _db_failed(self, exc: BaseException) -> None:
        """A look-up or draft write failed: say so; a bug goes to the crash hook."""
        if not isinstance(exc, UserError):
            raise exc
        self._error(exc)

    def _error(self, err: UserError) -> None:
        from app.errors import describe

        m = describe(err)
        self.status.emit(f"{m.title}: {m.text} {m.action}", "error")
