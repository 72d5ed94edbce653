"""Items central refused or that conflict with central: what the officer sees and does.

A conflict (409) means central changed the row since this counter last saw it — for a
dossier, the back office moved it. The outbox entry keeps central's version and status
beside the counter's (``push._mark_conflict``); nothing is pushed over central's. The
officer then chooses, and each choice is recorded in the access log:
- **take central's version**: the dossier gets central's status and version, the
  counter's change is dropped (the back office's events arrive with the next pull);
- **re-apply my change on top**: the counter's change is pushed again, now built on
  central's version (central still checks the status is the counter's to set);
- **discard**: stop sending this change, keep the local row as it is.
A refusal (403, 422) can only be re-sent (after the cause was fixed) or discarded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from app.errors import QT_TRANSLATE_NOOP, ErrorKind, UserError
from app.services import audit
from app.services.storage.db import Database
from app.services.storage.models import Dossier, OutboxItem
from app.services.sync import serialize, versions
from app.shared import ownership

CONTEXT = "SyncConflicts"
# Central's machine reasons → what the officer reads (first match wins).
_REASONS: tuple[tuple[str, str], ...] = (
    (
        "based on version",
        QT_TRANSLATE_NOOP(
            "SyncConflicts",
            "Bộ phận xử lý đã cập nhật hồ sơ này sau lần đồng bộ trước; thay đổi tại quầy "
            "chưa được ghi lên hệ thống trung tâm.",
        ),
    ),
    (
        "dossier_taken_by_back_office",
        QT_TRANSLATE_NOOP(
            "SyncConflicts",
            "Hồ sơ đã được bộ phận xử lý tiếp nhận; quầy không còn chuyển được trạng thái.",
        ),
    ),
    (
        "status_owned_by_back_office",
        QT_TRANSLATE_NOOP(
            "SyncConflicts", "Trạng thái này do bộ phận xử lý cập nhật, không đặt tại quầy."
        ),
    ),
    (
        "invalid_transition",
        QT_TRANSLATE_NOOP("SyncConflicts", "Chuyển trạng thái không đúng quy trình."),
    ),
    (
        "invalid_initial_status",
        QT_TRANSLATE_NOOP("SyncConflicts", "Hồ sơ mới không thể ở trạng thái này."),
    ),
    (
        "another office",
        QT_TRANSLATE_NOOP("SyncConflicts", "Dữ liệu thuộc đơn vị khác."),
    ),
    (
        "different content",
        QT_TRANSLATE_NOOP(
            "SyncConflicts", "Hệ thống trung tâm đã có phiên bản này với nội dung khác."
        ),
    ),
    (
        "stale version",
        QT_TRANSLATE_NOOP(
            "SyncConflicts", "Hệ thống trung tâm đã có phiên bản mới hơn của dữ liệu này."
        ),
    ),
    (
        "attachment_type",
        QT_TRANSLATE_NOOP(
            "SyncConflicts",
            "Nội dung tệp đính kèm không phải PDF, JPEG, PNG hoặc TIFF, hoặc không khớp loại "
            "tệp đã khai báo; hệ thống trung tâm không nhận. Quét lại giấy tờ rồi đính kèm lại.",
        ),
    ),
    (
        "attachment_filename_unsafe",
        QT_TRANSLATE_NOOP(
            "SyncConflicts",
            "Tên tệp đính kèm có ký tự không được phép; hệ thống trung tâm không nhận.",
        ),
    ),
    (
        "attachment",
        QT_TRANSLATE_NOOP("SyncConflicts", "Tệp đính kèm bị thiếu, hỏng hoặc sai kích thước."),
    ),
    (
        "quota",
        QT_TRANSLATE_NOOP(
            "SyncConflicts",
            "Đơn vị đã dùng hết dung lượng lưu tệp trên hệ thống trung tâm. "
            "Liên hệ quản trị hệ thống.",
        ),
    ),
    (
        "no longer exists locally",
        QT_TRANSLATE_NOOP("SyncConflicts", "Dữ liệu không còn trên máy này."),
    ),
)
_OTHER = QT_TRANSLATE_NOOP("SyncConflicts", "Hệ thống trung tâm từ chối dữ liệu này.")


def reason_text(reason: str) -> str:
    """The Vietnamese source text for a technical reason (translated where shown)."""
    for needle, text in _REASONS:
        if needle in reason:
            return text
    return _OTHER


@dataclass(frozen=True, slots=True)
class SyncProblem:
    seq: int
    kind: str  # conflict | rejected
    entity: str  # what was pushed: dossier, citizen, attachment, audit
    entity_id: str
    label: str  # the dossier code, or the entity id
    reason: str  # technical, as central said it
    reason_text: str  # Vietnamese source text
    local_version: int | None
    local_status: str | None
    central_version: int | None
    central_status: str | None

    @property
    def can_take_central(self) -> bool:
        return (
            self.kind == "conflict"
            and self.entity == "dossier"
            and self.central_version is not None
            and self.central_status is not None
        )

    @property
    def can_reapply(self) -> bool:
        return self.kind == "rejected" or self.central_version is not None


def problems(db: Database, limit: int = 500) -> list[SyncProblem]:
    """Conflicting and refused entries, newest first."""
    with db.session() as s:
        entries = list(
            s.scalars(
                select(OutboxItem)
                .where(OutboxItem.state.in_(("conflict", "rejected")))
                .order_by(OutboxItem.seq.desc())
                .limit(limit)
            )
        )
        targets = serialize.targets_of(s, [(e.entity, e.entity_id) for e in entries])
        dossier_ids = [t.id for t in targets if t is not None and t.entity == "dossier"]
        dossiers = {d.id: d for d in s.scalars(select(Dossier).where(Dossier.id.in_(dossier_ids)))}
        out = []
        for entry, target in zip(entries, targets, strict=True):
            info: dict[str, Any] = (entry.payload or {}).get("conflict", {})
            entity = target.entity if target else entry.entity
            entity_id = target.id if target else entry.entity_id
            dossier = dossiers.get(entity_id) if entity == "dossier" else None
            out.append(
                SyncProblem(
                    seq=entry.seq,
                    kind=entry.state,
                    entity=entity,
                    entity_id=entity_id,
                    label=dossier.code if dossier else entity_id,
                    reason=entry.last_error,
                    reason_text=reason_text(entry.last_error),
                    local_version=dossier.row_version if dossier else info.get("local_version"),
                    local_status=dossier.status if dossier else info.get("local_status"),
                    central_version=info.get("central_version"),
                    central_status=info.get("central_status"),
                )
            )
        return out


def _entry(s: Any, seq: int, states: tuple[str, ...]) -> OutboxItem:
    entry = s.get(OutboxItem, seq)
    if entry is None or entry.state not in states:
        raise UserError(ErrorKind.SYNC_REJECTED, detail="already settled")
    return entry


def _record(s: Any, officer_id: str | None, entry: OutboxItem, what: str, dossier: str | None):  # type: ignore[no-untyped-def]
    audit.record(
        s,
        officer_id,
        "change",
        dossier_id=dossier,
        purpose="sync conflict",
        detail=f"{what}: outbox {entry.seq} {entry.entity} ({entry.last_error[:120]})",
    )


def take_central(db: Database, seq: int, officer_id: str | None) -> None:
    """The dossier takes central's status and version; the counter's change is dropped."""
    with db.session() as s:
        entry = _entry(s, seq, ("conflict",))
        info = (entry.payload or {}).get("conflict", {})
        entity, entity_id = info.get("target", [entry.entity, entry.entity_id])
        version, status = info.get("central_version"), info.get("central_status")
        if entity != "dossier" or version is None or status is None:
            raise UserError(ErrorKind.SYNC_REJECTED, detail="central's version is unknown")
        s.execute(
            update(Dossier)
            .where(Dossier.id == entity_id)
            .values(status=status, row_version=version)
            .execution_options(synchronize_session=False)
        )
        versions.set_exactly(s, "dossier", entity_id, version)
        entry.state = "resolved"
        _record(s, officer_id, entry, "took central's version", entity_id)


def reapply_mine(db: Database, seq: int, officer_id: str | None) -> None:
    """Push the counter's change again, built on central's current version."""
    with db.session() as s:
        entry = _entry(s, seq, ("conflict", "rejected"))
        info = (entry.payload or {}).get("conflict", {})
        entity, entity_id = info.get("target", [entry.entity, entry.entity_id])
        version = info.get("central_version")
        dossier_id = None
        if version is not None:
            versions.set_exactly(s, entity, entity_id, version)
            if entity == "dossier":
                dossier_id = entity_id
                local = s.execute(
                    select(Dossier.row_version, Dossier.status).where(Dossier.id == entity_id)
                ).first()
                if local is not None:
                    central_status = info.get("central_status")
                    status = local.status
                    if central_status and ownership.counter_move_problem(central_status, status):
                        # The counter cannot set its status over central's: its other
                        # changes go on top of central's status.
                        status = central_status
                    s.execute(
                        update(Dossier)
                        .where(Dossier.id == entity_id)
                        # Past central's version number, so the push is the newer one.
                        .values(row_version=max(local.row_version, version) + 1, status=status)
                        .execution_options(synchronize_session=False)
                    )
        entry.state, entry.attempts = "pending", 0
        _record(s, officer_id, entry, "re-applied the counter's change", dossier_id)
        entry.last_error = ""


def discard(db: Database, seq: int, officer_id: str | None) -> None:
    """Stop sending this change; the local row stays as it is. Recorded."""
    with db.session() as s:
        entry = _entry(s, seq, ("conflict", "rejected"))
        entry.state = "discarded"
        dossier = entry.entity_id if entry.entity == "dossier" else None
        _record(s, officer_id, entry, "discarded the counter's change", dossier)
