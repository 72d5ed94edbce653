"""What processing staff do to a dossier, as the lifecycle allows it.

Each action changes the stored dossier (a new ``row_version``), adds a history event,
refreshes the work-queue row, appends a ``dossier_status`` change to the feed (the
counter applies it on its next pull) and writes the staff audit — all in the caller's
transaction. Refusals are :class:`ActionRefused` with a reason the page translates.

take                received | completed → in_processing
request_completion  received | completed | in_processing → completion_requested (form 02)
stop                in_processing → stopped (form 05)
extend              in_processing, new appointment later than the current one (form 04)
mark_ready          in_processing with a signed result attached → result_ready
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy.orm import Session

from app.shared import wire
from app.shared.types import utcnow
from central import backoffice, changes
from central.models import DossierQueueEntry, DossierResult, StaffAccount, SyncedRow
from central.web import auth, queue_index

ALLOWED_FROM: dict[str, frozenset[str]] = {
    "take": frozenset({"received", "completed"}),
    "request_completion": frozenset({"received", "completed", "in_processing"}),
    "stop": frozenset({"in_processing"}),
    "extend": frozenset({"in_processing"}),
    "attach_result": frozenset({"in_processing"}),
    "mark_ready": frozenset({"in_processing"}),
}
TARGET = {
    "take": "in_processing",
    "request_completion": "completion_requested",
    "stop": "stopped",
    "extend": "in_processing",
    "mark_ready": "result_ready",
}
REASON_REQUIRED = frozenset({"request_completion", "stop", "extend"})


class ActionRefused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # unknown_dossier, not_allowed, wrong_status, reason_required…


def load_for(
    session: Session, staff: StaffAccount, dossier_id: str, action: str, *, lock: bool = False
) -> SyncedRow:
    """The stored dossier, if the staff member may do ``action`` on it."""
    lock = lock and session.get_bind().dialect.name == "postgresql"
    stored = session.get(SyncedRow, ("dossier", dossier_id), with_for_update=lock)
    if stored is None:
        raise ActionRefused("unknown_dossier")
    if not auth.may(staff, action, stored.office_code):
        raise ActionRefused("not_allowed")
    return stored


def available(staff: StaffAccount, stored: SyncedRow, has_result: bool) -> list[str]:
    """The actions to offer on the dossier page, in the order they are shown."""
    out = []
    for action, sources in ALLOWED_FROM.items():
        if (stored.status or "") in sources and auth.may(staff, action, stored.office_code):
            if action == "mark_ready" and not has_result:
                continue
            out.append(action)
    return out


def perform(
    session: Session,
    staff: StaffAccount,
    dossier_id: str,
    action: str,
    *,
    reason: str = "",
    new_due: dt.datetime | None = None,
) -> wire.DossierStatusChange:
    if action not in TARGET:
        raise ActionRefused("unknown_action")
    stored = load_for(session, staff, dossier_id, action, lock=True)
    current = stored.status or ""
    if current not in ALLOWED_FROM[action]:
        raise ActionRefused("wrong_status")
    reason = reason.strip()
    if action in REASON_REQUIRED and not reason:
        raise ActionRefused("reason_required")
    data = dict(stored.data)
    result_sha = ""
    old_due = None
    if action == "extend":
        old_due = queue_index.parse_when(data.get("due_at"))
        if new_due is None or (old_due is not None and new_due <= old_due):
            raise ActionRefused("due_not_later")
        data["due_at"] = new_due.isoformat()
    if action == "request_completion":
        data["due_at"] = None  # the clock stops while the citizen owes papers
    if action == "mark_ready":
        result = session.get(DossierResult, dossier_id)
        if result is None:
            raise ActionRefused("result_missing")
        result_sha = result.sha256
    target = TARGET[action]
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
        to_status=target,
        reason=_event_reason(action, reason, staff, new_due),
    )
    data.update(status=target, row_version=stored.row_version + 1, updated_at=now)
    dossier = wire.DossierWire.model_validate(data)
    backoffice.store_back_office_version(session, stored, dossier, event)
    queue_index.refresh_dossier(
        session, stored, missing=reason if action == "request_completion" else ""
    )
    if action == "extend":
        entry = session.get(DossierQueueEntry, dossier_id)
        if entry is not None:
            entry.previous_due_at = old_due
    change = wire.DossierStatusChange(
        dossier_id=dossier_id,
        status=dossier.status,
        row_version=dossier.row_version,
        updated_at=dossier.updated_at,
        events=[event],
        due_at=dossier.due_at if action == "extend" else None,
        result_sha256=result_sha,
    )
    changes.append(session, stored.office_code, change, dossier_id)
    auth.audit(session, staff.id, f"dossier_{action}", dossier_id, reason)
    return change


def _event_reason(
    action: str, reason: str, staff: StaffAccount, new_due: dt.datetime | None
) -> str:
    by = f" — {staff.full_name}"
    if action == "extend" and new_due is not None:
        return f"Gia hạn đến {new_due.astimezone(VN).strftime('%H:%M %d/%m/%Y')}: {reason}{by}"
    if action == "mark_ready":
        return f"Kết quả đã ký số{by}"
    if action == "take":
        return f"Tiếp nhận giải quyết{by}"
    return f"{reason}{by}"


VN = dt.timezone(dt.timedelta(hours=7))
