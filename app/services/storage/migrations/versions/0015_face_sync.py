"""face_matches: row version and last change, so the attempts sync to central

Revision ID: 0015_face_sync
Revises: 0014_events_contacts
Create Date: 2026-12-07 19:50:00

An attempt changes after it is recorded (linked to its dossier, overridden by a
supervisor): each change is a new version for the sync's conflict rules.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_face_sync"
down_revision = "0014_events_contacts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("face_matches") as batch:
        batch.add_column(
            sa.Column("row_version", sa.Integer(), nullable=False, server_default="1")
        )
        batch.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))
    op.execute("UPDATE face_matches SET updated_at = at WHERE updated_at IS NULL")
    with op.batch_alter_table("face_matches") as batch:
        batch.alter_column("updated_at", existing_type=sa.DateTime(), nullable=False)
        batch.alter_column("row_version", existing_type=sa.Integer(), server_default=None)
    # attempts recorded before this revision go up with the next sync
    op.execute(
        "INSERT INTO sync_outbox (entity, entity_id, payload, created_at, state, attempts, "
        "last_error) SELECT 'face_match', id, '{}', at, 'pending', 0, '' FROM face_matches"
    )


def downgrade() -> None:
    op.execute("DELETE FROM sync_outbox WHERE entity = 'face_match'")
    with op.batch_alter_table("face_matches") as batch:
        batch.drop_column("updated_at")
        batch.drop_column("row_version")
