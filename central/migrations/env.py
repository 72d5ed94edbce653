"""Alembic environment of the central service: runs on the connection handed over."""

from __future__ import annotations

from alembic import context

from central.tables import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only central.db.migrate runs migrations
    raise RuntimeError("migrations run through central.db.migrate()")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move tables
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
