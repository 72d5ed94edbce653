"""The central service's tables (its own schema, its own Alembic history).

Rows pushed by counters are kept as their wire JSON in one table keyed by entity and
client UUID (``SyncedRow``): the server stores what the counter sent, byte for byte
comparable by hash, and extracts only the columns it queries (office, status, code).
Everything the counters pull is an entry of the change feed (``Change``), numbered by a
server sequence that only grows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    FetchedValue,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.shared.types import UTCDateTime, utcnow

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-numbers an INTEGER PRIMARY KEY; PostgreSQL gets a real BIGINT.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dt.datetime: UTCDateTime()}


class Office(Base):
    __tablename__ = "offices"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    province_code: Mapped[str] = mapped_column(String(10), default="")
    # BHXH's own office code (e.g. 07906), the last part of its dossier numbers.
    bhxh_code: Mapped[str] = mapped_column(String(10), default="", server_default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SerialDay(Base):
    """The next 4-digit dossier serial central will lease for an office and day."""

    __tablename__ = "serial_days"
    office_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    next_serial: Mapped[int] = mapped_column(Integer, default=1)


class BhxhNumber(Base):
    """BHXH's own dossier number, ``<sequence>/<year>/<office code>``, one per dossier."""

    __tablename__ = "bhxh_numbers"
    __table_args__ = (UniqueConstraint("office_code", "year", "sequence"),)
    dossier_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    office_code: Mapped[str] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(30))
    assigned_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Device(Base):
    """One enrolled counter machine. Only a hash of its secret is kept."""

    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"), index=True)
    counter_number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100), default="")
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    revoked_reason: Mapped[str] = mapped_column(String(200), default="")


class EnrollmentCode(Base):
    """A one-time code an administrator hands to the counter's installer."""

    __tablename__ = "enrollment_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"))
    counter_number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    device_id: Mapped[str | None] = mapped_column(String(36), default=None)


class AdminToken(Base):
    """Bearer tokens of the back office (hash only)."""

    __tablename__ = "admin_tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # None only for a token from before expiry existed (the migration dates them all).
    expires_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class DeviceAuditHead(Base):
    """A head of a counter's access-log chain as the counter reported it with a sync.

    The recent heads of each device; a report is checked against them (``audit_heads``).
    """

    __tablename__ = "device_audit_heads"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    hash: Mapped[str] = mapped_column(String(64))
    count: Mapped[int] = mapped_column(BigInteger, default=0)  # records the counter holds
    reported_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class AuditAlert(Base):
    """A break in a counter's access log seen at central: gap, fork, truncated tail."""

    __tablename__ = "audit_alerts"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    office_code: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # gap | fork | truncated
    seq: Mapped[int] = mapped_column(BigInteger)
    detail: Mapped[str] = mapped_column(String(300), default="")


class SyncedRow(Base):
    """A row a counter pushed (dossier, document, event, citizen, attachment, audit)."""

    __tablename__ = "synced_rows"
    __table_args__ = (
        Index("ix_synced_rows_office_entity", "office_code", "entity"),
        Index("ix_synced_rows_parent", "parent_id"),
    )
    entity: Mapped[str] = mapped_column(String(20), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    office_code: Mapped[str] = mapped_column(String(40))
    parent_id: Mapped[str | None] = mapped_column(String(36), default=None)
    row_version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str | None] = mapped_column(String(30), default=None)  # dossiers only
    code: Mapped[str | None] = mapped_column(String(60), default=None)  # dossiers only
    device_id: Mapped[str | None] = mapped_column(String(36), default=None)  # last writer
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class RowRevision(Base):
    """Hashes of superseded versions, so a late retry of an old version is recognised."""

    __tablename__ = "row_revisions"
    entity: Mapped[str] = mapped_column(String(20), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    row_version: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Blob(Base):
    """Attachment content being uploaded (resumable) or received, per office."""

    __tablename__ = "blobs"
    office_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigId)
    received: Mapped[int] = mapped_column(BigId, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    completed_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class BlobChunk(Base):
    __tablename__ = "blob_chunks"
    office_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    offset: Mapped[int] = mapped_column(BigId, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)  # sealed (central.blob_crypto)
    key_id: Mapped[str | None] = mapped_column(String(16), default=None)  # None: plaintext


class Change(Base):
    """The feed counters pull. ``office_code`` None: for every office (catalog, calendar)."""

    __tablename__ = "changes"
    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    office_code: Mapped[str | None] = mapped_column(String(40), default=None, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[str] = mapped_column(String(60))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class FeedEpoch(Base):
    """The feed's epoch: a new one after a restore tells counters to resync from 0."""

    __tablename__ = "feed_epoch"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    epoch: Mapped[str] = mapped_column(String(36))
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    reason: Mapped[str] = mapped_column(String(200), default="")


class Officer(Base):
    """Officer accounts, managed centrally and pulled by the counters of their office."""

    __tablename__ = "officers"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"), index=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20), default="officer")
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Published(Base):
    """Catalog and holiday-calendar versions published to every counter."""

    __tablename__ = "published"
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    version: Mapped[str] = mapped_column(String(40), primary_key=True)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    published_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


# --- the fictitious population register and BHXH registry -------------------------------


class Household(Base):
    __tablename__ = "register_households"
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    address: Mapped[str] = mapped_column(Text)


class Person(Base):
    __tablename__ = "register_people"
    id_number: Mapped[str] = mapped_column(String(12), primary_key=True)
    full_name: Mapped[str] = mapped_column(String(120))
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date, default=None)
    dob_text: Mapped[str] = mapped_column(String(20), default="")
    sex: Mapped[str] = mapped_column(String(10))
    nationality: Mapped[str] = mapped_column(String(60), default="Việt Nam")
    ethnicity: Mapped[str] = mapped_column(String(60), default="Kinh")
    place_of_origin: Mapped[str] = mapped_column(Text, default="")
    residence: Mapped[str] = mapped_column(Text, default="")
    household_code: Mapped[str | None] = mapped_column(
        ForeignKey("register_households.code"), default=None, index=True
    )
    relation: Mapped[str] = mapped_column(String(30), default="")


class Participant(Base):
    """A BHXH number linked to an ID number (a linked key, not the same number)."""

    __tablename__ = "bhxh_participants"
    bhxh_number: Mapped[str] = mapped_column(String(10), primary_key=True)
    id_number: Mapped[str] = mapped_column(String(12), unique=True)
    # The identity BHXH holds for the participant, checked against the population
    # register by ``central.register_check``; ``version`` grows with every change so a
    # re-run checks only what changed (a database trigger bumps it: migration 0009_events).
    full_name: Mapped[str] = mapped_column(String(120), default="")
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date, default=None)
    sex: Mapped[str] = mapped_column(String(10), default="")
    version: Mapped[int] = mapped_column(Integer, default=1, server_onupdate=FetchedValue())
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class HealthCard(Base):
    __tablename__ = "health_cards"
    card_number: Mapped[str] = mapped_column(String(15), primary_key=True)
    bhxh_number: Mapped[str] = mapped_column(String(10), index=True)
    beneficiary_group: Mapped[str] = mapped_column(String(2))
    benefit_level: Mapped[int] = mapped_column(Integer)
    province_code: Mapped[str] = mapped_column(String(2))
    hospital: Mapped[str] = mapped_column(String(200), default="")
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date, default=None)


