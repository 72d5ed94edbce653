"""papers: leased dossier serials per office-day; BHXH's own dossier numbers

Revision ID: 0008_papers
Revises: 0009_events
Create Date: 2026-12-07 16:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_papers"
down_revision = "0009_events"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "serial_days",
        sa.Column("office_code", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("next_serial", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("office_code", "day", name=op.f("pk_serial_days")),
    )
    op.create_table(
        "bhxh_numbers",
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("assigned_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("dossier_id", name=op.f("pk_bhxh_numbers")),
        sa.UniqueConstraint(
            "office_code",
            "year",
            "sequence",
            name=op.f("uq_bhxh_numbers_office_code_year_sequence"),
        ),
    )
    with op.batch_alter_table("offices") as batch:
        batch.add_column(
            sa.Column("bhxh_code", sa.String(length=10), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("offices") as batch:
        batch.drop_column("bhxh_code")
    op.drop_table("bhxh_numbers")
    op.drop_table("serial_days")
