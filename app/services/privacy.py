"""Personal data duties of the counter (PDP Law 91/2025/QH15, Decree 356/2025/NĐ-CP).

* the purpose notice shown at intake and printed on the receipt (a data file);
* sensitive fields (ethnicity, religion, health) shown and kept only where the
  procedure needs them (``needs_sensitive`` in the catalog entry; default none);
* the data-subject export: everything held about one citizen, as JSON (the PDF is
  laid out by ``app.services.forms.subject_export``),
  itself recorded in the access log;
* retention: local copies of finished, uploaded dossiers are purged after
  ``settings.retention_days``; the access log is kept.
Face-match attempts are in both (``app.services.privacy_face``).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, inspect, or_, select
from sqlalchemy.orm import Session

from app.errors import ErrorKind, UserError
from app.services import audit
from app.services import privacy_face as face
from app.services.scan_folder import DEFAULT_REJECTED_DAYS, expire_originals
from app.services.security.permissions import HasRole, Permission, require
from app.services.storage.db import Database
from app.services.storage.models import (
    Attachment,
    AuditEvent,
    Citizen,
    Dossier,
    DossierAttachment,
    OutboxItem,
)
from app.shared import paths
from app.shared.types import utcnow

log = logging.getLogger(__name__)

NOTICE_FILE = paths.RESOURCES / "privacy" / "purpose_notice.vi.txt"
SENSITIVE_FIELDS = ("ethnicity", "religion", "health")
EXPORT_PURPOSE = "Yêu cầu truy cập dữ liệu của chủ thể dữ liệu"
# Finished dossiers: returned to the citizen, refused, stopped or withdrawn.
CLOSED_STATUSES = frozenset({"returned", "refused", "stopped", "cancelled"})


def purpose_notice() -> str:
    return NOTICE_FILE.read_text(encoding="utf-8").strip()


# ------------------------------------------------------------------ sensitive fields


def needed_sensitive(procedure: object | None) -> frozenset[str]:
    """The sensitive fields a procedure declares it needs (catalog ``needs_sensitive``).

    Accepts a catalog ``Procedure`` (its ``definition``), the stored snapshot model
    (``definition`` too), a plain mapping, or None (no procedure chosen yet: none).
    """
    if procedure is None:
        return frozenset()
    raw: Any
    if isinstance(procedure, Mapping):
        raw = procedure.get("needs_sensitive", ())
    else:
        raw = getattr(procedure, "needs_sensitive", None)
        if raw is None:
            definition = getattr(procedure, "definition", None) or {}
            raw = definition.get("needs_sensitive", ()) if isinstance(definition, Mapping) else ()
    unknown = set(raw) - set(SENSITIVE_FIELDS)
    if unknown:
        raise UserError(ErrorKind.CATALOG_INVALID, detail=f"needs_sensitive: {sorted(unknown)}")
    return frozenset(raw)


# ------------------------------------------------------------------ data-subject export


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _row(obj: Any, skip: Iterable[str] = ()) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    return {
        a.key: _plain(getattr(obj, a.key)) for a in mapper.column_attrs if a.key not in set(skip)
    }


def collect_subject_data(session: Session, citizen_id: str) -> dict[str, Any]:
    citizen = session.get(Citizen, citizen_id)
    if citizen is None:
        raise KeyError(citizen_id)
    dossiers = list(
        session.scalars(
            select(Dossier).where(Dossier.citizen_id == citizen_id).order_by(Dossier.submitted_at)
        )
    )
    dossier_ids = [d.id for d in dossiers]
    links = (
        session.execute(
            select(DossierAttachment.dossier_id, DossierAttachment.attachment_id).where(
                DossierAttachment.dossier_id.in_(dossier_ids)
            )
        ).all()
        if dossier_ids
        else []
    )
    attachments = list(
        session.scalars(
            select(Attachment)
            .where(Attachment.citizen_id == citizen_id)
            .order_by(Attachment.created_at)
        )
    )
    condition = AuditEvent.citizen_id == citizen_id
    if dossier_ids:
        condition = or_(condition, AuditEvent.dossier_id.in_(dossier_ids))
    access = list(session.scalars(select(AuditEvent).where(condition).order_by(AuditEvent.seq)))
    attempts = face.subject_attempts(session, citizen_id, citizen.id_number, dossier_ids)
    return {
        "generated_at": _plain(utcnow()),
        "purpose_notice": purpose_notice(),
        "citizen": _row(citizen, skip=("name_folded",)),
        "dossiers": [
            {
                **_row(d),
                "documents": [_row(doc) for doc in d.documents],
                "events": [_row(e) for e in d.events],
                "attachment_ids": [a for (dossier, a) in links if dossier == d.id],
            }
            for d in dossiers
        ],
        "attachments": [_row(a) for a in attachments],
        "face_matches": [face.attempt_row(f, _plain) for f in attempts],
        "access_log": [_row(e, skip=("prev_hash", "hash")) for e in access],
    }


def export_subject(
    db: Database, officer: HasRole, officer_id: str, citizen_id: str, purpose: str = EXPORT_PURPOSE
) -> dict[str, Any]:
    """Everything held about a citizen; logged as an "export" in the same transaction."""
    require(officer, Permission.EXPORT_DATA)
    with db.session() as s:
        data = collect_subject_data(s, citizen_id)
        audit.record(
            s,
            officer_id,
            "export",
            citizen_id=citizen_id,
            purpose=purpose,
            detail="data-subject export",
        )
    return data


def subject_json(data: Mapping[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8")


# ------------------------------------------------------------------ retention


@dataclass
class PurgeReport:
    dossiers: int = 0
    attachments: int = 0
    files: int = 0
    citizens: int = 0
    face_matches: int = 0
    kept_unsynced: int = 0  # finished and old, but not uploaded yet: kept
    scan_files: int = 0  # plaintext originals deleted from the scanner's folder
    dossier_ids: list[str] = field(default_factory=list)


def _states(s: Session, entity: str, ids: Iterable[str]) -> dict[str, set[str]]:
    ids = list(ids)
    out: dict[str, set[str]] = {i: set() for i in ids}
    for i in range(0, len(ids), 500):
        rows = s.execute(
            select(OutboxItem.entity_id, OutboxItem.state).where(
                OutboxItem.entity == entity, OutboxItem.entity_id.in_(ids[i : i + 500])
            )
        )
        for entity_id, state in rows:
            out[entity_id].add(state)
    return out


def _uploaded(states: set[str]) -> bool:
    """Sent at least once and nothing waiting or refused since."""
    return "sent" in states and states <= {"sent"}


def _settled(states: set[str]) -> bool:
    return states <= {"sent"}


def purge_expired(
    db: Database,
    retention_days: int,
    now: dt.datetime | None = None,
    officer_id: str | None = None,
    attachments_root: Path | None = None,
    *,
    actor: HasRole | None = None,
    scan_folder: Path | None = None,
    scan_rejected_days: int = DEFAULT_REJECTED_DAYS,
) -> PurgeReport:
    """Delete local copies of finished dossiers uploaded to the central service and
    older than ``retention_days`` (by return or last change), then the attachments and
    citizens nothing local refers to any more. The access log stays, with a "purge"
    record per dossier. Anything not yet uploaded is kept, however old. In the
    scanner's folder, refused and never-saved originals older than
    ``scan_rejected_days`` go too (``scan_folder.expire_originals``).
    Supervisors and admins only (``actor``).
    """
    require(actor, Permission.PURGE_DATA)
    now = now or utcnow()
    cutoff = now - dt.timedelta(days=retention_days)
    root = attachments_root or paths.attachments_dir()
    report = PurgeReport()
    with db.session() as s:
        candidates = [
            d
            for d in s.scalars(select(Dossier).where(Dossier.status.in_(CLOSED_STATUSES)))
            if (d.returned_at or d.updated_at) < cutoff
        ]
        dossier_states = _states(s, "dossier", (d.id for d in candidates))
        event_ids = {d.id: [e.id for e in d.events] for d in candidates}
        event_states = _states(s, "event", (e for ids in event_ids.values() for e in ids))
        face_ids = face.dossier_attempts(s, (d.id for d in candidates))
        face_states = _states(s, "face_match", (f for ids in face_ids.values() for f in ids))
        doomed_faces: list[str] = []
        touched_citizens: set[str] = set()
        touched_attachments: set[str] = set()
        for d in candidates:
            synced = (
                _uploaded(dossier_states[d.id])
                and all(_settled(event_states[e]) for e in event_ids[d.id])
                and all(_settled(face_states[f]) for f in face_ids[d.id])
            )
            if not synced:
                report.kept_unsynced += 1
                continue
            touched_citizens.add(d.citizen_id)
            touched_attachments.update(
                s.scalars(
                    select(DossierAttachment.attachment_id).where(
                        DossierAttachment.dossier_id == d.id
                    )
                )
            )
            s.execute(delete(DossierAttachment).where(DossierAttachment.dossier_id == d.id))
            audit.record(
                s,
                officer_id,
                "purge",
                citizen_id=d.citizen_id,
                dossier_id=d.id,
                purpose="Hết thời hạn lưu bản sao tại quầy",
                detail=f"retention {retention_days} days",
            )
            _forget_outbox(s, "dossier", [d.id])
            _forget_outbox(s, "event", event_ids[d.id])
            doomed_faces += face_ids[d.id]
            s.delete(d)
            report.dossiers += 1
            report.dossier_ids.append(d.id)
        s.flush()
        doomed_faces += face.expired_loose_attempts(s, cutoff, _states)
        images = face.camera_images(s, doomed_faces)
        report.face_matches = face.delete_attempts(s, doomed_faces)
        s.flush()
        doomed_files = _purge_attachments(s, touched_attachments, cutoff, report)
        doomed_files |= {sha for sha in images if not _still_kept(s, sha)}
        _purge_citizens(s, touched_citizens, cutoff, report)
    # Files go only after the rows are gone for good (the commit above succeeded).
    for sha in doomed_files:
        for file in (root / sha[:2] / sha, root / sha[:2] / f"{sha}.thumb.png"):
            if file.exists():
                file.unlink()
                report.files += 1
    if scan_folder is not None:
        report.scan_files = expire_originals(scan_folder, scan_rejected_days, now)
    if report.dossiers:
        log.info(
            "retention purge: %d dossiers, %d attachments, %d citizens removed; %d kept unsynced",
            report.dossiers,
            report.attachments,
            report.citizens,
            report.kept_unsynced,
        )
    return report


def _still_kept(s: Session, sha: str) -> bool:
    from app.services.storage.models import FaceMatch

    return (
        s.scalar(select(FaceMatch.id).where(FaceMatch.image_sha256 == sha)) is not None
        or s.scalar(select(Attachment.id).where(Attachment.sha256 == sha)) is not None
    )


def _forget_outbox(s: Session, entity: str, ids: list[str]) -> None:
    if ids:
        s.execute(
            delete(OutboxItem).where(
                OutboxItem.entity == entity,
                OutboxItem.entity_id.in_(ids),
                OutboxItem.state == "sent",
            )
        )


def _purge_attachments(
    s: Session, ids: set[str], cutoff: dt.datetime, report: PurgeReport
) -> set[str]:
    states = _states(s, "attachment", ids)
    doomed: set[str] = set()
    for attachment in [a for i in sorted(ids) if (a := s.get(Attachment, i)) is not None]:
        still_used = s.scalar(
            select(DossierAttachment.dossier_id).where(
                DossierAttachment.attachment_id == attachment.id
            )
        )
        if still_used or attachment.created_at >= cutoff or not _settled(states[attachment.id]):
            continue
        _forget_outbox(s, "attachment", [attachment.id])
        s.delete(attachment)
        s.flush()
        report.attachments += 1
        if s.scalar(select(Attachment.id).where(Attachment.sha256 == attachment.sha256)) is None:
            doomed.add(attachment.sha256)
    return doomed


def _purge_citizens(s: Session, ids: set[str], cutoff: dt.datetime, report: PurgeReport) -> None:
    states = _states(s, "citizen", ids)
    for citizen in [c for i in sorted(ids) if (c := s.get(Citizen, i)) is not None]:
        if citizen.updated_at >= cutoff or not _settled(states[citizen.id]):
            continue
        if s.scalar(select(Dossier.id).where(Dossier.citizen_id == citizen.id)) is not None:
            continue
        if s.scalar(select(Attachment.id).where(Attachment.citizen_id == citizen.id)) is not None:
            continue
        _forget_outbox(s, "citizen", [citizen.id])
        s.delete(citizen)
        report.citizens += 1