class AccessLog(Base):
    """Who looked up whose record (personal data law: log every access)."""

    __tablename__ = "access_log"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    device_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(20), default="")  # register ID number
    outcome: Mapped[str] = mapped_column(String(20), default="")
    officer_id: Mapped[str | None] = mapped_column(String(36), default=None)
    purpose: Mapped[str] = mapped_column(String(200), default="")


# --- the web back office (central/web) ---------------------------------------------------


class StaffAccount(Base):
    """A processing officer, office head or administrator of the web back office.

    Not a counter officer (``Officer``): staff never sign in at a counter. ``offices``
    lists the office codes the account may work on; an administrator reaches all.
    """

    __tablename__ = "staff_accounts"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))  # processing_officer, office_head, admin
    offices: Mapped[list[str]] = mapped_column(JSON, default=list)
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(default=None)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class StaffSession(Base):
    """A signed-in browser. The cookie holds the token; only its hash is kept."""

    __tablename__ = "staff_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff_accounts.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class StaffAudit(Base):
    """What back-office staff did or looked at: sign-ins, scan views, every action."""

    __tablename__ = "staff_audit"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    staff_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True)
    action: Mapped[str] = mapped_column(String(40))
    dossier_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True)
    detail: Mapped[str] = mapped_column(String(300), default="")


class DossierQueueEntry(Base):
    """The columns the work queue filters and sorts on, one row per pushed dossier.

    Kept in step with ``synced_rows`` by ingest and by back-office actions, so a queue
    page is one indexed query instead of a scan of JSON documents.
    """

    __tablename__ = "dossier_queue"
    __table_args__ = (
        Index("ix_dossier_queue_office_received", "office_code", "submitted_at", "dossier_id"),
        Index("ix_dossier_queue_office_due", "office_code", "due_sort", "dossier_id"),
        Index("ix_dossier_queue_office_status", "office_code", "status", "submitted_at"),
        Index(
            "ix_dossier_queue_name_trgm",
            "name_folded",
            postgresql_using="gin",
            postgresql_ops={"name_folded": "gin_trgm_ops"},
        ),
    )
    dossier_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    office_code: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(60), index=True)
    lookup_code: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(30))
    procedure_code: Mapped[str] = mapped_column(String(60), default="")
    counter_number: Mapped[int] = mapped_column(Integer, default=0)
    submitted_at: Mapped[dt.datetime]
    due_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    # due_at, or far in the future while the clock is stopped: a non-null sort key
    # keeps keyset pagination one index range on both databases.
    due_sort: Mapped[dt.datetime]
    citizen_id: Mapped[str] = mapped_column(String(36), default="")
    id_number: Mapped[str] = mapped_column(String(12), default="", index=True)
    full_name: Mapped[str] = mapped_column(String(120), default="")
    name_folded: Mapped[str] = mapped_column(String(120), default="")  # no diacritics
    missing: Mapped[str] = mapped_column(Text, default="")  # what completion asks for
    previous_due_at: Mapped[dt.datetime | None] = mapped_column(default=None)  # before form 04
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class DossierResult(Base):
    """The signed result PDF an office issued for a dossier."""

    __tablename__ = "dossier_results"
    dossier_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    office_code: Mapped[str] = mapped_column(String(40))
    filename: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    signer: Mapped[str] = mapped_column(String(300), default="")
    signed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    staff_id: Mapped[str | None] = mapped_column(String(36), default=None)


class OfficeProfile(Base):
    """What the citizen page and the signer need to know about an office."""

    __tablename__ = "office_profiles"
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"), primary_key=True)
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    hours: Mapped[str] = mapped_column(String(200), default="")
    signing_key_path: Mapped[str] = mapped_column(String(500), default="")
    signing_cert_path: Mapped[str] = mapped_column(String(500), default="")
