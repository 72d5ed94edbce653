"""The central database: engine, sessions and migrations to head.

PostgreSQL in production (``postgresql+psycopg://…``), SQLite for demo mode and small
tests (``sqlite:///path``). One engine per process; one session per request.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, Table, create_engine, event
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")


def _sqlite_pragmas(dbapi_conn: Any, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    # Requests run on a thread pool: wait for the writer instead of failing at once.
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def normalize_url(url_or_path: str) -> str:
    """Accept a bare file path as a SQLite database."""
    if "://" in url_or_path:
        return url_or_path
    return f"sqlite:///{Path(url_or_path).resolve()}"


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    url = normalize_url(url)
    if make_url(url).get_backend_name() == "sqlite":
        import sqlcipher3.dbapi2 as sqlcipher  # the process's one SQLite (see app storage/db.py)

        engine = create_engine(
            url, module=sqlcipher, connect_args={"check_same_thread": False, "timeout": 30}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    engine = create_engine(url, pool_size=pool_size, max_overflow=pool_size * 2, pool_timeout=30)
    event.listen(engine, "checkin", _checked_in)
    event.listen(engine, "checkout", _ping_if_idle)
    return engine


# A pooled connection is pinged before use only when it has been idle a while: after a
# PostgreSQL restart the stale ones are replaced instead of failing the next request,
# while a busy server (pushes back to back) does not pay a round trip per checkout.
# A connection that broke while busy fails its request once (503, the counter retries)
# and SQLAlchemy then drops the pool's other connections of that generation.
_IDLE_BEFORE_PING = 5.0


def _checked_in(_dbapi_conn: Any, record: Any) -> None:
    record.info["idle_since"] = time.monotonic()


def _ping_if_idle(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
    idle_since = record.info.get("idle_since")
    if idle_since is None or time.monotonic() - idle_since < _IDLE_BEFORE_PING:
        return
    try:
        with dbapi_conn.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not dbapi_conn.autocommit:
            dbapi_conn.rollback()
    except Exception as exc:
        raise DisconnectionError(str(exc)) from exc


class CentralDatabase:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()


def upsert(session: Session, table: Table, keys: list[str], rows: list[dict[str, Any]]) -> None:
    """INSERT … ON CONFLICT (keys) DO UPDATE of every other column given (every row has
    the same columns). PostgreSQL: one statement whose rows travel as one JSON document
    (``json_populate_recordset``): its text is the same for any number of rows, so the
    driver and the server reuse its parse, and the rows are encoded in one C call, not
    value by value; SQLite: one executemany."""
    if not rows:
        return
    if session.get_bind().dialect.name != "postgresql":
        statement = sqlite.insert(table)
        others = {name: statement.excluded[name] for name in rows[0] if name not in keys}
        session.execute(statement.on_conflict_do_update(index_elements=keys, set_=others), rows)
        return
    given = list(rows[0])
    defaults = _insert_defaults(table, given)
    names = ", ".join(given + list(defaults))
    document = orjson.dumps(
        [{**defaults, **row} for row in rows] if defaults else rows,
        default=_json_values(),
        option=orjson.OPT_PASSTHROUGH_DATETIME,  # as naive UTC, by ``_json_values``
    ).decode()
    updated = [name for name in given if name not in keys]  # defaults: on insert only
    action = (
        "DO UPDATE SET " + ", ".join(f"{name} = EXCLUDED.{name}" for name in updated)
        if updated
        else "DO NOTHING"
    )
    driver_rows(
        session,
        f"INSERT INTO {table.name} ({names}) SELECT {names} "
        f"FROM json_populate_recordset(NULL::{table.name}, %s::json) "
        f"ON CONFLICT ({', '.join(keys)}) {action}",
        (document,),
    )


def _json_values() -> Callable[[Any], Any]:
    """orjson's ``default`` for one document: datetimes as naive UTC text (as UTCDateTime
    stores them), each instant converted once (the same one recurs in every row);
    dates and times as ISO text."""
    done: dict[int, str] = {}  # by id: the document being encoded holds every datetime

    def value(v: Any) -> Any:
        if isinstance(v, dt.datetime):
            text = done.get(id(v))
            if text is None:
                text = done[id(v)] = v.astimezone(dt.UTC).replace(tzinfo=None).isoformat()
            return text
        if isinstance(v, dt.date | dt.time):
            return v.isoformat()
        raise TypeError(f"{type(v).__name__} is not JSON serializable")

    return value


def _insert_defaults(table: Table, given: list[str]) -> dict[str, Any]:
    """The Python-side defaults (``mapped_column(default=…)``) of the columns not given,
    which an INSERT SQLAlchemy does not write leaves out."""
    out: dict[str, Any] = {}
    for column in table.c:
        default = column.default
        if column.name in given or default is None:
            continue
        if default.is_scalar:  # type: ignore[attr-defined]
            out[column.name] = default.arg  # type: ignore[attr-defined]
        elif default.is_callable:  # type: ignore[attr-defined]
            out[column.name] = default.arg(None)  # type: ignore[attr-defined]
    return out


@contextmanager
def psycopg_connection(session: Session, statement: str) -> Iterator[Any]:
    """The session's psycopg connection, in its transaction (pending ORM changes
    flushed first), for the hot statements of a push: no ORM, no compile. A driver
    error comes out as SQLAlchemy would have raised it (IntegrityError, DataError…)."""
    import psycopg
    from sqlalchemy.exc import DBAPIError

    session.flush()
    try:
        yield session.connection().connection.driver_connection
    except psycopg.Error as exc:
        raise DBAPIError.instance(statement, None, exc, psycopg.Error) from exc


def driver_rows(session: Session, statement: str, params: Any) -> list[Any]:
    """``statement`` on the session's psycopg connection and the rows it returns
    (named tuples)."""
    from psycopg.rows import namedtuple_row

    with (
        psycopg_connection(session, statement) as driver,
        driver.cursor(row_factory=namedtuple_row) as cursor,
    ):
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


def copy_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (same keys each) in bulk: COPY on PostgreSQL, the cheapest load it
    has, in the session's transaction (one statement, not one per row); an executemany
    INSERT elsewhere. Datetimes must be aware (stored as naive UTC, as UTCDateTime does);
    dicts and lists are written as JSON."""
    if not rows:
        return
    if session.get_bind().dialect.name != "postgresql":
        session.execute(table.insert(), rows)
        return
    names = list(rows[0])
    statement = f"COPY {table.name} ({', '.join(names)}) FROM STDIN"

    naive: dict[int, dt.datetime] = {}  # the same instant recurs in every row of a push

    def cell(value: Any) -> Any:
        if isinstance(value, dt.datetime):
            found = naive.get(id(value))
            if found is None:
                found = naive[id(value)] = value.astimezone(dt.UTC).replace(tzinfo=None)
            return found
        if isinstance(value, dict | list):
            return json.dumps(value)
        return value

    # Only the columns that may need it go through ``cell`` (first row's types; None
    # and plain values pass as they are): thousands of cells per push otherwise.
    special = [n for n, name in enumerate(names) if isinstance(rows[0][name], _CONVERTED)]
    special += [n for n, name in enumerate(names) if n not in special and _may_convert(table, name)]
    values_of = operator.itemgetter(*names) if len(names) > 1 else lambda r: (r[names[0]],)
    with (
        psycopg_connection(session, statement) as driver,
        driver.cursor() as cursor,
        cursor.copy(statement) as copy,
    ):
        for row in rows:  # (``rows`` holds every datetime: no id is reused meanwhile)
            values = list(values_of(row))
            for n in special:
                values[n] = cell(values[n])
            copy.write_row(values)


_CONVERTED = (dt.datetime, dict, list)


def _may_convert(table: Table, name: str) -> bool:
    """A column whose later rows may hold a datetime or JSON where the first held None."""
    column = table.c.get(name)
    if column is None:
        return True
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        return True
    return python_type in (dt.datetime, dict, list)


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(
        alembic_config(create_engine("postgresql+psycopg://"))
    ).get_current_head()


def migrate(engine: Engine) -> None:
    """Upgrade to head; does nothing when already there."""
    if current_revision(engine) == head_revision():
        return
    from app.shared.migration_lock import MIGRATION_LOCK  # alembic's context is process-global

    config = alembic_config(engine)
    with MIGRATION_LOCK, engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def open_central(url: str, *, pool_size: int = 10) -> CentralDatabase:
    engine = make_engine(url, pool_size=pool_size)
    migrate(engine)
    return CentralDatabase(engine)
