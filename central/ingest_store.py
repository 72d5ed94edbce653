"""The stored side of one push: what central holds for the batch's rows, and the writes.

One push costs a fixed handful of statements whatever its size: one SELECT … FOR UPDATE
of the rows it touches (by entity and client UUID), then one multi-row INSERT of new
rows, one executemany UPDATE of changed rows, one INSERT of superseded hashes and the
work-queue index in bulk. Per-row ORM round trips cost more than the database itself
for thousands of small rows (``bench/sync.py`` measures it beside a raw insert).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from app.shared.types import utcnow
from central.db import copy_rows, upsert
from central.models import RowRevision, SyncedRow
from central.row_lookup import stored_rows
from central.web import queue_index

_LOOKUP_CHUNK = 300
_ROWS = cast(Table, SyncedRow.__table__)
_REVISIONS = cast(Table, RowRevision.__table__)


class Row(Protocol):
    @property
    def entity(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def key(self) -> tuple[str, str]: ...
    @property
    def row_version(self) -> int: ...
    @property
    def content_hash(self) -> str: ...
    @property
    def data(self) -> dict[str, Any]: ...
    @property
    def parent_id(self) -> str | None: ...
    @property
    def status(self) -> str | None: ...
    @property
    def code(self) -> str | None: ...
    @property
    def text(self) -> str: ...
    @property
    def queue(self) -> dict[str, Any] | None: ...


@dataclass(slots=True)
class Current:
    """What central holds for a row: stored, or as written earlier in this push."""

    office: str
    version: int
    hash: str
    status: str | None
    device_id: str | None  # the last writer (None: the back office)


@dataclass
class Writes:
    """The rows one or more accepted items write, applied by :func:`store`."""

    fresh: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    changed: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    revisions: dict[tuple[str, str, int], str] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)  # for the work-queue index

    def __bool__(self) -> bool:
        return bool(self.rows)


class Batch:
    """Stored rows of one push, loaded in one query and kept current as items are accepted."""

    def __init__(self, session: Session, keys: set[tuple[str, str]], lock: bool) -> None:
        self.session = session
        self.pg = session.get_bind().dialect.name == "postgresql"
        self.now = utcnow()  # one instant for the push's writes
        self.known: dict[tuple[str, str], Current] = {}
        columns = (
            _ROWS.c.entity,
            _ROWS.c.id,
            _ROWS.c.office_code,
            _ROWS.c.row_version,
            _ROWS.c.content_hash,
            _ROWS.c.status,
            _ROWS.c.device_id,
        )
        for r in stored_rows(session, keys, columns, lock=lock):
            key = (r.entity, r.id)
            self.known[key] = Current(
                r.office_code, r.row_version, r.content_hash, r.status, r.device_id
            )

    def current(self, key: tuple[str, str]) -> Current | None:
        return self.known.get(key)

    def old_hash(self, row: Row) -> str | None:
        """The hash central had for an older version of the row (a late retry)."""
        return self.session.scalar(
            select(_REVISIONS.c.content_hash).where(
                _REVISIONS.c.entity == row.entity,
                _REVISIONS.c.id == row.id,
                _REVISIONS.c.row_version == row.row_version,
            )
        )

    def accept(self, writes: Writes, row: Row, verdict: str, office: str, device_id: str) -> None:
        """Record ``row``'s create or update in ``writes`` and in what the batch sees."""
        now, key = self.now, row.key
        # A new row's data goes to COPY as the JSON text made for its hash (PostgreSQL).
        text = row.text if self.pg else row.data
        if verdict == "create":
            writes.fresh[key] = {
                "entity": row.entity,
                "id": row.id,
                "office_code": office,
                "parent_id": row.parent_id,
                "received_at": now,
                "row_version": row.row_version,
                "content_hash": row.content_hash,
                "data": text,
                "status": row.status,
                "code": row.code,
                "device_id": device_id,
                "updated_at": now,
            }
        else:
            values = dict(
                row_version=row.row_version,
                content_hash=row.content_hash,
                data=row.data,
                status=row.status,
                code=row.code,
                device_id=device_id,
                updated_at=now,
            )
            old = self.known[key]
            writes.revisions[(row.entity, row.id, old.version)] = old.hash
            if key in writes.fresh:
                writes.fresh[key].update(values, data=text)
            else:
                writes.changed[key] = dict(b_entity=row.entity, b_id=row.id, **values)
        self.known[key] = Current(office, row.row_version, row.content_hash, row.status, device_id)
        writes.rows.append(row)

    def snapshot(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Current | None]:
        return {k: self.known.get(k) for k in keys}

    def restore(self, saved: dict[tuple[str, str], Current | None]) -> None:
        """Forget an item whose writes the database refused."""
        for key, value in saved.items():
            if value is None:
                self.known.pop(key, None)
            else:
                self.known[key] = value


def _upsert_revisions(session: Session, revisions: dict[tuple[str, str, int], str]) -> None:
    now = utcnow()
    rows = [
        dict(entity=e, id=i, row_version=v, content_hash=h, recorded_at=now)
        for (e, i, v), h in revisions.items()
    ]
    for n in range(0, len(rows), _LOOKUP_CHUNK):
        upsert(session, _REVISIONS, ["entity", "id", "row_version"], rows[n : n + _LOOKUP_CHUNK])


def store(session: Session, writes: Writes) -> None:
    """Apply ``writes``: a few statements whatever the number of rows."""
    if writes.fresh:  # COPY on PostgreSQL (one statement)
        copy_rows(session, _ROWS, list(writes.fresh.values()))
    if writes.changed:
        names = next(iter(writes.changed.values())).keys() - {"b_entity", "b_id"}
        session.execute(
            update(_ROWS)
            .where(_ROWS.c.entity == bindparam("b_entity"), _ROWS.c.id == bindparam("b_id"))
            .values({name: bindparam(name) for name in names}),
            list(writes.changed.values()),
        )
    if writes.revisions:
        _upsert_revisions(session, writes.revisions)
    queue_index.refresh(session, writes.rows)
