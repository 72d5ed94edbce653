"""Receiving, resolving and closing life events; each change reaches the office's
counters through the feed (``central.changes``) in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.shared import wire
from app.shared.types import utcnow
from central import changes
from central.life_events import matching, routing
from central.life_events.schema import BirthCertificate, DeathNotice, LifeEventIn
from central.life_events.tables import LifeEvent, PortalClient
from central.models import Office, Person

parse_event: TypeAdapter[BirthCertificate | DeathNotice] = TypeAdapter(LifeEventIn)


class EventRefused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


def _residence(event: BirthCertificate | DeathNotice, match: matching.Match) -> str:
    if match.subject and match.subject.get("residence"):
        return str(match.subject["residence"])
    return (
        event.mother.residence if isinstance(event, BirthCertificate) else event.deceased.residence
    )


def _event_date(event: BirthCertificate | DeathNotice) -> dt.date:
    return (
        event.child.born_at.date() if isinstance(event, BirthCertificate) else event.died_at.date()
    )


def to_wire(row: LifeEvent) -> wire.LifeEventWire:
    match = row.match or {}
    return wire.LifeEventWire(
        id=row.id,
        event_type=row.event_type,  # type: ignore[arg-type]
        certificate_number=row.certificate_number,
        event_date=row.event_date,
        facility=row.payload.get("facility", {}).get("name", ""),
        payload=row.payload,
        subject=match.get("subject"),
        relatives=match.get("relatives") or [],
        confidence=row.confidence,
        procedure_codes=row.procedure_codes,
        filing_deadline=row.filing_deadline,
        status=row.status,  # type: ignore[arg-type]
        closed_dossier_code=row.closed_dossier_code,
        answers=dict(row.answers or {}),
        row_version=row.row_version,
    )


def publish(session: Session, row: LifeEvent) -> None:
    if row.office_code and row.match_state in ("matched", "resolved"):
        changes.append(session, row.office_code, to_wire(row), row.id)


def _route(session: Session, row: LifeEvent, event: BirthCertificate | DeathNotice) -> None:
    match = matching.Match(
        row.match_state, row.confidence, row.match.get("subject"), row.match.get("relatives") or []
    )
    row.office_code = routing.office_for(session, _residence(event, match))
    row.routed_by = "residence" if row.office_code else ""
    row.procedure_codes = routing.procedures_for(row.event_type, match.subject)
    row.filing_deadline = routing.deadline(row.event_type, row.event_date)
    if row.match_state in ("matched", "resolved") and not row.procedure_codes:
        row.status = "no_benefit"  # e.g. the deceased never took part in social insurance


def receive(
    session: Session, client: PortalClient, event: BirthCertificate | DeathNotice
) -> tuple[LifeEvent, bool]:
    """Store a certificate once; the same certificate again is a duplicate, a different
    one under the same number a conflict (the sender must correct it, not overwrite)."""
    content = event.model_dump(mode="json")
    digest = wire.hash_data(content)
    existing = session.scalar(
        select(LifeEvent).where(
            LifeEvent.event_type == event.event_type,
            LifeEvent.certificate_number == event.certificate_number,
        )
    )
    if existing is not None:
        if existing.content_hash != digest:
            raise EventRefused(409, "certificate_number_reused")
        return existing, True
    found = matching.match_event(session, event)
    confident = found.state == "matched" and found.confidence >= matching.ACT_ON
    row = LifeEvent(
        event_type=event.event_type,
        certificate_number=event.certificate_number,
        content_hash=digest,
        client_id=client.id,
        event_date=_event_date(event),
        payload=content,
        match_state="matched" if confident else ("ambiguous" if found.candidates else "unmatched"),
        confidence=found.confidence,
        match=found.as_json(),
    )
    session.add(row)
    _route(session, row, event)
    session.flush()
    publish(session, row)
    return row, False


def unrouted(row: LifeEvent) -> bool:
    """Matched to a person, but no office covers their residence: only a person can
    say which office takes it (until then it reaches no counter)."""
    return row.match_state in ("matched", "resolved") and row.office_code is None


def resolve(
    session: Session,
    event_id: str,
    id_number: str,
    office_code: str | None,
    *,
    acting_for: Collection[str] | None = None,
) -> LifeEvent:
    """A person in the back office names who the event is about (and, when the
    residence does not say, which office takes it). ``acting_for``: the offices the
    person answers for (``None``: the whole province); an event routed to another
    office, or a choice of another office, is refused."""
    row = session.get(LifeEvent, event_id)
    if row is None:
        raise EventRefused(404, "event_not_found")
    if acting_for is not None:
        mine = set(acting_for)
        if (row.office_code is not None and row.office_code not in mine) or (
            office_code is not None and office_code not in mine
        ):
            raise EventRefused(403, "not_your_office")
    if row.status != "open" or (row.match_state in ("matched", "resolved") and not unrouted(row)):
        raise EventRefused(409, "event_already_matched")
    if unrouted(row):
        return _route_by_hand(session, row, office_code)
    person = session.get(Person, id_number)
    if person is None:
        raise EventRefused(422, "person_not_in_register")
    if office_code is not None and session.get(Office, office_code) is None:
        raise EventRefused(422, "unknown_office")
    subject = matching.person_json(session, person)
    row.match = {**row.match, "subject": subject, "relatives": matching._household(session, person)}
    row.match_state, row.confidence = "resolved", 1.0
    _route(session, row, parse_event.validate_python(row.payload))
    if office_code is not None:
        row.office_code, row.routed_by = office_code, "manual"
    if row.office_code is None:
        raise EventRefused(422, "office_needed")
    row.row_version += 1
    row.updated_at = utcnow()
    publish(session, row)
    return row


def _route_by_hand(session: Session, row: LifeEvent, office_code: str | None) -> LifeEvent:
    """The person is known; only the office is missing."""
    if office_code is None:
        raise EventRefused(422, "office_needed")
    if session.get(Office, office_code) is None:
        raise EventRefused(422, "unknown_office")
    row.office_code, row.routed_by = office_code, "manual"
    row.row_version += 1
    row.updated_at = utcnow()
    publish(session, row)
    return row


def close(session: Session, office_code: str, event_id: str, dossier_code: str) -> LifeEvent:
    """The family came and a dossier was taken in: the event is done (idempotent)."""
    row = session.get(LifeEvent, event_id)
    if row is None or row.office_code != office_code:
        raise EventRefused(404, "event_not_found")
    if row.status == "closed":
        known = {row.closed_dossier_code, *(row.answers or {}).values()}
        if dossier_code not in known:
            raise EventRefused(409, "event_closed_by_other_dossier")
        return row
    row.status, row.closed_dossier_code, row.closed_at = "closed", dossier_code, utcnow()
    row.row_version += 1
    row.updated_at = row.closed_at
    publish(session, row)
    return row


def waiting(session: Session, limit: int = 200) -> list[LifeEvent]:
    """Events a person must resolve, oldest first: ambiguous or unmatched, and matched
    ones no office covers (unrouted)."""
    return list(
        session.scalars(
            select(LifeEvent)
            .where(
                or_(
                    LifeEvent.match_state.in_(("ambiguous", "unmatched")),
                    LifeEvent.office_code.is_(None),
                ),
                LifeEvent.status == "open",
            )
            .order_by(LifeEvent.received_at)
            .limit(limit)
        )
    )


def routed(session: Session, offices: Collection[str] | None, limit: int = 50) -> list[LifeEvent]:
    """Events sent to counters (``offices``: those; ``None``: all), newest first: what
    came of each, the dossiers filed for it and the attempts to reach the family."""
    query = select(LifeEvent).where(
        LifeEvent.office_code.is_not(None), LifeEvent.match_state.in_(("matched", "resolved"))
    )
    if offices is not None:
        query = query.where(LifeEvent.office_code.in_(list(offices)))
    return list(session.scalars(query.order_by(LifeEvent.received_at.desc()).limit(limit)))


def summary(session: Session) -> dict[str, Any]:
    rows = session.execute(
        select(
            LifeEvent.event_type, LifeEvent.match_state, LifeEvent.status, func.count()
        ).group_by(LifeEvent.event_type, LifeEvent.match_state, LifeEvent.status)
    ).all()
    return {
        "counts": [{"event_type": t, "match_state": m, "status": s, "n": n} for t, m, s, n in rows]
    }
