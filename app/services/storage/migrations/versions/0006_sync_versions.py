"""sync: the central version each pushed row was last confirmed at

Revision ID: 0006_sync_versions
Revises: 0005
Create Date: 2026-12-02 14:40:00

A push carries the version it was based on (``sync_versions.central_version``);
central answers a push based on an older version with a conflict.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_sync_versions"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_versions",
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("central_version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "entity_id", name=op.f("pk_sync_versions")),
    )


def downgrade() -> None:
    op.drop_table("sync_versions")
