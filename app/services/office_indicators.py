"""The Đề án 06 indicators of this office, from its own database (the counter's
Báo cáo page); the arithmetic is ``app.services.indicators``, shared with central."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import inspect, or_, select
from sqlalchemy.orm import Session, selectinload

from app.services.indicators import (
    BIOMETRIC_LABEL,
    LIFE_EVENTS_OPENED_LABEL,
    DossierFact,
    Figure,
    Indicators,
    LifeEventFigures,
    compute,
)
from app.services.storage.db import Database
from app.services.storage.models import (
    Dossier,
    DossierAttachment,
    DossierEvent,
    LifeEvent,
    Office,
)
from app.shared.lifecycle import Status

# --- at the counter: the office's own database ------------------------------------------


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    from app.services.calendar.timezone import VN_TZ

    low = dt.datetime.combine(start, dt.time(), tzinfo=VN_TZ).astimezone(dt.UTC)
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=VN_TZ)
    return low, high.astimezone(dt.UTC)


def office_facts(session: Session, start: dt.date, end: dt.date) -> list[DossierFact]:
    low, high = _bounds(start, end)
    rows = session.execute(
        select(
            Dossier.id,
            Dossier.code,
            Dossier.submitted_at,
            Dossier.procedure_code,
            Dossier.delivery_method,
            Dossier.identified_by,
            Dossier.status,
            Dossier.due_at,
            Dossier.returned_at,
        ).where(Dossier.submitted_at >= low, Dossier.submitted_at < high)
    ).all()
    ids = [r.id for r in rows]
    ready: dict[str, dt.datetime] = {}
    links: dict[str, list[str]] = defaultdict(list)
    first_use: dict[str, tuple[dt.datetime, str]] = {}
    for chunk in _chunks(ids, 500):
        for dossier_id, at in session.execute(
            select(DossierEvent.dossier_id, DossierEvent.at).where(
                DossierEvent.dossier_id.in_(chunk), DossierEvent.to_status == Status.RESULT_READY
            )
        ):
            ready[dossier_id] = min(at, ready.get(dossier_id, at))
        for dossier_id, attachment_id in session.execute(
            select(DossierAttachment.dossier_id, DossierAttachment.attachment_id).where(
                DossierAttachment.dossier_id.in_(chunk)
            )
        ):
            links[dossier_id].append(attachment_id)
    attachments = {a for ids_ in links.values() for a in ids_}
    for chunk in _chunks(sorted(attachments), 500):
        for attachment_id, dossier_id, at in session.execute(
            select(DossierAttachment.attachment_id, Dossier.id, Dossier.submitted_at)
            .join(Dossier, Dossier.id == DossierAttachment.dossier_id)
            .where(DossierAttachment.attachment_id.in_(chunk))
        ):
            known = first_use.get(attachment_id)
            if known is None or (at, dossier_id) < known:
                first_use[attachment_id] = (at, dossier_id)
    return [
        DossierFact(
            id=r.id,
            code=r.code,
            submitted_at=r.submitted_at,
            procedure_code=r.procedure_code,
            channel=r.delivery_method,
            identified_by=r.identified_by,
            status=r.status,
            due_at=r.due_at,
            finished_at=ready.get(r.id) or r.returned_at,
            documents=len(links[r.id]),
            reused=sum(1 for a in links[r.id] if first_use[a][1] != r.id),
        )
        for r in rows
    ]


def _chunks(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


BIOMETRIC_TABLE = "face_matches"  # written by the counter's face check, where installed


def biometrics_figure(session: Session, dossier_ids: Sequence[str]) -> Figure | None:
    """Dossiers whose citizen was verified by a face match at the counter (the match
    decided by the model, or recorded by a supervisor's override); None when this
    database has no face-match table."""
    if not inspect(session.get_bind()).has_table(BIOMETRIC_TABLE):
        return None
    from app.services.storage.models import FaceMatch

    matched_rows = or_(
        FaceMatch.override_decision == "match",
        (FaceMatch.override_decision == "") & (FaceMatch.decision == "match"),
    )
    matched: set[str] = set()
    for chunk in _chunks(list(dossier_ids), 500):
        matched.update(
            d
            for d in session.scalars(
                select(FaceMatch.dossier_id).where(FaceMatch.dossier_id.in_(chunk), matched_rows)
            )
            if d
        )
    return Figure(
        "biometrics.matched",
        BIOMETRIC_LABEL,
        len(matched),
        len(dossier_ids),
        tuple(sorted(matched)),
    )


def for_office(session: Session, start: dt.date, end: dt.date, as_of: dt.datetime) -> Indicators:
    """The office head's indicators for the counter's own office."""
    from app.services.reports import procedure_names

    facts = office_facts(session, start, end)
    office = session.scalars(select(Office.name)).first() or ""
    ind = compute(
        facts,
        unit=office,
        start=start,
        end=end,
        as_of=as_of,
        procedure_names=procedure_names(session),
        biometrics=biometrics_figure(session, [f.id for f in facts]),
    )
    return dataclasses.replace(ind, life_events=life_event_figures(session, start, end))


def life_event_figures(session: Session, start: dt.date, end: dt.date) -> LifeEventFigures:
    """Births and deaths routed to the office that arrived in the period, those a
    dossier was taken in for here, and the days from the event to that dossier."""
    from app.services.calendar.timezone import VN_TZ

    low, high = _bounds(start, end)
    events = list(
        session.scalars(
            select(LifeEvent)
            .options(selectinload(LifeEvent.contacts))
            .where(LifeEvent.received_at >= low, LifeEvent.received_at < high)
        )
    )
    opened = [e for e in events if e.closed_dossier_code and e.closed_at is not None]
    codes = [e.closed_dossier_code for e in opened]
    ids = dict(
        session.execute(select(Dossier.code, Dossier.id).where(Dossier.code.in_(codes))).all()
    )
    days = [
        (e.closed_at.astimezone(VN_TZ).date() - e.event_date).days
        for e in opened
        if e.closed_at is not None
    ]
    behind = tuple(ids[c] for c in codes if c in ids)
    return LifeEventFigures(
        received=len(events),
        opened=Figure(
            "life_events.opened", LIFE_EVENTS_OPENED_LABEL, len(opened), len(events), behind
        ),
        mean_days=sum(days) / len(days) if days else None,
        contacted=sum(bool(e.contacts) for e in events),
        contact_attempts=sum(len(e.contacts) for e in events),
    )


def read_for_office(db: Database, start: dt.date, end: dt.date, as_of: dt.datetime) -> Indicators:
    """``for_office`` in its own session: what the indicators page runs on its worker."""
    with db.session() as s:
        return for_office(s, start, end, as_of)


@dataclass(frozen=True, slots=True)
class DossierLine:
    """One dossier behind a figure, as the page lists it."""

    id: str
    code: str
    procedure_code: str
    status: str
    submitted_at: dt.datetime


def dossiers_behind(db: Database, dossier_ids: Sequence[str]) -> list[DossierLine]:
    """The dossiers a figure counted, in order of receipt."""
    out: list[DossierLine] = []
    with db.session() as s:
        for chunk in _chunks(dossier_ids, 500):  # SQLite's bound-parameter limit
            rows = s.execute(
                select(Dossier.id, Dossier.code, Dossier.procedure_code, Dossier.status,
                       Dossier.submitted_at)
                .where(Dossier.id.in_(chunk))
            )  # fmt: skip
            out += [DossierLine(*row) for row in rows]
    return sorted(out, key=lambda line: line.submitted_at)
