"""Saving the counter's intake and rendering the papers handed to the citizen.

Both run on the database worker with a snapshot of the intake screen (``CounterIntake``:
plain values, never live widgets). ``create_dossier`` does the writing, the intake's
access record included, in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.services import audit, paperwork, register_state
from app.services.calendar import WorkCalendar
from app.services.catalog.filing import with_filing_check
from app.services.catalog.model import Procedure
from app.services.dossiers import (
    Contact,
    IntakeOptions,
    IntakeRequest,
    ReceivedPaper,
    create_dossier,
    missing_documents,
)
from app.services.identity import Identity
from app.services.life_event_forms import tk1ts_for_event
from app.services.security.accounts import SignedIn
from app.services.storage.db import Database
from app.services.storage.models import Citizen, Counter, Dossier, Office, Officer
from app.settings import Settings
from app.shared.register_wire import RegisterState
from app.shared.types import utcnow

PRINT_PURPOSE = "giao giấy tờ cho công dân"


@dataclass(frozen=True, slots=True)
class Saved:
    dossier_id: str
    code: str
    lookup_code: str
    due_at: dt.datetime | None
    receipt_pdf: bytes
    tk1ts_pdf: bytes | None
    receipt_80mm_pdf: bytes | None = None  # when an 80 mm receipt printer is set


@dataclass(frozen=True, slots=True)
class CounterIntake:
    """The intake screen's state at the moment the officer pressed save."""

    identity: Identity
    procedure: Procedure
    received: Mapping[str, ReceivedPaper]
    contact: Contact = field(default_factory=Contact)
    attachment_ids: tuple[str, ...] = ()
    event_form: Mapping[str, Any] = field(default_factory=dict)
    notes: str = ""
    register: RegisterState | None = None
    completion_reason: str = ""


def _desk(db: Database, officer: SignedIn, counter_number: int) -> tuple[Officer, Counter, Office]:
    """The officer's row, their office and the counter this PC is set to (else the
    office's first)."""
    with db.session() as s:
        officer_row = s.get(Officer, officer.officer_id)
        office = s.get(Office, officer.office_id)
        counter = s.scalar(
            select(Counter).where(
                Counter.office_id == officer.office_id, Counter.number == counter_number
            )
        ) or s.scalar(select(Counter).where(Counter.office_id == officer.office_id))
    assert officer_row is not None and office is not None and counter is not None
    return officer_row, counter, office


def save_intake(
    db: Database,
    settings: Settings,
    officer: SignedIn,
    calendar: WorkCalendar,
    catalog_version: str,
    intake: CounterIntake,
    import_new: Callable[[Session, str], Sequence[str]] | None = None,
) -> Saved:
    """Store the dossier (one transaction, with the newly scanned papers) and render
    its papers."""
    officer_row, counter, office = _desk(db, officer, settings.counter_number)
    procedure = intake.procedure
    dossier = create_dossier(
        db,
        IntakeRequest(
            intake.identity,
            procedure,
            intake.received,
            officer_row,
            counter,
            office,
            settings,
            calendar,
            catalog_version,
            contact=intake.contact,
            options=IntakeOptions(
                completion_request=intake.completion_reason,
                attachment_ids=intake.attachment_ids,
                notes=intake.notes,
                form_data=with_filing_check(procedure, intake.event_form, utcnow()),
                register=(
                    register_state.snapshot_fields(intake.register)
                    if intake.register is not None
                    else None
                ),
                import_attachments=import_new,
            ),
        ),
    )
    return render_papers(db, settings, dossier.id, intake)


def render_papers(
    db: Database, settings: Settings, dossier_id: str, intake: CounterIntake
) -> Saved:
    """The receipt (form 01, two copies), or form 02 for an incomplete dossier;
    and the prefilled TK1-TS where the procedure needs one."""
    from app.services.forms import (
        render_completion_request,
        render_receipt,
        render_receipt_80mm,
        render_tk1ts,
    )

    procedure = intake.procedure
    agency = paperwork.agency_from(settings)
    slip = None
    with db.session() as s:
        dossier = s.get(Dossier, dossier_id)
        assert dossier is not None
        if dossier.due_at is not None:
            receipt = paperwork.receipt_from(s, dossier, procedure, settings.lookup_base_url)
            paper = render_receipt(receipt, agency)
            if settings.receipt_printer:  # the look-up slip on the thermal roll
                slip = render_receipt_80mm(receipt, agency)
        else:
            missing = missing_documents(procedure, intake.received)
            paper = render_completion_request(
                paperwork.completion_request_from(s, dossier, procedure, missing), agency
            )
        code, lookup, due = dossier.code, dossier.lookup_code, dossier.due_at
        citizen = s.get(Citizen, dossier.citizen_id)
        bhxh_number = citizen.bhxh_number if citizen is not None else ""
        if not bhxh_number and intake.register is not None:
            bhxh_number = intake.register.bhxh_number  # known to central's register
        delivery = paperwork.delivery_of(dossier)
    tk1ts = None
    if procedure.needs_tk1ts:
        declaration = paperwork.tk1ts_from(
            intake.identity,
            intake.contact.phone,
            intake.contact.email,
            procedure=procedure,
            bhxh_number=bhxh_number,
            delivery=delivery,
        )
        declaration = tk1ts_for_event(declaration, intake.event_form)  # a newborn's
        tk1ts = render_tk1ts(declaration, agency)
    return Saved(dossier_id, code, lookup, due, paper, tk1ts, slip)


def log_printed(db: Database, officer_id: str, dossier_id: str, what: str) -> None:
    """Access log: the citizen's data left the PC on paper."""
    with db.session() as s:
        dossier = s.get(Dossier, dossier_id)
        audit.record(
            s,
            officer_id,
            "print",
            citizen_id=dossier.citizen_id if dossier is not None else None,
            dossier_id=dossier_id,
            purpose=PRINT_PURPOSE,
            detail=what,
        )
