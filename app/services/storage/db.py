"""Opening the local database: engine, sessions, migrations at start-up.

One engine and one sessionmaker per process; one session per user action
(``with db.session() as s:``), ``expire_on_commit=False`` so plain objects leave it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import ErrorKind, UserError
from app.services.storage.migrations.head import HEAD
from app.shared.migration_lock import MIGRATION_LOCK

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(make_engine("sqlite://")))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _sqlite_pragmas(dbapi_conn: Any, _record: object) -> None:
    cur = dbapi_conn.cursor()
    # WAL: readers never block the writer; a killed process leaves a consistent file.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def translate_db_error(exc: Exception) -> UserError:
    """Environment failures of SQLite as user errors (the rest are bugs)."""
    text = str(exc).lower()
    if "database or disk is full" in text:
        return UserError(ErrorKind.DB_DISK_FULL)
    if "readonly" in text or "read-only" in text:
        return UserError(ErrorKind.DB_READONLY)
    if "locked" in text or "busy" in text:
        return UserError(ErrorKind.DB_LOCKED)
    if "malformed" in text or "not a database" in text or "encrypted" in text:
        return UserError(ErrorKind.DB_CORRUPT, detail=type(exc).__name__)
    return UserError(ErrorKind.DB_CORRUPT, detail=type(exc).__name__)


class Database:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error."""
        with self._sessions() as s:
            try:
                yield s
                s.commit()
            except OperationalError as exc:
                s.rollback()
                raise translate_db_error(exc) from exc
            except BaseException:
                s.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()


def make_engine(url: str, key: bytes | None = None) -> Engine:
    """An engine for ``url``; with ``key`` (a raw 256-bit SQLCipher key) the SQLite file
    is opened through SQLCipher and every page on disk is encrypted.

    Without a key the file is plain SQLite: only tests and tools use that; the app
    opens its data through ``app.services.security.database``, which always keys it.
    """
    # hide_parameters: error messages (and so crash reports) must not quote the
    # values of a failed statement — they are citizens' names and ID numbers.
    import sqlcipher3.dbapi2 as sqlcipher

    if key is None:
        # One SQLite library per process: SQLCipher's, keyed or not. Loading Python's
        # own sqlite3 beside it lets the two libraries' symbols mix, which crashes.
        module = sqlcipher if url.startswith("sqlite") else None
        engine = create_engine(url, hide_parameters=True, **({"module": module} if module else {}))
    else:
        if len(key) != 32:
            raise ValueError("SQLCipher raw keys are 32 bytes")
        engine = create_engine(url, module=sqlcipher, hide_parameters=True)
        pragma = f"PRAGMA key = \"x'{key.hex()}'\""

        def keyed_connect(dialect: object, _rec: object, cargs: list, cparams: dict) -> object:
            # Key the connection before SQLAlchemy or our pragmas read anything.
            conn = sqlcipher.connect(*cargs, **cparams)
            conn.execute("PRAGMA cipher_log_level = NONE")  # its stderr log is noise
            conn.execute(pragma)
            return conn

        event.listen(engine, "do_connect", keyed_connect)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def backup_before_upgrade(engine: Engine, path: Path, revision: str) -> Path:
    """A copy of the database file as the earlier release left it, before any migration
    writes: ``backups/<name>.rev-<revision>.<UTC time>.sqlite3`` beside it. The copy is
    the file itself, so an encrypted database stays encrypted with the same key."""
    import datetime as dt
    import shutil

    with engine.connect() as conn:  # fold the write-ahead log into the main file first
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()  # no connection holds the file while it is copied
    folder = path.parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{path.stem}.rev-{revision}.{stamp}{path.suffix}"
    shutil.copy2(path, target)
    log.info("database backed up before migrating from revision %s: %s", revision, target.name)
    return target


def upgrade(engine: Engine, backup_path: Path | None = None) -> None:
    """Bring the schema to head; refuse, touching nothing, a database from a newer app.
    An existing database at ``backup_path`` is copied first (``backup_before_upgrade``)."""
    try:
        current = current_revision(engine)
    except DatabaseError as exc:
        raise translate_db_error(exc) from exc
    if current == HEAD:
        return  # the usual start: no Alembic import at all
    from alembic import command
    from alembic.script import ScriptDirectory

    config = alembic_config(engine)
    script = ScriptDirectory.from_config(config)
    if current is not None and current not in {r.revision for r in script.walk_revisions()}:
        raise UserError(ErrorKind.DB_NEWER, detail=f"revision {current}")
    if current == script.get_current_head():
        return
    if current is not None and backup_path is not None and backup_path.exists():
        backup_before_upgrade(engine, backup_path, current)
    with MIGRATION_LOCK, engine.begin() as conn:
        # One SQLite transaction for the whole upgrade: the driver sends no BEGIN before
        # DDL, so each CREATE/ALTER used to commit alone, and a counter killed halfway
        # through its first start (or an upgrade) was left with tables but no revision,
        # unable to open again ("table … already exists"). Now a crash undoes it all.
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def _check_key(engine: Engine) -> None:
    """A wrong key reads as noise: say so before Alembic or anything else writes."""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except DatabaseError as exc:
        if "not a database" in str(exc).lower():
            raise UserError(ErrorKind.DB_WRONG_KEY, detail=type(exc).__name__) from exc
        raise translate_db_error(exc) from exc


def open_database(path: Path, key: bytes | None = None) -> Database:
    """Open (create, migrate) the database at ``path``; encrypted when ``key`` is given."""
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(f"sqlite:///{path}", key=key)
    try:
        if key is not None:
            _check_key(engine)
        upgrade(engine, backup_path=path)
    except UserError:
        engine.dispose()
        raise
    except (OperationalError, DatabaseError) as exc:
        engine.dispose()
        raise translate_db_error(exc) from exc
    from app.services.security.input_limits import guard_flush

    database = Database(engine)
    # SQLite ignores VARCHAR lengths; refuse here what the central PostgreSQL would.
    event.listen(database._sessions, "before_flush", guard_flush)
    return database


def table_names(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())
