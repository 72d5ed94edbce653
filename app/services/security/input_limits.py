"""Text from officers and citizens is stored literally — SQL, ``{0}``, ``%n``, RTL
marks and all (bound parameters make them harmless) — within two limits:

* the column's declared length: SQLite ignores ``VARCHAR(n)`` but the central
  PostgreSQL does not, so an over-long value accepted here would be refused at
  sync, days later and far from the officer who could fix it;
* no NUL character (PostgreSQL text cannot hold it) and no lone surrogate (not
  encodable in UTF-8: it would crash the write instead of being refused).

``guard_flush`` runs before every flush of the local database (installed by
``open_database``) and refuses the whole unit of work with a message naming the
field; nothing is written.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, inspect
from sqlalchemy.orm import Session

from app.errors import ErrorKind, UserError


def check_row(obj: Any) -> None:
    mapper = inspect(obj).mapper
    for column in mapper.columns:
        if not isinstance(column.type, String):
            continue
        attr = mapper.get_property_by_column(column).key
        value = getattr(obj, attr, None)
        if not isinstance(value, str):
            continue
        where = f"{mapper.local_table.name}.{column.name}"
        if "\x00" in value:
            raise UserError(ErrorKind.TEXT_INVALID, detail=f"{where}: NUL")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:  # a lone surrogate from a broken paste
            raise UserError(ErrorKind.TEXT_INVALID, detail=f"{where}: surrogate") from exc
        limit = column.type.length
        if limit is not None and len(value) > limit:
            raise UserError(ErrorKind.TEXT_TOO_LONG, detail=f"{where}: {len(value)} > {limit}")


def guard_flush(session: Session, _context: object, _instances: object) -> None:
    for obj in (*session.new, *session.dirty):
        check_row(obj)
