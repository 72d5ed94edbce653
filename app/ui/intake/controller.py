"""The intake flow's behaviour, apart from its layout (``page.py``).

identify (QR scan, card tap, typed entry) → citizen record → procedure → documents →
save and print. Card reads run on the one card worker, database writes on the one
database worker; results come back here on the GUI thread. The state is saved as a
draft after every change so a crash or the idle lock loses nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ErrorKind, UserError
from app.services import audit, paperwork, register_state
from app.services.calendar import appointment
from app.services.calendar.store import CalendarStore
from app.services.card import access_keys
from app.services.card.access_keys import AccessKeys
from app.services.card.passive_auth import TrustStore
from app.services.card.qr import parse_qr
from app.services.catalog.filing import FILING_EVENT_KEY, with_filing_check
from app.services.catalog.model import DocumentSpec, Procedure
from app.services.catalog.store import CatalogStore
from app.services.dossiers import (
    Contact,
    IntakeOptions,
    IntakeRequest,
    ReceivedPaper,
    create_dossier,
    missing_documents,
)
from app.services.identity import Identity, IdentitySource, Verdict
from app.services.life_event_forms import tk1ts_for_event
from app.services.security.accounts import SignedIn
from app.services.storage.db import Database
from app.services.storage.models import Citizen, Counter, Office, Officer
from app.settings import Settings
from app.shared.register_wire import RegisterState
from app.shared.types import utcnow
from app.ui.intake import draft

log = logging.getLogger(__name__)

# Fields the chip (or register) holds: locked in every form, compared with the record.
IDENTITY_FIELDS = (
    ("full_name", "Họ và tên"),
    ("dob_text", "Ngày sinh"),
    ("sex", "Giới tính"),
    ("nationality", "Quốc tịch"),
    ("place_of_origin", "Quê quán"),
    ("residence", "Nơi cư trú"),  # the vocabulary's name (app.services.vocabulary)
    ("old_id_number", "Số CMND cũ"),
)
ADJUST_PROCEDURE = "608"  # "Điều chỉnh thông tin": offered when the record differs


@dataclass(frozen=True, slots=True)
class Difference:
    label: str
    stored: str
    card: str


@dataclass(frozen=True, slots=True)
class CitizenRecord:
    """What the office already knows about the citizen (local, later central)."""

    known: bool
    citizen_id: str = ""
    bhxh_number: str = ""
    phone: str = ""
    email: str = ""
    differences: tuple[Difference, ...] = ()
    earlier_dossiers: int = 0


@dataclass(frozen=True, slots=True)
class Saved:
    dossier_id: str
    code: str
    lookup_code: str
    due_at: dt.datetime | None
    receipt_pdf: bytes
    tk1ts_pdf: bytes | None
    receipt_80mm_pdf: bytes | None = None  # when an 80 mm receipt printer is set


@dataclass
class IntakeState:
    identity: Identity | None = None
    record: CitizenRecord | None = None
    procedure_code: str = ""
    received: dict[str, ReceivedPaper] = field(default_factory=dict)
    phone: str = ""
    email: str = ""
    delivery_method: str = "electronic"  # TK1-TS [11] / form 01 item 6: VssID/VNeID by default
    delivery_address: str = ""  # postal address when the result goes by post
    expired_reason: str = ""
    attachment_ids: list[str] = field(default_factory=list)
    # Fields taken from a life event (birth/death notice) the dossier answers.
    event_form: dict[str, Any] = field(default_factory=dict)
    register_notes: str = ""  # corrections from the central register check (608)
    register: RegisterState | None = None  # what the register check said about this citizen


def register_key(identity: Identity) -> tuple[str, str, dt.date | None]:
    """What central's register answer is about: another value asks again."""
    return identity.id_number, identity.full_name, identity.date_of_birth


def compare(identity: Identity, citizen: Citizen) -> tuple[Difference, ...]:
    out = []
    for name, label in IDENTITY_FIELDS:
        card = str(getattr(identity, name) or "").strip()
        stored = str(getattr(citizen, name) or "").strip()
        if card and stored and card != stored:
            out.append(Difference(label, stored, card))
    return tuple(out)


