"""admin tokens expire; counters' access-log chain heads and the alerts they raise

Revision ID: 0007_ingest
Revises: 0002_sync_ownership
Create Date: 2026-12-07 16:30:00
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0007_ingest"
down_revision = "0002_sync_ownership"
branch_labels = None
depends_on = None

# Tokens minted before expiry existed stay usable for one default lifetime from now.
_GRACE = dt.timedelta(hours=12)


def upgrade() -> None:
    with op.batch_alter_table("admin_tokens") as batch:
        batch.add_column(sa.Column("expires_at", sa.DateTime(), nullable=True))
    tokens = sa.table("admin_tokens", sa.column("expires_at", sa.DateTime()))
    grace = (dt.datetime.now(dt.UTC) + _GRACE).replace(tzinfo=None)
    op.execute(tokens.update().where(tokens.c.expires_at.is_(None)).values(expires_at=grace))
    op.create_table(
        "device_audit_heads",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("count", sa.BigInteger(), nullable=False),
        sa.Column("reported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "seq", name=op.f("pk_device_audit_heads")),
    )
    op.create_table(
        "audit_alerts",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("detail", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_alerts")),
    )
    op.create_index(op.f("ix_audit_alerts_device_id"), "audit_alerts", ["device_id"])
    op.create_index(op.f("ix_audit_alerts_office_code"), "audit_alerts", ["office_code"])


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_alerts_office_code"), table_name="audit_alerts")
    op.drop_index(op.f("ix_audit_alerts_device_id"), table_name="audit_alerts")
    op.drop_table("audit_alerts")
    op.drop_table("device_audit_heads")
    with op.batch_alter_table("admin_tokens") as batch:
        batch.drop_column("expires_at")
