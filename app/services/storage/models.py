"""The local database: typed SQLAlchemy 2 models on one declarative base.

Every table has a client-generated UUID key (counters create rows offline), UTC
timestamps and a row version (optimistic locking; the sync wire carries it). The
schema changes only through Alembic revisions in ``migrations/versions``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from app.shared.types import UTCDateTime, UUIDStr, new_id, utcnow

# Explicit constraint names: Alembic batch mode on SQLite needs them to alter tables.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dt.datetime: UTCDateTime()}


class Row:
    """Columns every synced table carries."""

    id: Mapped[str] = mapped_column(UUIDStr, primary_key=True, default=new_id)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    row_version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.row_version}  # type: ignore[attr-defined]


class Office(Row, Base):
    __tablename__ = "offices"
    code: Mapped[str] = mapped_column(String(40), unique=True)  # agency electronic code
    name: Mapped[str] = mapped_column(String(200))
    parent_name: Mapped[str] = mapped_column(String(200), default="")
    place_name: Mapped[str] = mapped_column(String(100), default="")  # "…, ngày … tháng …"
    province_code: Mapped[str] = mapped_column(String(10), default="")


class Counter(Row, Base):
    __tablename__ = "counters"
    __table_args__ = (UniqueConstraint("office_id", "number"),)
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"))
    number: Mapped[int] = mapped_column(Integer)  # owns its block of dossier sequences
    name: Mapped[str] = mapped_column(String(100))


class Officer(Row, Base):
    __tablename__ = "officers"
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"))
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20), default="officer")  # officer/supervisor/admin
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(default=None)


class Citizen(Row, Base):
    __tablename__ = "citizens"
    id_number: Mapped[str] = mapped_column(String(20), unique=True)  # 12-digit ID or passport
    full_name: Mapped[str] = mapped_column(String(120))
    name_folded: Mapped[str] = mapped_column(String(120), index=True)  # no diacritics, lower
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date, default=None)
    dob_text: Mapped[str] = mapped_column(String(20), default="")
    sex: Mapped[str] = mapped_column(String(10), default="")
    nationality: Mapped[str] = mapped_column(String(60), default="Việt Nam")
    ethnicity: Mapped[str] = mapped_column(String(60), default="")  # sensitive
    religion: Mapped[str] = mapped_column(String(60), default="")  # sensitive
    place_of_origin: Mapped[str] = mapped_column(Text, default="")
    residence: Mapped[str] = mapped_column(Text, default="")
    old_id_number: Mapped[str] = mapped_column(String(12), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    bhxh_number: Mapped[str] = mapped_column(String(10), default="", index=True)
    # How the ID was last verified: chip+passive auth / qr / typed / register.
    id_verified_by: Mapped[str] = mapped_column(String(20), default="")
    id_verified_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class Procedure(Row, Base):
    """A snapshot of one catalog entry as used by dossiers (the catalog is data files)."""

    __tablename__ = "procedures"
    __table_args__ = (UniqueConstraint("code", "catalog_version"),)
    code: Mapped[str] = mapped_column(String(20))
    catalog_version: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(Text)
    definition: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Dossier(Row, Base):
    __tablename__ = "dossiers"
    __table_args__ = (Index("ix_dossiers_status_due", "status", "due_at"),)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    lookup_code: Mapped[str] = mapped_column(String(20), unique=True)
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"))
    counter_id: Mapped[str] = mapped_column(ForeignKey("counters.id"))
    citizen_id: Mapped[str] = mapped_column(ForeignKey("citizens.id"), index=True)
    officer_id: Mapped[str] = mapped_column(ForeignKey("officers.id"))
    procedure_code: Mapped[str] = mapped_column(String(20), index=True)
    catalog_version: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(30), default="received")
    submitted_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    valid_received_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    due_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    returned_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    returned_to: Mapped[str] = mapped_column(String(120), default="")
    delivery_method: Mapped[str] = mapped_column(String(20), default="counter")  # or post
    delivery_address: Mapped[str] = mapped_column(Text, default="")
    number_of_sets: Mapped[int] = mapped_column(Integer, default=1)
    book_number: Mapped[str] = mapped_column(String(20), default="")
    book_sequence: Mapped[int | None] = mapped_column(Integer, default=None)
    applicant_phone: Mapped[str] = mapped_column(String(20), default="")
    applicant_email: Mapped[str] = mapped_column(String(120), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    form_data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # procedure fields
    # app.services.identity.IdentificationMethod of this intake ("" before revision 0004)
    identified_by: Mapped[str] = mapped_column(String(20), default="", server_default="")
    # BHXH's own "số hồ sơ" (e.g. 03706/2026/07906): central assigns it, the pull fills it.
    bhxh_number: Mapped[str] = mapped_column(String(30), default="", server_default="")

    documents: Mapped[list[DossierDocument]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan", order_by="DossierDocument.position"
    )
    events: Mapped[list[DossierEvent]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan", order_by="DossierEvent.at"
    )


class DossierDocument(Row, Base):
    """One line of the procedure's checklist as received for this dossier."""

    __tablename__ = "dossier_documents"
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(Text)
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    originals: Mapped[int] = mapped_column(Integer, default=0)
    copies: Mapped[int] = mapped_column(Integer, default=0)
    received: Mapped[bool] = mapped_column(Boolean, default=False)
    dossier: Mapped[Dossier] = relationship(back_populates="documents")


