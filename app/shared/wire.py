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
import hashlib
import json
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, model_validator

API_PREFIX = "/api/v1"
DEVICE_HEADER = "X-MotCua-Device"  # device id; the secret goes in "Authorization: Bearer"


def _to_utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


UTC = Annotated[AwareDatetime, AfterValidator(_to_utc)]


class Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def hash_data(data: Any) -> str:
    return hashlib.sha256(canonical_json(data)).hexdigest()


def content_hash(model: BaseModel) -> str:
    """SHA-256 of the row's canonical JSON: equal content gives an equal hash on both sides."""
    return hash_data(model.model_dump(mode="json"))


# --- rows a counter pushes -------------------------------------------------------------


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


class LifeEventContactWire(RowWire):
    """One attempt to reach a family about a life event (written once, never edited:
    ``row_version`` stays 1, ``created_at`` and ``updated_at`` are the attempt's time)."""

    event_id: str = Field(min_length=1, max_length=36)
    officer_id: str = Field(max_length=36)
    at: UTC
    channel: Literal["phone", "letter", "visit"]
    outcome: Literal["reached", "no_answer", "wrong_number", "letter_sent", "will_come", "declined"]
    note: str = Field(default="", max_length=1000)


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


# --- changes the counter pulls -------------------------------------------------------------


class DossierStatusChange(Wire):
    """The back office moved a dossier: new status, new version, the events that did it."""

    kind: Literal["dossier_status"] = "dossier_status"
    dossier_id: str
    status: str
    row_version: int
    updated_at: UTC
    events: list[DossierEventWire] = Field(default_factory=list)
    # Set by the back office when it extended the appointment (form 04).
    due_at: UTC | None = None
    # Set when a signed result is ready: the counter fetches it from
    # ``/offices/{office}/dossiers/{id}/result`` and checks this hash.
    result_sha256: str = ""


class OfficerWire(Wire):
    kind: Literal["officer"] = "officer"
    id: str
    row_version: int
    office_code: str
    username: str
    full_name: str
    role: str
    password_hash: str  # argon2id, as the counter verifies offline logins
    active: bool = True


class PublishedWire(Wire):
    """A catalog, holiday calendar or CSCA trust list version published centrally."""

    kind: Literal["catalog", "calendar", "trust"]
    version: str
    content: dict[str, Any]


class Tombstone(Wire):
    kind: Literal["tombstone"] = "tombstone"
    entity: str  # officer, …
    id: str


class LifeEventWire(Wire):
    """A birth or death from the health sector, matched and routed to this office:
    who it concerns (register data), which procedures apply, the filing limit."""

    kind: Literal["life_event"] = "life_event"
    id: str
    event_type: Literal["birth", "death"]
    certificate_number: str
    event_date: dt.date
    facility: str = ""
    payload: dict[str, Any] = Field(default_factory=dict)  # the certificate as received
    subject: dict[str, Any] | None = None  # the mother (birth) or the deceased (death)
    relatives: list[dict[str, Any]] = Field(default_factory=list)
    confidence: float = 0.0
    procedure_codes: list[str] = Field(default_factory=list)
    filing_deadline: dt.date | None = None
    status: Literal["open", "closed", "no_benefit"] = "open"
    closed_dossier_code: str = ""
    # Procedure code -> the dossier that answered it, whichever counter took it in: an
    # event opening two procedures closes when both have theirs.
    answers: dict[str, str] = Field(default_factory=dict)
    row_version: int = 1


class BhxhNumberWire(Wire):
    """BHXH's own dossier number (``03706/2026/07906``), assigned by central on ingest."""

    kind: Literal["bhxh_number"] = "bhxh_number"
    dossier_id: str
    number: str


ChangeData = Annotated[
    DossierStatusChange | OfficerWire | PublishedWire | Tombstone | LifeEventWire | BhxhNumberWire,
    Field(discriminator="kind"),
]


class Change(Wire):
    seq: int
    data: ChangeData


class ChangesPage(Wire):
    changes: list[Change]
    watermark: int  # pass it back as ``since``; only ever grows within one epoch
    has_more: bool
    # Changes when central's feed restarts (restored from a backup): a counter that
    # sees another epoch than its own starts again from 0 and pushes everything again.
    epoch: str = ""


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


# --- citizen look-up (population register and BHXH registry) -------------------------------


class LookupRequest(Wire):
    """The ID number alone finds no one: the name or the date of birth must match too
    (an ID number is easy to come by). ``purpose`` and ``officer_id`` go in central's
    access log; the household comes back only for a procedure that needs it."""

    id_number: str = Field(pattern=r"^\d{12}$")
    full_name: str | None = Field(default=None, max_length=120)
    date_of_birth: dt.date | None = None
    purpose: str = Field(min_length=3, max_length=200)  # "tiếp nhận hồ sơ 603", …
    officer_id: str | None = Field(default=None, max_length=36)
    procedure_code: str | None = Field(default=None, max_length=40)

    @model_validator(mode="after")
    def _name_or_birth(self) -> LookupRequest:
        if not (self.full_name and self.full_name.strip()) and self.date_of_birth is None:
            raise ValueError("the full name or the date of birth is needed with the ID number")
        return self


class RegisterPerson(Wire):
    id_number: str
    full_name: str
    date_of_birth: dt.date | None
    dob_text: str
    sex: str
    nationality: str
    ethnicity: str
    place_of_origin: str
    residence: str


class HouseholdMember(Wire):
    id_number: str
    full_name: str
    relation: str  # to the head: "Chủ hộ", "Vợ", "Con", …
    bhxh_number: str = ""


class Household(Wire):
    code: str
    address: str
    members: list[HouseholdMember]


class HealthCard(Wire):
    card_number: str  # 15-character form: group(2) level(1) province(2) BHXH number(10)
    short_number: str  # the 10-digit form printed on cards since April 2021
    beneficiary_group: str
    benefit_level: int
    province_code: str
    hospital: str
    valid_from: dt.date
    valid_to: dt.date | None


class LookupResult(Wire):
    found: bool
    verified: bool  # the ID number is in the register and the given name/DOB match it
    mismatches: list[str] = Field(default_factory=list)  # field names, never values
    person: RegisterPerson | None = None
    bhxh_number: str = ""
    household: Household | None = None
    cards: list[HealthCard] = Field(default_factory=list)


# --- back office -----------------------------------------------------------------------------


class StatusChangeRequest(Wire):
    to_status: Literal["in_processing", "result_ready", "stopped"]
    reason: str = ""
    officer_name: str = ""


class DossierSummary(Wire):
    id: str
    code: str
    office_code: str
    status: str
    row_version: int
    submitted_at: UTC
