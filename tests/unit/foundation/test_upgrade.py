"""A database made by an earlier release opens in this one: a backup copy of the file
is made first, the migrations run once, the data stay."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select

from app.services.storage.db import (
    MIGRATION_LOCK,
    Database,
    alembic_config,
    current_revision,
    head_revision,
    make_engine,
    open_database,
)
from app.services.storage.models import Office

OLDER_REVISIONS = ["0001", "0002", "0005"]  # the first release's schema, later ones

# A database file written at revision 0005 and committed: it keeps the revision ids an
# installed counter may have, so a re-chained or renamed migration fails here. Made by
# ``python tests/unit/foundation/test_upgrade.py`` (fictitious office, fixed test key).
RELEASED = Path(__file__).with_name("fixtures") / "motcua-rev-0005.sqlite3"
RELEASED_KEY = bytes(range(32))


def _database_of_an_earlier_release(path, key: bytes, revision: str) -> None:
    engine = make_engine(f"sqlite:///{path}", key=key)
    config = alembic_config(engine)
    with MIGRATION_LOCK, engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    with Database(engine).session() as s:
        s.add(Office(code="000.00.22.H99", name="Bảo hiểm xã hội cơ sở Thử Nghiệm"))
    engine.dispose()


@pytest.mark.parametrize("revision", OLDER_REVISIONS)
def test_an_earlier_releases_database_is_backed_up_then_migrated_once(tmp_path, revision):
    assert revision != head_revision()
    path, key = tmp_path / "motcua.sqlite3", os.urandom(32)
    _database_of_an_earlier_release(path, key, revision)

    db = open_database(path, key=key)
    assert current_revision(db.engine) == head_revision()
    with db.session() as s:
        assert s.scalar(select(Office)).name == "Bảo hiểm xã hội cơ sở Thử Nghiệm"
    db.dispose()

    backups = sorted((tmp_path / "backups").iterdir())
    assert len(backups) == 1 and f".rev-{revision}." in backups[0].name
    assert backups[0].read_bytes()[:16] != b"SQLite format 3\x00"  # still encrypted
    old = make_engine(f"sqlite:///{backups[0]}", key=key)
    assert current_revision(old) == revision  # the file as the earlier release left it
    with Database(old).session() as s:
        assert s.scalar(select(Office)).code == "000.00.22.H99"
    old.dispose()

    open_database(path, key=key).dispose()  # the next start: nothing to migrate, no copy
    assert len(list((tmp_path / "backups").iterdir())) == 1


def test_a_new_database_needs_no_backup(tmp_path):
    open_database(tmp_path / "fresh.sqlite3").dispose()
    assert not (tmp_path / "backups").exists()


def test_the_committed_database_of_revision_0005_is_upgraded_in_place(tmp_path):
    path = tmp_path / "motcua.sqlite3"
    shutil.copy2(RELEASED, path)
    old = make_engine(f"sqlite:///{path}", key=RELEASED_KEY)
    assert current_revision(old) == "0005"
    old.dispose()

    db = open_database(path, key=RELEASED_KEY)
    assert current_revision(db.engine) == head_revision()
    with db.session() as s:
        assert s.scalar(select(Office)).code == "000.17.22.H56"
    db.dispose()
    [backup] = (tmp_path / "backups").iterdir()
    assert ".rev-0005." in backup.name and backup.read_bytes() == RELEASED.read_bytes()

    open_database(path, key=RELEASED_KEY).dispose()  # migrated once: no second copy
    assert len(list((tmp_path / "backups").iterdir())) == 1


if __name__ == "__main__":  # regenerate the committed fixture
    RELEASED.parent.mkdir(exist_ok=True)
    RELEASED.unlink(missing_ok=True)
    _database_of_an_earlier_release(RELEASED, RELEASED_KEY, "0005")
    sys.exit(0)