class DossierEvent(Row, Base):
    """A lifecycle transition: who moved the dossier from which status to which, when."""

    __tablename__ = "dossier_events"
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    officer_id: Mapped[str | None] = mapped_column(ForeignKey("officers.id"), default=None)
    from_status: Mapped[str] = mapped_column(String(30), default="")
    to_status: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(Text, default="")
    dossier: Mapped[Dossier] = relationship(back_populates="events")


class Attachment(Row, Base):
    """A digitized document of a citizen; content lives in the data folder by SHA-256."""

    __tablename__ = "attachments"
    citizen_id: Mapped[str] = mapped_column(ForeignKey("citizens.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    label: Mapped[str] = mapped_column(Text, default="")  # which paper this is
    filename: Mapped[str] = mapped_column(String(255), default="")
    mime_type: Mapped[str] = mapped_column(String(60))
    size: Mapped[int] = mapped_column(Integer)
    page_count: Mapped[int] = mapped_column(Integer, default=1)


class DossierAttachment(Base):
    __tablename__ = "dossier_attachments"
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), primary_key=True)
    attachment_id: Mapped[str] = mapped_column(ForeignKey("attachments.id"), primary_key=True)
    document_id: Mapped[str | None] = mapped_column(
        ForeignKey("dossier_documents.id"), default=None
    )


class AuditEvent(Base):
    """Access log of personal data; hash-chained so edits and removals show."""

    __tablename__ = "audit_events"
    id: Mapped[str] = mapped_column(UUIDStr, primary_key=True, default=new_id)
    seq: Mapped[int] = mapped_column(Integer, unique=True)  # chain order
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    officer_id: Mapped[str | None] = mapped_column(String(36), default=None)
    action: Mapped[str] = mapped_column(String(40))  # display, print, export, change, login…
    citizen_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True)
    dossier_id: Mapped[str | None] = mapped_column(String(36), default=None)
    purpose: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")


class OutboxItem(Base):
    """A change waiting to reach the central service, written in the change's transaction."""

    __tablename__ = "sync_outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(40))  # dossier, event, audit, attachment
    entity_id: Mapped[str] = mapped_column(UUIDStr, index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    state: Mapped[str] = mapped_column(String(20), default="pending")  # pending/sent/rejected
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class DossierSequence(Base):
    """Last dossier sequence used per office, counter and day (see dossier codes)."""

    __tablename__ = "dossier_sequences"
    office_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    counter_number: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer, default=0)


