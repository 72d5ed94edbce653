"""sync: the feed's epoch (a restore makes counters resync); who looked up, and why

Revision ID: 0002_sync_ownership
Revises: 0002_register_check
Create Date: 2026-12-02 14:50:00
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0002_sync_ownership"
down_revision = "0002_register_check"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feed_epoch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("epoch", sa.String(length=36), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_epoch")),
    )
    # Created here, once, so concurrent first pulls never race to create it.
    epoch = sa.table(
        "feed_epoch",
        sa.column("id", sa.Integer()),
        sa.column("epoch", sa.String()),
        sa.column("started_at", sa.DateTime()),
        sa.column("reason", sa.String()),
    )
    op.bulk_insert(
        epoch,
        [
            {
                "id": 1,
                "epoch": str(uuid.uuid4()),
                "started_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
                "reason": "schema created",
            }
        ],
    )

    with op.batch_alter_table("access_log") as batch:
        batch.add_column(sa.Column("officer_id", sa.String(length=36), nullable=True))
        batch.add_column(
            sa.Column("purpose", sa.String(length=200), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("access_log") as batch:
        batch.drop_column("purpose")
        batch.drop_column("officer_id")
    op.drop_table("feed_epoch")
