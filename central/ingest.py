"""Receiving pushed rows: idempotent on the client UUID, one answer per item.

For every row of an item, compared with what is stored under the same entity and id:
- nothing stored → create;
- same ``row_version``, same content hash → duplicate (a retry: nothing written);
- the item's main row (dossier, citizen, attachment) based on an older version than
  central holds (``base_version`` < stored version) written by someone else (the back
  office, another counter) → conflict (409) with central's version and status, never
  an overwrite; if this same device wrote central's version (its answer was lost),
  the push builds on its own change and goes through;
- same ``row_version``, different content → conflict (409), with the reason;
- newer ``row_version`` → update (the old version's hash is kept in ``row_revisions``);
- older ``row_version`` → duplicate if it is a version we had with that content,
  else conflict (stale).
A dossier's status must also be the counter's to set (``app.shared.ownership``): a
refused move is ``invalid`` (422), final, with the reason.
An item is written only if none of its rows conflicts, so a dossier never lands half.
Items are independent: a refused one never blocks the others in the batch.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, insert, select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.services.calendar.days import VN_TZ
from app.shared import ownership, wire
from app.shared.types import utcnow
from central import serials
from central.db import CentralDatabase
from central.models import Blob, Device, RowRevision, SyncedRow
from central.web import queue_index

_LOOKUP_CHUNK = 300


@dataclass(frozen=True, slots=True)
class IncomingRow:
    entity: str
    id: str
    row_version: int
    content_hash: str
    data: dict[str, Any]
    parent_id: str | None = None
    status: str | None = None
    code: str | None = None
    base_version: int | None = None  # the item's main row only: central's version it builds on

    @property
    def key(self) -> tuple[str, str]:
        return (self.entity, self.id)


def _row(entity: str, model: wire.Wire, version: int, **extra: Any) -> IncomingRow:
    data = model.model_dump(mode="json")
    return IncomingRow(
        entity=entity,
        id=data["id"],
        row_version=version,
        content_hash=wire.hash_data(data),  # same as wire.content_hash(model), dumped once
        data=data,
        **extra,
    )


def rows_of(
    item: wire.DossierItem | wire.CitizenItem | wire.AttachmentItem | wire.AuditItem,
) -> list[IncomingRow]:
    match item:
        case wire.DossierItem(dossier=d):
            rows = [
                _row(
                    "dossier",
                    d,
                    d.row_version,
                    status=d.status,
                    code=d.code,
                    base_version=item.base_version,
                )
            ]
            rows += [_row("document", x, x.row_version, parent_id=d.id) for x in item.documents]
            rows += [_row("event", x, x.row_version, parent_id=d.id) for x in item.events]
            return rows
        case wire.CitizenItem(citizen=c):
            return [_row("citizen", c, c.row_version, base_version=item.base_version)]
        case wire.AttachmentItem(attachment=a):
            return [
                _row(
                    "attachment",
                    a,
                    a.row_version,
                    parent_id=a.citizen_id,
                    base_version=item.base_version,
                )
            ]
        case wire.AuditItem(audit=a):
            return [_row("audit", a, 1)]
    raise AssertionError(f"unknown item {type(item).__name__}")


def item_office(item: Any) -> str:
    return item.dossier.office_code if isinstance(item, wire.DossierItem) else item.office_code


def item_id(item: Any) -> str:
    return {
        "dossier": lambda: item.dossier.id,
        "citizen": lambda: item.citizen.id,
        "attachment": lambda: item.attachment.id,
        "audit": lambda: item.audit.id,
    }[item.entity]()


def _structure_problem(item: Any) -> str:
    if not isinstance(item, wire.DossierItem):
        return ""
    parents = {x.dossier_id for x in item.documents} | {x.dossier_id for x in item.events}
    if parents - {item.dossier.id}:
        return "a document or event belongs to another dossier"
    return ""


class _Batch:
    """Stored rows of one batch, loaded in a few queries and kept current as we write."""

    def __init__(self, session: Session, keys: set[tuple[str, str]], lock: bool) -> None:
        self.session = session
        self.stored: dict[tuple[str, str], SyncedRow] = {}
        self.fresh: dict[tuple[str, str], dict[str, Any]] = {}  # inserted at the end
        ordered = sorted(keys)  # same lock order in every transaction: no deadlocks
        for i in range(0, len(ordered), _LOOKUP_CHUNK):
            chunk = ordered[i : i + _LOOKUP_CHUNK]
            query = select(SyncedRow).where(tuple_(SyncedRow.entity, SyncedRow.id).in_(chunk))
            if lock:
                query = query.with_for_update()
            for row in session.scalars(query):
                self.stored[(row.entity, row.id)] = row

    def current(self, key: tuple[str, str]) -> tuple[str, int, str] | None:
        """(office, version, hash) stored or written earlier in this batch."""
        if key in self.fresh:
            f = self.fresh[key]
            return f["office_code"], f["row_version"], f["content_hash"]
        stored = self.stored.get(key)
        return (stored.office_code, stored.row_version, stored.content_hash) if stored else None

    def writer(self, key: tuple[str, str]) -> str | None:
        """The device that wrote the current version (None: the back office)."""
        if key in self.fresh:
            return cast(str | None, self.fresh[key]["device_id"])
        stored = self.stored.get(key)
        return stored.device_id if stored else None

    def status(self, key: tuple[str, str]) -> str | None:
        if key in self.fresh:
            return cast(str | None, self.fresh[key]["status"])
        stored = self.stored.get(key)
        return stored.status if stored else None

    def old_hash(self, row: IncomingRow) -> str | None:
        revision = self.session.get(RowRevision, (row.entity, row.id, row.row_version))
        return revision.content_hash if revision else None


def _judge(batch: _Batch, row: IncomingRow, office: str, device_id: str) -> tuple[str, str]:
    """("create"|"update"|"same"|"conflict"|"forbidden"|"invalid", reason) for one row."""
    current = batch.current(row.key)
    if current is None:
        if row.entity == "dossier" and (problem := ownership.counter_create_problem(row.status)):
            return "invalid", problem
        return "create", ""
    stored_office, stored_version, stored_hash = current
    if stored_office != office:
        return "forbidden", f"{row.entity} {row.id} belongs to another office"
    if row.row_version == stored_version and row.content_hash == stored_hash:
        return "same", ""
    # Based on an older version than central's, and central's was not this device's
    # own write (an answer lost on the way back): someone else changed it meanwhile.
    if (
        row.base_version is not None
        and row.base_version < stored_version
        and batch.writer(row.key) != device_id
    ):
        if row.row_version < stored_version and batch.old_hash(row) == row.content_hash:
            return "same", ""  # a late retry of a version central had
        return "conflict", (
            f"{row.entity} {row.id}: based on version {row.base_version}, "
            f"central has version {stored_version}"
        )
    if row.row_version == stored_version:
        return "conflict", (
            f"{row.entity} {row.id}: version {row.row_version} already stored "
            "with different content"
        )
    if row.row_version > stored_version:
        if row.entity == "dossier":
            problem = ownership.counter_move_problem(batch.status(row.key), row.status)
            if problem:
                return "invalid", problem
        return "update", ""
    if batch.old_hash(row) == row.content_hash:
        return "same", ""
    return "conflict", (
        f"{row.entity} {row.id}: stale version {row.row_version}, "
        f"the server has version {stored_version}"
    )


def _write(batch: _Batch, row: IncomingRow, verdict: str, office: str, device_id: str) -> None:
    now = utcnow()
    if verdict == "create":
        # New rows go in one multi-row Core INSERT at the end: the ORM's unit of work
        # costs more than the database itself for thousands of small rows.
        batch.fresh[row.key] = dict(
            entity=row.entity,
            id=row.id,
            office_code=office,
            parent_id=row.parent_id,
            row_version=row.row_version,
            content_hash=row.content_hash,
            data=row.data,
            status=row.status,
            code=row.code,
            device_id=device_id,
            received_at=now,
            updated_at=now,
        )
    elif verdict == "update":
        _, old_version, old_hash = batch.current(row.key)  # type: ignore[misc]
        batch.session.merge(
            RowRevision(
                entity=row.entity, id=row.id, row_version=old_version, content_hash=old_hash
            )
        )
        changes = dict(
            row_version=row.row_version,
            content_hash=row.content_hash,
            data=row.data,
            status=row.status,
            code=row.code,
            device_id=device_id,
            updated_at=now,
        )
        if row.key in batch.fresh:
            batch.fresh[row.key].update(changes)
        else:
            stored = batch.stored[row.key]
            for name, value in changes.items():
                setattr(stored, name, value)


def _result(
    item: Any,
    outcome: wire.Outcome,
    status: int,
    reason: str = "",
    central: tuple[int, str | None] | None = None,
) -> wire.PushResult:
    return wire.PushResult(
        ref=item.ref,
        entity=item.entity,
        id=item_id(item),
        outcome=outcome,
        status=status,
        reason=reason,
        central_version=central[0] if central else None,
        central_status=central[1] if central else None,
    )


def ingest(
    session: Session, device: Device, items: list[Any], *, lock: bool
) -> list[wire.PushResult]:
    office = device.office_code
    per_item = [rows_of(item) for item in items]
    batch = _Batch(session, {r.key for rows in per_item for r in rows}, lock)
    blobs_needed = {
        item.attachment.sha256 for item in items if isinstance(item, wire.AttachmentItem)
    }
    complete_blobs = (
        set(
            session.scalars(
                select(Blob.sha256).where(
                    Blob.office_code == office, Blob.sha256.in_(blobs_needed), Blob.complete
                )
            )
        )
        if blobs_needed
        else set()
    )
    results = []
    written: list[IncomingRow] = []  # for the back office's work-queue index
    for item, rows in zip(items, per_item, strict=True):
        if item_office(item) != office:
            results.append(_result(item, "forbidden", 403, "office_mismatch"))
            continue
        if problem := _structure_problem(item):
            results.append(_result(item, "invalid", 422, problem))
            continue
        if isinstance(item, wire.AttachmentItem) and item.attachment.sha256 not in complete_blobs:
            results.append(_result(item, "retry", 425, "attachment content not received yet"))
            continue
        verdicts = [_judge(batch, row, office, device.id) for row in rows]
        refused = [(v, r) for v, r in verdicts if v in ("conflict", "forbidden", "invalid")]
        if refused:
            kind, reason = refused[0]
            main = rows[0].key
            stored = batch.current(main)
            central = (stored[1], batch.status(main)) if stored else None
            if kind == "forbidden":
                results.append(_result(item, "forbidden", 403, reason))
            elif kind == "invalid":
                results.append(_result(item, "invalid", 422, reason, central))
            else:
                results.append(_result(item, "conflict", 409, reason, central))
            continue
        for row, (verdict, _) in zip(rows, verdicts, strict=True):
            _write(batch, row, verdict, office, device.id)
            if verdict in ("create", "update"):
                written.append(row)
        kinds = {v for v, _ in verdicts}
        if kinds == {"same"}:
            results.append(_result(item, "duplicate", 200))
        elif "update" in kinds:
            results.append(_result(item, "updated", 200))
        else:
            results.append(_result(item, "created", 201))
    if batch.fresh:
        table = cast(Table, SyncedRow.__table__)
        session.execute(insert(table), list(batch.fresh.values()))
    queue_index.refresh(session, written)
    serials.assign_bhxh_numbers(
        session,
        office,
        [(r.id, _year_received(r.data)) for r in written if r.entity == "dossier"],
    )
    return results


def _year_received(data: dict[str, Any]) -> int:
    """The year (office time, UTC+7) the dossier was submitted."""
    submitted = dt.datetime.fromisoformat(str(data["submitted_at"]))
    return submitted.astimezone(VN_TZ).year


def push(db: CentralDatabase, device: Device, items: list[Any]) -> list[wire.PushResult]:
    """Ingest a batch in one transaction, retried when a concurrent retry of the same
    rows won the race to insert them (the second pass then sees them as duplicates)."""
    lock = db.dialect == "postgresql"
    for attempt in range(4):
        try:
            with db.session() as session:
                return ingest(session, device, items, lock=lock)
        except IntegrityError:
            if attempt == 3:
                raise
    raise AssertionError("unreachable")
