"""The one wire format between a counter and the central service (API version 1).

Both sides import these pydantic models: the counter builds and reads them without
FastAPI, the central service declares them as request and response bodies, so the
OpenAPI page documents exactly what travels. Every synced row carries its client UUID
and ``row_version``; ``content_hash`` is how both sides tell "the same row again" (a
retry after a lost answer) from "the same version with different content" (a conflict).

Times are aware UTC datetimes on the wire. Personal data travels only inside the
bodies, never in URLs (URLs end up in access logs).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from app.shared.wire_base import UTC, Wire, canonical_json, content_hash, hash_data
from app.shared.wire_lookup import (
    DossierSummary,
    HealthCard,
    Household,
    HouseholdMember,
    LookupRequest,
    LookupResult,
    RegisterPerson,
    StatusChangeRequest,
)
from app.shared.wire_pull import (
    BhxhNumberWire,
    Change,
    ChangeData,
    ChangesPage,
    DossierStatusChange,
    LifeEventWire,
    OfficerWire,
    PublishedWire,
    Tombstone,
)
from app.shared.wire_rows import (
    AttachmentWire,
    AuditWire,
    CitizenWire,
    DossierAttachmentLink,
    DossierDocumentWire,
    DossierEventWire,
    DossierWire,
    FaceMatchWire,
    LifeEventContactWire,
    RowWire,
)

API_PREFIX = "/api/v1"
DEVICE_HEADER = "X-MotCua-Device"  # device id; the secret goes in "Authorization: Bearer"

__all__ = [
    "UTC",
    "AttachmentWire",
    "AuditWire",
    "BhxhNumberWire",
    "Change",
    "ChangeData",
    "ChangesPage",
    "CitizenWire",
    "DossierAttachmentLink",
    "DossierDocumentWire",
    "DossierEventWire",
    "DossierStatusChange",
    "DossierSummary",
    "DossierWire",
    "FaceMatchWire",
    "HealthCard",
    "Household",
    "HouseholdMember",
    "LifeEventContactWire",
    "LifeEventWire",
    "LookupRequest",
    "LookupResult",
    "OfficerWire",
    "PublishedWire",
    "RegisterPerson",
    "RowWire",
    "StatusChangeRequest",
    "Tombstone",
    "Wire",
    "canonical_json",
    "content_hash",
    "hash_data",
]


# --- rows a counter pushes -------------------------------------------------------------


class DossierItem(Wire):
    """A dossier with its checklist lines and lifecycle events, pushed as one unit."""

    entity: Literal["dossier"] = "dossier"
    ref: int  # the counter's outbox sequence, echoed in the answer
    dossier: DossierWire
    base_version: int = Field(default=0, ge=0)  # central's version this change builds on
    documents: list[DossierDocumentWire] = Field(default_factory=list)
    events: list[DossierEventWire] = Field(default_factory=list)


class CitizenItem(Wire):
    entity: Literal["citizen"] = "citizen"
    ref: int
    office_code: str
    citizen: CitizenWire
    base_version: int = Field(default=0, ge=0)  # central's version this change builds on


class AttachmentItem(Wire):
    """Metadata only; the content goes first through the resumable blob upload."""

    entity: Literal["attachment"] = "attachment"
    ref: int
    office_code: str
    attachment: AttachmentWire
    base_version: int = Field(default=0, ge=0)  # central's version this change builds on


class AuditItem(Wire):
    entity: Literal["audit"] = "audit"
    ref: int
    office_code: str
    audit: AuditWire


class LifeEventContactItem(Wire):
    entity: Literal["life_event_contact"] = "life_event_contact"
    ref: int
    office_code: str
    life_event_contact: LifeEventContactWire  # named as its entity, like the others
    base_version: int = Field(default=0, ge=0)  # central's version this change builds on


class FaceMatchItem(Wire):
    entity: Literal["face_match"] = "face_match"
    ref: int
    office_code: str
    face_match: FaceMatchWire
    base_version: int = Field(default=0, ge=0)  # central's version this change builds on


PushItem = Annotated[
    DossierItem | CitizenItem | AttachmentItem | AuditItem | LifeEventContactItem | FaceMatchItem,
    Field(discriminator="entity"),
]


class PushRequest(Wire):
    items: list[PushItem] = Field(max_length=500)


Outcome = Literal[
    "created",  # first time the server sees it
    "updated",  # a newer row_version replaced the stored one
    "duplicate",  # already there with the same content: the retry is harmless
    "conflict",  # not based on central's current version (or same version, other
    # content): 409, central's version and status come with the answer
    "forbidden",  # another office's data: 403
    "invalid",  # refused as malformed: 422
    "retry",  # not yet acceptable (e.g. attachment content not complete): try later
]
ACCEPTED: frozenset[str] = frozenset({"created", "updated", "duplicate"})


class PushResult(Wire):
    ref: int
    entity: str
    id: str
    outcome: Outcome
    status: int  # the HTTP status this item alone would have had
    reason: str = ""  # technical reason, never personal data
    central_version: int | None = None  # on a conflict: what central holds now
    central_status: str | None = None  # dossiers: central's status


class PushResponse(Wire):
    results: list[PushResult]


# --- the access log's chain head, reported with every sync -----------------------------

AUDIT_HEAD_HEADER = "X-MotCua-Audit-Head"  # on push and pull: the counter's chain head
AUDIT_SEEN_HEADER = "X-MotCua-Audit-Seen"  # in the answer: the head central holds now


class AuditHead(Wire):
    """A counter's access-log chain head (``app.services.audit``) as a header value.

    ``base_seq`` is the head central last answered with (``AUDIT_SEEN_HEADER``) and
    ``base_hash`` the counter's own hash of its record at that seq ("" if it no longer
    has it): central checks that the new head extends the one it saw.
    """

    seq: int = Field(ge=0)
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    count: int = Field(default=0, ge=0)  # records the counter holds (fewer than seq: a gap)
    base_seq: int | None = Field(default=None, ge=0)
    base_hash: str | None = Field(default=None, pattern=r"^([0-9a-f]{64})?$")

    def header(self) -> str:
        parts = {"seq": self.seq, "hash": self.hash, "count": self.count}
        if self.base_seq is not None:
            parts |= {"base_seq": self.base_seq, "base_hash": self.base_hash or ""}
        return ";".join(f"{k}={v}" for k, v in parts.items())

    @classmethod
    def from_header(cls, value: str) -> AuditHead:
        """Raises ValueError (pydantic's ValidationError) when malformed."""
        fields = dict(part.partition("=")[::2] for part in value.split(";") if part.strip())
        return cls.model_validate({k.strip(): v.strip() for k, v in fields.items()})


class AuditAlertWire(Wire):
    id: int
    at: UTC
    device_id: str
    office_code: str
    counter_number: int | None = None
    kind: Literal["gap", "fork", "truncated"]
    seq: int
    detail: str


# --- attachments content (resumable) ----------------------------------------------------


class BlobStart(Wire):
    size: int = Field(ge=0, le=200 * 1024 * 1024)


class BlobStatus(Wire):
    sha256: str
    size: int
    received: int  # next offset to send
    complete: bool  # all bytes received and SHA-256 verified


class SerialLeaseRequest(Wire):
    """A block of the office-day's 4-digit dossier serials (see app.services.dossier_codes)."""

    day: dt.date
    count: int = Field(default=50, ge=1, le=500)


class SerialLease(Wire):
    day: dt.date
    first: int
    last: int


# --- enrollment, health, errors -----------------------------------------------------------


class EnrollRequest(Wire):
    code: str = Field(min_length=4, max_length=64)
    device_name: str = Field(default="", max_length=100)


class EnrollResponse(Wire):
    device_id: str
    secret: str
    office_code: str
    office_name: str
    counter_number: int


class Health(Wire):
    version: str
    api: str = "v1"
    database: bool
    server_time: UTC


class ErrorBody(Wire):
    """Body of every refusal: a machine reason the counter maps to a message."""

    reason: str  # revoked, unknown_device, bad_secret, office_mismatch, code_invalid, …
    message: str = ""
