"""life events from the health sector: portal clients, office areas, events

Revision ID: 0002_life_events
Revises: 0001
Create Date: 2026-12-02 14:40:00

Birth certificates and death notices posted by the health-insurance portal (its own
client type), matched to the register and routed to the office whose area covers the
family's residence (``central/life_events``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_life_events"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "portal_clients",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portal_clients")),
    )
    op.create_table(
        "office_areas",
        sa.Column("office_code", sa.String(length=40), nullable=False),
        sa.Column("area", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_code"], ["offices.code"], name=op.f("fk_office_areas_office_code_offices")
        ),
        sa.PrimaryKeyConstraint("office_code", "area", name=op.f("pk_office_areas")),
    )
    op.create_table(
        "life_events",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("event_type", sa.String(length=10), nullable=False),
        sa.Column("certificate_number", sa.String(length=40), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("match_state", sa.String(length=12), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("match", sa.JSON(), nullable=False),
        sa.Column("office_code", sa.String(length=40), nullable=True),
        sa.Column("routed_by", sa.String(length=20), nullable=False),
        sa.Column("procedure_codes", sa.JSON(), nullable=False),
        sa.Column("filing_deadline", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("closed_dossier_code", sa.String(length=60), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["portal_clients.id"],
            name=op.f("fk_life_events_client_id_portal_clients"),
        ),
        sa.ForeignKeyConstraint(
            ["office_code"], ["offices.code"], name=op.f("fk_life_events_office_code_offices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_life_events")),
        sa.UniqueConstraint(
            "event_type",
            "certificate_number",
            name=op.f("uq_life_events_event_type_certificate_number"),
        ),
    )
    op.create_index(op.f("ix_life_events_match_state"), "life_events", ["match_state"])
    op.create_index(op.f("ix_life_events_office_code"), "life_events", ["office_code"])


def downgrade() -> None:
    op.drop_table("life_events")
    op.drop_table("office_areas")
    op.drop_table("portal_clients")
