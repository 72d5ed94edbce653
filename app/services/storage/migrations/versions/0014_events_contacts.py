"""events_contacts: the dossiers central says answered each procedure of a life event

Revision ID: 0014_events_contacts
Revises: 0013_face
Create Date: 2026-12-07 19:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_events_contacts"
down_revision = "0013_face"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("life_events") as batch:
        batch.add_column(sa.Column("answers", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("life_events") as batch:
        batch.drop_column("answers")
