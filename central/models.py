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
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.services.storage.types import UTCDateTime, utcnow

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
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


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
    revoked_at: Mapped[dt.datetime | None] = mapped_column(default=None)


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
    data: Mapped[bytes] = mapped_column(LargeBinary)


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
