import hashlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select

from app.errors import ErrorKind, UserError
from app.services.storage.db import (
    alembic_config,
    current_revision,
    head_revision,
    make_engine,
    open_database,
    table_names,
)
from app.services.storage.models import Base, Office


def _not_a_search_index(obj, name, type_, reflected, compare_to):
    # SQLite FTS5 virtual tables and their shadow tables are made by raw SQL in a
    # revision; they have no model on purpose.
    return not (type_ == "table" and reflected and compare_to is None and "_fts" in name)


def test_migrations_from_empty_to_head_match_the_models(tmp_path):
    db = open_database(tmp_path / "fresh.sqlite3")
    assert current_revision(db.engine) == head_revision()
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": _not_a_search_index, "compare_type": True}
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"
    for table in (
        "offices",
        "counters",
        "officers",
        "citizens",
        "procedures",
        "dossiers",
        "dossier_documents",
        "attachments",
        "audit_events",
        "sync_outbox",
    ):
        assert table in table_names(db.engine)
    db.dispose()


def test_revisions_form_one_chain():
    from app.services.storage.migrations.head import HEAD

    script = ScriptDirectory.from_config(alembic_config(make_engine("sqlite://")))
    assert len(script.get_heads()) == 1
    assert script.get_current_head() == HEAD, "update migrations/head.py with a new revision"
    revisions = list(script.walk_revisions())
    assert revisions[-1].down_revision is None
    assert all(r.module.__doc__ for r in revisions), "every revision says what it does"


def test_reopening_keeps_data_and_row_versions_count(tmp_path):
    path = tmp_path / "db.sqlite3"
    db = open_database(path)
    with db.session() as s:
        s.add(Office(code="000.00.22.H99", name="Bảo hiểm xã hội cơ sở Thử Nghiệm"))
    db.dispose()
    db = open_database(path)
    with db.session() as s:
        office = s.scalar(select(Office))
        assert office.name == "Bảo hiểm xã hội cơ sở Thử Nghiệm"
        assert office.row_version == 1 and len(office.id) == 36
        assert office.created_at.tzinfo is not None
        office.name = "Đổi tên"
    with db.session() as s:
        assert s.scalar(select(Office)).row_version == 2
    db.dispose()


def test_database_from_a_newer_version_is_refused_and_untouched(tmp_path):
    path = tmp_path / "newer.sqlite3"
    open_database(path).dispose()
    import sqlcipher3.dbapi2 as sqlite  # the process's one SQLite library

    con = sqlite.connect(path)
    con.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    con.commit()
    con.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(UserError) as err:
        open_database(path)
    assert err.value.kind is ErrorKind.DB_NEWER
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path):
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(UserError) as err:
        open_database(path)
    assert err.value.kind is ErrorKind.DB_CORRUPT


def test_failed_unit_of_work_leaves_nothing(db):
    with pytest.raises(RuntimeError), db.session() as s:
        s.add(Office(code="X", name="Y"))
        s.flush()
        raise RuntimeError("crash in the middle of a save")
    with db.session() as s:
        assert s.scalar(select(Office)) is None


# A counter killed while it migrates: SIGKILLed in its own process at the 10th CREATE
# TABLE of a first start (as a power cut or the soak's kills can land there).
_KILLED_MID_MIGRATION = """
import os, signal, sys
from sqlalchemy import event
from sqlalchemy.engine import Engine
from app.services.storage.db import open_database
created = []
@event.listens_for(Engine, "before_cursor_execute")
def count(conn, cursor, statement, *args):
    if statement.lstrip().upper().startswith("CREATE TABLE"):
        created.append(statement)
        if len(created) == 10:
            os.kill(os.getpid(), signal.SIGKILL)
open_database(__import__("pathlib").Path(sys.argv[1]))
"""


def test_a_counter_killed_halfway_through_migrating_starts_again(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    path = tmp_path / "counter.sqlite3"
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_MID_MIGRATION, str(path)],
        env=dict(os.environ, PYTHONPATH=str(root)),
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL  # it died after nine tables were created
    db = open_database(path)  # "table … already exists" before: the counter could not start
    try:
        assert current_revision(db.engine) == head_revision()
        assert "audit_events" in table_names(db.engine)
    finally:
        db.dispose()
