"""The work queue's index: one ``dossier_queue`` row per pushed dossier.

Pushed dossiers and citizens are stored as wire JSON (``synced_rows``); the queue needs
the office, status, procedure, counter, due date, ID number and folded name as real
columns with indexes. Ingest calls :func:`refresh` with the rows it wrote in the same
transaction, back-office actions call :func:`refresh_dossier`, so the index is never
behind what a counter pushed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Protocol, cast

from sqlalchemy import Table, bindparam, update
from sqlalchemy.orm import Session

from app.shared import wire
from app.shared.codes import normalise_lookup_code
from app.shared.folding import fold
from app.shared.types import utcnow
from central.db import upsert
from central.models import DossierQueueEntry, SyncedRow
from central.row_lookup import stored_rows

# The sort key of a dossier whose clock is stopped (completion requested): last.
NO_DUE = dt.datetime(9999, 12, 31, tzinfo=dt.UTC)
_QUEUE = cast(Table, DossierQueueEntry.__table__)


_LIMITS = {
    c.name: int(length) for c in _QUEUE.c if (length := getattr(c.type, "length", None)) is not None
}


class WrittenRow(Protocol):
    @property
    def entity(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def data(self) -> dict[str, Any]: ...
    @property
    def queue(self) -> dict[str, Any] | None: ...  # a dossier's columns, if already made


def parse_when(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _citizen_columns(citizen: dict[str, Any] | None) -> dict[str, str]:
    if not citizen:
        return {"id_number": "", "full_name": "", "name_folded": ""}
    name = str(citizen.get("full_name", ""))
    return {
        "id_number": str(citizen.get("id_number", ""))[:12],
        "full_name": name[:120],
        "name_folded": fold(name)[:120],
    }


def _dossier_columns(data: dict[str, Any]) -> dict[str, Any]:
    due = parse_when(data.get("due_at"))
    return {
        "office_code": data["office_code"],
        "code": data["code"],
        "lookup_code": normalise_lookup_code(data.get("lookup_code", "") or ""),
        "status": data["status"],
        "procedure_code": data.get("procedure_code", ""),
        "counter_number": int(data.get("counter_number", 0)),
        "submitted_at": parse_when(data["submitted_at"]),
        "due_at": due,
        "due_sort": due or NO_DUE,
        "citizen_id": data.get("citizen_id", ""),
        "updated_at": utcnow(),
    }


def _upsert(session: Session, dossier_id: str, columns: dict[str, Any]) -> None:
    entry = session.get(DossierQueueEntry, dossier_id)
    if entry is None:
        session.add(DossierQueueEntry(dossier_id=dossier_id, **columns))
    else:
        for name, value in columns.items():
            setattr(entry, name, value)


def refresh(session: Session, rows: Iterable[WrittenRow]) -> None:
    """Bring the index up to the dossier and citizen rows just written, in bulk: one
    upsert for the dossiers, one executemany for the citizens' names."""
    written = list(rows)
    citizens = {r.id: r.data for r in written if r.entity == "citizen"}
    dossiers = {r.id: r for r in written if r.entity == "dossier"}  # the last write wins
    now = utcnow()
    columns_of = {i: r.queue or _dossier_columns(r.data) for i, r in dossiers.items()}
    wanted = {c["citizen_id"] for c in columns_of.values()} - set(citizens)
    if wanted:
        citizens.update(_stored_citizens(session, sorted(wanted)))
    entries = []
    for dossier_id, columns in columns_of.items():
        citizen = _citizen_columns(citizens.get(columns["citizen_id"]))
        entries.append({"dossier_id": dossier_id, **columns, **citizen, "updated_at": now})
    if entries:
        session.flush()  # the ORM's pending changes first: this bypasses it
        upsert(session, _QUEUE, ["dossier_id"], entries)
    # A citizen pushed after its dossier (or corrected later) fills the name in.
    names = [
        {"b_citizen": r.id, **_citizen_columns(r.data)} for r in written if r.entity == "citizen"
    ]
    if names:
        session.execute(
            update(_QUEUE)
            .where(_QUEUE.c.citizen_id == bindparam("b_citizen"))
            .values({name: bindparam(name) for name in _citizen_columns(None)}),
            names,
        )


def _stored_citizens(session: Session, ids: list[str]) -> dict[str, Any]:
    """Citizen rows already at central, by id (one statement)."""
    columns = (SyncedRow.id, SyncedRow.data)
    return {
        found.id: found.data
        for found in stored_rows(session, [("citizen", i) for i in ids], columns)
    }


def dossier_columns(data: dict[str, Any]) -> dict[str, Any]:
    """A dossier's queue columns; ValueError/TypeError/KeyError when its data would not
    index (found before writing, so the one item is refused, not the batch)."""
    columns = _dossier_columns(data)
    for name, value in columns.items():
        limit = _LIMITS.get(name)
        if limit is not None and isinstance(value, str) and len(value) > limit:
            raise ValueError(f"{name} longer than {limit} characters")
    if not -(2**31) <= columns["counter_number"] < 2**31:
        raise ValueError("counter_number out of range")
    return columns


def refresh_dossier(session: Session, stored: SyncedRow, *, missing: str | None = None) -> None:
    """After a back-office action changed a stored dossier."""
    columns = _dossier_columns(stored.data)
    if missing is not None:
        columns["missing"] = missing
    entry = session.get(DossierQueueEntry, stored.id)
    if entry is None:
        citizen = session.get(SyncedRow, ("citizen", columns["citizen_id"]))
        columns.update(_citizen_columns(citizen.data if citizen else None))
    _upsert(session, stored.id, columns)


def dossier_of(stored: SyncedRow) -> wire.DossierWire:
    return wire.DossierWire.model_validate(stored.data)
