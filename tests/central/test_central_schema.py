"""The central schema: migrations reach head and match the models, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from central.db import current_revision, head_revision, migrate
from central.tables import metadata


def test_migrations_match_the_models(central_db_url: str) -> None:
    engine = create_engine(central_db_url)
    try:
        migrate(engine)
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
        assert diff == []
        migrate(engine)  # a second start-up changes nothing
    finally:
        engine.dispose()
