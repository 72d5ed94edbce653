"""papers: serial ranges leased from central; BHXH's own dossier number

Revision ID: 0007_papers
Revises: 0006_sync_versions
Create Date: 2026-12-07 16:30:00

``serial_leases`` holds the ranges of the day's 4-digit serials central leased to this
counter (see ``app.services.dossier_codes``); ``dossiers.bhxh_number`` is BHXH's own
"số hồ sơ", assigned by central and filled by the pull.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_papers"
down_revision = "0006_sync_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "serial_leases",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("office_code", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("first_serial", sa.Integer(), nullable=False),
        sa.Column("last_serial", sa.Integer(), nullable=False),
        sa.Column("next_serial", sa.Integer(), nullable=False),
        sa.Column("leased_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_serial_leases")),
    )
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(
            sa.Column("bhxh_number", sa.String(length=30), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_column("bhxh_number")
    op.drop_table("serial_leases")
