"""Form 07, the tracking book: every dossier received in the period, in order of receipt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.services.calendar.days import local
from app.services.calendar.timezone import VN_TZ
from app.services.forms.model import Agency, TrackingBookData, TrackingEntry
from app.services.reports.period import Period, ReportFilter, _where
from app.services.reports.summary import procedure_names
from app.services.storage.db import Database
from app.services.storage.models import Citizen, Dossier, Office, Procedure

DELIVERY_TEXT = {"counter": "Trực tiếp", "post": "Bưu chính", "electronic": "Điện tử"}


@dataclass(frozen=True, slots=True)
class TrackingRow:
    """One dossier of the tracking book; times are office-local."""

    dossier_id: str  # for the access log; not printed
    citizen_id: str  # for the access log; not printed
    code: str
    procedure_code: str
    procedure_name: str
    applicant_name: str
    address_phone: str
    lead_agency: str
    received_at: dt.datetime
    due_at: dt.datetime | None  # None while the clock is stopped (waiting for papers)
    returned_at: dt.datetime | None
    delivery: str
    published: tuple[str, str] = ("", "")  # (published name, national code), where known


def published_procedures(session: Session) -> dict[str, tuple[str, str]]:
    """Procedure code → (published name, national code) of its newest catalog snapshot."""
    out: dict[str, tuple[str, str]] = {}
    rows = session.execute(
        select(Procedure.code, Procedure.definition).order_by(Procedure.created_at, Procedure.id)
    )
    for code, definition in rows:
        published = (definition or {}).get("published") or {}
        out[code] = (published.get("name", ""), published.get("national_code", ""))
    return out


def tracking_rows(session: Session, flt: ReportFilter) -> list[TrackingRow]:
    """Every dossier received in the period, in order of receipt."""
    names = procedure_names(session)
    published = published_procedures(session)
    rows = session.execute(
        select(
            Dossier.id,
            Dossier.citizen_id,
            Dossier.code,
            Dossier.procedure_code,
            Citizen.full_name,
            Citizen.residence,
            Citizen.phone,
            Dossier.applicant_phone,
            Office.name,
            Dossier.submitted_at,
            Dossier.due_at,
            Dossier.returned_at,
            Dossier.delivery_method,
        )
        .join(Citizen, Citizen.id == Dossier.citizen_id)
        .join(Office, Office.id == Dossier.office_id)
        .where(*_where(flt, Dossier.submitted_at))
        .order_by(Dossier.submitted_at, Dossier.code)
    ).all()
    return [
        TrackingRow(
            dossier_id=r[0],
            citizen_id=r[1],
            code=r[2],
            procedure_code=r[3],
            procedure_name=names.get(r[3], r[3]),
            applicant_name=r[4],
            address_phone="; ".join(p for p in (r[5], r[7] or r[6]) if p),
            lead_agency=r[8],
            received_at=local(r[9]),
            due_at=local(r[10]) if r[10] else None,
            returned_at=local(r[11]) if r[11] else None,
            delivery=DELIVERY_TEXT.get(r[12]) or r[12],
            published=published.get(r[3], ("", "")),
        )
        for r in rows
    ]


class _NoAppointment(dt.datetime):
    """A due time form 07 leaves blank: the dossier waits for papers, so no date is set.

    ``TrackingEntry.due_at`` takes a datetime only and the layout prints it with
    ``strftime``; this stand-in prints as nothing until the form model accepts None.
    """

    def strftime(self, format: str) -> str:
        return ""


_BLANK_DUE = _NoAppointment(2000, 1, 1, tzinfo=VN_TZ)


def tracking_book_data(
    rows: Sequence[TrackingRow], period: Period, issued_on: dt.date | None = None
) -> TrackingBookData:
    return TrackingBookData(
        period_start=period.start,
        period_end=period.end,
        entries=tuple(
            TrackingEntry(
                dossier_code=r.code,
                procedure_name=r.procedure_name,
                procedure_code=r.procedure_code,
                published_name=r.published[0],
                national_code=r.published[1],
                applicant_name=r.applicant_name,
                address_phone=r.address_phone,
                lead_agency=r.lead_agency,
                received_at=r.received_at,
                due_at=r.due_at or _BLANK_DUE,
                returned_at=r.returned_at,
                delivery_method=r.delivery,
            )
            for r in rows
        ),
        issued_on=issued_on,
    )


def render_tracking_book_pdf(
    rows: Sequence[TrackingRow], period: Period, agency: Agency, issued_on: dt.date | None = None
) -> bytes:
    """Form 07 for the period, as printed (the page prints exactly these bytes)."""
    from app.services.forms.tracking_book import render_tracking_book  # reportlab: on demand

    return render_tracking_book(tracking_book_data(rows, period, issued_on), agency)


def read_tracking_rows(db: Database, flt: ReportFilter) -> list[TrackingRow]:
    with db.session() as s:
        return tracking_rows(s, flt)
