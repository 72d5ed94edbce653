"""What the counter pulls: status changes, officers, published data, tombstones, life
events and BHXH numbers, in pages (part of the wire format, re-exported by
``app.shared.wire``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Field

from app.shared.wire_base import UTC, Wire
from app.shared.wire_rows import DossierEventWire


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
