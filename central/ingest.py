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
Items are independent: a refused one never blocks the others in the batch. That holds
for what the database refuses too: values that would not fit are found before writing
(422), and if the batch's bulk write still fails, it is redone item by item, each in a
savepoint, so only the offending item is answered 409 (constraint) or 422 (data).
The writes of one push go out in bulk (``ingest_store``): one transaction, a fixed
handful of statements whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from app.shared import ownership, wire
from app.shared.timezone import VN_TZ
from central import attachment_checks, serials
from central.db import CentralDatabase
from central.ingest_store import Batch, Writes, store
from central.life_events import answers, contacts
from central.models import Blob, Device, SyncedRow
from central.web import queue_index

_COLUMNS = cast(Table, SyncedRow.__table__).c
_LIMITS = {
    name: int(getattr(_COLUMNS[name].type, "length", 0) or 0)
    for name in ("id", "parent_id", "status", "code")
}


@dataclass(frozen=True, slots=True)
class IncomingRow:
    entity: str
    id: str
    key: tuple[str, str]  # (entity, id)
    row_version: int
    content_hash: str
    data: dict[str, Any]
    parent_id: str | None = None
    status: str | None = None
    code: str | None = None
    base_version: int | None = None  # the item's main row only: central's version it builds on
    text: str = ""  # ``data`` as canonical JSON: hashed, and stored as is (no second dump)
    queue: dict[str, Any] | None = None  # a dossier's work-queue columns
    problem: str = ""  # why the database would refuse the row (found before writing)


def _row(entity: str, data: dict[str, Any], version: int, **extra: Any) -> IncomingRow:
    body = wire.canonical_json(data)
    return IncomingRow(
        entity=entity,
        id=data["id"],
        key=(entity, data["id"]),
        row_version=version,
        content_hash=hashlib.sha256(body).hexdigest(),  # as wire.content_hash(model)
        data=data,
        text=body.decode(),
        **extra,
    )


def _dossier_row(data: dict[str, Any], base_version: int | None) -> IncomingRow:
    """The dossier's row, with its work-queue columns made once (checked here, written
    by the index) or the reason they cannot be."""
    try:
        queue, problem = queue_index.dossier_columns(data), ""
    except (ValueError, TypeError, KeyError) as exc:
        queue, problem = None, f"dossier {data.get('id')}: {exc}"
    return _row(
        "dossier",
        data,
        data["row_version"],
        status=data["status"],
        code=data["code"],
        base_version=base_version,
        queue=queue,
        problem=problem,
    )


def rows_of(item: Any) -> list[IncomingRow]:
    """The rows an item stores, from one dump of the item (each row as the counter's
    ``wire.content_hash`` dumps it: a nested dump is the same as the part's own)."""
    data = item.model_dump(mode="json")
    base = item.base_version if hasattr(item, "base_version") else None
    match item:
        case wire.DossierItem(dossier=d):
            rows = [_dossier_row(data["dossier"], base)]
            rows += [
                _row("document", x, x["row_version"], parent_id=d.id) for x in data["documents"]
            ]
            rows += [_row("event", x, x["row_version"], parent_id=d.id) for x in data["events"]]
            return rows
        case wire.CitizenItem(citizen=c):
            return [_row("citizen", data["citizen"], c.row_version, base_version=base)]
        case wire.AttachmentItem(attachment=a):
            return [
                _row(
                    "attachment",
                    data["attachment"],
                    a.row_version,
                    parent_id=a.citizen_id,
                    base_version=base,
                )
            ]
        case wire.AuditItem():
            return [_row("audit", data["audit"], 1)]
        case wire.LifeEventContactItem(life_event_contact=c):
            return [
                _row(
                    "life_event_contact",
                    data["life_event_contact"],
                    c.row_version,
                    parent_id=c.event_id,
                    base_version=base,
                )
            ]
        case wire.FaceMatchItem(face_match=f):
            # parent: the dossier it verified (none until the intake was saved)
            return [
                _row(
                    "face_match",
                    data["face_match"],
                    f.row_version,
                    parent_id=f.dossier_id,
                    base_version=base,
                )
            ]
    raise AssertionError(f"unknown item {type(item).__name__}")


