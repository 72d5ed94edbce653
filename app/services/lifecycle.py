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
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ErrorKind, UserError
from app.services.calendar import VN_TZ, WorkCalendar, appointment
from app.services.catalog.model import ProcessingTime, TimeUnit
from app.services.security.permissions import HasRole, Permission, require
from app.services.storage.models import Dossier, DossierEvent, Procedure
from app.services.storage.outbox import enqueue
from app.services.storage.types import utcnow


class Status(StrEnum):
    RECEIVED = "received"
    COMPLETION_REQUESTED = "completion_requested"
    COMPLETED = "completed"
    IN_PROCESSING = "in_processing"
    RESULT_READY = "result_ready"
    RETURNED = "returned"
    REFUSED = "refused"
    STOPPED = "stopped"
    CANCELLED = "cancelled"


S = Status
TRANSITIONS: dict[Status, frozenset[Status]] = {
    S.RECEIVED: frozenset({S.IN_PROCESSING, S.COMPLETION_REQUESTED, S.REFUSED, S.CANCELLED}),
    S.COMPLETION_REQUESTED: frozenset({S.COMPLETED, S.REFUSED, S.CANCELLED}),
    S.COMPLETED: frozenset({S.IN_PROCESSING, S.COMPLETION_REQUESTED, S.CANCELLED}),
    # The processing unit may still ask for papers (form 02) or stop (form 05).
    S.IN_PROCESSING: frozenset({S.RESULT_READY, S.COMPLETION_REQUESTED, S.STOPPED, S.CANCELLED}),
    S.RESULT_READY: frozenset({S.RETURNED}),
    S.RETURNED: frozenset(),
    S.REFUSED: frozenset(),
    S.STOPPED: frozenset(),
    S.CANCELLED: frozenset(),
}
# Moves whose paper (forms 02, 03, 05) must state a reason.
REASON_REQUIRED = frozenset({S.COMPLETION_REQUESTED, S.REFUSED, S.STOPPED, S.CANCELLED})
OPEN = frozenset({S.RECEIVED, S.COMPLETION_REQUESTED, S.COMPLETED, S.IN_PROCESSING})


def allowed_moves(status: str) -> list[Status]:
    return sorted(TRANSITIONS[Status(status)], key=list(Status).index)


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


class Timeliness(StrEnum):
    """Form 06's "result": before, on or after the due date; open ones too."""

    EARLY = "early"  # result ready on a day before the due day
    ON_TIME = "on_time"  # on the due day, by the due time
    LATE = "late"  # result ready after the due time
    IN_TIME = "in_time"  # still open, due time not passed
    OVERDUE = "overdue"  # still open, due time passed
    PAUSED = "paused"  # waiting for the citizen's papers (clock stopped)
    NOT_APPLICABLE = "not_applicable"  # refused, stopped, cancelled


def result_ready_at(dossier: Dossier) -> dt.datetime | None:
    for e in sorted(dossier.events, key=lambda e: e.at):
        if e.to_status == S.RESULT_READY:
            return e.at
    return dossier.returned_at


def timeliness(dossier: Dossier, now: dt.datetime | None = None) -> Timeliness:
    return classify(dossier.status, dossier.due_at, result_ready_at(dossier), now)


def classify(
    status: str,
    due: dt.datetime | None,
    finished: dt.datetime | None,
    now: dt.datetime | None = None,
) -> Timeliness:
    """Timeliness from the plain values (list rows carry these without the history)."""
    state = Status(status)
    if state in (S.REFUSED, S.STOPPED, S.CANCELLED):
        return Timeliness.NOT_APPLICABLE
    if state is S.COMPLETION_REQUESTED:
        return Timeliness.PAUSED
    if due is None:
        return Timeliness.NOT_APPLICABLE
    if state in OPEN:
        return Timeliness.OVERDUE if (now or utcnow()) > due else Timeliness.IN_TIME
    if finished is None:
        return Timeliness.NOT_APPLICABLE
    if finished > due:
        return Timeliness.LATE
    if finished.astimezone(VN_TZ).date() < due.astimezone(VN_TZ).date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME
