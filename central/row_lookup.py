"""Stored synced rows looked up by (entity, id), for a push: one statement, whatever
the number of keys, on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, cast

import orjson
from sqlalchemy import Table, and_, bindparam, or_, select
from sqlalchemy.orm import Session

from central.db import driver_rows
from central.models import SyncedRow

LOOKUP_CHUNK = 300  # ids per statement where the keys travel as parameters (SQLite)
_ROWS = cast(Table, SyncedRow.__table__)


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
    """``columns`` of the stored rows among ``keys`` (entity, id), ordered, so two pushes
    locking the same rows take them in the same order (no deadlock). PostgreSQL: one
    statement, the keys as one JSON document (a text that does not grow with the
    batch, encoded in one call); elsewhere one statement per ``LOOKUP_CHUNK`` ids."""
    if session.get_bind().dialect.name == "postgresql":
        names = ", ".join(f"s.{c.name}" for c in columns)
        return iter(
            driver_rows(
                session,
                f"SELECT {names} FROM synced_rows s JOIN json_to_recordset(%s::json)"
                " AS k(entity varchar, id varchar) ON s.entity = k.entity AND s.id = k.id"
                " ORDER BY s.entity, s.id" + (" FOR UPDATE OF s" if lock else ""),
                (orjson.dumps([{"entity": e, "id": i} for e, i in keys]).decode(),),
            )
        )
    return _stored_rows_chunked(session, keys, columns, lock)


def _stored_rows_chunked(
    session: Session, keys: Iterable[tuple[str, str]], columns: tuple[Any, ...], lock: bool
) -> Iterator[Any]:
    by_entity: dict[str, list[str]] = {}
    for entity, row_id in keys:
        by_entity.setdefault(entity, []).append(row_id)
    for part in _chunks(sorted(by_entity.items()), LOOKUP_CHUNK):
        params = {f"ids_{n}": ids for n, (_, ids) in enumerate(part)}
        query = (
            select(*columns)
            .where(
                or_(
                    *(
                        and_(
                            _ROWS.c.entity == entity,
                            _ROWS.c.id.in_(bindparam(f"ids_{n}", expanding=True)),
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