def item_office(item: Any) -> str:
    return item.dossier.office_code if isinstance(item, wire.DossierItem) else item.office_code


def item_id(item: Any) -> str:
    return {
        "dossier": lambda: item.dossier.id,
        "citizen": lambda: item.citizen.id,
        "attachment": lambda: item.attachment.id,
        "audit": lambda: item.audit.id,
        "life_event_contact": lambda: item.life_event_contact.id,
        "face_match": lambda: item.face_match.id,
    }[item.entity]()


def _structure_problem(item: Any) -> str:
    if not isinstance(item, wire.DossierItem):
        return ""
    parents = {x.dossier_id for x in item.documents} | {x.dossier_id for x in item.events}
    if parents - {item.dossier.id}:
        return "a document or event belongs to another dossier"
    return ""


def _judge(batch: Batch, row: IncomingRow, office: str, device_id: str) -> tuple[str, str]:
    """("create"|"update"|"same"|"conflict"|"forbidden"|"invalid", reason) for one row."""
    current = batch.current(row.key)
    if current is None:
        if row.entity == "dossier" and (problem := ownership.counter_create_problem(row.status)):
            return "invalid", problem
        return "create", ""
    stored_version = current.version
    if current.office != office:
        return "forbidden", f"{row.entity} {row.id} belongs to another office"
    if row.row_version == stored_version and row.content_hash == current.hash:
        return "same", ""
    # Based on an older version than central's, and central's was not this device's
    # own write (an answer lost on the way back): someone else changed it meanwhile.
    if (
        row.base_version is not None
        and row.base_version < stored_version
        and current.device_id != device_id
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
            problem = ownership.counter_move_problem(current.status, row.status)
            if problem:
                return "invalid", problem
        return "update", ""
    if batch.old_hash(row) == row.content_hash:
        return "same", ""
    return "conflict", (
        f"{row.entity} {row.id}: stale version {row.row_version}, "
        f"the server has version {stored_version}"
    )


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


def _data_problem(rows: list[IncomingRow]) -> str:
    """Why the database would refuse these rows (too long for a column, a dossier whose
    queue columns do not parse), found before writing so the item alone is refused."""
    for row in rows:
        for name in ("id", "parent_id", "status", "code"):
            value = getattr(row, name)
            limit = _LIMITS[name]
            if value is not None and len(value) > limit:
                return f"{row.entity} {name} longer than {limit} characters"
        if row.problem:
            return row.problem
    return ""


def _refusal(item: Any, batch: Batch, rows: list[IncomingRow], kind: str, reason: str) -> Any:
    main = batch.current(rows[0].key)
    central = (main.version, main.status) if main else None
    if kind == "forbidden":
        return _result(item, "forbidden", 403, reason)
    if kind == "invalid":
        return _result(item, "invalid", 422, reason, central)
    return _result(item, "conflict", 409, reason, central)


def _database_refusal(item: Any, exc: IntegrityError | DataError) -> wire.PushResult:
    """A row the database refused: a broken constraint is a 409, a value that does not
    fit a 422 — final answers about this item (retrying it would fail the same way)."""
    detail = type(exc.orig).__name__
    if isinstance(exc, IntegrityError):
        return _result(item, "conflict", 409, f"constraint_violation: {detail}")
    return _result(item, "invalid", 422, f"invalid_data: {detail}")


def ingest(
    session: Session, device: Device, items: list[Any], *, lock: bool, isolate: bool = False
) -> list[wire.PushResult]:
    """Judge and store ``items``. Their writes go to the database together at the end;
    with ``isolate`` each accepted item is written at once inside its own savepoint, so
    a row the database refuses costs only its item (a 409 or 422 answer)."""
    office = device.office_code
    per_item = [rows_of(item) for item in items]
    batch = Batch(session, {r.key for rows in per_item for r in rows}, lock)
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
    refused_claims = attachment_checks.refusals(session, office, items)
    foreign_events = contacts.refusals(session, office, items)
    results = []
    writes = Writes()
    new_dossiers: list[tuple[str, int]] = []  # (id, year received): BHXH numbers to give
    answered: list[dict[str, Any]] = []  # dossiers stored: a life event they answer?
    for item, rows in zip(items, per_item, strict=True):
        if item_office(item) != office:
            results.append(_result(item, "forbidden", 403, "office_mismatch"))
            continue
        if problem := _structure_problem(item) or _data_problem(rows):
            results.append(_result(item, "invalid", 422, problem))
            continue
        if isinstance(item, wire.AttachmentItem) and item.attachment.sha256 not in complete_blobs:
            results.append(_result(item, "retry", 425, "attachment content not received yet"))
            continue
        if reason := foreign_events.get(id(item)):
            results.append(_result(item, "forbidden", 403, reason))
            continue
        if claim := refused_claims.get(id(item)):
            results.append(_result(item, *claim))  # a size, type, name or office it lied about
            continue
        verdicts = [_judge(batch, row, office, device.id) for row in rows]
        refused = [(v, r) for v, r in verdicts if v in ("conflict", "forbidden", "invalid")]
        if refused:
            results.append(_refusal(item, batch, rows, *refused[0]))
            continue
        saved = batch.snapshot(r.key for r in rows) if isolate else {}
        own = Writes() if isolate else writes
        for row, (verdict, _) in zip(rows, verdicts, strict=True):
            if verdict in ("create", "update"):
                batch.accept(own, row, verdict, office, device.id)
        if isolate and own:
            try:
                with session.begin_nested():
                    store(session, own)
            except (IntegrityError, DataError) as exc:
                batch.restore(saved)
                results.append(_database_refusal(item, exc))
                continue
        answered.extend(
            row.data
            for row, (verdict, _) in zip(rows, verdicts, strict=True)
            if verdict in ("create", "update") and row.entity == "dossier"
        )
        new_dossiers.extend(
            (row.id, _year_received(row.data))
            for row, (verdict, _) in zip(rows, verdicts, strict=True)
            if verdict == "create" and row.entity == "dossier"
        )
        kinds = {v for v, _ in verdicts}
        if kinds == {"same"}:
            results.append(_result(item, "duplicate", 200))
        elif "update" in kinds:
            results.append(_result(item, "updated", 200))
        else:
            results.append(_result(item, "created", 201))
    if writes:
        store(session, writes)
    answers.record(session, office, answered, lock=lock)
    # Last: it takes the feed lock, held until the commit, which every push waits for.
    serials.assign_bhxh_numbers(session, office, new_dossiers)
    return results


def _year_received(data: dict[str, Any]) -> int:
    """The year (office time, UTC+7) the dossier was submitted."""
    submitted = dt.datetime.fromisoformat(str(data["submitted_at"]))
    return submitted.astimezone(VN_TZ).year


Prepare = Callable[[Session], tuple[Device, list[Any]]]


def push(db: CentralDatabase, prepare: Prepare) -> list[wire.PushResult]:
    """Ingest a batch in one transaction, with the device's credentials checked in it
    (``prepare``: the device and the items, or a refusal). If the database refuses a
    write (a constraint, a value that does not fit, or a concurrent retry of the same
    rows that won the race to insert them), the batch runs again item by item: the
    offending item gets its own answer, the others are stored, and rows the race
    inserted are now duplicates."""
    lock = db.dialect == "postgresql"
    try:
        with db.session() as session:
            device, items = prepare(session)
            return ingest(session, device, items, lock=lock) if items else []
    except (IntegrityError, DataError):
        pass
    with db.session() as session:
        device, items = prepare(session)
        return ingest(session, device, items, lock=lock, isolate=True)
