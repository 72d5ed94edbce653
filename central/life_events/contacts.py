"""Contact attempts counters push (entity ``life_event_contact`` in ``synced_rows``,
the event as parent): stored like any synced row — idempotent on the counter's id,
versioned — once central checked the event is the pushing office's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.shared import wire
from central.life_events.tables import LifeEvent
from central.models import Officer, SyncedRow

ENTITY = "life_event_contact"


def refusals(session: Session, office: str, items: list[Any]) -> dict[int, str]:
    """id(item) -> reason, for contacts about an event this office does not hold."""
    wanted = {
        id(i): i.life_event_contact.event_id
        for i in items
        if isinstance(i, wire.LifeEventContactItem)
    }
    if not wanted:
        return {}
    offices = dict(
        session.execute(
            select(LifeEvent.id, LifeEvent.office_code).where(
                LifeEvent.id.in_(set(wanted.values()))
            )
        ).all()
    )
    return {
        key: f"life event {event_id} is not routed to this office"
        for key, event_id in wanted.items()
        if offices.get(event_id) != office
    }


@dataclass(frozen=True, slots=True)
class Contact:
    at: dt.datetime
    officer: str  # the officer's name, else their id
    channel: str
    outcome: str
    note: str


def of_events(session: Session, event_ids: list[str]) -> dict[str, list[Contact]]:
    """Each event's attempts, oldest first."""
    if not event_ids:
        return {}
    rows = list(
        session.scalars(
            select(SyncedRow).where(SyncedRow.entity == ENTITY, SyncedRow.parent_id.in_(event_ids))
        )
    )
    names = dict(
        session.execute(
            select(Officer.id, Officer.full_name).where(
                Officer.id.in_({str(r.data.get("officer_id", "")) for r in rows})
            )
        ).all()
    )
    out: dict[str, list[Contact]] = {}
    for r in rows:
        d = r.data
        officer = str(d.get("officer_id", ""))
        out.setdefault(str(r.parent_id), []).append(
            Contact(
                at=dt.datetime.fromisoformat(str(d["at"])),
                officer=names.get(officer, officer),
                channel=str(d.get("channel", "")),
                outcome=str(d.get("outcome", "")),
                note=str(d.get("note", "")),
            )
        )
    for contacts in out.values():
        contacts.sort(key=lambda c: c.at)
    return out
