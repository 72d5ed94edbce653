"""Taking in a dossier: one transaction from the citizen to the printed code.

``create_dossier`` saves, all or nothing: the citizen (upsert by ID number), the
catalog snapshot of the procedure, the dossier with its code and look-up code, the
checklist of papers received, links to digitized documents, the first history event,
and outbox entries for sync. SQLite's transaction (WAL journal) makes a killed process
leave either the whole dossier or nothing; the code is allocated inside the same
transaction (see ``dossier_codes``).

A dossier missing a required paper gets no receipt (``DOCUMENTS_MISSING``) unless the
officer asks for a completion request (form 02): it is then saved as
``completion_requested``, with no valid-receipt time and no appointment, until the
citizen brings the rest (``lifecycle.transition(..., "completed")``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ErrorKind, UserError
from app.services import audit, dossier_codes, intake_snapshot, life_events
from app.services.calendar import WorkCalendar, appointment
from app.services.calendar.days import local
from app.services.catalog.model import DocumentSpec
from app.services.catalog.model import Procedure as CatalogProcedure
from app.services.forms.model import DeliveryMethod
from app.services.identity import Identity, identification_of
from app.services.lifecycle import Status, record_event
from app.services.search import fold
from app.services.storage.db import Database
from app.services.storage.models import (
    Attachment,
    Citizen,
    Counter,
    Dossier,
    DossierAttachment,
    DossierDocument,
    Office,
    Officer,
    Procedure,
)
from app.services.storage.outbox import enqueue
from app.settings import Settings
from app.shared.types import utcnow

INTAKE_PURPOSE = "tiếp nhận hồ sơ"  # the access log's purpose of an intake


@dataclass(frozen=True, slots=True)
class ReceivedPaper:
    """How many of one checklist paper the citizen handed in."""

    originals: int = 0
    copies: int = 0


@dataclass(frozen=True, slots=True)
class Contact:
    """What the citizen adds at the counter; identity fields come from the card."""

    phone: str = ""
    email: str = ""
    delivery_method: str = "electronic"  # VssID/VNeID, the default since 2026; "counter", "post"
    delivery_address: str = ""


@dataclass(frozen=True, slots=True)
class IntakeOptions:
    flags: Collection[str] = ()  # the procedure's questions ticked by the officer
    completion_request: str = ""  # non-empty: save incomplete, with this reason (form 02)
    attachment_ids: Sequence[str] = ()
    number_of_sets: int = 1
    notes: str = ""
    form_data: Mapping[str, Any] = field(default_factory=dict)
    # What the counter fetched from the register check (register_state.snapshot_fields).
    register: Mapping[str, Any] | None = None
    return_time: dt.time | None = None
    # Scans picked for a citizen who has no row yet: stored inside the dossier's own
    # transaction, (session, citizen id) -> attachment ids.
    import_attachments: Callable[[Session, str], Sequence[str]] | None = None


def is_received(spec: DocumentSpec, paper: ReceivedPaper | None) -> bool:
    """An "original" paper needs originals; a copy may be replaced by an original."""
    if paper is None:
        return False
    if spec.form == "original":
        return paper.originals >= spec.count
    return paper.originals + paper.copies >= spec.count


def missing_documents(
    procedure: CatalogProcedure, received: Mapping[str, ReceivedPaper], flags: Collection[str] = ()
) -> list[DocumentSpec]:
    unknown = set(received) - {d.id for d in procedure.documents}
    if unknown:
        raise ValueError(f"not in procedure {procedure.code}: {sorted(unknown)}")
    return [
        d for d in procedure.required_documents(flags) if not is_received(d, received.get(d.id))
    ]


def upsert_citizen(
    session: Session, identity: Identity, contact: Contact, now: dt.datetime
) -> Citizen:
    citizen = session.scalar(select(Citizen).where(Citizen.id_number == identity.id_number))
    if citizen is None:
        citizen = Citizen(id_number=identity.id_number)
        session.add(citizen)
    citizen.full_name = identity.full_name
    citizen.name_folded = fold(identity.full_name)
    citizen.date_of_birth = identity.date_of_birth
    citizen.dob_text = identity.dob_text
    citizen.sex = identity.sex
    citizen.nationality = identity.nationality
    citizen.place_of_origin = identity.place_of_origin
    citizen.residence = identity.residence
    citizen.old_id_number = identity.old_id_number
    # Sensitive fields (ethnicity, religion) are not copied here: only procedures that
    # need them store them (PDP Law 91/2025).
    if contact.phone:
        citizen.phone = contact.phone
    if contact.email:
        citizen.email = contact.email
    citizen.id_verified_by = str(identity.source)
    citizen.id_verified_at = now
    session.flush()
    enqueue(session, "citizen", citizen.id)
    return citizen


def snapshot_procedure(session: Session, procedure: CatalogProcedure, version: str) -> None:
    """Keep the definition the dossier was taken in under (deadline, papers)."""
    exists = session.scalar(
        select(Procedure.id).where(
            Procedure.code == procedure.code, Procedure.catalog_version == version
        )
    )
    if exists is None:
        session.add(
            Procedure(
                code=procedure.code,
                catalog_version=version,
                name=procedure.name,
                definition=dict(procedure.definition),
            )
        )


@dataclass(frozen=True, slots=True)
class IntakeRequest:
    """One intake to save: who came, for what, what they handed in, and at which counter."""

    citizen: Identity
    procedure: CatalogProcedure
    documents_received: Mapping[str, ReceivedPaper]
    officer: Officer
    counter: Counter
    office: Office
    settings: Settings
    calendar: WorkCalendar
    catalog_version: str
    now: dt.datetime | None = None  # None: the moment of saving
    contact: Contact = Contact()
    options: IntakeOptions = IntakeOptions()


def create_dossier(db: Database, request: IntakeRequest) -> Dossier:
    """Save a new dossier; raises ``DOCUMENTS_MISSING`` before writing anything."""
    r = request
    citizen, procedure, documents_received = r.citizen, r.procedure, r.documents_received
    officer, counter, office, settings = r.officer, r.counter, r.office, r.settings
    calendar, catalog_version, contact, options = (
        r.calendar,
        r.catalog_version,
        r.contact,
        r.options,
    )
    now = r.now or utcnow()
    missing = missing_documents(procedure, documents_received, options.flags)
    incomplete = bool(missing)
    if incomplete and not options.completion_request.strip():
        raise UserError(
            ErrorKind.DOCUMENTS_MISSING, detail="missing: " + ", ".join(d.id for d in missing)
        )
    if DeliveryMethod(contact.delivery_method) is DeliveryMethod.POST and not (
        contact.delivery_address.strip()
    ):
        raise UserError(ErrorKind.DELIVERY_ADDRESS_MISSING)
    with db.session() as s:
        # Decree 104/2022 Art. 14: what chip, register and record said, before the update.
        seen = intake_snapshot.build(
            s, citizen, now, register=options.register, with_ethnicity=procedure.needs_tk1ts
        )
        person = upsert_citizen(s, citizen, contact, now)
        snapshot_procedure(s, procedure, catalog_version)
        code, _seq = dossier_codes.next_dossier_code(
            s,
            settings.dossier_code_pattern,
            settings.office_code,
            settings.counter_number,
            local(now).date(),
        )
        due = None
        if not incomplete:
            due = appointment(
                calendar, now, procedure, settings.cutoff_time, (), options.return_time
            )
        dossier = Dossier(
            code=code,
            lookup_code=dossier_codes.new_lookup_code(s),
            office_id=office.id,
            counter_id=counter.id,
            citizen_id=person.id,
            officer_id=officer.id,
            procedure_code=procedure.code,
            catalog_version=catalog_version,
            status=Status.COMPLETION_REQUESTED if incomplete else Status.RECEIVED,
            submitted_at=now,
            valid_received_at=None if incomplete else now,
            due_at=None if due is None else due.astimezone(dt.UTC),
            delivery_method=contact.delivery_method,
            delivery_address=contact.delivery_address,
            number_of_sets=options.number_of_sets,
            applicant_phone=contact.phone,
            applicant_email=contact.email,
            notes=options.notes,
            form_data={
                **options.form_data,
                "flags": sorted(options.flags),
                intake_snapshot.SNAPSHOT_KEY: seen,
            },
            identified_by=identification_of(
                citizen,
                register_confirmed=bool(
                    options.register and options.register.get("identity_confirmed")
                ),
            ),
        )
        s.add(dossier)
        for position, spec in enumerate(procedure.applicable_documents(options.flags)):
            paper = documents_received.get(spec.id) or ReceivedPaper()
            dossier.documents.append(
                DossierDocument(
                    position=position,
                    name=spec.name,
                    required=spec.required,
                    originals=paper.originals,
                    copies=paper.copies,
                    received=is_received(spec, paper),
                )
            )
        s.flush()
        record_event(
            s, dossier, "", dossier.status, officer.id, options.completion_request.strip(), now
        )
        new_ids = options.import_attachments(s, person.id) if options.import_attachments else ()
        link_attachments(s, dossier, person.id, (*options.attachment_ids, *new_ids))
        if options.form_data.get("life_event_id"):  # opened from a birth or death notice
            life_events.close_in(s, str(options.form_data["life_event_id"]), code)
        enqueue(s, "dossier", dossier.id)
        # PDP Law 91/2025: the access record commits with the dossier, or neither does.
        audit.record(
            s,
            officer.id,
            "change",
            citizen_id=person.id,
            dossier_id=dossier.id,
            purpose=INTAKE_PURPOSE,
            detail=f"procedure {procedure.code}",
        )
    return dossier


def link_attachments(
    session: Session, dossier: Dossier, citizen_id: str, ids: Sequence[str]
) -> None:
    """Attach the citizen's digitized documents (scanned now or for an earlier dossier)."""
    for attachment_id in dict.fromkeys(ids):
        owner = session.scalar(select(Attachment.citizen_id).where(Attachment.id == attachment_id))
        if owner != citizen_id:
            raise ValueError("attachment does not belong to this citizen")
        session.add(DossierAttachment(dossier_id=dossier.id, attachment_id=attachment_id))


