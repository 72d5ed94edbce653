"""The dossier's lifecycle as both sides know it: the statuses, the moves the law
allows between them, and the timeliness of a result (form 06). Plain values only;
recording a move in a database is each side's own work (``app.services.lifecycle`` at
the counter, ``central/web/actions.py`` and ingest at central)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from app.shared.timezone import VN_TZ
from app.shared.types import utcnow


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


class Timeliness(StrEnum):
    """Form 06's "result": before, on or after the due date; open ones too."""

    EARLY = "early"  # result ready on a day before the due day
    ON_TIME = "on_time"  # on the due day, by the due time
    LATE = "late"  # result ready after the due time
    IN_TIME = "in_time"  # still open, due time not passed
    OVERDUE = "overdue"  # still open, due time passed
    PAUSED = "paused"  # waiting for the citizen's papers (clock stopped)
    NOT_APPLICABLE = "not_applicable"  # refused, stopped, cancelled


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
