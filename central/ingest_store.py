"""The stored side of one push: what central holds for the batch's rows, and the writes.

One push costs a fixed handful of statements whatever its size: one SELECT … FOR UPDATE
of the rows it touches (by entity and client UUID), then one multi-row INSERT of new
rows, one executemany UPDATE of changed rows, one INSERT of superseded hashes and the
work-queue index in bulk. Per-row ORM round trips cost more than the database itself
for thousands of small rows (``bench/sync.py`` measures it beside a raw insert).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from sqlalchemy import String, Table, and_, any_, bindparam, or_, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from app.shared.types import utcnow
from central.db import copy_rows, upsert
from central.models import RowRevision, SyncedRow
from central.web import queue_index

_LOOKUP_CHUNK = 300
_ROWS = cast(Table, SyncedRow.__table__)
_REVISIONS = cast(Table, RowRevision.__table__)
_IDS = ARRAY(String(36))


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
    texts: dict[tuple[str, str], str] = field(default_factory=dict)  # fresh rows' JSON
    rows: list[Row] = field(default_factory=list)  # for the work-queue index

    def __bool__(self) -> bool:
        return bool(self.rows)


def _chunks(
    by_entity: list[tuple[str, list[str]]], size: int
) -> Iterator[list[tuple[str, list[str]]]]:
    """Split (entity, ids) pairs so no statement carries more than ``size`` ids."""
    part: list[tuple[str, list[str]]] = []
    count = 0
    for entity, ids in by_entity:
        for i in range(0, len(ids), size):
            piece = ids[i : i + size]
            if count + len(piece) > size and part:
                yield part
                part, count = [], 0
            part.append((entity, piece))
            count += len(piece)
    if part:
        yield part


def stored_rows(
    session: Session,
    keys: Iterable[tuple[str, str]],
    columns: tuple[Any, ...],
    *,
    lock: bool = False,
) -> Iterator[Any]:
    """``columns`` of the stored rows among ``keys`` (entity, id). One statement per
    ``_LOOKUP_CHUNK`` ids: per entity one index range, PostgreSQL getting each id list as
    one array parameter (a statement text that does not grow with the batch); ordered,
    so two pushes locking the same rows take them in the same order (no deadlock)."""
    by_entity: dict[str, list[str]] = {}
    for entity, row_id in keys:
        by_entity.setdefault(entity, []).append(row_id)
    pg = session.get_bind().dialect.name == "postgresql"
    for part in _chunks(sorted(by_entity.items()), _LOOKUP_CHUNK):
        params = {f"ids_{n}": ids for n, (_, ids) in enumerate(part)}
        query = (
            select(*columns)
            .where(
                or_(
                    *(
                        and_(
                            _ROWS.c.entity == entity,
                            _ROWS.c.id == any_(bindparam(f"ids_{n}", type_=_IDS))
                            if pg
                            else _ROWS.c.id.in_(bindparam(f"ids_{n}", expanding=True)),
                        )
                        for n, (entity, _) in enumerate(part)
                    )
                )
            )
            .order_by(_ROWS.c.entity, _ROWS.c.id)
        )
        if lock:
            query = query.with_for_update()
        yield from session.execute(query, params)


class Batch:
    """Stored rows of one push, loaded in one query and kept current as items are accepted."""

    def __init__(self, session: Session, keys: set[tuple[str, str]], lock: bool) -> None:
        self.session = session
        self.now = utcnow()  # one instant for the push's writes
        self.known: dict[tuple[str, str], Current] = {}
        self.stored: set[tuple[str, str]] = set()
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
            self.stored.add(key)

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
        now = self.now
        values = dict(
            row_version=row.row_version,
            content_hash=row.content_hash,
            data=row.data,
            status=row.status,
            code=row.code,
            device_id=device_id,
            updated_at=now,
        )
        if verdict == "create":
            writes.fresh[row.key] = dict(
                entity=row.entity,
                id=row.id,
                office_code=office,
                parent_id=row.parent_id,
                received_at=now,
                **values,
            )
            writes.texts[row.key] = row.text
        else:
            old = self.known[row.key]
            writes.revisions[(row.entity, row.id, old.version)] = old.hash
            if row.key in writes.fresh:
                writes.fresh[row.key].update(values)
                writes.texts[row.key] = row.text
            else:
                writes.changed[row.key] = dict(b_entity=row.entity, b_id=row.id, **values)
        self.known[row.key] = Current(
            office, row.row_version, row.content_hash, row.status, device_id
        )
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


def _insert_rows(session: Session, writes: Writes) -> None:
    """New rows: COPY on PostgreSQL (one statement), their data as the JSON text already
    made for the hash; one executemany INSERT elsewhere."""
    rows = list(writes.fresh.values())
    if session.get_bind().dialect.name == "postgresql":
        rows = [
            {**row, "data": writes.texts.get(key) or row["data"]}
            for key, row in writes.fresh.items()
        ]
    copy_rows(session, _ROWS, rows)


def store(session: Session, writes: Writes) -> None:
    """Apply ``writes``: a few statements whatever the number of rows."""
    if writes.fresh:
        _insert_rows(session, writes)
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