# ------------------------------------------------------------------ reading one dossier


@dataclass(frozen=True, slots=True)
class EventLine:
    at: dt.datetime
    officer_name: str
    from_status: str
    to_status: str
    reason: str


@dataclass(frozen=True, slots=True)
class DossierDetail:
    """Everything the detail dialog shows, as plain values."""

    dossier: Dossier
    citizen: Citizen
    documents: tuple[DossierDocument, ...]
    events: tuple[EventLine, ...]
    attachments: tuple[Attachment, ...]
    result_ready_at: dt.datetime | None


def load_detail(session: Session, dossier_id: str) -> DossierDetail:
    from app.services.attachments import dossier_attachments
    from app.services.lifecycle import result_ready_at

    dossier = session.get(Dossier, dossier_id)
    if dossier is None:
        raise LookupError("no such dossier")
    citizen = session.get(Citizen, dossier.citizen_id)
    assert citizen is not None
    names: dict[str, str] = {
        i: n for i, n in session.execute(select(Officer.id, Officer.full_name))
    }
    events = tuple(
        EventLine(e.at, names.get(e.officer_id or "", ""), e.from_status, e.to_status, e.reason)
        for e in sorted(dossier.events, key=lambda e: e.at)
    )
    return DossierDetail(
        dossier=dossier,
        citizen=citizen,
        documents=tuple(dossier.documents),
        events=events,
        attachments=tuple(dossier_attachments(session, dossier_id)),
        result_ready_at=result_ready_at(dossier),
    )
