"""The life of a dossier: statuses, allowed moves, history, deadline clock, timeliness.

received → (completion_requested → completed) → in_processing → result_ready → returned,
with refused (form 03), stopped (form 05) and cancelled (the citizen withdraws) as
other ends. Every move writes a ``DossierEvent`` (who, when, from, to, why) and queues
the dossier and the event for sync, in the caller's transaction.

The deadline clock stops while a completion request (form 02) is open: entering
``completion_requested`` clears ``due_at`` (no appointment while the citizen owes
papers); ``completed`` restarts it and recomputes ``due_at`` from the valid receipt
time and every pause recorded in the history (see ``calendar.appointment``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ErrorKind, UserError
from app.services.calendar import WorkCalendar, appointment
from app.services.catalog.model import ProcessingTime, TimeUnit
from app.services.security.permissions import HasRole, Permission, require
from app.services.storage.models import Dossier, DossierEvent, Procedure
from app.services.storage.outbox import enqueue
from app.shared.lifecycle import (
    OPEN,
    REASON_REQUIRED,
    TRANSITIONS,
    S,
    Status,
    Timeliness,
    allowed_moves,
    classify,
)
from app.shared.types import utcnow

# Defined in the shared package (central validates moves too); kept importable here.
__all__ = [
    "OPEN",
    "REASON_REQUIRED",
    "TRANSITIONS",
    "DeadlineRules",
    "S",
    "Status",
    "Timeliness",
    "allowed_moves",
    "classify",
    "record_event",
    "result_ready_at",
    "timeliness",
    "transition",
]


@dataclass(frozen=True, slots=True)
class DeadlineRules:
    """What recomputing an appointment needs besides the dossier."""

    calendar: WorkCalendar
    cutoff: dt.time
    return_time: dt.time | None = None


def paused_intervals(
    events: Iterable[DossierEvent],
) -> list[tuple[dt.datetime, dt.datetime | None]]:
    """Completion requests from the history: (requested at, completed at or None)."""
    out: list[tuple[dt.datetime, dt.datetime | None]] = []
    opened: dt.datetime | None = None
    for e in sorted(events, key=lambda e: e.at):
        if e.to_status == S.COMPLETION_REQUESTED and opened is None:
            opened = e.at
        elif e.from_status == S.COMPLETION_REQUESTED and opened is not None:
            out.append((opened, e.at))
            opened = None
    if opened is not None:
        out.append((opened, None))
    return out


def processing_time_of(session: Session, dossier: Dossier) -> ProcessingTime:
    """The processing time of the catalog version the dossier was taken in under."""
    definition = session.scalar(
        select(Procedure.definition).where(
            Procedure.code == dossier.procedure_code,
            Procedure.catalog_version == dossier.catalog_version,
        )
    )
    if definition is None:
        raise LookupError(
            f"procedure {dossier.procedure_code}@{dossier.catalog_version} not stored"
        )
    pt = definition["processing_time"]
    return ProcessingTime(pt["value"], TimeUnit(pt["unit"]), pt.get("confirmed", True))


def compute_due(
    session: Session, dossier: Dossier, rules: DeadlineRules, events: Sequence[DossierEvent]
) -> dt.datetime | None:
    if dossier.valid_received_at is None:
        return None
    due = appointment(
        rules.calendar,
        dossier.valid_received_at,
        processing_time_of(session, dossier),
        rules.cutoff,
        paused_intervals(events),
        rules.return_time,
    )
    return None if due is None else due.astimezone(dt.UTC)


def record_event(
    session: Session,
    dossier: Dossier,
    from_status: str,
    to_status: str,
    officer_id: str | None,
    reason: str,
    at: dt.datetime,
) -> DossierEvent:
    event = DossierEvent(
        dossier=dossier,
        at=at,
        officer_id=officer_id,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
    )
    session.add(event)
    session.flush()
    enqueue(session, "event", event.id)
    return event


def transition(
    session: Session,
    dossier: Dossier,
    to: Status | str,
    officer_id: str | None,
    reason: str = "",
    *,
    now: dt.datetime | None = None,
    rules: DeadlineRules | None = None,
    returned_to: str = "",
    actor: HasRole | None = None,
) -> DossierEvent:
    """Move ``dossier`` to ``to`` or raise ``UserError(INVALID_TRANSITION)``.

    ``rules`` is needed when the move restarts the clock (``completed``);
    ``returned_to`` (who collected the result) when the move is ``returned``;
    ``actor`` (the signed-in officer) when it is ``cancelled``: supervisors only.
    """
    target = Status(to)
    if target is S.CANCELLED:
        require(actor, Permission.CANCEL_DOSSIER)
    current = Status(dossier.status)
    if target not in TRANSITIONS[current]:
        raise UserError(ErrorKind.INVALID_TRANSITION, detail=f"{current} -> {target}")
    if target in REASON_REQUIRED and not reason.strip():
        raise UserError(
            ErrorKind.INVALID_TRANSITION, detail=f"{current} -> {target}: reason required"
        )
    if target is S.RETURNED and not returned_to.strip():
        raise UserError(
            ErrorKind.INVALID_TRANSITION, detail="returned: who collected it is required"
        )
    if target is S.COMPLETED and rules is None:
        raise ValueError("completing a dossier recomputes its deadline: pass rules")
    at = now or utcnow()
    event = record_event(session, dossier, current, target, officer_id, reason.strip(), at)
    dossier.status = target
    if target is S.COMPLETION_REQUESTED:
        dossier.due_at = None
    elif target is S.COMPLETED:
        assert rules is not None
        if dossier.valid_received_at is None:  # taken in incomplete: the clock starts now
            dossier.valid_received_at = at
        dossier.due_at = compute_due(session, dossier, rules, list(dossier.events))
    elif target is S.RETURNED:
        dossier.returned_at = at
        dossier.returned_to = returned_to.strip()
    enqueue(session, "dossier", dossier.id)
    return event


def result_ready_at(dossier: Dossier) -> dt.datetime | None:
    for e in sorted(dossier.events, key=lambda e: e.at):
        if e.to_status == S.RESULT_READY:
            return e.at
    return dossier.returned_at


def timeliness(dossier: Dossier, now: dt.datetime | None = None) -> Timeliness:
    return classify(dossier.status, dossier.due_at, result_ready_at(dossier), now)
