"""Life events in the indicators: how many births and deaths the health sector sent to
an office in the period, how many led to a dossier, how many days that took, and the
attempts counters made to reach the families (pushed like any synced row).

Counted from central's own ``life_events`` (received by office day, closed with the
dossier code a counter reported), so every counter of the office and the province
read the same figure; the dossiers behind it are linked by their ids where central
holds them (``dossier_queue``), else by code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.services.indicators import LIFE_EVENTS_OPENED_LABEL, Figure, LifeEventFigures
from app.shared.timezone import VN_TZ
from central.life_events.contacts import ENTITY as CONTACT
from central.life_events.tables import LifeEvent
from central.models import DossierQueueEntry, SyncedRow


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    low = dt.datetime.combine(start, dt.time(), tzinfo=VN_TZ).astimezone(dt.UTC)
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=VN_TZ)
    return low, high.astimezone(dt.UTC)


def life_event_figures(
    session: Session, offices: Sequence[str], start: dt.date, end: dt.date
) -> tuple[LifeEventFigures, dict[str, str]]:
    """The figures, and the codes of the dossiers behind them (id -> code)."""
    low, high = _bounds(start, end)
    rows = list(
        session.scalars(
            select(LifeEvent).where(
                LifeEvent.office_code.in_(list(offices)),
                LifeEvent.received_at >= low,
                LifeEvent.received_at < high,
            )
        )
    )
    opened = [r for r in rows if r.closed_dossier_code and r.closed_at is not None]
    codes = [r.closed_dossier_code for r in opened]
    ids = dict(
        session.execute(
            select(DossierQueueEntry.code, DossierQueueEntry.dossier_id).where(
                DossierQueueEntry.code.in_(codes)
            )
        ).all()
    ) if codes else {}  # fmt: skip
    days = [
        (r.closed_at.astimezone(VN_TZ).date() - r.event_date).days
        for r in opened
        if r.closed_at is not None
    ]
    behind = tuple(ids.get(c, c) for c in codes)
    figure = Figure("life_events.opened", LIFE_EVENTS_OPENED_LABEL, len(opened), len(rows), behind)
    attempts = (
        list(
            session.scalars(
                select(SyncedRow.parent_id).where(
                    SyncedRow.entity == CONTACT, SyncedRow.parent_id.in_([r.id for r in rows])
                )
            )
        )
        if rows
        else []
    )
    figures = LifeEventFigures(
        received=len(rows),
        opened=figure,
        mean_days=sum(days) / len(days) if days else None,
        contacted=len(set(attempts)),
        contact_attempts=len(attempts),
    )
    return figures, {ids.get(c, c): c for c in codes}
