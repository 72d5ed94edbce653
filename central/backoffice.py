"""What the back office does: move dossiers through processing, manage officers.

Every action here bumps the affected row's version and appends to the change feed in
the same transaction, so the counters learn about it on their next pull.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.shared import wire
from app.shared.types import utcnow
from central import changes
from central.models import Officer, RowRevision, StaffAudit, SyncedRow

# Only the processing part of the lifecycle happens centrally; the counter owns intake
# (received, completion requests, refusal) and the hand-over (returned).
TRANSITIONS: dict[str, frozenset[str]] = {
    "received": frozenset({"in_processing"}),
    "completed": frozenset({"in_processing"}),
    "in_processing": frozenset({"result_ready", "stopped"}),
}


class BackOfficeRefused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def record_admin_action(
    session: Session, actor: str, action: str, *, dossier_id: str | None = None, detail: str = ""
) -> None:
    """What an administrator did through the admin API, and with which token (the same
    log as the web back office's actions: ``staff_audit``)."""
    text = f"{actor}: {detail}" if detail else actor
    session.add(StaffAudit(action=action[:40], dossier_id=dossier_id, detail=text[:300]))


MAX_PAGE = 1000


def list_dossiers(
    session: Session,
    office_code: str,
    status: str | None,
    *,
    limit: int = MAX_PAGE,
    after: str = "",
) -> list[SyncedRow]:
    """A page of the office's dossiers ordered by id, those after ``after`` (keyset
    pagination: every page costs the same, and a client walks all of them)."""
    query = select(SyncedRow).where(
        SyncedRow.entity == "dossier", SyncedRow.office_code == office_code
    )
    if status:
        query = query.where(SyncedRow.status == status)
    if after:
        query = query.where(SyncedRow.id > after)
    return list(session.scalars(query.order_by(SyncedRow.id).limit(min(limit, MAX_PAGE))))


def move_dossier(
    session: Session, dossier_id: str, request: wire.StatusChangeRequest
) -> wire.DossierStatusChange:
    lock = session.get_bind().dialect.name == "postgresql"
    stored = session.get(SyncedRow, ("dossier", dossier_id), with_for_update=lock)
    if stored is None:
        raise BackOfficeRefused(404, "unknown_dossier")
    current = stored.status or ""
    if request.to_status not in TRANSITIONS.get(current, frozenset()):
        raise BackOfficeRefused(409, f"invalid_transition {current}->{request.to_status}")
    now = utcnow()
    event = wire.DossierEventWire(
        id=str(uuid.uuid4()),
        row_version=1,
        created_at=now,
        updated_at=now,
        dossier_id=dossier_id,
        at=now,
        officer_id=None,
        from_status=current,
        to_status=request.to_status,
        reason=request.reason,
    )
    data = dict(stored.data)
    data.update(
        status=request.to_status,
        row_version=stored.row_version + 1,
        updated_at=now,
    )
    # Re-validate through the wire model so the stored JSON and hash are exactly what a
    # counter holding this version will serialize.
    dossier = wire.DossierWire.model_validate(data)
    store_back_office_version(session, stored, dossier, event)
    change = wire.DossierStatusChange(
        dossier_id=dossier_id,
        status=dossier.status,
        row_version=dossier.row_version,
        updated_at=dossier.updated_at,
        events=[event],
    )
    changes.append(session, stored.office_code, change, dossier_id)
    return change


def store_back_office_version(
    session: Session, stored: SyncedRow, dossier: wire.DossierWire, event: wire.DossierEventWire
) -> None:
    """Write the back office's new version of a stored dossier and its history event.

    The one path for every back-office change (admin API and web pages alike): it keeps
    the old version's hash (a late retry of it stays a duplicate) and marks the back
    office as the last writer, so a counter's push built on an older version is a
    conflict — not mistaken for that counter's own write whose answer was lost.
    """
    session.add(
        RowRevision(
            entity="dossier",
            id=stored.id,
            row_version=stored.row_version,
            content_hash=stored.content_hash,
        )
    )
    stored.data = dossier.model_dump(mode="json")
    stored.row_version = dossier.row_version
    stored.content_hash = wire.content_hash(dossier)
    stored.status = dossier.status
    stored.device_id = None  # last writer: the back office
    stored.updated_at = dossier.updated_at
    session.add(
        SyncedRow(
            entity="event",
            id=event.id,
            office_code=stored.office_code,
            parent_id=stored.id,
            row_version=1,
            content_hash=wire.content_hash(event),
            data=event.model_dump(mode="json"),
            received_at=event.at,
            updated_at=event.at,
        )
    )


def officer_wire(officer: Officer) -> wire.OfficerWire:
    return wire.OfficerWire(
        id=officer.id,
        row_version=officer.row_version,
        office_code=officer.office_code,
        username=officer.username,
        full_name=officer.full_name,
        role=officer.role,
        password_hash=officer.password_hash,
        active=officer.active,
    )


def save_officer(
    session: Session,
    office_code: str,
    username: str,
    full_name: str,
    role: str,
    password_hash: str,
    *,
    active: bool = True,
) -> Officer:
    """Create or update an officer account and announce it to the office's counters."""
    officer = session.scalar(select(Officer).where(Officer.username == username))
    moved_from = officer.office_code if officer and officer.office_code != office_code else None
    if officer is None:
        officer = Officer(
            id=str(uuid.uuid4()),
            office_code=office_code,
            username=username,
            full_name=full_name,
            role=role,
            password_hash=password_hash,
            active=active,
            row_version=1,
        )
        session.add(officer)
    else:
        officer.office_code = office_code
        officer.full_name = full_name
        officer.role = role
        officer.password_hash = password_hash
        officer.active = active
        officer.row_version += 1
        officer.updated_at = utcnow()
    session.flush()
    if moved_from:
        # The old office's counters must stop accepting this officer's log-in.
        changes.append(
            session, moved_from, wire.Tombstone(entity="officer", id=officer.id), officer.id
        )
    changes.append(session, office_code, officer_wire(officer), officer.id)
    return officer


def delete_officer(session: Session, username: str) -> None:
    officer = session.scalar(select(Officer).where(Officer.username == username))
    if officer is None:
        raise BackOfficeRefused(404, "unknown_officer")
    session.delete(officer)
    changes.append(
        session, officer.office_code, wire.Tombstone(entity="officer", id=officer.id), officer.id
    )
