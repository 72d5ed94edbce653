"""Local rows → wire items, read at push time (the row's current state and version).

Outbox entries name an entity and an id; several of them may stand for one push item
(a dossier changed, then an event added to it): they are grouped by ``target`` so the
dossier travels once with its documents and events, and every grouped entry is
acknowledged by that one answer.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.services.storage.models import (
    Attachment,
    AuditEvent,
    Citizen,
    Counter,
    Dossier,
    DossierAttachment,
    DossierDocument,
    DossierEvent,
    FaceMatch,
    LifeEventContact,
    Office,
)
from app.services.sync import versions
from app.shared import wire

# Outbox entity names other modules use, mapped to what is pushed.
DOSSIER_PARTS = {"dossier", "event", "dossier_event", "document", "dossier_document"}
ENTITY_ALIASES = {"audit_event": "audit"}
PUSHED = frozenset(
    {"dossier", "citizen", "attachment", "audit", "life_event_contact", "face_match"}
)
VERSIONED = ("dossier", "citizen", "attachment", "face_match")  # carry a base_version
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class Target:
    entity: str  # dossier, citizen, attachment, audit, face_match
    id: str


def targets_of(session: Session, entries: list[tuple[str, str]]) -> list[Target | None]:
    """What each outbox entry (entity, id) asks to push; None when its row is gone."""
    parents: dict[str, str] = {}
    for model, names in (
        (DossierEvent, ("event", "dossier_event")),
        (DossierDocument, ("document", "dossier_document")),
    ):
        ids = [i for e, i in entries if e in names]
        for n in range(0, len(ids), _CHUNK):
            parents.update(
                session.execute(
                    select(model.id, model.dossier_id).where(model.id.in_(ids[n : n + _CHUNK]))
                ).all()
            )
    out: list[Target | None] = []
    for entity, entity_id in entries:
        if entity in DOSSIER_PARTS and entity != "dossier":
            parent = parents.get(entity_id)
            out.append(Target("dossier", parent) if parent else None)
        else:
            out.append(Target(ENTITY_ALIASES.get(entity, entity), entity_id))
    return out


def _row(obj: Any) -> dict[str, Any]:
    return {
        "id": obj.id,
        "row_version": obj.row_version,
        "created_at": obj.created_at,
        "updated_at": obj.updated_at,
    }


def _dossier_wire(
    d: Dossier, office_code: str, counter_number: int, links: list[tuple[str, str | None]]
) -> wire.DossierWire:
    return wire.DossierWire(
        **_row(d),
        code=d.code,
        lookup_code=d.lookup_code,
        office_code=office_code,
        counter_number=counter_number,
        citizen_id=d.citizen_id,
        officer_id=d.officer_id,
        procedure_code=d.procedure_code,
        catalog_version=d.catalog_version,
        status=d.status,
        submitted_at=d.submitted_at,
        valid_received_at=d.valid_received_at,
        due_at=d.due_at,
        returned_at=d.returned_at,
        returned_to=d.returned_to,
        delivery_method=d.delivery_method,
        delivery_address=d.delivery_address,
        number_of_sets=d.number_of_sets,
        book_number=d.book_number,
        book_sequence=d.book_sequence,
        applicant_phone=d.applicant_phone,
        applicant_email=d.applicant_email,
        notes=d.notes,
        form_data=d.form_data or {},
        identified_by=d.identified_by,
        attachments=[
            wire.DossierAttachmentLink(attachment_id=a, document_id=doc)
            for a, doc in sorted(links, key=lambda link: link[0])
        ],
    )


def _document_wire(x: DossierDocument) -> wire.DossierDocumentWire:
    return wire.DossierDocumentWire(
        **_row(x),
        dossier_id=x.dossier_id,
        position=x.position,
        name=x.name,
        required=x.required,
        originals=x.originals,
        copies=x.copies,
        received=x.received,
    )


def _event_wire(x: DossierEvent) -> wire.DossierEventWire:
    return wire.DossierEventWire(
        **_row(x),
        dossier_id=x.dossier_id,
        at=x.at,
        officer_id=x.officer_id,
        from_status=x.from_status,
        to_status=x.to_status,
        reason=x.reason,
    )


def dossier_items(session: Session, refs: dict[str, int]) -> dict[str, wire.DossierItem]:
    """Dossier items for many ids in a handful of queries (ids not found are left out)."""
    out: dict[str, wire.DossierItem] = {}
    ids = list(refs)
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        dossiers = list(session.scalars(select(Dossier).where(Dossier.id.in_(chunk))))
        if not dossiers:
            continue
        offices = dict(
            session.execute(
                select(Office.id, Office.code).where(Office.id.in_({d.office_id for d in dossiers}))
            ).all()
        )
        counters = dict(
            session.execute(
                select(Counter.id, Counter.number).where(
                    Counter.id.in_({d.counter_id for d in dossiers})
                )
            ).all()
        )
        links: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        for dossier_id, attachment_id, document_id in session.execute(
            select(
                DossierAttachment.dossier_id,
                DossierAttachment.attachment_id,
                DossierAttachment.document_id,
            ).where(DossierAttachment.dossier_id.in_(chunk))
        ):
            links[dossier_id].append((attachment_id, document_id))
        documents: dict[str, list[DossierDocument]] = defaultdict(list)
        for doc in session.scalars(
            select(DossierDocument)
            .where(DossierDocument.dossier_id.in_(chunk))
            .order_by(DossierDocument.position, DossierDocument.id)
        ):
            documents[doc.dossier_id].append(doc)
        events: dict[str, list[DossierEvent]] = defaultdict(list)
        for event in session.scalars(
            select(DossierEvent)
            .where(DossierEvent.dossier_id.in_(chunk))
            .order_by(DossierEvent.at, DossierEvent.id)
        ):
            events[event.dossier_id].append(event)
        for d in dossiers:
            out[d.id] = wire.DossierItem(
                ref=refs[d.id],
                dossier=_dossier_wire(
                    d, offices.get(d.office_id, ""), counters.get(d.counter_id, 0), links[d.id]
                ),
                documents=[_document_wire(x) for x in documents[d.id]],
                events=[_event_wire(x) for x in events[d.id]],
            )
    return out


def dossier_item(session: Session, dossier_id: str, ref: int) -> wire.DossierItem | None:
    return dossier_items(session, {dossier_id: ref}).get(dossier_id)


def citizen_item(
    session: Session, citizen_id: str, ref: int, office: str
) -> wire.CitizenItem | None:
    c = session.get(Citizen, citizen_id)
    if c is None:
        return None
    return wire.CitizenItem(
        ref=ref,
        office_code=office,
        citizen=wire.CitizenWire(
            **_row(c),
            id_number=c.id_number,
            full_name=c.full_name,
            date_of_birth=c.date_of_birth,
            dob_text=c.dob_text,
            sex=c.sex,
            nationality=c.nationality,
            ethnicity=c.ethnicity,
            religion=c.religion,
            place_of_origin=c.place_of_origin,
            residence=c.residence,
            old_id_number=c.old_id_number,
            phone=c.phone,
            email=c.email,
            bhxh_number=c.bhxh_number,
            id_verified_by=c.id_verified_by,
            id_verified_at=c.id_verified_at,
        ),
    )


def attachment_item(
    session: Session, attachment_id: str, ref: int, office: str
) -> wire.AttachmentItem | None:
    a = session.get(Attachment, attachment_id)
    if a is None:
        return None
    return wire.AttachmentItem(
        ref=ref,
        office_code=office,
        attachment=wire.AttachmentWire(
            **_row(a),
            citizen_id=a.citizen_id,
            sha256=a.sha256,
            label=a.label,
            filename=a.filename,
            mime_type=a.mime_type,
            size=a.size,
            page_count=a.page_count,
        ),
    )


def audit_item(session: Session, audit_id: str, ref: int, office: str) -> wire.AuditItem | None:
    e = session.get(AuditEvent, audit_id)
    if e is None:
        return None
    return wire.AuditItem(
        ref=ref,
        office_code=office,
        audit=wire.AuditWire(
            id=e.id,
            seq=e.seq,
            at=e.at,
            officer_id=e.officer_id,
            action=e.action,
            citizen_id=e.citizen_id,
            dossier_id=e.dossier_id,
            purpose=e.purpose,
            detail=e.detail,
            prev_hash=e.prev_hash,
            hash=e.hash,
        ),
    )


def contact_item(
    session: Session, contact_id: str, ref: int, office: str
) -> wire.LifeEventContactItem | None:
    """An attempt to reach a family: written once, so always version 1."""
    c = session.get(LifeEventContact, contact_id)
    if c is None:
        return None
    return wire.LifeEventContactItem(
        ref=ref,
        office_code=office,
        life_event_contact=wire.LifeEventContactWire(
            id=c.id,
            row_version=1,
            created_at=c.at,
            updated_at=c.at,
            event_id=c.event_id,
            officer_id=c.officer_id,
            at=c.at,
            channel=c.channel,  # type: ignore[arg-type]
            outcome=c.outcome,  # type: ignore[arg-type]
            note=c.note,
        ),
    )


def face_match_item(
    session: Session, match_id: str, ref: int, office: str
) -> wire.FaceMatchItem | None:
    """The attempt's result and override (no image, descriptor or quality figures)."""
    f = session.get(FaceMatch, match_id)
    if f is None:
        return None
    return wire.FaceMatchItem(
        ref=ref,
        office_code=office,
        face_match=wire.FaceMatchWire(
            id=f.id,
            row_version=f.row_version,
            at=f.at,
            updated_at=f.updated_at,
            officer_id=f.officer_id,
            dossier_id=f.dossier_id,
            citizen_id=f.citizen_id,
            decision=f.decision,  # type: ignore[arg-type]  # checked when recorded
            score=f.score,
            distance=f.distance,
            threshold=f.threshold,
            model=f.model,
            model_version=f.model_version,
            liveness_moved=f.liveness_moved,
            consent=f.consent,
            override_decision=f.override_decision,  # type: ignore[arg-type]
            override_by=f.override_by,
            override_reason=f.override_reason,
            override_at=f.override_at,
        ),
    )


