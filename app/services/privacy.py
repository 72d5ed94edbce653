"""Personal data duties of the counter (PDP Law 91/2025/QH15, Decree 356/2025/NĐ-CP).

* the purpose notice shown at intake and printed on the receipt (a data file);
* sensitive fields (ethnicity, religion, health) shown and kept only where the
  procedure needs them (``needs_sensitive`` in the catalog entry; default none);
* the data-subject export: everything held about one citizen, as JSON and PDF,
  itself recorded in the access log;
* retention: local copies of finished, uploaded dossiers are purged after
  ``settings.retention_days``; the access log is kept.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from sqlalchemy import delete, inspect, or_, select
from sqlalchemy.orm import Session

from app.errors import ErrorKind, UserError
from app.services import audit
from app.services.calendar.timezone import VN_TZ
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
from app.services.vocabulary import CITIZEN_FIELDS, citizen_field_name, status_name
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


_DATE_FIELDS = {"date_of_birth", "id_verified_at", "created_at", "updated_at"}
ACTION_NAMES = {
    "display": "Xem",
    "print": "In",
    "export": "Xuất dữ liệu",
    "change": "Sửa",
    "purge": "Xoá bản sao tại quầy",
    "login": "Đăng nhập",
    "logout": "Đăng xuất",
    "lock": "Khoá màn hình",
    "unlock": "Mở khoá màn hình",
    "biometric": "Đối chiếu khuôn mặt",
}


def _when(value: Any) -> str:
    """ISO text from the export as Vietnam local time, the way papers print it."""
    if not value:
        return ""
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if parsed.tzinfo is None:  # a date of birth
        return parsed.strftime("%d/%m/%Y")
    return parsed.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")


def subject_pdf(data: Mapping[str, Any]) -> bytes:
    """The export as a readable PDF (Noto Sans, Vietnamese) for the citizen."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from app.services.forms.fonts import SANS, face, register_fonts

    register_fonts()
    body = ParagraphStyle("body", fontName=face(SANS), fontSize=9.5, leading=12.5)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10)
    heading = ParagraphStyle(
        "heading",
        parent=body,
        fontName=face(SANS, bold=True),
        fontSize=11.5,
        leading=15,
        spaceBefore=8,
        spaceAfter=4,
    )
    title = ParagraphStyle("title", parent=heading, fontSize=14, alignment=1)

    def p(text: Any, style: ParagraphStyle = body) -> Paragraph:
        # Citizens' text is data, never markup: "<b>" in a name prints as typed.
        shown = "" if text is None else str(text)
        return Paragraph(escape(shown).replace("\n", "<br/>"), style)

    def table(rows: list[list[Any]], widths: list[float], header: bool = True) -> Table:
        cells = [[p(c, small) for c in row] for row in rows]
        t = Table(cells, colWidths=widths, repeatRows=1 if header else 0)
        style = [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")))
        t.setStyle(TableStyle(style))
        return t

    citizen = data["citizen"]
    story: list[Any] = [
        p("THÔNG TIN CÁ NHÂN ĐANG ĐƯỢC LƯU GIỮ TẠI BỘ PHẬN MỘT CỬA", title),
        p(f"Lập lúc: {_when(data['generated_at'])}", small),
        Spacer(1, 4 * mm),
        p("1. Thông tin về Ông/Bà", heading),
        table(
            [
                [
                    citizen_field_name(k),
                    _when(citizen.get(k)) if k in _DATE_FIELDS else citizen.get(k) or "",
                ]
                for k in CITIZEN_FIELDS
            ],
            [60 * mm, 110 * mm],
            header=False,
        ),
        p("2. Hồ sơ", heading),
    ]
    if data["dossiers"]:
        story.append(
            table(
                [["Mã hồ sơ", "Thủ tục", "Trạng thái", "Ngày nộp", "Giấy tờ"]]
                + [
                    [
                        d["code"],
                        d["procedure_code"],
                        status_name(d["status"]),
                        _when(d["submitted_at"]),
                        "; ".join(doc["name"] for doc in d["documents"]),
                    ]
                    for d in data["dossiers"]
                ],
                [46 * mm, 16 * mm, 26 * mm, 30 * mm, 52 * mm],
            )
        )
    else:
        story.append(p("Không có hồ sơ nào được lưu tại quầy."))
    story.append(p("3. Giấy tờ đã số hoá", heading))
    if data["attachments"]:
        story.append(
            table(
                [["Giấy tờ", "Tên tệp", "Loại", "Số trang", "Ngày lưu"]]
                + [
                    [
                        a["label"],
                        a["filename"],
                        a["mime_type"],
                        a["page_count"],
                        _when(a["created_at"]),
                    ]
                    for a in data["attachments"]
                ],
                [45 * mm, 45 * mm, 25 * mm, 15 * mm, 40 * mm],
            )
        )
    else:
        story.append(p("Không có giấy tờ số hoá nào."))
    story.append(p("4. Nhật ký truy cập dữ liệu của Ông/Bà", heading))
    if data["access_log"]:
        story.append(
            table(
                [["Thời điểm", "Thao tác", "Mục đích", "Cán bộ (mã)"]]
                + [
                    [
                        _when(e["at"]),
                        ACTION_NAMES.get(e["action"], e["action"]),
                        e["purpose"],
                        (e["officer_id"] or "")[:8],
                    ]
                    for e in data["access_log"]
                ],
                [40 * mm, 30 * mm, 75 * mm, 25 * mm],
            )
        )
    else:
        story.append(p("Chưa có lượt truy cập nào được ghi."))
    story.append(p("5. Thông báo về xử lý dữ liệu cá nhân", heading))
    story.extend(p(par, small) for par in data["purpose_notice"].split("\n\n"))
    out = io.BytesIO()
    SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title="Dữ liệu cá nhân",
        author="MotCua",
    ).build(story)
    return out.getvalue()


# ------------------------------------------------------------------ retention


@dataclass
class PurgeReport:
    dossiers: int = 0
    attachments: int = 0
    files: int = 0
    citizens: int = 0
    kept_unsynced: int = 0  # finished and old, but not uploaded yet: kept
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
) -> PurgeReport:
    """Delete local copies of finished dossiers uploaded to the central service and
    older than ``retention_days`` (by return or last change), then the attachments and
    citizens nothing local refers to any more. The access log stays, with a "purge"
    record per dossier. Anything not yet uploaded is kept, however old.
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
        touched_citizens: set[str] = set()
        touched_attachments: set[str] = set()
        for d in candidates:
            synced = _uploaded(dossier_states[d.id]) and all(
                _settled(event_states[e]) for e in event_ids[d.id]
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
            s.delete(d)
            report.dossiers += 1
            report.dossier_ids.append(d.id)
        s.flush()
        doomed_files = _purge_attachments(s, touched_attachments, cutoff, report)
        _purge_citizens(s, touched_citizens, cutoff, report)
    # Files go only after the rows are gone for good (the commit above succeeded).
    for sha in doomed_files:
        for file in (root / sha[:2] / sha, root / sha[:2] / f"{sha}.thumb.png"):
            if file.exists():
                file.unlink()
                report.files += 1
    if report.dossiers:
        log.info(
            "retention purge: %d dossiers, %d attachments, %d citizens removed; %d kept unsynced",
            report.dossiers,
            report.attachments,
            report.citizens,
            report.kept_unsynced,
        )
    return report


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
