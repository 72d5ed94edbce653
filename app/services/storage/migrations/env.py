"""Alembic environment: runs on the connection the app hands over (no alembic.ini)."""

from __future__ import annotations

from alembic import context

from app.services.storage.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the app and tests run migrations
    raise RuntimeError("migrations run through app.services.storage.db.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move tables
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
