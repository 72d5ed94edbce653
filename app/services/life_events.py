"""Life events at the counter: births and deaths central routed to this office.

The officer sees who is concerned, which procedure applies and how many days are left
before the filing limit, records each attempt to reach the family, and when a relative
comes to the counter the intake opens the suggested procedure prefilled from the event.
Saving that dossier closes the event in the same transaction; the closure reaches
central on the next sync (``push_closures``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.errors import ErrorKind, UserError
from app.services import audit
from app.services.calendar.timezone import VN_TZ
from app.services.storage import outbox
from app.services.storage.db import Database
from app.services.storage.models import Dossier, LifeEvent, LifeEventContact
from app.shared import wire
from app.shared.types import new_id, utcnow

CHANNELS = ("phone", "letter", "visit")
OUTCOMES = ("reached", "no_answer", "wrong_number", "letter_sent", "will_come", "declined")
CONTACT_PURPOSE = "Liên hệ gia đình về sự kiện hộ tịch (giấy chứng sinh, giấy báo tử)"


@dataclass(frozen=True, slots=True)
class EventView:
    """One line of the Sự kiện page (a snapshot: safe to hand to the GUI thread)."""

    id: str
    event_type: str  # birth / death
    event_date: dt.date
    certificate_number: str
    facility: str
    subject_name: str
    subject_id_number: str
    relatives: tuple[dict[str, Any], ...]
    procedure_codes: tuple[str, ...]
    filing_deadline: dt.date | None
    days_left: int | None  # negative: the limit has passed
    status: str
    contacts: int
    last_contact: str  # outcome of the last attempt, "" if none
    closed_dossier_code: str
    payload: dict[str, Any]
    # every dossier filed for it, any counter's (a death: survivors' and funeral grant)
    dossier_codes: tuple[str, ...] = ()

    def concerns(self, id_number: str) -> bool:
        return id_number == self.subject_id_number or any(
            r.get("id_number") == id_number for r in self.relatives
        )


def today_vn() -> dt.date:
    return dt.datetime.now(VN_TZ).date()


# --- from central ------------------------------------------------------------------------


def apply(session: Session, change: wire.LifeEventWire) -> None:
    """Upsert the pulled event; a closure made here and not yet acknowledged stays."""
    row = session.get(LifeEvent, change.id)
    if row is None:
        row = LifeEvent(id=change.id, received_at=utcnow())
        session.add(row)
    elif change.row_version < row.central_version:
        return  # an older page applied again
    row.event_type = change.event_type
    row.certificate_number = change.certificate_number
    row.event_date = change.event_date
    row.facility = change.facility
    row.subject = change.subject
    row.relatives = list(change.relatives)
    row.payload = change.payload
    row.confidence = change.confidence
    row.procedure_codes = list(change.procedure_codes)
    row.filing_deadline = change.filing_deadline
    row.central_version = change.row_version
    row.answers = dict(change.answers)
    if row.closed_dossier_code and not row.close_sent:
        return  # ours is newer: it is on its way to central
    row.status = change.status
    row.closed_dossier_code = change.closed_dossier_code


# --- what the page shows -----------------------------------------------------------------


def _view(row: LifeEvent, today: dt.date) -> EventView:
    subject = row.subject or {}
    last = row.contacts[-1].outcome if row.contacts else ""
    return EventView(
        id=row.id,
        event_type=row.event_type,
        event_date=row.event_date,
        certificate_number=row.certificate_number,
        facility=row.facility,
        subject_name=str(subject.get("full_name", "")),
        subject_id_number=str(subject.get("id_number", "")),
        relatives=tuple(row.relatives or ()),
        procedure_codes=tuple(row.procedure_codes or ()),
        filing_deadline=row.filing_deadline,
        days_left=(row.filing_deadline - today).days if row.filing_deadline else None,
        status=row.status,
        contacts=len(row.contacts),
        last_contact=last,
        closed_dossier_code=row.closed_dossier_code,
        payload=dict(row.payload or {}),
        dossier_codes=_codes(row),
    )


def _codes(row: LifeEvent) -> tuple[str, ...]:
    codes = [*(row.answers or {}).values(), row.closed_dossier_code]
    return tuple(dict.fromkeys(c for c in codes if c))


def list_events(
    db: Database, today: dt.date | None = None, *, open_only: bool = False
) -> list[EventView]:
    """Open events first, the nearest filing limit first; then the closed ones."""
    today = today or today_vn()
    with db.session() as s:
        q = select(LifeEvent).options(selectinload(LifeEvent.contacts))
        if open_only:
            q = q.where(LifeEvent.status == "open")
        views = [_view(r, today) for r in s.scalars(q)]
    return sorted(
        views,
        key=lambda v: (
            v.status != "open",
            v.filing_deadline or dt.date.max,
            v.event_date,
        ),
    )


def related_to(db: Database, id_number: str, today: dt.date | None = None) -> list[EventView]:
    """Open events that concern this citizen (the subject or a relative)."""
    return [v for v in list_events(db, today, open_only=True) if v.concerns(id_number)]


# --- what the officer does ------------------------------------------------------------


def record_contact(
    db: Database, event_id: str, officer_id: str, channel: str, outcome: str, note: str = ""
) -> None:
    if channel not in CHANNELS or outcome not in OUTCOMES:
        raise ValueError(f"unknown contact {channel}/{outcome}")
    with db.session() as s:
        row = s.get(LifeEvent, event_id)
        if row is None:
            raise UserError(ErrorKind.TEXT_INVALID, detail="life event not found")
        contact_id = new_id()
        s.add(
            LifeEventContact(
                id=contact_id,
                event_id=event_id,
                officer_id=officer_id,
                channel=channel,
                outcome=outcome,
                note=note,
            )
        )
        outbox.enqueue(s, "life_event_contact", contact_id)  # central counts the attempts
        # Reading the family's data to call them is an access to personal data.
        audit.record(
            s, officer_id, "display", purpose=CONTACT_PURPOSE, detail=f"life_event:{channel}"
        )


def _answered(session: Session, event_id: str, codes: list[str]) -> set[str]:
    """The event's procedures a dossier was already taken in for: here, or at another
    counter of the office (central's ``answers``, pulled with the event)."""
    rows = session.execute(
        select(Dossier.procedure_code, Dossier.form_data).where(Dossier.procedure_code.in_(codes))
    )
    here = {code for code, data in rows if (data or {}).get("life_event_id") == event_id}
    event = session.get(LifeEvent, event_id)
    return here | set(event.answers or {} if event is not None else {})


def pending_procedures(db: Database, view: EventView) -> tuple[str, ...]:
    """What the event still opens: a death opens survivors' benefits and the funeral
    grant, each its own dossier; the ones already filed here are done."""
    with db.session() as s:
        done = _answered(s, view.id, list(view.procedure_codes))
    return tuple(c for c in view.procedure_codes if c not in done)


def close_in(session: Session, event_id: str, dossier_code: str) -> None:
    """Inside the intake transaction (the new dossier flushed): the dossier answers the
    event; the event closes once every procedure it opens has its dossier."""
    row = session.get(LifeEvent, event_id)
    if row is None or row.status != "open":
        return  # closed meanwhile (another counter's dossier): the dossier stands on its own
    codes = list(row.procedure_codes or [])
    if codes and set(codes) - _answered(session, event_id, codes):
        return  # e.g. the funeral grant filed, survivors' benefits still to come
    row.status = "closed"
    row.closed_dossier_code = dossier_code
    row.closed_at = utcnow()
    row.close_sent = False


def _day(iso: str) -> str:
    """dd/mm/yyyy of an ISO date or date-time ("" when absent or unreadable)."""
    try:
        return dt.date.fromisoformat(iso[:10]).strftime("%d/%m/%Y") if iso else ""
    except ValueError:
        return ""


def prefill(view: EventView, claimant_id_number: str = "") -> dict[str, Any]:
    """Form fields the intake takes from the event; the officer sees and checks them.
    ``claimant_id_number``: who came (the mother, a relative of the deceased)."""
    p = view.payload
    relation = next(
        (
            str(r.get("relation") or "")
            for r in view.relatives
            if claimant_id_number and r.get("id_number") == claimant_id_number
        ),
        "",
    )
    if view.event_type == "birth":
        child = p.get("child", {})
        mother = p.get("mother", {})
        return {
            "life_event_id": view.id,
            "child_name": child.get("full_name") or "",
            "child_sex": child.get("sex", ""),
            "child_born_at": child.get("born_at", ""),
            "child_dob": _day(child.get("born_at", "")),
            # TK1-TS [10]: the parent or guardian of a child under 6
            "guardian": mother.get("full_name") or view.subject_name,
            "birth_certificate_number": view.certificate_number,
            "birth_facility": view.facility,
        }
    d = p.get("deceased", {})
    return {
        "life_event_id": view.id,
        "deceased_id_number": d.get("id_number") or view.subject_id_number,
        "deceased_name": d.get("full_name") or view.subject_name,
        "died_at": p.get("died_at", ""),
        "died_on": _day(p.get("died_at", "") or view.event_date.isoformat()),
        "death_notice_number": view.certificate_number,
        "claimant_relation": relation,
        "work_related": bool(p.get("work_related", False)),
    }


# --- to central --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Closure:
    event_id: str
    dossier_code: str


def pending_closures(db: Database) -> list[Closure]:
    with db.session() as s:
        rows = s.scalars(
            select(LifeEvent).where(
                LifeEvent.close_sent.is_(False), LifeEvent.closed_dossier_code != ""
            )
        )
        return [Closure(r.id, r.closed_dossier_code) for r in rows]


def mark_sent(db: Database, done: Iterable[str]) -> None:
    with db.session() as s:
        for event_id in done:
            row = s.get(LifeEvent, event_id)
            if row is not None:
                row.close_sent = True


# --- reports -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventCounts:
    received: int
    open: int
    dossiers_opened: int
    mean_days_to_dossier: float | None


def counts(db: Database, start: dt.date, end: dt.date) -> EventCounts:
    """Events received in [start, end] and what came of them (dossier codes carry the
    day they were taken in: ``…-YYMMDD-XXXX``)."""
    with db.session() as s:
        rows = list(
            s.scalars(
                select(LifeEvent).where(
                    LifeEvent.received_at >= dt.datetime.combine(start, dt.time(), VN_TZ),
                    LifeEvent.received_at
                    < dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), VN_TZ),
                )
            )
        )
    closed = [r for r in rows if r.closed_dossier_code and r.closed_at]
    days = [
        (r.closed_at.astimezone(VN_TZ).date() - r.event_date).days for r in closed if r.closed_at
    ]
    return EventCounts(
        received=len(rows),
        open=sum(r.status == "open" for r in rows),
        dossiers_opened=len(closed),
        mean_days_to_dossier=sum(days) / len(days) if days else None,
    )