def build(session: Session, target: Target, ref: int, office: str) -> Any:
    """The push item for a target, or None when its row is gone; KeyError if unknown."""
    return build_many(session, {target: ref}, office)[target]


def build_many(session: Session, refs: dict[Target, int], office: str) -> dict[Target, Any]:
    """Push items for many targets (None for rows that are gone); KeyError if unknown."""
    unknown = {t.entity for t in refs} - PUSHED
    if unknown:
        raise KeyError(sorted(unknown)[0])
    dossiers = dossier_items(
        session, {t.id: ref for t, ref in refs.items() if t.entity == "dossier"}
    )
    # Load the single-row entities in bulk; ``session.get`` below then finds them in the
    # identity map instead of querying one by one (``loaded`` keeps them referenced).
    loaded: list[Any] = []
    singles: tuple[tuple[Any, str], ...] = (
        (Citizen, "citizen"),
        (Attachment, "attachment"),
        (AuditEvent, "audit"),
        (FaceMatch, "face_match"),
    )
    for model, entity in singles:
        ids = [t.id for t in refs if t.entity == entity]
        for i in range(0, len(ids), _CHUNK):
            loaded += session.scalars(select(model).where(model.id.in_(ids[i : i + _CHUNK]))).all()
    out: dict[Target, Any] = {}
    for target, ref in refs.items():
        match target.entity:
            case "dossier":
                out[target] = dossiers.get(target.id)
            case "citizen":
                out[target] = citizen_item(session, target.id, ref, office)
            case "attachment":
                out[target] = attachment_item(session, target.id, ref, office)
            case "audit":
                out[target] = audit_item(session, target.id, ref, office)
            case "life_event_contact":
                out[target] = contact_item(session, target.id, ref, office)
            case "face_match":
                out[target] = face_match_item(session, target.id, ref, office)
    for entity in VERSIONED:
        found = [t for t, item in out.items() if item is not None and t.entity == entity]
        bases = versions.confirmed(session, entity, [t.id for t in found])
        for t in found:
            if bases.get(t.id):
                out[t] = out[t].model_copy(update={"base_version": bases[t.id]})
    return out


def fingerprint(item: Any) -> str:
    """What the item says, without its ``ref``: unchanged fingerprint, unchanged rows."""
    return hashlib.sha256(
        wire.canonical_json(item.model_dump(mode="json", exclude={"ref", "base_version"}))
    ).hexdigest()
