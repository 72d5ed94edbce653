"""Everything the dossier page shows, read from the stored wire rows in one session.

Citizen data keeps its provenance: how the counter identified the citizen of this
dossier (chip chained to a trusted root, chip without the root, chip that failed its
check, register, printed QR, typed) is shown beside the fields, in green, amber or red.
Scans are listed, never inlined: opening one is a separate, audited request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.shared import content_types, file_names
from central import blobs
from central.models import (
    Blob,
    DossierQueueEntry,
    DossierResult,
    Office,
    OfficeProfile,
    SyncedRow,
)

# How the counter identified the citizen of this dossier (``DossierWire.identified_by``,
# app.services.identity.IdentificationMethod) → what staff read, and how sure it is
# (ok: green, warn: amber, bad: red). Only a chip chained to a trusted root is "checked".
PROVENANCE = {
    "chip_trusted": "Chip CCCD, chữ ký số của cơ quan cấp đã kiểm tra đến chứng thư gốc tin cậy",
    "chip_no_csca": (
        "Chip CCCD, chữ ký số hợp lệ nhưng không kiểm tra được nguồn gốc "
        "(CSCA cấp thẻ không có trong danh sách tin cậy của quầy)"
    ),
    "chip_failed": (
        "Chip CCCD, kiểm tra chữ ký số KHÔNG đạt: thẻ có thể bị sao chép hoặc sửa đổi, "
        "cần đối chiếu giấy tờ gốc"
    ),
    "register": "Đối chiếu Cơ sở dữ liệu quốc gia về dân cư",
    "qr": "Mã QR in trên thẻ (không có chữ ký số)",
    "typed": "Cán bộ nhập tay từ thẻ",
    # Dossiers from counters that did not record the verdict: the citizen row only says
    # a chip was read, not whether its signature held.
    "chip": "Chip CCCD (máy quầy không ghi kết quả kiểm tra chữ ký số)",
    "passport": "Chip hộ chiếu (máy quầy không ghi kết quả kiểm tra chữ ký số)",
    "": "Không ghi nhận",
}
PROVENANCE_LEVEL = {"chip_trusted": "ok", "register": "ok", "chip_failed": "bad"}  # else warn


def provenance(dossier: dict[str, Any], citizen: dict[str, Any] | None) -> tuple[str, str]:
    """(text, level) of the citizen data's provenance: the dossier's own verdict first."""
    key = dossier.get("identified_by") or (citizen or {}).get("id_verified_by") or ""
    key = key if key in PROVENANCE else ""
    return PROVENANCE[key], PROVENANCE_LEVEL.get(key, "warn")


@dataclass
class DossierView:
    stored: SyncedRow
    dossier: dict[str, Any]
    citizen: dict[str, Any] | None
    documents: list[dict[str, Any]]
    events: list[dict[str, Any]]
    scans: list[dict[str, Any]]
    result: DossierResult | None
    office_name: str
    profile: OfficeProfile | None
    missing: str = ""
    previous_due: dt.datetime | None = None
    actions: list[str] = field(default_factory=list)


def load(session: Session, stored: SyncedRow) -> DossierView:
    data = stored.data
    citizen_row = session.get(SyncedRow, ("citizen", data.get("citizen_id", "")))
    children = session.scalars(
        select(SyncedRow).where(
            SyncedRow.parent_id == stored.id, SyncedRow.entity.in_(("document", "event"))
        )
    ).all()
    documents = sorted(
        (r.data for r in children if r.entity == "document"), key=lambda d: d.get("position", 0)
    )
    events = sorted((r.data for r in children if r.entity == "event"), key=lambda e: e["at"])
    links = [link["attachment_id"] for link in data.get("attachments", [])]
    scans = []
    if links:
        scans = [
            r.data
            for r in session.scalars(
                select(SyncedRow).where(SyncedRow.entity == "attachment", SyncedRow.id.in_(links))
            )
        ]
    office = session.get(Office, stored.office_code)
    entry = session.get(DossierQueueEntry, stored.id)
    return DossierView(
        stored=stored,
        dossier=data,
        citizen=citizen_row.data if citizen_row else None,
        documents=documents,
        events=events,
        scans=scans,
        result=session.get(DossierResult, stored.id),
        office_name=office.name if office else stored.office_code,
        profile=session.get(OfficeProfile, stored.office_code),
        missing=entry.missing if entry else "",
        previous_due=entry.previous_due_at if entry else None,
    )


@dataclass(frozen=True)
class Scan:
    content: bytes
    media_type: str
    disposition: str  # the Content-Disposition header


def scan_content(session: Session, stored: SyncedRow, attachment_id: str) -> Scan | None:
    """One scan of this dossier, or None if it is not one of its own or its content has
    not fully arrived.

    The type served is the one sniffed from the content, never the counter's word: an
    accepted type (PDF, JPEG, PNG, TIFF) is shown inline, anything else is offered as a
    download of opaque bytes, so no "scan" can run as a page of the back office."""
    if attachment_id not in {a["attachment_id"] for a in stored.data.get("attachments", [])}:
        return None
    row = session.get(SyncedRow, ("attachment", attachment_id))
    if row is None or row.office_code != stored.office_code:
        return None
    sha256 = row.data["sha256"]
    blob = session.get(Blob, (stored.office_code, sha256))
    if blob is None or not blob.complete:
        return None
    content = blobs.content(session, stored.office_code, sha256)  # decrypted on the fly
    sniffed = content_types.sniff(content[: content_types.SNIFF_BYTES])
    name = file_names.download_name(row.data.get("filename", ""), f"ban-quet-{attachment_id[:8]}")
    if sniffed is None:
        return Scan(content, "application/octet-stream", f'attachment; filename="{name}"')
    return Scan(content, sniffed, f'inline; filename="{name}"')