class IntakeController(QObject):
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
        trust: TrustStore,
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

    # -- identification ---------------------------------------------------------
    def qr_scanned(self, text: str) -> None:
        try:
            identity = parse_qr(text)
        except UserError as err:
            self._error(err)
            return
        if identity.date_of_birth is not None:
            self.keys = access_keys.from_id_and_dob(identity.id_number, identity.date_of_birth)
        else:
            self.keys = access_keys.from_id_number(identity.id_number)
        self._identified(identity)
        if self.card_reader:
            self.read_chip()
        else:
            self.status.emit(
                self.tr("Đã quét mã QR. Đặt thẻ lên đầu đọc để đọc chip và kiểm tra thẻ thật."),
                "info",
            )

    def card_inserted(self, reader: str, atr: bytes) -> None:
        self.card_reader = reader
        if self.keys is None:
            self.status.emit(
                self.tr(
                    "Đã có thẻ trên đầu đọc. Quét mã QR trên thẻ (hoặc bấm F3 nhập 6 số CAN) "
                    "để mở khoá chip."
                ),
                "info",
            )
            return
        self.read_chip()

    def card_removed(self, reader: str) -> None:
        if reader == self.card_reader:
            self.card_reader = ""

    def use_mrz(self, text: str) -> None:
        """A passport (foreign worker): BAC/PACE keys from its MRZ data."""
        try:
            self.keys = access_keys.from_mrz(text)
            if self.busy:
                self._read_again = True
        except UserError as err:
            self._error(err)
            return
        if self.card_reader:
            self.read_chip()
        else:
            self.status.emit(self.tr("Đặt hộ chiếu lên đầu đọc."), "info")

    def use_can(self, can: str) -> None:
        try:
            self.keys = access_keys.from_can(can)
            if self.busy:
                self._read_again = True
        except UserError as err:
            self._error(err)
            return
        if self.card_reader:
            self.read_chip()
        else:
            self.status.emit(self.tr("Đặt thẻ lên đầu đọc."), "info")

    def read_chip(self) -> None:
        if self.keys is None:
            return
        if self.busy:  # a read is under way: read again with what we know now when it ends
            self._read_again = True
            return
        self._read_again = False
        from app.services.card.pcsc import PcscConnection
        from app.services.card.reader import read_card

        keys, trust, reader = self.keys, self.trust, self.card_reader or self.settings.card_reader

        def work() -> Identity:
            with PcscConnection(reader or None) as conn:
                return read_card(conn, keys, trust, atr=conn.atr)

        self.busy = True
        self.reading.emit(True)
        self.status.emit(self.tr("Đang đọc chip… giữ yên thẻ trên đầu đọc."), "busy")
        self.card_runner.run(work, self._chip_read, self._chip_failed)

    def _chip_read(self, identity: Identity) -> None:
        self.busy = False
        self.reading.emit(False)
        if self._read_again and self.card_reader:
            self.read_chip()  # the card or the keys changed during the read
            return
        current = self.state.identity
        if (
            current is not None
            and current.id_number != identity.id_number
            and (self.state.procedure_code or current.source is IdentitySource.CHIP)
        ):
            # A second citizen's card mid-intake: never mix two people in one dossier.
            self.other_card.emit(identity)
            return
        self._identified(identity)
        if identity.checks.genuine is False:
            self.status.emit(self._verdict_text(identity), "error")
        else:
            self.status.emit(
                self.tr("Đã đọc chip ({0:.1f} giây). {1}").format(
                    identity.read_seconds, self._verdict_text(identity)
                ),
                "ok" if identity.checks.passive is Verdict.PASSED else "warn",
            )

    def _chip_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.reading.emit(False)
        if not isinstance(exc, UserError):
            raise exc
        if self._read_again and self.card_reader:
            self.read_chip()  # the card or the keys changed during the failed read
            return
        if exc.kind is ErrorKind.ACCESS_DENIED:
            self.keys = None  # ask for the card's data again rather than retry wrong keys
        if exc.kind is ErrorKind.CARD_REMOVED and self.card_reader:
            # Lifted and put back faster than PC/SC notices: try once more shortly.
            QTimer.singleShot(1000, self._retry_after_removal)
        self._error(exc)

    def _retry_after_removal(self) -> None:
        if self.card_reader and not self.busy and self.keys is not None:
            self.read_chip()

    def typed(self, identity: Identity) -> None:
        self.keys = None
        self._identified(identity)
        self.status.emit(self.tr("Đã nhập tay. Thông tin chưa được kiểm tra bằng chip."), "warn")

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
        self.state.record = self._look_up(identity)
        if self.state.record.citizen_id:
            audit.log(
                self.db,
                self.officer.officer_id,
                "display",
                citizen_id=self.state.record.citizen_id,
                purpose="định danh công dân tại bộ phận một cửa",
                detail=f"source {identity.source.value}",
            )
        if self.state.record.known and not self.state.phone:
            self.state.phone = self.state.record.phone
            self.state.email = self.state.record.email
        self._save_draft()
        self.identity_changed.emit()
        self.record_changed.emit()
        self._update_appointment()
        if self.is_expired():
            self.needs_expiry_reason.emit()

    def _look_up(self, identity: Identity) -> CitizenRecord:
        from app.services.storage.models import Dossier

        with self.db.session() as s:
            citizen = s.scalar(select(Citizen).where(Citizen.id_number == identity.id_number))
            if citizen is None:
                return CitizenRecord(known=False)
            count = len(s.scalars(select(Dossier.id).where(Dossier.citizen_id == citizen.id)).all())
            return CitizenRecord(
                known=True,
                citizen_id=citizen.id,
                bhxh_number=citizen.bhxh_number,
                phone=citizen.phone,
                email=citizen.email,
                differences=compare(identity, citizen),
                earlier_dossiers=count,
            )

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

    def _verdict_text(self, identity: Identity) -> str:
        checks = identity.checks
        if checks.genuine is False:
            from app.ui.intake.identity_panel import passive_detail_text

            detail = passive_detail_text(checks.passive_detail) or checks.passive_detail
            if checks.active is Verdict.FAILED or checks.chip is Verdict.FAILED:
                return self.tr("THẺ KHÔNG XÁC THỰC: chip có dấu hiệu bị sao chép. {0}").format(
                    detail
                )
            return self.tr("THẺ KHÔNG XÁC THỰC: {0}.").format(detail)
        if checks.genuine is True:
            return self.tr("Thẻ thật: chữ ký số hợp lệ, chuỗi chứng thư đến CSCA tin cậy.")
        if checks.passive is Verdict.NOT_SUPPORTED:
            return self.tr("Chưa kiểm tra được chữ ký số của thẻ này (loại khóa chưa hỗ trợ).")
        if checks.passive is Verdict.NO_CSCA:
            return self.tr("Chữ ký số hợp lệ; chưa cấu hình chứng thư CSCA để xác nhận nơi cấp.")
        return self.tr("Chưa kiểm tra tính xác thực của thẻ.")

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

    # -- save and print -----------------------------------------------------------
    def can_save(self) -> bool:
        return self.state.identity is not None and self.procedure() is not None and not self.busy

    def save(
        self,
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
        state, settings, officer = self.state, self.settings, self.officer
        catalog, calendar = self.catalog.current, self.calendar.current
        notes = f"Thẻ hết hạn, tiếp nhận vì: {state.expired_reason}" if state.expired_reason else ""
        if state.register_notes and state.procedure_code == ADJUST_PROCEDURE:
            notes = "\n".join(n for n in (notes, state.register_notes) if n)

        def work() -> Saved:
            with self.db.session() as s:
                officer_row = s.get(Officer, officer.officer_id)
                office = s.get(Office, officer.office_id)
                counter = s.scalar(
                    select(Counter).where(
                        Counter.office_id == officer.office_id,
                        Counter.number == settings.counter_number,
                    )
                ) or s.scalar(select(Counter).where(Counter.office_id == officer.office_id))
            assert officer_row is not None and office is not None and counter is not None
            dossier = create_dossier(
                self.db,
                IntakeRequest(
                    identity,
                    procedure,
                    state.received,
                    officer_row,
                    counter,
                    office,
                    settings,
                    calendar,
                    catalog.version,
                    contact=Contact(
                        phone=state.phone,
                        email=state.email,
                        delivery_method=state.delivery_method,
                        delivery_address=state.delivery_address,
                    ),
                    options=IntakeOptions(
                        completion_request=completion_reason,
                        attachment_ids=tuple(state.attachment_ids),
                        notes=notes,
                        form_data=with_filing_check(procedure, state.event_form, utcnow()),
                        register=(
                            register_state.snapshot_fields(state.register)
                            if state.register is not None
                            else None
                        ),
                        import_attachments=import_new,
                    ),
                ),
            )
            audit.log(
                self.db,
                officer.officer_id,
                "change",
                citizen_id=dossier.citizen_id,
                dossier_id=dossier.id,
                purpose="tiếp nhận hồ sơ",
                detail=f"procedure {procedure.code}",
            )
            return self._papers(dossier.id, identity, procedure)

        self.busy = True
        self.status.emit(self.tr("Đang lưu hồ sơ…"), "busy")
        self.db_runner.run(work, self._saved, self._save_failed)

    def missing(self) -> list[DocumentSpec]:
        procedure = self.procedure()
        if procedure is None:
            return []
        return missing_documents(procedure, self.state.received)

    def _papers(self, dossier_id: str, identity: Identity, procedure: Procedure) -> Saved:
        """The receipt (form 01, two copies), or form 02 for an incomplete dossier;
        and the prefilled TK1-TS where the procedure needs one."""
        from app.services.forms import (
            render_completion_request,
            render_receipt,
            render_receipt_80mm,
            render_tk1ts,
        )
        from app.services.storage.models import Dossier

        agency = paperwork.agency_from(self.settings)
        slip = None
        with self.db.session() as s:
            dossier = s.get(Dossier, dossier_id)
            assert dossier is not None
            if dossier.due_at is not None:
                receipt = paperwork.receipt_from(
                    s, dossier, procedure, self.settings.lookup_base_url
                )
                paper = render_receipt(receipt, agency)
                if self.settings.receipt_printer:  # the look-up slip on the thermal roll
                    slip = render_receipt_80mm(receipt, agency)
            else:
                missing = missing_documents(procedure, self.state.received)
                paper = render_completion_request(
                    paperwork.completion_request_from(s, dossier, procedure, missing), agency
                )
            code, lookup, due = dossier.code, dossier.lookup_code, dossier.due_at
            citizen = s.get(Citizen, dossier.citizen_id)
            bhxh_number = citizen.bhxh_number if citizen is not None else ""
            if not bhxh_number and self.state.register is not None:
                bhxh_number = self.state.register.bhxh_number  # known to central's register
            delivery = paperwork.delivery_of(dossier)
        tk1ts = None
        if procedure.needs_tk1ts:
            declaration = paperwork.tk1ts_from(
                identity,
                self.state.phone,
                self.state.email,
                procedure=procedure,
                bhxh_number=bhxh_number,
                delivery=delivery,
            )
            declaration = tk1ts_for_event(declaration, self.state.event_form)  # a newborn's
            tk1ts = render_tk1ts(declaration, agency)
        return Saved(dossier_id, code, lookup, due, paper, tk1ts, slip)

    def printed(self, saved: Saved, what: str) -> None:
        """Access log: the citizen's data left the PC on paper."""
        with self.db.session() as s:
            from app.services.storage.models import Dossier

            dossier = s.get(Dossier, saved.dossier_id)
            citizen_id = dossier.citizen_id if dossier is not None else None
        audit.log(
            self.db,
            self.officer.officer_id,
            "print",
            citizen_id=citizen_id,
            dossier_id=saved.dossier_id,
            purpose="giao giấy tờ cho công dân",
            detail=what,
        )

    def _saved(self, saved: Saved) -> None:
        self.busy = False
        self.last_saved = saved
        draft.save(self.db, None)
        log.info("dossier saved")
        self.saved.emit(saved)

    def _save_failed(self, exc: BaseException) -> None:
        self.busy = False
        if not isinstance(exc, UserError):
            raise exc
        self._error(exc)

    # -- draft --------------------------------------------------------------------
    def _save_draft(self) -> None:
        s = self.state
        if s.identity is None:
            draft.save(self.db, None)
            return
        draft.save(
            self.db,
            {
                "identity": draft.identity_to_json(s.identity),
                "procedure_code": s.procedure_code,
                "received": {k: [v.originals, v.copies] for k, v in s.received.items()},
                "phone": s.phone,
                "email": s.email,
                "delivery": [s.delivery_method, s.delivery_address],
                "expired_reason": s.expired_reason,
                "attachment_ids": list(s.attachment_ids),
                "event_form": s.event_form,
                "register_notes": s.register_notes,
            },
        )

    def restore_draft(self) -> bool:
        raw = draft.load(self.db)
        if not raw:
            return False
        try:
            identity = draft.identity_from_json(raw["identity"])
        except (KeyError, TypeError, ValueError):
            draft.save(self.db, None)  # a draft from an older version: drop it, say so
            self.status.emit(self.tr("Không khôi phục được hồ sơ đang nhập dở."), "warn")
            return False
        self.state = IntakeState(
            identity=identity,
            record=self._look_up(identity),
            procedure_code=raw.get("procedure_code", ""),
            received={k: ReceivedPaper(*v) for k, v in raw.get("received", {}).items()},
            phone=raw.get("phone", ""),
            email=raw.get("email", ""),
            delivery_method=str(raw.get("delivery", ["electronic", ""])[0]),
            delivery_address=str(raw.get("delivery", ["electronic", ""])[1]),
            expired_reason=raw.get("expired_reason", ""),
            attachment_ids=list(raw.get("attachment_ids", [])),
            event_form=dict(raw.get("event_form", {})),
            register_notes=raw.get("register_notes", ""),
        )
        if self.state.procedure_code and self.procedure() is None:
            self.state.procedure_code = ""
        self.identity_changed.emit()
        self.record_changed.emit()
        self.procedure_changed.emit()
        self.documents_changed.emit()
        self._update_appointment()
        self.status.emit(self.tr("Đã khôi phục hồ sơ đang nhập dở."), "info")
        return True

    def _error(self, err: UserError) -> None:
        from app.errors import describe

        m = describe(err)
        self.status.emit(f"{m.title}: {m.text} {m.action}", "error")
