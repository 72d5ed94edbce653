"""The rows a counter pushes, as they travel (part of the wire format, re-exported by
``app.shared.wire``). Every synced row carries its client UUID and ``row_version``."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field

from app.shared.wire_base import UTC, Wire


class RowWire(Wire):
    id: str = Field(min_length=1, max_length=36)
    row_version: int = Field(ge=1)
    created_at: UTC
    updated_at: UTC


class DossierDocumentWire(RowWire):
    dossier_id: str
    position: int = 0
    name: str
    required: bool = True
    originals: int = 0
    copies: int = 0
    received: bool = False


class DossierEventWire(RowWire):
    dossier_id: str
    at: UTC
    officer_id: str | None = None
    from_status: str = ""
    to_status: str
    reason: str = ""


class DossierAttachmentLink(Wire):
    attachment_id: str
    document_id: str | None = None


class DossierWire(RowWire):
    code: str
    lookup_code: str
    office_code: str
    counter_number: int
    citizen_id: str
    officer_id: str
    procedure_code: str
    catalog_version: str
    status: str
    submitted_at: UTC
    valid_received_at: UTC | None = None
    due_at: UTC | None = None
    returned_at: UTC | None = None
    returned_to: str = ""
    delivery_method: str = "counter"
    delivery_address: str = ""
    number_of_sets: int = 1
    book_number: str = ""
    book_sequence: int | None = None
    applicant_phone: str = ""
    applicant_email: str = ""
    notes: str = ""
    form_data: dict[str, Any] = Field(default_factory=dict)
    attachments: list[DossierAttachmentLink] = Field(default_factory=list)
    identified_by: str = ""  # app.services.identity.IdentificationMethod


class CitizenWire(RowWire):
    id_number: str
    full_name: str
    date_of_birth: dt.date | None = None
    dob_text: str = ""
    sex: str = ""
    nationality: str = ""
    ethnicity: str = ""
    religion: str = ""
    place_of_origin: str = ""
    residence: str = ""
    old_id_number: str = ""
    phone: str = ""
    email: str = ""
    bhxh_number: str = ""
    id_verified_by: str = ""
    id_verified_at: UTC | None = None


class AttachmentWire(RowWire):
    citizen_id: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    label: str = ""
    filename: str = ""
    mime_type: str
    size: int = Field(ge=0)
    page_count: int = 1


class AuditWire(Wire):
    """Audit records are immutable: no row_version, the hash chain proves order."""

    id: str
    seq: int
    at: UTC
    officer_id: str | None = None
    action: str
    citizen_id: str | None = None
    dossier_id: str | None = None
    purpose: str = ""
    detail: str = ""
    prev_hash: str = ""
    hash: str = ""


class FaceMatchWire(Wire):
    """One face-match attempt at the counter: the result, the model that decided and a
    supervisor's override. Never an image, a descriptor or the quality figures."""

    id: str = Field(min_length=1, max_length=36)
    row_version: int = Field(ge=1)
    at: UTC
    updated_at: UTC
    officer_id: str | None = None
    dossier_id: str | None = None
    citizen_id: str | None = None
    decision: Literal["match", "no_match", "retry"]
    score: float | None = None
    distance: float | None = None
    threshold: float
    model: str = Field(max_length=80)
    model_version: str = Field(max_length=120)
    liveness_moved: bool | None = None
    consent: bool
    override_decision: Literal["", "match", "no_match"] = ""
    override_by: str | None = None
    override_reason: str = ""
    override_at: UTC | None = None


class LifeEventContactWire(RowWire):
    """One attempt to reach a family about a life event (written once, never edited:
    ``row_version`` stays 1, ``created_at`` and ``updated_at`` are the attempt's time)."""

    event_id: str = Field(min_length=1, max_length=36)
    officer_id: str = Field(max_length=36)
    at: UTC
    channel: Literal["phone", "letter", "visit"]
    outcome: Literal["reached", "no_answer", "wrong_number", "letter_sent", "will_come", "declined"]
    note: str = Field(default="", max_length=1000)
