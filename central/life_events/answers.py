"""Which dossier answered each procedure a life event opens, learnt from the dossiers
counters push (their form data names the event): the event closes when every
procedure has its dossier, whichever counter of the office filed the last one, and
the answers travel back to the counters with the event."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.shared.types import utcnow
from central.life_events import service
from central.life_events.tables import LifeEvent


def record(
    session: Session, office: str, dossiers: Iterable[dict[str, Any]], *, lock: bool
) -> None:
    """``dossiers``: the wire data of dossiers this push stored (created or updated)."""
    for data in dossiers:
        event_id = str((data.get("form_data") or {}).get("life_event_id") or "")
        code, procedure = str(data.get("code", "")), str(data.get("procedure_code", ""))
        if not event_id or not code:
            continue
        query = select(LifeEvent).where(LifeEvent.id == event_id)
        row = session.scalar(query.with_for_update() if lock else query)  # two counters at once
        if row is None or row.office_code != office or procedure not in row.procedure_codes:
            continue  # not this office's event, or not a procedure it opens
        answers = dict(row.answers or {})
        if procedure in answers:
            continue  # the first dossier filed for it stands (a resend changes nothing)
        answers[procedure] = code
        row.answers = answers
        now = utcnow()
        if row.status == "open" and set(row.procedure_codes) <= set(answers):
            row.status, row.closed_dossier_code, row.closed_at = "closed", code, now
        row.row_version += 1
        row.updated_at = now
        service.publish(session, row)
