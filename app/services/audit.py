"""The access log of personal data (PDP Law 91/2025: log every processing and access).

Each record is written in the caller's transaction, so the log and the change it
describes commit together, and is queued for upload to the central service.

Records form a hash chain: ``hash = SHA-256(canonical(record))`` where the canonical
form is compact, key-sorted UTF-8 JSON of every field except ``hash`` itself, and
includes ``prev_hash`` (the previous record's hash; 64 zeros for the first). ``seq``
increments by one. Editing a field, removing a record or reordering records breaks
the chain. Removing the *last* records leaves a valid shorter chain, so the head
(seq and hash of the newest record) is also kept in ``local_state`` and every record
has an outbox entry: a head or an outbox entry pointing past the end shows the
truncation. Someone holding the database key could rewrite all three; the copy
uploaded to the central service is the reference then (see docs/security.md).

The canonical form (central verifies the same chain)::

    {"action":…,"at":"2026-11-25T08:00:00.000000Z","citizen_id":…,"detail":…,
     "dossier_id":…,"id":…,"officer_id":…,"prev_hash":…,"purpose":…,"seq":…}
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.services.storage.db import Database
from app.services.storage.models import AuditEvent, KeyValue, OutboxItem
from app.services.storage.outbox import enqueue
from app.shared import wire
from app.shared.types import new_id, utcnow

ACTIONS = frozenset(
    {
        "display",
        "print",
        "export",
        "change",
        "login",
        "logout",
        "lock",
        "unlock",
        "purge",
        "biometric",  # a face match at the counter (app/services/face_records.py)
    }
)
GENESIS = "0" * 64
HEAD_KEY = "audit_chain_head"
CENTRAL_HEAD_KEY = "audit_chain_head_central"  # the head central last said it holds


class AuditFields(Protocol):
    id: str
    seq: int
    at: dt.datetime
    officer_id: str | None
    action: str
    citizen_id: str | None
    dossier_id: str | None
    purpose: str
    detail: str
    prev_hash: str


def _utc_text(at: dt.datetime) -> str:
    if at.tzinfo is None:
        raise ValueError("audit times are aware UTC datetimes")
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(e: AuditFields) -> bytes:
    fields: dict[str, Any] = {
        "id": e.id,
        "seq": e.seq,
        "at": _utc_text(e.at),
        "officer_id": e.officer_id,
        "action": e.action,
        "citizen_id": e.citizen_id,
        "dossier_id": e.dossier_id,
        "purpose": e.purpose,
        "detail": e.detail,
        "prev_hash": e.prev_hash,
    }
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def compute_hash(e: AuditFields) -> str:
    return hashlib.sha256(canonical(e)).hexdigest()


def record(
    session: Session,
    officer_id: str | None,
    action: str,
    citizen_id: str | None = None,
    dossier_id: str | None = None,
    purpose: str = "",
    detail: str = "",
    at: dt.datetime | None = None,
) -> AuditEvent:
    """Append one record to the chain inside ``session``'s transaction.

    ``detail`` is technical (which form, how many rows), never personal data.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if at is not None and at.tzinfo is None:
        raise ValueError("audit times are aware UTC datetimes")
    last = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    event = AuditEvent(
        id=new_id(),
        seq=(last.seq + 1) if last else 1,
        # Microseconds kept, time zone dropped by storage: hash what will read back.
        at=(at or utcnow()).astimezone(dt.UTC),
        officer_id=officer_id,
        action=action,
        citizen_id=citizen_id,
        dossier_id=dossier_id,
        purpose=purpose,
        detail=detail,
        prev_hash=last.hash if last else GENESIS,
    )
    event.hash = compute_hash(event)
    session.add(event)
    head = session.get(KeyValue, HEAD_KEY)
    value = {"seq": event.seq, "hash": event.hash}
    if head is None:
        session.add(KeyValue(key=HEAD_KEY, value=value))
    else:
        head.value = value
    enqueue(session, "audit", event.id)
    return event


