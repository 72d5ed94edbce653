"""Tables of the life-event feed (part of the central schema, see central/tables.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.shared.types import new_id, utcnow
from central.models import Base


class PortalClient(Base):
    """A system allowed to post life events (the health-insurance assessment portal).
    A client type of its own: a counter's device credentials cannot post events and a
    portal's cannot pull a counter's feed. Only a hash of its secret is kept."""

    __tablename__ = "portal_clients"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(120))
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class OfficeArea(Base):
    """The residences an office is responsible for, as folded locality names ("phuong
    thu nghiem, da nang"): an event goes to the office with the longest matching area."""

    __tablename__ = "office_areas"
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"), primary_key=True)
    area: Mapped[str] = mapped_column(String(200), primary_key=True)


class LifeEvent(Base):
    """One certificate, as received, with what matching and routing made of it."""

    __tablename__ = "life_events"
    __table_args__ = (UniqueConstraint("event_type", "certificate_number"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    event_type: Mapped[str] = mapped_column(String(10))  # birth / death
    certificate_number: Mapped[str] = mapped_column(String(40))
    content_hash: Mapped[str] = mapped_column(String(64))  # a repeat must be identical
    client_id: Mapped[str] = mapped_column(ForeignKey("portal_clients.id"))
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    event_date: Mapped[dt.date] = mapped_column(Date)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)  # the validated certificate
    # matched: people found with confidence; ambiguous / unmatched wait for a person
    match_state: Mapped[str] = mapped_column(String(12), index=True)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    match: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # people and why
    office_code: Mapped[str | None] = mapped_column(
        ForeignKey("offices.code"), default=None, index=True
    )
    routed_by: Mapped[str] = mapped_column(String(20), default="")  # residence / manual
    procedure_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    filing_deadline: Mapped[dt.date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(12), default="open")  # open / closed
    closed_dossier_code: Mapped[str] = mapped_column(String(60), default="")
    # procedure code -> dossier code, from the dossiers counters push (``answers.py``)
    answers: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    closed_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