class SerialLease(Base):
    """A range of the day's 4-digit serials central leased to this counter; ``next_serial``
    is the next one to hand out (the range is used up when it passes ``last_serial``)."""

    __tablename__ = "serial_leases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    office_code: Mapped[str] = mapped_column(String(40))
    day: Mapped[dt.date] = mapped_column(Date)
    first_serial: Mapped[int] = mapped_column(Integer)
    last_serial: Mapped[int] = mapped_column(Integer)
    next_serial: Mapped[int] = mapped_column(Integer)
    leased_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class KeyValue(Base):
    """Small local state: sync watermark, last sync time, saved unfinished intake."""

    __tablename__ = "local_state"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class LifeEvent(Base):
    """A birth or death routed to this office by central (``wire.LifeEventWire``).
    Central owns it; the counter only records contacts and closes it with a dossier.
    ``closed_*`` and ``close_sent`` are the counter's own: the closure travels to
    central on the next sync (``close_sent`` False until central acknowledged it)."""

    __tablename__ = "life_events"
    id: Mapped[str] = mapped_column(UUIDStr, primary_key=True)  # central's id
    event_type: Mapped[str] = mapped_column(String(10))
    certificate_number: Mapped[str] = mapped_column(String(40))
    event_date: Mapped[dt.date] = mapped_column(Date)
    facility: Mapped[str] = mapped_column(String(200), default="")
    subject: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    relatives: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    procedure_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    filing_deadline: Mapped[dt.date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(12), default="open")
    central_version: Mapped[int] = mapped_column(Integer, default=1)
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    closed_dossier_code: Mapped[str] = mapped_column(String(60), default="")
    # procedure code -> dossier code, as central last said (any counter of the office)
    answers: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    closed_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    close_sent: Mapped[bool] = mapped_column(Boolean, default=True)

    contacts: Mapped[list[LifeEventContact]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="LifeEventContact.at"
    )


class LifeEventContact(Base):
    """One attempt to reach the family (phone, letter, visit) and how it went."""

    __tablename__ = "life_event_contacts"
    id: Mapped[str] = mapped_column(UUIDStr, primary_key=True, default=new_id)
    event_id: Mapped[str] = mapped_column(ForeignKey("life_events.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    officer_id: Mapped[str] = mapped_column(ForeignKey("officers.id"))
    channel: Mapped[str] = mapped_column(String(10))  # phone / letter / visit
    outcome: Mapped[str] = mapped_column(String(20))  # reached / no_answer / …
    note: Mapped[str] = mapped_column(Text, default="")

    event: Mapped[LifeEvent] = relationship(back_populates="contacts")


class SyncedVersion(Base):
    """The version of a row central last confirmed (pushed and acknowledged, or pulled).

    Every push says which central version it was based on; a push based on an older
    one is a conflict at central, never an overwrite. A row with no entry here has
    never reached central (based on 0)."""

    __tablename__ = "sync_versions"
    entity: Mapped[str] = mapped_column(String(20), primary_key=True)
    entity_id: Mapped[str] = mapped_column(UUIDStr, primary_key=True)
    central_version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class FaceMatch(Base):
    """One face-match attempt at the counter (app/services/face_records.py).

    Figures only: the score, the decision, the quality figures and the model that
    decided; never a descriptor. The camera image is kept (encrypted, by hash in the
    attachment store) only when the office's face policy says ``keep_camera_image``.
    ``dossier_id`` is empty until the intake is saved."""

    __tablename__ = "face_matches"
    id: Mapped[str] = mapped_column(UUIDStr, primary_key=True, default=new_id)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    officer_id: Mapped[str | None] = mapped_column(String(36), default=None)
    dossier_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True)
    citizen_id: Mapped[str | None] = mapped_column(String(36), default=None)
    id_number: Mapped[str] = mapped_column(String(20), default="", index=True)
    decision: Mapped[str] = mapped_column(String(12))  # match / no_match / retry
    score: Mapped[float | None] = mapped_column(Float, default=None)
    distance: Mapped[float | None] = mapped_column(Float, default=None)
    threshold: Mapped[float] = mapped_column(Float)
    model: Mapped[str] = mapped_column(String(80))
    model_version: Mapped[str] = mapped_column(String(120))
    quality: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    liveness_moved: Mapped[bool | None] = mapped_column(Boolean, default=None)
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    image_sha256: Mapped[str] = mapped_column(String(64), default="")
    override_decision: Mapped[str] = mapped_column(String(12), default="")
    override_by: Mapped[str | None] = mapped_column(String(36), default=None)
    override_reason: Mapped[str] = mapped_column(Text, default="")
    override_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    # synced to central (figures and override only): a version per change
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    row_version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": row_version}

    @property
    def final_decision(self) -> str:
        return self.override_decision or self.decision