def log(db: Database, officer_id: str | None, action: str, **fields: Any) -> None:
    """``record`` in a unit of work of its own (log-out, lock, unlock: no other change)."""
    with db.session() as s:
        record(s, officer_id, action, **fields)


def head_report(db: Database) -> wire.AuditHead | None:
    """The chain head reported to central with every sync: the newest record's seq and
    hash, how many records there are, and this log's hash at the seq central last said
    it holds (so central can check the new head extends it). None: nothing logged yet."""
    with db.session() as s:
        last = s.execute(
            select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
        ).first()
        if last is None:
            return None
        count = s.scalar(select(func.count()).select_from(AuditEvent)) or 0
        seen = s.get(KeyValue, CENTRAL_HEAD_KEY)
        base_seq = int(seen.value["seq"]) if seen is not None else None
        base_hash = None
        if base_seq is not None:
            base_hash = s.scalar(select(AuditEvent.hash).where(AuditEvent.seq == base_seq)) or ""
    return wire.AuditHead(
        seq=last.seq, hash=last.hash, count=count, base_seq=base_seq, base_hash=base_hash
    )


def remember_central_head(db: Database, head: wire.AuditHead) -> None:
    with db.session() as s:
        value = {"seq": head.seq, "hash": head.hash}
        stored = s.get(KeyValue, CENTRAL_HEAD_KEY)
        if stored is None:
            s.add(KeyValue(key=CENTRAL_HEAD_KEY, value=value))
        else:
            stored.value = value


@dataclass(frozen=True, slots=True)
class Problem:
    seq: int
    kind: str  # edited / missing / chain_broken / truncated
    text: str  # Vietnamese, for the officer or the auditor


def verify(db: Database) -> list[Problem]:
    """Every sign of tampering in the local chain; an empty list when it is intact."""
    problems: list[Problem] = []
    with db.session() as s:
        prev_seq, prev_hash = 0, GENESIS
        for e in s.scalars(select(AuditEvent).order_by(AuditEvent.seq)).yield_per(1000):
            if e.seq != prev_seq + 1:
                problems.append(
                    Problem(
                        e.seq,
                        "missing",
                        f"Thiếu bản ghi số {prev_seq + 1} đến {e.seq - 1} (đã bị xoá).",
                    )
                )
            elif e.prev_hash != prev_hash:
                problems.append(
                    Problem(
                        e.seq,
                        "chain_broken",
                        f"Bản ghi số {e.seq} không nối đúng với bản ghi trước (bị chèn, "
                        "xoá hoặc đảo thứ tự).",
                    )
                )
            if compute_hash(e) != e.hash:
                problems.append(
                    Problem(e.seq, "edited", f"Bản ghi số {e.seq} đã bị sửa sau khi ghi.")
                )
            prev_seq, prev_hash = e.seq, e.hash
        problems.extend(_tail_problems(s, prev_seq, prev_hash))
    return problems


def _tail_problems(s: Session, last_seq: int, last_hash: str) -> list[Problem]:
    out: list[Problem] = []
    head = s.get(KeyValue, HEAD_KEY)
    if head is not None:
        seq, digest = int(head.value.get("seq", 0)), str(head.value.get("hash", ""))
        if seq > last_seq:
            out.append(
                Problem(
                    last_seq + 1,
                    "truncated",
                    f"Các bản ghi cuối (từ số {last_seq + 1} đến {seq}) đã bị xoá.",
                )
            )
        elif seq == last_seq and digest != last_hash:
            out.append(Problem(seq, "truncated", f"Bản ghi cuối số {seq} đã bị thay thế."))
    elif last_seq:
        out.append(Problem(last_seq, "truncated", "Mất dấu bản ghi cuối của nhật ký."))
    present = set(s.scalars(select(AuditEvent.id)))
    queued = s.scalars(select(OutboxItem.entity_id).where(OutboxItem.entity == "audit"))
    gone = sum(1 for entity_id in queued if entity_id not in present)
    if gone:
        out.append(
            Problem(
                last_seq + 1,
                "missing",
                f"{gone} bản ghi đã ghi nhận để gửi lên hệ thống trung tâm không còn trong nhật ký.",
            )
        )
    return out
